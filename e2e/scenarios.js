'use strict';
/**
 * The scenarios. Each takes the suite's context { n8n, simulator, catcher, pkg, log, importDir,
 * userFolder, state } and throws (node:assert) on failure.
 *
 * Workflows come from examples/ (as users import them) and e2e/workflows/; the suite only sets
 * their ids and points the Slack URL at the local catcher. Every example and workflow refers to
 * the credential { id: 'asteriskAmiExample', name: 'Asterisk AMI account' }, which the suite
 * imports with the simulator's port.
 */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { ROOT_DIR } = require('./lib/toolchain');
const { parseExecuteOutput } = require('./lib/n8n');
const { loadSimulatorModule, loadTs } = require('./lib/simulator');
const { freePort, request, sleep, waitFor } = require('./lib/util');

const CREDENTIAL = { id: 'asteriskAmiExample', name: 'Asterisk AMI account' };
const OWNER = { email: 'owner@e2e.invalid', firstName: 'E2E', lastName: 'Owner', password: 'E2e-Passw0rd!' };
const BROWSER_ID = 'n8n-nodes-asterisk-e2e';
const SLACK_URL = 'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX';

const WORKFLOWS = {
	manual: 'e2eManualActions',
	crm: 'e2eCrmCallback',
	agent: 'e2eAgentLoginPause',
	alert: 'e2eAbandonAlert',
	ivr: 'e2eIvrMinimalMenu',
	summary: 'e2eCallSummaryToCrm',
	scheduleClosed: 'e2eIvrScheduleClosed',
	scheduleOpen: 'e2eIvrScheduleOpen',
	submenu: 'e2eIvrSubmenu',
	fallbacks: 'e2eIvrFallbacks',
};
const CRM_URL = 'https://crm.example.com/api/calls';

// The IVR example's credential, and the token the simulated Asterisk passes first in its arguments.
const IVR_CREDENTIAL = { id: 'asteriskExternalIvrExample', name: 'Asterisk ExternalIVR account' };
const IVR_TOKEN = 'e2e-ivr-token-0123456789abcdef';
const SOUNDS = '/var/lib/wazo/sounds/ivr-sounds';
const WELCOME = `${SOUNDS}/ivr-example-welcome-sound`;
const CHOICES = `${SOUNDS}/ivr-example-choices`;
const INVALID = `${SOUNDS}/ivr-example-invalid-choice`;
const ERROR = `${SOUNDS}/ivr-example-error`;
const SUBMENU = `${SOUNDS}/ivr-example-submenu-choices`;
const CLOSED = `${SOUNDS}/ivr-example-closed`;
/**
 * The files the simulated Asterisk can play, and how long each plays (ms). Long enough that a key
 * pressed as soon as a prompt is queued always lands while something plays (barge-in: `I,0`).
 */
const WAZO_FILES = { [WELCOME]: 600, [CHOICES]: 300, [INVALID]: 400, [ERROR]: 150, [SUBMENU]: 300, [CLOSED]: 150 };

function simulatorOptions() {
	// The captures' dialplan plus the context the examples dial into; calls run 100x faster.
	const { DEFAULT_DIALPLAN } = loadSimulatorModule('defaults');
	return {
		timeScale: 0.01,
		dialplan: {
			...DEFAULT_DIALPLAN,
			'from-internal': { '5551234': [['Answer', ''], ['Wait', '5'], ['Hangup', '']] },
		},
	};
}

/** The node type names package.json registers: dist/nodes/Asterisk/AsteriskTrigger.node.js → asteriskTrigger. */
function registeredTypes(pkg) {
	const typeName = (file, suffix) => {
		const base = path.basename(file).replace(suffix, '');
		return base.charAt(0).toLowerCase() + base.slice(1);
	};
	return {
		nodes: pkg.n8n.nodes.map((file) => typeName(file, /\.node\.js$/)),
		credentials: pkg.n8n.credentials.map((file) => typeName(file, /\.credentials\.js$/)),
	};
}

function hasTrigger(pkg) {
	return registeredTypes(pkg).nodes.includes('asteriskTrigger');
}

function hasIvr(pkg) {
	const { nodes, credentials } = registeredTypes(pkg);
	return nodes.includes('asteriskIvrTrigger') && nodes.includes('asteriskIvr') && credentials.includes('asteriskExternalIvrApi');
}

