'use strict';
/**
 * The pieces of `npm start` (scripts/demo.js) that e2e/lib does not have yet. Everything else
 * (Node 22 + n8n install, the n8n CLI and server, the simulator, the catcher) is required from
 * e2e/lib as is.
 *   - installPackage(): `npm pack` of the repository unpacked into <user folder>/.n8n/nodes, as
 *     e2e/run.js does (that function lives in run.js, which runs the suite when required);
 *   - printAlerts(): prints what the catcher (e2e/lib/catcher.js) receives, as it arrives;
 *   - CallStream: a simulated call every few seconds on the AMI simulator: answered and busy
 *     calls placed with Originate to Local channels (the simulator runs them and emits their real
 *     events), and a queue caller who hangs up before an agent answers (QueueCallerJoin →
 *     QueueCallerAbandon → QueueCallerLeave → Hangup, emitted as Asterisk 22 sends them).
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { cleanEnv, ROOT_DIR } = require('../../e2e/lib/toolchain');

/** The package as users get it: `npm pack`, unpacked into <user folder>/.n8n/nodes/node_modules. */
function installPackage(userFolder, workDir) {
	const packed = spawnSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', workDir], {
		cwd: ROOT_DIR,
		env: cleanEnv(path.dirname(path.dirname(process.execPath))),
		encoding: 'utf8',
	});
	if (packed.status !== 0) throw new Error(`npm pack failed:\n${packed.stderr}`);
	const [{ filename, files }] = JSON.parse(packed.stdout);
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const target = path.join(nodesDir, 'node_modules', 'n8n-nodes-asterisk');
	fs.mkdirSync(target, { recursive: true });
	const untar = spawnSync('tar', ['-xzf', path.join(workDir, path.basename(filename)), '-C', target, '--strip-components=1']);
	if (untar.status !== 0) throw new Error(`tar failed: ${untar.stderr}`);
	const manifest = { name: 'installed-nodes', private: true, dependencies: { 'n8n-nodes-asterisk': `file:${path.basename(filename)}` } };
	fs.writeFileSync(path.join(nodesDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
	return { tarball: path.basename(filename), fileCount: files.length, target };
}

/** Print every request the catcher gets (the stand-in for Slack), as it arrives. */
function printAlerts(catcher, print) {
	let seen = 0;
	const timer = setInterval(() => {
		while (seen < catcher.received.length) {
			const request = catcher.received[seen++];
			const text = request.json && typeof request.json.text === 'string' ? request.json.text : request.text;
			print(text);
		}
	}, 200);
	timer.unref();
	return () => clearInterval(timer);
}

const CALLERS = [
	['Alice', '1001'],
	['Bob', '1002'],
	['Carol', '1003'],
	['Dave', '1004'],
	['Erin', '1005'],
];

/** The kinds of call the stream cycles through (an abandon and a busy callee in every four). */
const PATTERN = ['answered', 'abandon', 'answered', 'busy'];

class CallStream {
	/**
	 * @param simulator an e2e/lib/simulator.js Simulator (started)
	 * @param ami an AmiClient class (dist/nodes/Asterisk/core/ami) used to Originate
	 */
	constructor({ simulator, AmiClient, intervalMs = 8000, print = console.log }) {
		this.simulator = simulator;
		this.AmiClient = AmiClient;
		this.intervalMs = intervalMs;
		this.print = print;
		this.count = 0;
		this.timers = new Set();
		this.client = undefined;
		this.stopped = false;
	}

	async start() {
		this.client = new this.AmiClient({
			host: '127.0.0.1',
			port: this.simulator.port,
			username: 'admin',
			secret: 'adminpw',
			authType: 'md5',
			events: 'off',
			keepaliveIntervalMs: 0,
			reconnect: false,
		});
		await this.client.connect();
		this.later(1500, () => this.next());
	}

	later(ms, fn) {
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			if (!this.stopped) fn();
		}, ms);
		this.timers.add(timer);
	}

	next() {
		const n = ++this.count;
		const kind = PATTERN[(n - 1) % PATTERN.length];
		const [name, number] = CALLERS[(n - 1) % CALLERS.length];
		const run = kind === 'abandon' ? this.abandon(n, name, number) : this.originate(n, kind, name, number);
		run.catch((error) => this.print(`call #${n}: ${error.message}`));
		this.later(this.intervalMs, () => this.next());
	}

	/** Originate a Local channel into the simulator's `calls` context: it rings, then answers or is busy. */
	async originate(n, kind, name, number) {
		const exten = kind === 'busy' ? 'agentbusy' : 'agent';
		this.print(
			kind === 'busy'
				? `call #${n}: ${name} <${number}> calls an agent who is busy (Hangup cause 17 → an alert)`
				: `call #${n}: ${name} <${number}> calls an agent: rings 2 s, talks 3 s, normal clearing`,
		);
		await this.client.action(
			'Originate',
			{ Channel: `Local/${exten}@calls`, Application: 'Wait', Data: '6', CallerID: `"${name}" <${number}>`, Async: 'true' },
			{ timeoutMs: 10000 },
		);
	}

	/** A caller waits in the `support` queue, then hangs up before any agent answers. */
	async abandon(n, name, number) {
		const holdSeconds = 3 + (n % 4);
		this.print(`call #${n}: ${name} <${number}> waits in queue support, hangs up after ${holdSeconds} s (QueueCallerAbandon → an alert)`);
		const uniqueid = `${Math.floor(Date.now() / 1000)}.${9000 + n}`;
		const channel = `PJSIP/${number}-${(0x100 + n).toString(16).padStart(8, '0')}`;
		const base = (state, stateDesc) => [
			['Channel', channel],
			['ChannelState', state],
			['ChannelStateDesc', stateDesc],
			['CallerIDNum', number],
			['CallerIDName', name],
			['ConnectedLineNum', '<unknown>'],
			['ConnectedLineName', '<unknown>'],
			['Language', 'en'],
			['AccountCode', ''],
			['Context', 'from-external'],
			['Exten', '500'],
		];
		const tail = (priority) => [
			['Priority', String(priority)],
			['Uniqueid', uniqueid],
			['Linkedid', uniqueid],
		];
		const emit = (event, privilege, headers) => this.simulator.emit([['Event', event], ['Privilege', privilege], ...headers]);
		emit('Newchannel', 'call,all', [...base('4', 'Ring'), ...tail(1)]);
		emit('Newstate', 'call,all', [...base('6', 'Up'), ...tail(1)]);
		emit('QueueCallerJoin', 'agent,all', [...base('6', 'Up'), ...tail(2), ['Queue', 'support'], ['Position', '1'], ['Count', '1']]);
		this.later(holdSeconds * 1000, () => {
			emit('QueueCallerAbandon', 'agent,all', [
				...base('6', 'Up'),
				...tail(2),
				['Queue', 'support'],
				['Position', '1'],
				['OriginalPosition', '1'],
				['HoldTime', String(holdSeconds)],
			]);
			emit('QueueCallerLeave', 'agent,all', [...base('6', 'Up'), ...tail(2), ['Queue', 'support'], ['Count', '0'], ['Position', '1']]);
			emit('Hangup', 'call,all', [...base('6', 'Up'), ...tail(2), ['Cause', '16'], ['Cause-txt', 'Normal Clearing']]);
		});
	}

	async stop() {
		this.stopped = true;
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
		if (this.client) await this.client.close().catch(() => undefined);
	}
}

module.exports = { installPackage, printAlerts, CallStream };
