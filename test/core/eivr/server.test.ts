/**
 * The listener: allowlist, session limit, idle timeout, clean close.
 */
import { connect } from 'node:net';
import { Allowlist, DEFAULT_EIVR_PORT, IvrError, IvrServer } from '../../../nodes/Asterisk/core/eivr';
import type { IvrRefusalReason, IvrSession } from '../../../nodes/Asterisk/core/eivr';
import { call, closeAll, pair, startServer } from './helpers';

afterEach(closeAll);

function nextRefusal(server: IvrServer): Promise<{ remoteAddress: string; reason: IvrRefusalReason }> {
	return new Promise((resolve) => server.once('refused', resolve));
}

describe('Allowlist', () => {
	const list = new Allowlist(['10.0.0.0/8', '192.0.2.7', 'fd00::/8', '::1']);
	it.each([
		['10.1.2.3', true],
		['::ffff:10.1.2.3', true],
		['11.0.0.1', false],
		['192.0.2.7', true],
		['192.0.2.8', false],
		['fd12::1', true],
		['fe80::1', false],
		['::1', true],
		['', false],
		['not-an-ip', false],
	])('%s → %s', (address, allowed) => {
		expect(list.allows(address)).toBe(allowed);
	});

	it('"*" allows everyone', () => {
		expect(new Allowlist(['*']).allows('203.0.113.9')).toBe(true);
	});

	it.each(['10.0.0.0/33', 'example.com', '10.0.0.1/8/1', '::1/200', '10.0.0.0/x'])('refuses the entry %s, naming it', (entry) => {
		expect(() => new Allowlist([entry])).toThrow(entry);
	});
});

describe('IvrServer', () => {
	it('listens on 2949 unless told otherwise', () => {
		expect(DEFAULT_EIVR_PORT).toBe(2949);
	});

	it('closes a connection from outside the allowlist at once, without a session', async () => {
		const { server, port } = await startServer({ allow: ['127.0.0.2'] });
		const sessions: IvrSession[] = [];
		server.on('session', (session) => sessions.push(session));
		const refusal = nextRefusal(server);
		const caller = await call(server, port);
		expect(await refusal).toEqual({ remoteAddress: '127.0.0.1', reason: 'notAllowed' });
		await caller.ended;
		expect(caller.endedBy).toBe('serverClosed');
		expect(caller.chunks).toEqual([]);
		expect(sessions).toEqual([]);
	});

	it('accepts a connection from an allowed CIDR', async () => {
		const { server, port } = await startServer({ allow: ['127.0.0.0/30'] });
		const accepted = new Promise<IvrSession>((resolve) => server.once('session', resolve));
		await call(server, port, { localAddress: '127.0.0.2' });
		const session = await accepted;
		expect(session.remoteAddress).toBe('127.0.0.2');
		expect(await session.getParams()).toMatchObject({ args: ['arg1', 'arg2'] });
	});

	it('allows loopback only by default', async () => {
		expect(() => new IvrServer({ allow: ['bogus'] })).toThrow(RangeError);
		const { session } = await pair();
		expect(session.remoteAddress).toBe('127.0.0.1');
	});

	it('sends E to a call over maxSessions, so its dialplan continues', async () => {
		const { server, port } = await startServer({ maxSessions: 1 });
		const first = new Promise<IvrSession>((resolve) => server.once('session', resolve));
		await call(server, port);
		await first;
		const refusal = nextRefusal(server);
		const second = await call(server, port);
		expect((await refusal).reason).toBe('tooManySessions');
		await second.ended;
		expect(second.received).toEqual(['E,too many sessions']);
		expect(second.endedBy).toBe('exit');
		expect(server.sessions.size).toBe(1);
	});

	it('ends an idle session with E (the dialplan continues)', async () => {
		const { session, caller } = await pair({ idleTimeoutMs: 150 });
		expect(await session.closed).toEqual({ reason: 'idle' });
		expect(caller.received).toEqual(['E,idle timeout']);
		expect(caller.endedBy).toBe('exit');
	});

	it('close() sends E to every live call and resolves when all sockets are gone', async () => {
		const { server, port } = await startServer();
		const sessions: IvrSession[] = [];
		server.on('session', (session) => sessions.push(session));
		const callers = [await call(server, port), await call(server, port)];
		while (sessions.length < 2) await new Promise((resolve) => setImmediate(resolve));
		await server.close();
		for (const caller of callers) {
			expect(caller.received).toEqual(['E,server closing']);
			expect(caller.endedBy).toBe('exit');
		}
		expect(await Promise.all(sessions.map((session) => session.closed))).toEqual([{ reason: 'exit' }, { reason: 'exit' }]);
		expect(server.sessions.size).toBe(0);
		expect(server.address()).toBeUndefined();
	});

	it('close() destroys a peer that never answers, after closeTimeoutMs', async () => {
		const { server, port } = await startServer({ closeTimeoutMs: 100 });
		const accepted = new Promise<IvrSession>((resolve) => server.once('session', resolve));
		const mute = connect({ port, host: '127.0.0.1' });
		mute.on('error', () => undefined);
		mute.on('end', () => undefined); // reads nothing back, never closes on its own
		const muteClosed = new Promise((resolve) => mute.on('close', resolve));
		const session = await accepted;
		const started = Date.now();
		await server.close();
		expect(Date.now() - started).toBeLessThan(2000);
		expect((await session.closed).reason).toBe('exit');
		mute.destroy();
		await muteClosed;
	});

	it('reports a port in use as an IvrError', async () => {
		const { port } = await startServer();
		const second = new IvrServer({ port });
		await expect(second.listen()).rejects.toMatchObject({ code: 'LISTEN' });
		await expect(second.listen()).rejects.toBeInstanceOf(IvrError);
		await second.close();
	});
});