function readJson(file) {
	return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function example(name, id, edit = (wf) => wf) {
	const workflow = readJson(path.join(ROOT_DIR, 'examples', name));
	return edit({ ...workflow, id, active: false });
}

/** Headers of an action as the simulator parsed them, without the ones the client adds. */
function headersOf(action) {
	const { Action: _action, ...rest } = action;
	return rest;
}

// ---------------------------------------------------------------------------------------------

async function importAll(ctx) {
	const { n8n, simulator, catcher, importDir, pkg } = ctx;
	const credentials = [
		{
			...CREDENTIAL,
			type: 'asteriskAmiApi',
			data: { host: '127.0.0.1', port: simulator.port, username: 'admin', secret: 'adminpw', authType: 'md5', tls: false, connectTimeout: 10000 },
		},
	];
	fs.writeFileSync(path.join(importDir, 'credentials.json'), JSON.stringify(credentials, null, 2));

	const workflowsDir = path.join(importDir, 'workflows');
	fs.mkdirSync(workflowsDir);
	const workflows = [
		readJson(path.join(__dirname, 'workflows', 'manual-actions.json')),
		example('crm-callback.json', WORKFLOWS.crm),
		example('agent-login-pause.json', WORKFLOWS.agent),
	];
	if (hasTrigger(pkg)) {
		workflows.push(
			example('queue-abandon-alert.json', WORKFLOWS.alert, (wf) => {
				const slack = wf.nodes.find((node) => node.parameters.url === SLACK_URL);
				assert.ok(slack, 'examples/queue-abandon-alert.json has no HTTP Request node posting to the Slack URL');
				slack.parameters.url = `${catcher.url}/slack`;
				return wf;
			}),
			example('call-summary-to-crm.json', WORKFLOWS.summary, (wf) => {
				const crm = wf.nodes.find((node) => node.parameters.url === CRM_URL);
				assert.ok(crm, `examples/call-summary-to-crm.json has no HTTP Request node posting to ${CRM_URL}`);
				crm.parameters.url = `${catcher.url}/crm`;
				return wf;
			}),
		);
	}
	if (hasIvr(pkg)) {
		// The example as users import it; only its port (a free one) and bind address (loopback) change.
		ctx.state.ivrPort = await freePort();
		ctx.state.ivrPorts = {};
		credentials.push({ ...IVR_CREDENTIAL, type: 'asteriskExternalIvrApi', data: { token: IVR_TOKEN } });
		/** An IVR example on a free port of its own, bound to the loopback; `edit` changes the rest. */
		const ivrExample = async (file, id, edit = (wf) => wf) => {
			const port = id === WORKFLOWS.ivr ? ctx.state.ivrPort : await freePort();
			ctx.state.ivrPorts[id] = port;
			return example(file, id, (wf) => {
				const trigger = wf.nodes.find((node) => node.type === 'n8n-nodes-asterisk.asteriskIvrTrigger');
				assert.ok(trigger, `examples/${file} has no Asterisk IVR Trigger`);
				assert.deepEqual(trigger.credentials.asteriskExternalIvrApi, IVR_CREDENTIAL, `examples/${file} refers to another credential`);
				trigger.parameters.port = port;
				trigger.parameters.bindAddress = '127.0.0.1';
				return edit(wf);
			});
		};
		/** The schedule example with its "Opening hours" fields set: closed all week, or open all the time. */
		const hours = (values) => (wf) => {
			const node = wf.nodes.find((n) => n.name === 'Opening hours');
			assert.ok(node, 'examples/ivr-schedule.json has no "Opening hours" node');
			for (const [name, value] of Object.entries(values)) {
				const field = node.parameters.assignments.assignments.find((a) => a.name === name);
				assert.ok(field, `"Opening hours" has no field ${name}`);
				field.value = value;
			}
			return wf;
		};
		workflows.push(
			await ivrExample('ivr-minimal-menu.json', WORKFLOWS.ivr),
			await ivrExample('ivr-schedule.json', WORKFLOWS.scheduleClosed, hours({ openDays: '' })),
			await ivrExample('ivr-schedule.json', WORKFLOWS.scheduleOpen, hours({ openDays: '1,2,3,4,5,6,7', openFrom: '00:00', openUntil: '24:00', closedDates: '' })),
			await ivrExample('ivr-submenu.json', WORKFLOWS.submenu),
		);
		// e2e/workflows/ivr-fallbacks.json: the fallbacks (turn timeout 2 s), on a free port of its own.
		const fallbacks = readJson(path.join(__dirname, 'workflows', 'ivr-fallbacks.json'));
		assert.equal(fallbacks.id, WORKFLOWS.fallbacks);
		const fallbackTrigger = fallbacks.nodes.find((node) => node.type === 'n8n-nodes-asterisk.asteriskIvrTrigger');
		ctx.state.ivrPorts[WORKFLOWS.fallbacks] = fallbackTrigger.parameters.port = await freePort();
		fallbackTrigger.parameters.bindAddress = '127.0.0.1';
		workflows.push(fallbacks);
		fs.writeFileSync(path.join(importDir, 'credentials.json'), JSON.stringify(credentials, null, 2));
	}
	for (const wf of workflows) fs.writeFileSync(path.join(workflowsDir, `${wf.id}.json`), JSON.stringify(wf, null, 2));

	await n8n.cliOk(['import:credentials', `--input=${path.join(importDir, 'credentials.json')}`]);
	await n8n.cliOk(['import:workflow', '--separate', `--input=${workflowsDir}`]);
	ctx.state.activeWorkflows = workflows.filter((wf) => wf.id !== WORKFLOWS.manual).map((wf) => wf.id);
}

async function manualActions({ n8n, simulator, log }) {
	const before = simulator.actions().length;
	const result = await n8n.cli(['execute', `--id=${WORKFLOWS.manual}`, '--rawOutput']);
	const run = parseExecuteOutput(result.stdout);
	if (!run) {
		const errors = fs.readFileSync(result.log, 'utf8').split('\n').filter((line) => /\berror\b/.test(line)).slice(-3);
		assert.fail(`n8n execute printed no run data (exit ${result.code ?? result.signal}; log: ${result.log})\n${errors.join('\n')}`);
	}
	if (result.code !== 0) log(`n8n execute exited with ${result.code ?? result.signal} after printing a finished run (judged by its status)`);
	assert.equal(run.status, 'success', `execution status ${run.status}: ${JSON.stringify(run.data.resultData.error ?? null)}`);
	const runData = run.data.resultData.runData;
	const output = (node) => {
		assert.ok(runData[node], `node "${node}" did not run`);
		const [task] = runData[node];
		assert.equal(task.executionStatus ?? 'success', 'success', `node "${node}": ${JSON.stringify(task.error ?? null)}`);
		return task.data.main[0].map((item) => item.json);
	};
	const sent = (name) => simulator.actions().slice(before).filter((a) => a.Action.toLowerCase() === name.toLowerCase()).map(headersOf);

	// Originate: the headers Asterisk saw, and the OriginateResponse in the item.
	assert.deepEqual(sent('Originate'), [
		{
			Channel: 'PJSIP/200',
			Context: 'from-internal',
			Exten: '5551234',
			Priority: '1',
			Timeout: '15000',
			CallerID: '"E2E Test" <5551234>',
			Account: 'e2e',
			Variable: ['CRM_TICKET=T-42', 'NOTE=a, b'],
			Async: 'true',
		},
	]);
	const [originated] = output('Originate');
	assert.equal(output('Originate').length, 1);
	assert.equal(originated.success, true);
	assert.equal(originated.reason, 4);
	assert.equal(originated.reasonText, 'Answered');
	assert.equal(originated.Event, 'OriginateResponse');
	assert.equal(originated.Response, 'Success');
	assert.match(String(originated.uniqueid), /^\d+\.\d+$/);
	assert.match(String(originated.channel), /^PJSIP\/200-[0-9a-f]{8}$/);

	// Setvar (global).
	assert.deepEqual(sent('Setvar'), [{ Variable: 'LEAD_ID', Value: '42' }]);
	assert.equal(output('Set Variable')[0].Response, 'Success');

	// QueueAdd.
	assert.deepEqual(sent('QueueAdd'), [{ Queue: 'support', Interface: 'PJSIP/alice', MemberName: 'Alice', Penalty: '2' }]);
	assert.equal(output('Add Queue Member')[0].Response, 'Success');

	// QueueStatus: an event list, one item per member; Alice is there now.
	assert.deepEqual(sent('QueueStatus'), [{ Queue: 'support' }]);
	const members = output('Queue Status');
	assert.equal(members.length, 1, `QueueStatus items: ${JSON.stringify(members)}`);
	assert.equal(members[0].type, 'member');
	assert.equal(members[0].Queue, 'support');
	assert.equal(members[0].Name, 'Alice');
	assert.equal(members[0].Location ?? members[0].Interface, 'PJSIP/alice');
	assert.equal(members[0].Penalty, '2');
}

async function startServer(ctx) {
	const { n8n, state } = ctx;
	// Every imported workflow active but the manual one: two CLI calls (each takes 2-4 s) whatever their number.
	await n8n.cliOk(['update:workflow', '--all', '--active=true']);
	await n8n.cliOk(['update:workflow', `--id=${WORKFLOWS.manual}`, '--active=false']);
	await n8n.start();
	const setup = await request(`${n8n.baseUrl}/rest/owner/setup`, { method: 'POST', body: OWNER, headers: { 'browser-id': BROWSER_ID } });
	assert.equal(setup.status, 200, `owner setup: ${setup.status} ${setup.text}`);
	const cookie = [].concat(setup.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).find((c) => c.startsWith('n8n-auth='));
	assert.ok(cookie, 'owner setup set no n8n-auth cookie');
	state.auth = { cookie, 'browser-id': BROWSER_ID };
}

async function workflowsActive({ n8n, state }) {
	// n8n starts even when a workflow fails to activate (an unknown node type, a trigger that
	// cannot connect): its log says which, before "Editor is now accessible".
	const startLog = fs.readFileSync(n8n.serverLog, 'utf8');
	for (const id of state.activeWorkflows) {
		const failure = startLog.split('\n').find((line) => line.includes('Issue on initial workflow activation') && line.includes(`(ID: ${id})`));
		assert.ok(!failure, `workflow ${id} failed to activate: ${failure}`);
		assert.ok(startLog.includes(`(ID: ${id})`) && new RegExp(`Activated workflow ".*" \\(ID: ${id}\\)`).test(startLog), `workflow ${id} was not activated (see n8n-start.log)`);
	}
	// And n8n's API says so.
	for (const id of state.activeWorkflows) {
		const wf = await request(`${n8n.baseUrl}/rest/workflows/${id}`, { headers: state.auth });
		assert.equal(wf.status, 200, `GET /rest/workflows/${id}: ${wf.status} ${wf.text}`);
		assert.equal(wf.json.data.active, true, `workflow ${id} is not active after n8n start`);
	}
}

async function nodeTypes({ n8n, pkg, state }) {
	const expected = registeredTypes(pkg);
	const nodes = await request(`${n8n.baseUrl}/types/nodes.json`, { headers: state.auth });
	assert.equal(nodes.status, 200, `/types/nodes.json: ${nodes.status}`);
	const credentials = await request(`${n8n.baseUrl}/types/credentials.json`, { headers: state.auth });
	assert.equal(credentials.status, 200, `/types/credentials.json: ${credentials.status}`);
	const credentialNames = new Set(credentials.json.map((c) => c.name));
	for (const name of expected.nodes) {
		const type = nodes.json.find((node) => node.name === `n8n-nodes-asterisk.${name}`);
		assert.ok(type, `n8n-nodes-asterisk.${name} is not in /types/nodes.json`);
		for (const credential of type.credentials ?? []) {
			assert.ok(credentialNames.has(credential.name), `${name} uses credential ${credential.name}, which is not in /types/credentials.json`);
		}
	}
	const action = nodes.json.find((node) => node.name === 'n8n-nodes-asterisk.asterisk');
	assert.equal(action.displayName, 'Asterisk');
	assert.deepEqual(action.credentials.map((c) => c.name), ['asteriskAmiApi']);
	const trigger = nodes.json.find((node) => node.name === 'n8n-nodes-asterisk.asteriskTrigger');
	if (trigger) assert.deepEqual(trigger.credentials.map((c) => c.name), ['asteriskAmiApi']);
	assert.equal(action.usableAsTool, true, 'the Asterisk node should be usableAsTool');
	const resources = action.properties.find((p) => p.name === 'resource').options.map((o) => o.value);
	assert.deepEqual(resources.sort(), ['call', 'channel', 'customAction', 'database', 'extension', 'queue', 'system', 'variable']);
	for (const name of expected.credentials) {
		assert.ok(credentialNames.has(name), `${name} is not in /types/credentials.json`);
	}
	assert.equal(credentials.json.find((c) => c.name === 'asteriskAmiApi').displayName, 'Asterisk AMI API');
	// The tool variant n8n derives from usableAsTool.
	assert.ok(nodes.json.some((node) => node.name === 'n8n-nodes-asterisk.asteriskTool'), 'no n8n-nodes-asterisk.asteriskTool (usableAsTool) in /types/nodes.json');
}

async function crmCallback({ n8n, simulator }) {
	const before = simulator.actions('Originate').length;
	const response = await request(`${n8n.baseUrl}/webhook/crm-callback`, {
		method: 'POST',
		body: { agent: 'PJSIP/200', number: '5551234', ticket: 'T-1001' },
	});
	assert.equal(response.status, 200, `POST /webhook/crm-callback: ${response.status} ${response.text}`);
	assert.equal(response.json.called, true, `response: ${response.text}`);
	assert.equal(response.json.reason, 4);
	assert.equal(response.json.reasonText, 'Answered');
	assert.match(String(response.json.uniqueid), /^\d+\.\d+$/);
	assert.match(String(response.json.channel), /^PJSIP\/200-[0-9a-f]{8}$/);
	assert.deepEqual(simulator.actions('Originate').slice(before).map(headersOf), [
		{
			Channel: 'PJSIP/200',
			Context: 'from-internal',
			Exten: '5551234',
			Priority: '1',
			Timeout: '30000',
			CallerID: '"CRM callback" <5551234>',
			Variable: 'CRM_TICKET=T-1001',
			Async: 'true',
		},
	]);
}

async function agentLoginPause({ n8n, simulator }) {
	const login = await request(`${n8n.baseUrl}/webhook/agent-login`, {
		method: 'POST',
		body: { queue: 'support', interface: 'PJSIP/bob', name: 'Bob' },
	});
	assert.equal(login.status, 200, `POST /webhook/agent-login: ${login.status} ${login.text}`);
	assert.equal(login.json.Response, 'Success', login.text);
	assert.deepEqual(simulator.actions('QueueAdd').map(headersOf).at(-1), { Queue: 'support', Interface: 'PJSIP/bob', MemberName: 'Bob' });

	const pause = await request(`${n8n.baseUrl}/webhook/agent-pause`, {
		method: 'POST',
		body: { interface: 'PJSIP/bob', paused: true, reason: 'lunch' },
	});
	assert.equal(pause.status, 200, `POST /webhook/agent-pause: ${pause.status} ${pause.text}`);
	assert.equal(pause.json.Response, 'Success', pause.text);
	assert.deepEqual(simulator.actions('QueuePause').map(headersOf), [{ Interface: 'PJSIP/bob', Paused: 'true', Reason: 'lunch' }]);
}

/** A QueueCallerAbandon as Asterisk 22 sends it (callflows/c5_queue_abandon.txt). */
function abandonEvent(uniqueid) {
	return [
		['Event', 'QueueCallerAbandon'],
		['Privilege', 'agent,all'],
		['Channel', 'Local/q@callers-00000008;2'],
		['ChannelState', '6'],
		['ChannelStateDesc', 'Up'],
		['CallerIDNum', '1002'],
		['CallerIDName', 'Bob'],
		['ConnectedLineNum', '1002'],
		['ConnectedLineName', 'Bob'],
		['Language', 'en'],
		['AccountCode', ''],
		['Context', 'callers'],
		['Exten', 'q'],
		['Priority', '2'],
		['Uniqueid', uniqueid],
		['Linkedid', uniqueid],
		['Queue', 'support'],
		['Position', '1'],
		['OriginalPosition', '1'],
		['HoldTime', '3'],
	];
}

function hangupEvent(uniqueid, cause, causeText) {
	return [
		['Event', 'Hangup'],
		['Privilege', 'call,all'],
		['Channel', 'PJSIP/200-0000000a'],
		['ChannelState', '6'],
		['ChannelStateDesc', 'Up'],
		['CallerIDNum', '200'],
		['CallerIDName', '<unknown>'],
		['ConnectedLineNum', '<unknown>'],
		['ConnectedLineName', '<unknown>'],
		['Language', 'en'],
		['AccountCode', ''],
		['Context', 'from-internal'],
		['Exten', '5551234'],
		['Priority', '1'],
		['Uniqueid', uniqueid],
		['Linkedid', uniqueid],
		['Cause', cause],
		['Cause-txt', causeText],
	];
}

function newchannelEvent(uniqueid) {
	return [
		['Event', 'Newchannel'],
		['Privilege', 'call,all'],
		['Channel', 'PJSIP/200-0000000b'],
		['ChannelState', '0'],
		['ChannelStateDesc', 'Down'],
		['Context', 'from-internal'],
		['Exten', '5551234'],
		['Priority', '1'],
		['Uniqueid', uniqueid],
		['Linkedid', uniqueid],
	];
}

/** The trigger has (re)connected to this simulator incarnation when it has turned events on. */
async function triggerReady(simulator, what) {
	await waitFor(what, () => simulator.actions('Events').length > 0 && simulator.loggedInSessions > 0, { timeoutMs: 60000, intervalMs: 100 });
	await sleep(500);
}

async function triggerAlert({ simulator, catcher, log }) {
	const alerts = () => catcher.received.filter((r) => r.url === '/slack').map((r) => r.json);
	await triggerReady(simulator, 'the Asterisk Trigger to log in and turn events on');

	// Two that pass the filters, two that do not (a normal clearing, an event not selected).
	simulator.emit(newchannelEvent('1700000000.1'));
	simulator.emit(abandonEvent('1700000000.2'));
	simulator.emit(hangupEvent('1700000000.3', '16', 'Normal Clearing'));
	simulator.emit(hangupEvent('1700000000.4', '17', 'User busy'));
	await waitFor('two alerts at the catcher', () => alerts().length >= 2, { timeoutMs: 30000 });
	await sleep(1500); // nothing else may arrive
	const first = alerts();
	assert.deepEqual(
		first.map((a) => [a.event, a.uniqueid]).sort(),
		[
			['Hangup', '1700000000.4'],
			['QueueCallerAbandon', '1700000000.2'],
		],
		`alerts: ${JSON.stringify(first)}`,
	);
	const abandon = first.find((a) => a.event === 'QueueCallerAbandon');
	assert.match(abandon.text, /Bob <1002> abandoned queue support after 3 s \(position 1\)/);
	const busy = first.find((a) => a.event === 'Hangup');
	assert.match(busy.text, /hung up: cause 17 \(User busy\)/);

	// Asterisk restarts: every AMI connection drops; the trigger reconnects and events flow again.
	log('restarting the simulator (all AMI connections drop)');
	await simulator.restart();
	await triggerReady(simulator, 'the Asterisk Trigger to reconnect after the simulator restart');
	simulator.emit(hangupEvent('1700000001.1', '16', 'Normal Clearing'));
	simulator.emit(abandonEvent('1700000001.2'));
	await waitFor('the alert after the restart', () => alerts().length >= 3, { timeoutMs: 30000 });
	await sleep(1500);
	assert.deepEqual(
		alerts().slice(2).map((a) => [a.event, a.uniqueid]),
		[['QueueCallerAbandon', '1700000001.2']],
		`alerts after the restart: ${JSON.stringify(alerts().slice(2))}`,
	);
}

// --- IVR: a simulated Asterisk (test/simulator/eivr-caller.ts) calls the Asterisk IVR Trigger ---

async function within(promise, ms, what) {
	let timer;
	const timeout = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms)));
	try {
		return await Promise.race([promise, timeout]);
	} finally {
		clearTimeout(timer);
	}
}

