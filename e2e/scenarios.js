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
const { loadSimulatorModule } = require('./lib/simulator');
const { request, sleep, waitFor } = require('./lib/util');

const CREDENTIAL = { id: 'asteriskAmiExample', name: 'Asterisk AMI account' };
const OWNER = { email: 'owner@e2e.invalid', firstName: 'E2E', lastName: 'Owner', password: 'E2e-Passw0rd!' };
const BROWSER_ID = 'n8n-nodes-asterisk-e2e';
const SLACK_URL = 'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX';

const WORKFLOWS = {
	manual: 'e2eManualActions',
	crm: 'e2eCrmCallback',
	agent: 'e2eAgentLoginPause',
	alert: 'e2eAbandonAlert',
};

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
		);
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
	for (const id of state.activeWorkflows) await n8n.cliOk(['update:workflow', `--id=${id}`, '--active=true']);
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
};
