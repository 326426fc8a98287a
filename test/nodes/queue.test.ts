/** Queue operations against the simulator's `support` queue. */
import type { AmiSimulator } from '../simulator/ami';
import { credentialsFor, run, sent, startSimulator, tearDown } from './harness';

let simulator: AmiSimulator;

beforeEach(async () => {
	simulator = await startSimulator({
		queues: [
			{ name: 'support', strategy: 'ringall', members: [{ interface: 'PJSIP/alice', name: 'Alice', membership: 'dynamic' }] },
			{ name: 'sales', strategy: 'rrmemory' },
		],
	});
});

afterEach(async () => {
	await tearDown(simulator);
});

const queue = { resource: 'queue' };

describe('Queue', () => {
	test('Add member with name, penalty, paused and reason; a second add is Asterisk\'s "Already there"', async () => {
		const parameters = {
			...queue,
			operation: 'addMember',
			queue: 'support',
			interface: 'Local/200@park-test',
			additionalFields: { memberName: 'Agent200', penalty: 1, paused: false, stateInterface: 'PJSIP/200' },
		};
		const output = await run(simulator, parameters);
		expect(output).toEqual([{ json: { Response: 'Success', Message: 'Added interface to queue' }, pairedItem: { item: 0 } }]);
		expect(sent(simulator, 'QueueAdd')).toEqual([
			{ Queue: 'support', Interface: 'Local/200@park-test', MemberName: 'Agent200', Penalty: '1', Paused: 'false', StateInterface: 'PJSIP/200' },
		]);
		await expect(run(simulator, parameters)).rejects.toThrow('Asterisk refused QueueAdd: Unable to add interface: Already there [item 0]');
	});

	test('Add member to a queue that does not exist', async () => {
		const output = await run(
			simulator,
			{ ...queue, operation: 'addMember', queue: 'nosuchqueue', interface: 'PJSIP/bob' },
			{ continueOnFail: true },
		);
		expect(output[0].json).toMatchObject({ error: 'Asterisk refused QueueAdd: Unable to add interface to queue: No such queue', code: 'ACTION_FAILED' });
	});

	test('Remove member', async () => {
		const output = await run(simulator, { ...queue, operation: 'removeMember', queue: 'support', interface: 'PJSIP/alice' });
		expect(output[0].json).toEqual({ Response: 'Success', Message: 'Removed interface from queue' });
		await expect(run(simulator, { ...queue, operation: 'removeMember', queue: 'support', interface: 'PJSIP/alice' })).rejects.toThrow(
			'Unable to remove interface: Not there',
		);
	});

	test('Pause with a reason, then unpause; the status shows it', async () => {
		await run(simulator, { ...queue, operation: 'pauseMember', interface: 'PJSIP/alice', queue: 'support', reason: 'lunch' });
		expect(sent(simulator, 'QueuePause')).toEqual([{ Interface: 'PJSIP/alice', Paused: 'true', Queue: 'support', Reason: 'lunch' }]);
		let status = await run(simulator, { ...queue, operation: 'status', queue: 'support' });
		expect(status).toHaveLength(1);
		expect(status[0].json).toMatchObject({ type: 'member', Event: 'QueueMember', Queue: 'support', Name: 'Alice', Paused: '1', PausedReason: 'lunch' });

		await run(simulator, { ...queue, operation: 'pauseMember', interface: 'PJSIP/alice', paused: false });
		expect(sent(simulator, 'QueuePause')[1]).toEqual({ Interface: 'PJSIP/alice', Paused: 'false' });
		status = await run(simulator, { ...queue, operation: 'status', queue: 'support' });
		expect(status[0].json.Paused).toBe('0');
	});

	test('Set penalty', async () => {
		const output = await run(simulator, { ...queue, operation: 'setPenalty', interface: 'PJSIP/alice', penalty: 3, queue: 'support' });
		expect(output[0].json.Response).toBe('Success');
		expect(sent(simulator, 'QueuePenalty')).toEqual([{ Interface: 'PJSIP/alice', Penalty: '3', Queue: 'support' }]);
		const status = await run(simulator, { ...queue, operation: 'status', queue: 'support', member: 'PJSIP/alice' });
		expect(status[0].json.Penalty).toBe('3');
	});

	test('Status: one item per member (and per queue with parameters on), paired with the input item', async () => {
		await run(simulator, { ...queue, operation: 'addMember', queue: 'support', interface: 'PJSIP/bob' });
		const members = await run(simulator, { ...queue, operation: 'status' }, { itemCount: 2 });
		expect(members.map((item) => [item.json.type, item.json.Location, item.pairedItem])).toEqual([
			['member', 'PJSIP/alice', { item: 0 }],
			['member', 'PJSIP/bob', { item: 0 }],
			['member', 'PJSIP/alice', { item: 1 }],
			['member', 'PJSIP/bob', { item: 1 }],
		]);
		const withParams = await run(simulator, { ...queue, operation: 'status', includeParams: true });
		expect(withParams.map((item) => [item.json.type, item.json.Queue])).toEqual([
			['queue', 'support'],
			['member', 'support'],
			['member', 'support'],
			['queue', 'sales'],
		]);
		expect(withParams[0].json).not.toHaveProperty('ActionID');
	});

	test('Status: one item per waiting caller (QueueEntry), after the members', async () => {
		simulator.queues.addCaller('support', { channel: 'PJSIP/carol-00000001', callerIdNum: '5551000', callerIdName: 'Carol', wait: 30 });
		const second = simulator.queues.addCaller('support', { channel: 'PJSIP/dave-00000002', priority: 2 });
		const output = await run(simulator, { ...queue, operation: 'status', queue: 'support' });
		expect(output.map((item) => [item.json.type, item.json.Event])).toEqual([
			['member', 'QueueMember'],
			['caller', 'QueueEntry'],
			['caller', 'QueueEntry'],
		]);
		expect(output[1].json).toMatchObject({
			type: 'caller',
			Queue: 'support',
			Position: '1',
			Channel: 'PJSIP/carol-00000001',
			CallerIDNum: '5551000',
			CallerIDName: 'Carol',
			Wait: '30',
			Priority: '0',
		});
		expect(output[2].json).toMatchObject({ Position: '2', Channel: 'PJSIP/dave-00000002', Uniqueid: second.uniqueid, CallerIDNum: 'unknown', Priority: '2' });
		expect(output.every((item) => item.pairedItem !== undefined && !('ActionID' in item.json))).toBe(true);
		const withParams = await run(simulator, { ...queue, operation: 'status', queue: 'support', includeParams: true });
		expect(withParams[0].json).toMatchObject({ type: 'queue', Calls: '2' });
		const summary = await run(simulator, { ...queue, operation: 'summary', queue: 'support' });
		expect(summary[0].json).toMatchObject({ Callers: '2', LongestHoldTime: '30' });
		// A caller who hangs up leaves the queue.
		await run(simulator, { resource: 'call', operation: 'hangup', channel: 'PJSIP/carol-00000001' });
		const after = await run(simulator, { ...queue, operation: 'status', queue: 'support' });
		expect(after.filter((item) => item.json.type === 'caller').map((item) => [item.json.Position, item.json.Channel])).toEqual([['1', 'PJSIP/dave-00000002']]);
	});

	test('Summary: one item per queue', async () => {
		const output = await run(simulator, { ...queue, operation: 'summary' });
		expect(output.map((item) => [item.json.Event, item.json.Queue, item.json.LoggedIn])).toEqual([
			['QueueSummary', 'support', '1'],
			['QueueSummary', 'sales', '0'],
		]);
		const one = await run(simulator, { ...queue, operation: 'summary', queue: 'sales' });
		expect(one).toHaveLength(1);
	});

	test('Log entry', async () => {
		const output = await run(simulator, {
			...queue,
			operation: 'log',
			queue: 'support',
			event: 'CRMNOTE',
			uniqueid: '1795404720.0',
			interface: 'PJSIP/alice',
			message: 'ticket 42',
		});
		expect(output[0].json.Response).toBe('Success');
		expect(sent(simulator, 'QueueLog')).toEqual([
			{ Queue: 'support', Event: 'CRMNOTE', Uniqueid: '1795404720.0', Interface: 'PJSIP/alice', Message: 'ticket 42' },
		]);
	});

	test('a user without the agent class is told to add it', async () => {
		await expect(
			run(simulator, { ...queue, operation: 'removeMember', queue: 'support', interface: 'PJSIP/alice' }, { credentials: credentialsFor(simulator, 'limited') }),
		).rejects.toThrow('Permission denied for QueueRemove [item 0]');
	});
});