/** A call from the simulated Asterisk: `P` is answered with (token, uniqueid, caller number). */
async function ivrCall(ctx, { uniqueId, callerNumber, port = ctx.state.ivrPort }) {
	const { EivrCaller } = loadTs(path.join('test', 'simulator', 'eivr-caller'));
	const caller = new EivrCaller({ host: '127.0.0.1', port, args: [IVR_TOKEN, uniqueId, callerNumber], files: WAZO_FILES });
	ctx.defer(() => caller.destroy());
	await caller.connect();
	return caller;
}

/** Resolves once the caller has received `count` commands equal to `line`. */
function received(caller, line, count, timeoutMs, what) {
	const matching = () => caller.received.filter((command) => command === line).length;
	return caller.waitForCommand(() => matching() >= count, timeoutMs).catch(() => {
		throw new Error(`no ${what} within ${timeoutMs} ms: ${describeCall(caller)}`);
	});
}

const stallNote = (caller) =>
	caller.stalls > 0
		? `; ${caller.stalls} time(s) a command arrived with another and waited in the reader until the next bytes (${caller.ignored.length} wake-up line feeds read; chunks with two lines or more: ${JSON.stringify(
				caller.chunks.map((chunk) => chunk.toString('utf8')).filter((text) => text.split('\n').length > 2),
			)})`
		: '';

const describeCall = (caller) => `received ${JSON.stringify(caller.received)}; sent ${JSON.stringify(caller.sent)}; ended by ${caller.endedBy}`;

/** IVR workflow executions n8n has stored, newest first. */
async function ivrExecutions({ n8n, state }, workflowId = WORKFLOWS.ivr) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const response = await request(`${n8n.baseUrl}/rest/executions?filter=${filter}&limit=100`, { headers: state.auth });
	assert.equal(response.status, 200, `GET /rest/executions: ${response.status} ${response.text}`);
	return response.json.data.results;
}

/**
 * Welcome → 1 → back to the dialplan with IVR_DESTINATION=8000: two turns, two executions, each
 * answered by an Asterisk IVR node through sendResponse. Returns timings.
 */
async function chooseOne(ctx, uniqueId) {
	const t0 = Date.now();
	const caller = await ivrCall(ctx, { uniqueId, callerNumber: '0612345678' });
	await received(caller, `A,${CHOICES}`, 1, 30000, `menu (A,${CHOICES})`);
	const menuMs = Date.now() - t0;
	const t1 = Date.now();
	caller.press('1');
	await within(caller.ended, 30000, 'the call to return to the dialplan').catch((error) => {
		throw new Error(`${error.message}: ${describeCall(caller)}`);
	});
	const answerMs = Date.now() - t1;
	assert.equal(caller.endedBy, 'exit', describeCall(caller));
	// Welcome, the choices; the key stops the welcome (barge-in), then V and E, one command per write.
	assert.deepEqual(caller.received, ['P,0', `S,${WELCOME}`, `A,${CHOICES}`, 'I,0', 'V,IVR_DESTINATION=8000', 'E,exit'], describeCall(caller));
	assert.equal(caller.variables.get('IVR_DESTINATION'), '8000');
	// Two commands that reach Asterisk together hold the second in its reader until more bytes
	// come (DESIGN.md). The writer paces commands and follows a burst with ignored line feeds that
	// release a held line; a busy suite process can still read two at once, so a stall is reported
	// here, not failed: that every command above ran, in order, is the proof that matters.
	ctx.log(`IVR: connect → menu ${menuMs} ms (turn 0), key → E ${answerMs} ms (turn 1)${stallNote(caller)}`);
	return { menuMs, answerMs };
}

async function ivrChooseOne(ctx) {
	ctx.state.ivrExecutionsExpected = (await ivrExecutions(ctx)).length + 2; // start, 1
	await chooseOne(ctx, '1700000100.1');
}

async function ivrThreeTries(ctx) {
	ctx.state.ivrExecutionsExpected = (ctx.state.ivrExecutionsExpected ?? 0) + 4; // start, 9, timeout, 9
	const caller = await ivrCall(ctx, { uniqueId: '1700000100.2', callerNumber: '0699999999' });
	const step = (count, what) => received(caller, `A,${CHOICES}`, count, 30000, what);
	await step(1, 'the menu');
	caller.press('9'); // invalid (counter 1 → 2)
	await step(2, 'the invalid-choice message and the menu again');
	const waited = Date.now();
	// No key: the prompt plays to its end, then the 5 s first-digit timeout (counter 2 → 3).
	await step(3, 'the menu after the first-digit timeout');
	const timeoutMs = Date.now() - waited;
	assert.ok(timeoutMs >= 5000, `the timeout turn came after ${timeoutMs} ms, before the 5 s first-digit timeout`);
	caller.press('9'); // invalid a third time: the error message, then a hangup
	await within(caller.ended, 30000, 'the hangup').catch((error) => {
		throw new Error(`${error.message}: ${describeCall(caller)}`);
	});
	assert.equal(caller.endedBy, 'hangup', describeCall(caller));
	assert.deepEqual(
		caller.received,
		['P,0', `S,${WELCOME}`, `A,${CHOICES}`, 'I,0', `S,${INVALID}`, `A,${CHOICES}`, `S,${INVALID}`, `A,${CHOICES}`, 'I,0', `S,${ERROR}`, 'H,hangup'],
		describeCall(caller),
	);
	// "Wait for playback first": the error message played to its end before the H.
	assert.ok(caller.sent.some((line) => new RegExp(`^F,\\s*\\d+,${ERROR}$`).test(line)), `the error message did not play to its end: ${describeCall(caller)}`);
	if (caller.stalls > 0) ctx.log(`(5b)${stallNote(caller)}`);
}

/** The caller hangs up during the menu: the call ends, and one last `hangup` turn runs the workflow. */
async function ivrFarHangup(ctx) {
	ctx.state.ivrExecutionsExpected = (ctx.state.ivrExecutionsExpected ?? 0) + 2; // start, hangup
	const caller = await ivrCall(ctx, { uniqueId: '1700000100.4', callerNumber: '0611111111' });
	await received(caller, `A,${CHOICES}`, 1, 30000, 'menu');
	caller.hangup();
	await within(caller.ended, 15000, 'the socket to close after the hangup');
	assert.equal(caller.endedBy, 'farHangup');
	assert.deepEqual(caller.received, ['P,0', `S,${WELCOME}`, `A,${CHOICES}`], describeCall(caller));
}

/** A call whose first argument is not the credential's token is hung up before any workflow runs. */
async function ivrWrongToken(ctx) {
	const { EivrCaller } = loadTs(path.join('test', 'simulator', 'eivr-caller'));
	const caller = new EivrCaller({ host: '127.0.0.1', port: ctx.state.ivrPort, args: ['not-the-token-0123456789', '1700000100.3', '0600000000'], files: WAZO_FILES });
	ctx.defer(() => caller.destroy());
	await caller.connect();
	await within(caller.ended, 15000, 'the refused call to end').catch((error) => {
		throw new Error(`${error.message}: ${describeCall(caller)}`);
	});
	assert.equal(caller.endedBy, 'hangup', describeCall(caller));
	assert.deepEqual(caller.received, ['P,0', 'H,n8n: invalid token'], describeCall(caller));

	// From an address outside the example's allowlist (127.0.0.1, ::1): closed before a word.
	const stranger = new EivrCaller({ host: '127.0.0.1', localAddress: '127.0.0.2', port: ctx.state.ivrPort, args: [IVR_TOKEN, '1700000100.5', '0600000000'] });
	ctx.defer(() => stranger.destroy());
	try {
		await stranger.connect();
	} catch (error) {
		if (error.code !== 'EADDRNOTAVAIL') throw error;
		ctx.log('(5d) this machine cannot connect from 127.0.0.2: the allowlist part is skipped');
		return;
	}
	await within(stranger.ended, 15000, 'the connection from 127.0.0.2 to be closed');
	assert.deepEqual([stranger.received, stranger.endedBy], [[], 'serverClosed'], describeCall(stranger));
	await waitFor('the trigger to log the refused connection', () =>
		/Asterisk IVR: refused a connection from 127\.0\.0\.2: not in the allowlist/.test(fs.readFileSync(ctx.n8n.serverLog, 'utf8')),
	);
	// No execution for either: 5(e) counts them.
}

/** n8n stores run data with `flatted` (every object and string replaced by its index in one array). */
function unflatten(text) {
	const table = JSON.parse(text);
	const revived = new Map();
	const revive = (index) => {
		const value = table[index];
		if (typeof value !== 'object' || value === null) return value;
		if (revived.has(index)) return revived.get(index);
		const out = Array.isArray(value) ? [] : {};
		revived.set(index, out);
		for (const [key, entry] of Object.entries(value)) out[key] = typeof entry === 'string' ? revive(Number(entry)) : entry;
		return out;
	};
	return revive(0);
}

/** What one stored execution says: the turn the trigger emitted and the Asterisk IVR node that answered it. */
async function storedTurn({ n8n, state }, id) {
	const response = await request(`${n8n.baseUrl}/rest/executions/${id}`, { headers: state.auth });
	assert.equal(response.status, 200, `GET /rest/executions/${id}: ${response.status} ${response.text}`);
	const runData = unflatten(response.json.data.data).resultData.runData;
	const ivrNodes = response.json.data.workflowData.nodes.filter((node) => node.type === 'n8n-nodes-asterisk.asteriskIvr').map((node) => node.name);
	return { turn: runData['Call turn'][0].data.main[0][0].json, answeredBy: ivrNodes.filter((name) => runData[name]) };
}

/** The two turns of 5(a), as stored by n8n (oldest first). */
async function checkChooseOneTurns(ctx, executions, uniqueId) {
	const [start, input] = await Promise.all([...executions].sort((a, b) => Number(a.id) - Number(b.id)).map((e) => storedTurn(ctx, e.id)));
	assert.deepEqual(start.answeredBy, ['Welcome, then the choices']);
	assert.equal(start.turn.event, 'start');
	assert.equal(start.turn.turn, 0);
	assert.equal(start.turn.uniqueId, uniqueId);
	assert.equal(start.turn.callerNumber, '0612345678');
	assert.deepEqual(start.turn.arguments, [uniqueId, '0612345678'], 'the token must not reach the workflow');
	assert.equal(start.turn.remoteAddress, '127.0.0.1');
	assert.deepEqual(input.answeredBy, ['Go to the destination']);
	assert.equal(input.turn.sessionId, start.turn.sessionId);
	assert.deepEqual(
		[input.turn.turn, input.turn.event, input.turn.digits, input.turn.inputEndedBy, input.turn.state],
		[1, 'input', '1', 'maxDigits', { counter: 1 }],
		JSON.stringify(input.turn),
	);
}

/** Every turn above was one execution of the IVR workflow, started by the trigger, successful. */
async function ivrExecutionsStored(ctx) {
	const expected = ctx.state.ivrExecutionsExpected;
	const executions = await waitFor(
		`${expected} stored executions of the IVR workflow`,
		async () => {
			const list = await ivrExecutions(ctx);
			return list.length >= expected && list.every((e) => e.finished || e.status === 'success' || e.status === 'error') ? list : false;
		},
		{ timeoutMs: 15000, intervalMs: 250 },
	);
	assert.equal(executions.length, expected, `executions: ${JSON.stringify(executions.map((e) => [e.id, e.mode, e.status]))}`);
	for (const execution of executions) {
		assert.equal(execution.status, 'success', `execution ${execution.id}: ${JSON.stringify(execution)}`);
		assert.equal(execution.mode, 'trigger', `execution ${execution.id} mode ${execution.mode}`);
	}
	// The oldest two are 5(a)'s turns; 5(b)'s four turns carry the counter the workflow kept.
	const oldest = [...executions].sort((a, b) => Number(a.id) - Number(b.id));
	await checkChooseOneTurns(ctx, oldest.slice(0, 2), '1700000100.1');
	const tries = await Promise.all(oldest.slice(2, 6).map((e) => storedTurn(ctx, e.id)));
	assert.deepEqual(
		tries.map(({ turn, answeredBy }) => [turn.event, turn.digits, turn.state.counter ?? null, answeredBy.join()]),
		[
			['start', '', null, 'Welcome, then the choices'],
			['input', '9', 1, 'Invalid choice, try again'],
			['timeout', '', 2, 'Invalid choice, try again'],
			['input', '9', 3, 'Error message, hang up'],
		],
	);
	// 5(c): the start turn, then the hangup turn (the Switch's Hangup output: no node answers it).
	const hangup = await Promise.all(oldest.slice(6, 8).map((e) => storedTurn(ctx, e.id)));
	assert.deepEqual(
		hangup.map(({ turn, answeredBy }) => [turn.turn, turn.event, turn.uniqueId, answeredBy.join()]),
		[
			[0, 'start', '1700000100.4', 'Welcome, then the choices'],
			[1, 'hangup', '1700000100.4', ''],
		],
	);
	// The token is in the encrypted credential only: not in the database in clear, not in n8n's logs.
	const database = path.join(ctx.userFolder, '.n8n', 'database.sqlite');
	assert.ok(fs.existsSync(database), `no database at ${database}`);
	const leaks = [database, `${database}-wal`, ...ctx.n8n.logs].filter(
		(file) => fs.existsSync(file) && fs.readFileSync(file).includes(IVR_TOKEN),
	);
	assert.deepEqual(leaks, [], 'the ExternalIVR token appears in clear');
}

/** Queue mode: Redis, one `n8n worker`, `n8n start` with EXECUTIONS_MODE=queue, on the same database. */
async function startQueueMode(ctx) {
	const { n8n, log, runDir } = ctx;
	const { ensureRedis, Redis } = require('./lib/redis');
	const { bin } = ensureRedis(log);
	const redis = new Redis({ bin, port: await freePort(), dir: path.join(runDir, 'redis'), logFile: path.join(runDir, 'logs', 'redis.log') });
	ctx.defer(() => redis.stop(), () => redis.killAll());
	ctx.n8n.logs.push(redis.logFile); // printed with n8n's logs on failure
	await redis.start();
	log(`redis-server on 127.0.0.1:${redis.port}`);
	await n8n.stop();
	n8n.setEnv({ EXECUTIONS_MODE: 'queue', QUEUE_BULL_REDIS_HOST: '127.0.0.1', QUEUE_BULL_REDIS_PORT: String(redis.port) });
	ctx.defer(() => n8n.stopWorker());
	await Promise.all([n8n.startWorker({ brokerPort: await freePort() }), n8n.start({ logName: 'n8n-start-queue.log' })]);
	const startLog = fs.readFileSync(n8n.serverLog, 'utf8');
	assert.match(startLog, new RegExp(`Activated workflow ".*" \\(ID: ${WORKFLOWS.ivr}\\)`), 'the IVR workflow was not activated by the queue-mode main');
	assert.ok(!/Issue on initial workflow activation/.test(startLog), 'a workflow failed to activate in queue mode (see n8n-start-queue.log)');
}

/** 5(a) again, with every turn's execution enqueued by the main and run by the worker. */
async function queueChooseOne(ctx) {
	const { n8n } = ctx;
	const before = await ivrExecutions(ctx);
	const workerRuns = () => (fs.readFileSync(n8n.workerLog, 'utf8').match(/Worker started execution \d+/g) ?? []).length;
	const ranBefore = workerRuns();
	await chooseOne(ctx, '1700000200.1');
	const executions = await waitFor(
		'the two queue-mode executions',
		async () => {
			const list = await ivrExecutions(ctx);
			return list.length >= before.length + 2 && list.every((e) => e.status !== 'running' && e.status !== 'new') ? list : false;
		},
		{ timeoutMs: 15000, intervalMs: 250 },
	);
	const fresh = executions.filter((e) => !before.some((b) => b.id === e.id));
	assert.equal(fresh.length, 2, `new executions: ${JSON.stringify(fresh)}`);
	for (const execution of fresh) assert.equal(execution.status, 'success', JSON.stringify(execution));
	await checkChooseOneTurns(ctx, fresh, '1700000200.1');
	// Each turn's execution was enqueued by the main and run by the worker.
	const enqueued = fs.readFileSync(n8n.serverLog, 'utf8');
	for (const execution of fresh) {
		assert.match(enqueued, new RegExp(`Enqueued execution ${execution.id} `), `the main did not enqueue execution ${execution.id}`);
		assert.match(fs.readFileSync(n8n.workerLog, 'utf8'), new RegExp(`Worker started execution ${execution.id} `), `the worker did not run execution ${execution.id}`);
	}
	assert.ok(workerRuns() - ranBefore >= 2, 'the worker ran fewer than two executions');

	// A caller who hangs up during the menu: the last `hangup` turn (which no node answers) also
	// runs on the worker, after the call is gone.
	const caller = await ivrCall(ctx, { uniqueId: '1700000200.2', callerNumber: '0611111111' });
	await received(caller, `A,${CHOICES}`, 1, 30000, 'menu');
	caller.hangup();
	await within(caller.ended, 15000, 'the socket to close after the hangup');
	const all = await waitFor(
		'the hangup turn\'s execution',
		async () => {
			const list = await ivrExecutions(ctx);
			return list.length >= executions.length + 2 && list.every((e) => e.status !== 'running' && e.status !== 'new') ? list : false;
		},
		{ timeoutMs: 15000, intervalMs: 250 },
	);
	const last = all.filter((e) => !executions.some((b) => b.id === e.id)).sort((a, b) => Number(a.id) - Number(b.id));
	const turns = await Promise.all(last.map((e) => storedTurn(ctx, e.id)));
	assert.deepEqual(
		turns.map(({ turn, answeredBy }) => [turn.event, turn.uniqueId, answeredBy.join()]),
		[
			['start', '1700000200.2', 'Welcome, then the choices'],
			['hangup', '1700000200.2', ''],
		],
	);
	for (const execution of last) {
		assert.equal(execution.status, 'success', JSON.stringify(execution));
		assert.match(fs.readFileSync(n8n.workerLog, 'utf8'), new RegExp(`Worker started execution ${execution.id} `), `the worker did not run execution ${execution.id}`);
	}
}

// --- The other examples of issue #6: call summaries to a CRM, the schedule and the submenu IVRs ---

/**
 * examples/call-summary-to-crm.json: the simulator replays one real call (callflows/c1_answered.txt:
 * Alice 1001 dials `agent`, who answers after 2 s and hangs up 3.5 s later), its events paced at a
 * quarter of their captured intervals; the catcher receives exactly one POST for that call.
 */
async function callSummaryToCrm({ simulator, catcher, log }) {
	const { readCallflowEvents } = loadTs(path.join('test', 'trigger', 'callflow'));
	const events = readCallflowEvents('c1_answered.txt').filter(({ message }) => message.get('Linkedid') !== undefined);
	const linkedid = '1795409565.0';
	assert.ok(events.length > 50, `c1_answered.txt: only ${events.length} call events`);
	// Both Asterisk Triggers (this one and the queue-abandon alert) have turned events on.
	await waitFor('the two Asterisk Triggers to turn events on', () => simulator.actions('Events').length >= 2 && simulator.loggedInSessions > 0, { timeoutMs: 60000, intervalMs: 100 });
	await sleep(300);
	const posts = () => catcher.received.filter((r) => r.url === '/crm');
	const ours = () => posts().filter((r) => r.json && r.json.linkedid === linkedid);
	const otherBefore = posts().length;
	let previous = events[0].at;
	for (const { at, message } of events) {
		const gap = (at - previous) * 250; // seconds → ms, at a quarter of the captured pace
		previous = at;
		if (gap >= 5) await sleep(gap);
		simulator.emit(message.headers);
	}
	await waitFor('the call summary at the CRM', () => ours().length >= 1, { timeoutMs: 15000, intervalMs: 50 });
	await sleep(1000); // nothing else may arrive for this call
	assert.equal(ours().length, 1, `POSTs for ${linkedid}: ${JSON.stringify(ours().map((r) => r.json))}`);
	const [post] = ours();
	assert.equal(post.method, 'POST');
	assert.match(String(post.headers['content-type']), /application\/json/);
	const call = post.json;
	assert.deepEqual(
		[call.disposition, call.caller, call.callerName, call.callee, call.dialStatus, call.hangupCause, call.hangupCauseText, call.queue, call.agent, call.transferred, call.complete],
		['answered', '1001', 'Alice', 'agent', 'ANSWER', 16, 'Normal Clearing', null, null, false, true],
		JSON.stringify(call),
	);
	// Durations on the trigger's clock (receive time): the replay kept the order and a quarter of the gaps.
	assert.ok(call.ringSeconds > 0.2 && call.talkSeconds > 0.5 && call.totalSeconds >= call.ringSeconds + call.talkSeconds - 0.01, JSON.stringify(call));
	for (const key of ['startTime', 'answerTime', 'endTime']) assert.ok(!Number.isNaN(Date.parse(call[key])), `${key}: ${call[key]}`);
	const others = posts().slice(otherBefore).filter((r) => !r.json || r.json.linkedid !== linkedid);
	if (others.length > 0) log(`(4b) also posted: the summaries of ${others.length} earlier call(s) the simulator placed (${others.map((r) => r.json && r.json.linkedid).join(', ')})`);
}

/** Ends the call within `ms` or fails with what the caller saw. */
async function ended(caller, ms, what) {
	await within(caller.ended, ms, what).catch((error) => {
		throw new Error(`${error.message}: ${describeCall(caller)}`);
	});
}

/** The stored executions of one workflow once `count` have finished, oldest first; all successful. */
async function finishedExecutions(ctx, workflowId, count) {
	const list = await waitFor(
		`${count} finished executions of ${workflowId}`,
		async () => {
			const all = await ivrExecutions(ctx, workflowId);
			return all.length >= count && all.every((e) => e.status !== 'running' && e.status !== 'new') ? all : false;
		},
		{ timeoutMs: 15000, intervalMs: 250 },
	);
	assert.equal(list.length, count, `executions of ${workflowId}: ${JSON.stringify(list.map((e) => [e.id, e.status]))}`);
	for (const execution of list) assert.equal(execution.status, 'success', JSON.stringify(execution));
	return [...list].sort((a, b) => Number(a.id) - Number(b.id));
}

/** examples/ivr-schedule.json with no open day: the closed message played to its end, then a hangup, in one turn. */
async function ivrScheduleClosed(ctx) {
	const caller = await ivrCall(ctx, { uniqueId: '1700000300.1', callerNumber: '0622222222', port: ctx.state.ivrPorts[WORKFLOWS.scheduleClosed] });
	await ended(caller, 15000, 'the closed message and the hangup');
	assert.equal(caller.endedBy, 'hangup', describeCall(caller));
	assert.deepEqual(caller.received, ['P,0', `S,${CLOSED}`, 'H,hangup'], describeCall(caller));
	assert.ok(caller.sent.some((line) => new RegExp(`^F,\\s*\\d+,${CLOSED}$`).test(line)), `the closed message did not play to its end: ${describeCall(caller)}`);
	const [execution] = await finishedExecutions(ctx, WORKFLOWS.scheduleClosed, 1);
	const { turn, answeredBy } = await storedTurn(ctx, execution.id);
	assert.deepEqual([turn.event, turn.uniqueId, answeredBy], ['start', '1700000300.1', ['Closed message, hang up']]);
}

/** examples/ivr-schedule.json open all the time: the minimal menu, 3 → 8547. */
async function ivrScheduleOpen(ctx) {
	const caller = await ivrCall(ctx, { uniqueId: '1700000300.2', callerNumber: '0633333333', port: ctx.state.ivrPorts[WORKFLOWS.scheduleOpen] });
	await received(caller, `A,${CHOICES}`, 1, 15000, `menu (A,${CHOICES})`);
	caller.press('3');
	await ended(caller, 15000, 'the call to return to the dialplan');
	assert.equal(caller.endedBy, 'exit', describeCall(caller));
	assert.deepEqual(caller.received, ['P,0', `S,${WELCOME}`, `A,${CHOICES}`, 'I,0', 'V,IVR_DESTINATION=8547', 'E,exit'], describeCall(caller));
	const executions = await finishedExecutions(ctx, WORKFLOWS.scheduleOpen, 2);
	const turns = await Promise.all(executions.map((e) => storedTurn(ctx, e.id)));
	assert.deepEqual(
		turns.map(({ turn, answeredBy }) => [turn.event, turn.digits, answeredBy.join()]),
		[
			['start', '', 'Welcome, then the choices'],
			['input', '3', 'Go to the destination'],
		],
	);
}

/** examples/ivr-submenu.json: 3 (the submenu), 3 (back to the main menu), 2 → 8833. */
async function ivrSubmenuBack(ctx) {
	const caller = await ivrCall(ctx, { uniqueId: '1700000300.3', callerNumber: '0644444444', port: ctx.state.ivrPorts[WORKFLOWS.submenu] });
	await received(caller, `A,${CHOICES}`, 1, 15000, `menu (A,${CHOICES})`);
	caller.press('3');
	await received(caller, `S,${SUBMENU}`, 1, 15000, `the submenu (S,${SUBMENU})`);
	caller.press('3');
	await received(caller, `S,${CHOICES}`, 1, 15000, `the main menu again (S,${CHOICES})`);
	caller.press('2');
	await ended(caller, 15000, 'the call to return to the dialplan');
	assert.equal(caller.endedBy, 'exit', describeCall(caller));
	assert.equal(caller.variables.get('IVR_DESTINATION'), '8833', describeCall(caller));
	assert.deepEqual(
		caller.received.filter((line) => !line.startsWith('I,')),
		['P,0', `S,${WELCOME}`, `A,${CHOICES}`, `S,${SUBMENU}`, `S,${CHOICES}`, 'V,IVR_DESTINATION=8833', 'E,exit'],
		describeCall(caller),
	);
	const executions = await finishedExecutions(ctx, WORKFLOWS.submenu, 4);
	const turns = await Promise.all(executions.map((e) => storedTurn(ctx, e.id)));
	assert.deepEqual(
		turns.map(({ turn, answeredBy }) => [turn.event, turn.digits, turn.state.menu ?? null, turn.state.counter ?? null, answeredBy.join()]),
		[
			['start', '', null, null, 'Welcome, then the choices'],
			['input', '3', 'main', 1, 'Open the submenu'],
			['input', '3', 'submenu', 1, 'Back to the main menu'],
			['input', '2', 'main', 1, 'Main: go to the destination'],
		],
	);
}

// --- IVR fallbacks (e2e/workflows/ivr-fallbacks.json: turn timeout 2 s, "Return to Dialplan") ---

const FALLBACK_TIMEOUT_MS = 2000;

/**
 * One call to the fallbacks workflow: the menu (turn 0), then `digit` (turn 1). Returns the caller
 * and how long the call took to end after the key (ms).
 */
async function fallbackCall(ctx, uniqueId, digit) {
	const caller = await ivrCall(ctx, { uniqueId, callerNumber: '0655555555', port: ctx.state.ivrPorts[WORKFLOWS.fallbacks] });
	await received(caller, `S,${CHOICES}`, 1, 15000, `the menu (S,${CHOICES})`);
	const t0 = Date.now();
	caller.press(digit);
	await ended(caller, 15000, `the call to end after ${digit}`);
	const ms = Date.now() - t0;
	assert.equal(caller.endedBy, 'exit', describeCall(caller));
	// A key pressed while the menu plays stops it (`I,0`): left out, as in 5(h).
	return { caller, ms, commands: caller.received.filter((line) => !line.startsWith('I,')) };
}

/** The fallback `reason` arrived, and at once (well before the 2 s turn timeout). */
function assertFallback({ caller, ms, commands }, reason, atOnce) {
	assert.deepEqual(commands, ['P,0', `S,${CHOICES}`, `V,N8N_IVR_FALLBACK=${reason}`, `E,n8n: ${reason}`], describeCall(caller));
	assert.equal(caller.variables.get('N8N_IVR_FALLBACK'), reason);
	assert.equal(caller.variables.get('IVR_DESTINATION'), undefined, describeCall(caller));
	if (atOnce) assert.ok(ms < 1500, `the ${reason} fallback came ${ms} ms after the key, not at once (turn timeout ${FALLBACK_TIMEOUT_MS} ms)`);
}

/** The stored executions of the fallbacks workflow newer than `before`, once `count` have finished. */
async function freshFallbackExecutions(ctx, before, count) {
	const list = await waitFor(
		`${count} finished executions of ${WORKFLOWS.fallbacks}`,
		async () => {
			const all = (await ivrExecutions(ctx, WORKFLOWS.fallbacks)).filter((e) => !before.some((b) => b.id === e.id));
			return all.length >= count && all.every((e) => e.status !== 'running' && e.status !== 'new' && e.status !== 'waiting') ? all : false;
		},
		{ timeoutMs: 15000, intervalMs: 250 },
	);
	assert.equal(list.length, count, `executions: ${JSON.stringify(list.map((e) => [e.id, e.status]))}`);
	const sorted = [...list].sort((a, b) => Number(a.id) - Number(b.id));
	const turns = await Promise.all(sorted.map((e) => storedTurn(ctx, e.id)));
	return sorted.map((execution, i) => ({ execution, ...turns[i] }));
}

/** Regular mode: 1 answers; 2 ends without an answer; 3 fails; 4 answers after the turn timeout. */
async function ivrFallbacks(ctx) {
	const before = await ivrExecutions(ctx, WORKFLOWS.fallbacks);

	const one = await fallbackCall(ctx, '1700000400.1', '1');
	assert.deepEqual(one.commands, ['P,0', `S,${CHOICES}`, 'V,IVR_DESTINATION=8001', 'E,exit'], describeCall(one.caller));
	assert.equal(one.caller.variables.get('N8N_IVR_FALLBACK'), undefined);

	const two = await fallbackCall(ctx, '1700000400.2', '2');
	assertFallback(two, 'noAnswer', true);

	const three = await fallbackCall(ctx, '1700000400.3', '3');
	assertFallback(three, 'error', true);

	const four = await fallbackCall(ctx, '1700000400.4', '4');
	assertFallback(four, 'timeout', false);
	assert.ok(four.ms >= FALLBACK_TIMEOUT_MS && four.ms < 4500, `the timeout fallback came ${four.ms} ms after the key (turn timeout ${FALLBACK_TIMEOUT_MS} ms, the Wait 5 s)`);
	ctx.log(`(5i) key → E: answered ${one.ms} ms, noAnswer ${two.ms} ms, error ${three.ms} ms, timeout ${four.ms} ms`);

	// n8n's side: eight executions (start + one turn per call); the failed one is `error`, and the
	// late answer after the Wait still ran (the trigger ignored it).
	const runs = await freshFallbackExecutions(ctx, before, 8);
	assert.deepEqual(
		runs.map(({ execution, turn, answeredBy }) => [turn.uniqueId, turn.event, turn.digits, execution.status, answeredBy.join()]),
		[
			['1700000400.1', 'start', '', 'success', 'Menu'],
			['1700000400.1', 'input', '1', 'success', '1: back to the dialplan'],
			['1700000400.2', 'start', '', 'success', 'Menu'],
			['1700000400.2', 'input', '2', 'success', ''],
			['1700000400.3', 'start', '', 'success', 'Menu'],
			['1700000400.3', 'input', '3', 'error', ''],
			['1700000400.4', 'start', '', 'success', 'Menu'],
			['1700000400.4', 'input', '4', 'success', '4: too late'],
		],
	);
	const warnings = fs.readFileSync(ctx.n8n.serverLog, 'utf8');
	assert.match(warnings, /Asterisk IVR: call \S+ turn 1: the execution ended without an Asterisk IVR node answering; returning to the dialplan/);
	assert.match(warnings, /Asterisk IVR: call \S+ turn 1: the workflow did not answer within 2 s; returning to the dialplan/);
}

/** Queue mode: 2 (no answer) and 3 (fails) again, their executions run by the worker. */
async function queueFallbacks(ctx) {
	const before = await ivrExecutions(ctx, WORKFLOWS.fallbacks);
	const two = await fallbackCall(ctx, '1700000500.2', '2');
	assertFallback(two, 'noAnswer', true);
	const three = await fallbackCall(ctx, '1700000500.3', '3');
	assertFallback(three, 'error', true);
	ctx.log(`(6b) key → E in queue mode: noAnswer ${two.ms} ms, error ${three.ms} ms`);
	const runs = await freshFallbackExecutions(ctx, before, 4);
	assert.deepEqual(
		runs.map(({ execution, turn, answeredBy }) => [turn.uniqueId, turn.event, turn.digits, execution.status, answeredBy.join()]),
		[
			['1700000500.2', 'start', '', 'success', 'Menu'],
			['1700000500.2', 'input', '2', 'success', ''],
			['1700000500.3', 'start', '', 'success', 'Menu'],
			['1700000500.3', 'input', '3', 'error', ''],
		],
	);
	const workerLog = fs.readFileSync(ctx.n8n.workerLog, 'utf8');
	for (const { execution } of runs) {
		assert.match(workerLog, new RegExp(`Worker started execution ${execution.id} `), `the worker did not run execution ${execution.id}`);
	}
}

module.exports = {
	simulatorOptions,
	hasTrigger,
	importAll,
	manualActions,
	startServer,
	workflowsActive,
	nodeTypes,
	crmCallback,
	agentLoginPause,
	triggerAlert,
	hasIvr,
	ivrChooseOne,
	ivrThreeTries,
	ivrWrongToken,
	ivrFarHangup,
	ivrExecutionsStored,
	startQueueMode,
	queueChooseOne,
	callSummaryToCrm,
	ivrScheduleClosed,
	ivrScheduleOpen,
	ivrSubmenuBack,
	ivrFallbacks,
	queueFallbacks,
};
