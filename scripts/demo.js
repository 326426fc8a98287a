#!/usr/bin/env node
'use strict';
/**
 * `npm start`: n8n-nodes-asterisk in a real n8n, on this machine, with no Asterisk.
 *
 *   1. builds the package (`npm run build`; skip with --no-build);
 *   2. installs Node 22 and the pinned n8n on first use (e2e/lib/toolchain.js: e2e/.cache and
 *      e2e/node_modules; later runs reuse them);
 *   3. starts the project's AMI simulator as the PBX, with a simulated call every few seconds
 *      (an abandoned queue call and a busy callee now and then), and a local stand-in for Slack
 *      that prints what it gets;
 *   4. a fresh n8n user folder (.demo/): the packed package, the credentials (pointing at the
 *      simulator), the example workflows, activated; `n8n start`; the owner account;
 *   5. prints the URL, the login, and commands to try; Ctrl-C stops everything it started.
 *
 * Everything listens on 127.0.0.1. Environment: DEMO_PORT (n8n's port; default 5678 when free),
 * DEMO_CALL_INTERVAL_MS (default 8000; 0 = no call stream), N8N_E2E_CACHE (see e2e/README.md).
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const { ensureToolchain, ROOT_DIR, NODE_VERSION } = require('../e2e/lib/toolchain');
const { N8n } = require('../e2e/lib/n8n');
const { Simulator, loadSimulatorModule } = require('../e2e/lib/simulator');
const { startCatcher } = require('../e2e/lib/catcher');
const { freePort, request, seconds } = require('../e2e/lib/util');
const { installPackage, printAlerts, CallStream } = require('./lib/demo-parts');

const DEMO_DIR = path.join(ROOT_DIR, '.demo');
const STATE_FILE = path.join(DEMO_DIR, 'state.json');
const OWNER = { email: 'demo@example.com', firstName: 'Demo', lastName: 'Owner', password: 'Asterisk-Demo-1' };
const IVR_TOKEN = 'demo-token-0123456789abcdef';
const SLACK_URL = 'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX';
const WORKFLOWS = [
	{ file: 'crm-callback.json', id: 'demoCrmCallback' },
	{ file: 'queue-abandon-alert.json', id: 'demoAbandonAlert' },
	{ file: 'agent-login-pause.json', id: 'demoAgentLoginPause' },
	{ file: 'ivr-minimal-menu.json', id: 'demoIvrMenu' },
];

function portIsFree(port) {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

function readJson(file) {
	return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** The example workflows, with ids, the Slack URL on the catcher and the IVR port on a free one. */
function exampleWorkflows({ catcherUrl, ivrPort }) {
	return WORKFLOWS.map(({ file, id }) => {
		const workflow = { ...readJson(path.join(ROOT_DIR, 'examples', file)), id, active: false };
		for (const node of workflow.nodes) {
			if (node.parameters && node.parameters.url === SLACK_URL) node.parameters.url = `${catcherUrl}/slack`;
			if (node.type === 'n8n-nodes-asterisk.asteriskIvrTrigger') {
				node.parameters.port = ivrPort;
				node.parameters.bindAddress = '127.0.0.1';
			}
		}
		return workflow;
	});
}

/**
 * Everything up to a running n8n with the owner set up. Returns { n8n, simulator, catcher,
 * state, stop }. `stop()` is idempotent and stops all it started, in reverse order.
 */
async function startDemo({ build = true, callStream = true, log = console.log, onAlert, onCall, hooks = {} } = {}) {
	const t0 = Date.now();
	const times = {};
	const cleanup = [];
	let stopped = false;
	let n8n;
	const stop = async () => {
		if (stopped) return;
		stopped = true;
		while (cleanup.length > 0) {
			try {
				await cleanup.pop()();
			} catch (error) {
				log(`stopping: ${error.message}`);
			}
		}
	};
	const killNow = () => n8n && n8n.killAll();
	hooks.killNow = killNow;

	try {
		if (build) {
			const t = Date.now();
			log('building the package (npm run build)');
			const result = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT_DIR, stdio: 'inherit' });
			if (result.status !== 0) throw new Error(`npm run build exited with ${result.status ?? result.signal}`);
			times.build = Date.now() - t;
		}

		let t = Date.now();
		const toolchain = ensureToolchain(log);
		times.toolchain = Date.now() - t;
		log(`Node ${NODE_VERSION} + n8n ${toolchain.installMs ? `installed in ${seconds(toolchain.installMs)}` : 'ready (cached)'}`);

		// A fresh user folder every run: its own database, the package as users get it.
		t = Date.now();
		fs.rmSync(DEMO_DIR, { recursive: true, force: true });
		const userFolder = path.join(DEMO_DIR, 'user');
		const logDir = path.join(DEMO_DIR, 'logs');
		const importDir = path.join(DEMO_DIR, 'import');
		for (const dir of [userFolder, logDir, importDir]) fs.mkdirSync(dir, { recursive: true });
		const installed = installPackage(userFolder, DEMO_DIR);
		log(`packed ${installed.tarball} (${installed.fileCount} files) into the n8n user folder`);

		// The PBX: the AMI simulator, calls in real time, and the number the CRM callback dials.
		const { DEFAULT_DIALPLAN } = loadSimulatorModule('defaults');
		const simulator = await new Simulator({
			timeScale: 1,
			answerDelayMs: 2000,
			dialplan: { ...DEFAULT_DIALPLAN, 'from-internal': { 5551234: [['Answer', ''], ['Wait', '5'], ['Hangup', '']] } },
		}).start();
		cleanup.push(() => simulator.close());
		const catcher = await startCatcher();
		cleanup.push(() => catcher.close());
		cleanup.push(printAlerts(catcher, onAlert || ((text) => log(`[slack] ${text}`))));

		const wanted = Number(process.env.DEMO_PORT || 5678);
		const port = (await portIsFree(wanted)) ? wanted : await freePort();
		const ivrPort = await freePort();
		n8n = new N8n({
			toolchain,
			userFolder,
			port,
			brokerPort: await freePort(),
			logDir,
			env: { N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL || 'info', N8N_ENCRYPTION_KEY: 'n8n-nodes-asterisk-demo-not-a-secret' },
		});
		cleanup.push(() => n8n.stop());
		times.prepare = Date.now() - t;

		// Credentials (the ids every example refers to) and the workflows, then activate them all.
		t = Date.now();
		const credentials = [
			{
				id: 'asteriskAmiExample',
				name: 'Asterisk AMI account',
				type: 'asteriskAmiApi',
				data: { host: '127.0.0.1', port: simulator.port, username: 'admin', secret: 'adminpw', authType: 'md5', tls: false, connectTimeout: 10000 },
			},
			{ id: 'asteriskExternalIvrExample', name: 'Asterisk ExternalIVR account', type: 'asteriskExternalIvrApi', data: { token: IVR_TOKEN } },
		];
		fs.writeFileSync(path.join(importDir, 'credentials.json'), JSON.stringify(credentials, null, 2));
		const workflowsDir = path.join(importDir, 'workflows');
		fs.mkdirSync(workflowsDir);
		for (const wf of exampleWorkflows({ catcherUrl: catcher.url, ivrPort })) {
			fs.writeFileSync(path.join(workflowsDir, `${wf.id}.json`), JSON.stringify(wf, null, 2));
		}
		log('importing the credentials and the example workflows (n8n CLI)');
		await n8n.cliOk(['import:credentials', `--input=${path.join(importDir, 'credentials.json')}`]);
		await n8n.cliOk(['import:workflow', '--separate', `--input=${workflowsDir}`]);
		await n8n.cliOk(['update:workflow', '--all', '--active=true']);
		times.import = Date.now() - t;

		t = Date.now();
		log(`starting n8n on ${n8n.baseUrl}`);
		await n8n.start({ timeoutMs: 180000 });
		const setup = await request(`${n8n.baseUrl}/rest/owner/setup`, { method: 'POST', body: OWNER });
		if (setup.status !== 200) throw new Error(`owner setup: ${setup.status} ${setup.text}`);
		times.start = Date.now() - t;

		const startLog = fs.readFileSync(n8n.serverLog, 'utf8');
		const failedActivation = startLog.split('\n').filter((line) => line.includes('Issue on initial workflow activation'));
		for (const line of failedActivation) log(`warning: ${line.trim()}`);

		if (callStream && Number(process.env.DEMO_CALL_INTERVAL_MS ?? 8000) > 0) {
			const { AmiClient } = require(path.join(ROOT_DIR, 'dist', 'nodes', 'Asterisk', 'core', 'ami'));
			const stream = new CallStream({
				simulator,
				AmiClient,
				intervalMs: Number(process.env.DEMO_CALL_INTERVAL_MS || 8000),
				print: onCall || ((text) => log(`[calls] ${text}`)),
			});
			await stream.start();
			cleanup.push(() => stream.stop());
		}

		const state = {
			url: n8n.baseUrl,
			owner: { email: OWNER.email, password: OWNER.password },
			ami: { host: '127.0.0.1', port: simulator.port, username: 'admin', secret: 'adminpw' },
			ivr: { host: '127.0.0.1', port: ivrPort, token: IVR_TOKEN },
			slackCatcher: catcher.url,
			logs: path.relative(ROOT_DIR, logDir),
			workflows: Object.fromEntries(WORKFLOWS.map(({ file, id }) => [file.replace(/\.json$/, ''), id])),
			pid: process.pid,
		};
		fs.writeFileSync(STATE_FILE, `${JSON.stringify(state, null, 2)}\n`);
		cleanup.push(() => fs.rmSync(STATE_FILE, { force: true }));
		times.total = Date.now() - t0;
		return { n8n, simulator, catcher, state, times, stop, killNow, failedActivation };
	} catch (error) {
		await stop();
		throw error;
	}
}

function banner({ state, times }) {
	const crm = `curl -s -X POST ${state.url}/webhook/crm-callback -H 'content-type: application/json' -d '{"agent":"PJSIP/200","number":"5551234","ticket":"T-1001"}'`;
	const login = `curl -s -X POST ${state.url}/webhook/agent-login -H 'content-type: application/json' -d '{"queue":"support","interface":"PJSIP/bob","name":"Bob"}'`;
	return `
================================================================================
 n8n with n8n-nodes-asterisk is running (ready in ${seconds(times.total)})

   Open      ${state.url}
   Log in    ${state.owner.email}  /  ${state.owner.password}

 Running (all on 127.0.0.1, stopped by Ctrl-C):
   n8n                  ${state.url}   (log: ${state.logs}/n8n-start.log)
   Asterisk simulator   AMI on port ${state.ami.port} (admin / adminpw), a simulated call every
                        few seconds; an abandon or a busy callee fires the alert workflow
   ExternalIVR          the IVR workflow listens on port ${state.ivr.port}
   Slack stand-in       ${state.slackCatcher}   (alerts are printed below as [slack] …)

 Active workflows: CRM callback, queue abandon alert, agent login/pause, IVR menu.

 Place a test call (CRM callback: rings the agent PJSIP/200, then the customer):
   ${crm}
 Put an agent in the queue:
   ${login}
 Ring the IVR (a simulated caller presses 1; try 9 for an invalid choice):
   npm run demo:call            (or: npm run demo:call -- 9)
================================================================================
`;
}

async function main() {
	const args = process.argv.slice(2);
	const started = Date.now();
	const log = (message) => console.log(`[demo ${seconds(Date.now() - started).padStart(7)}] ${message}`);
	let demo;
	let stopping = false;
	let hooks;
	const onSignal = async (signal) => {
		if (stopping) {
			// A second Ctrl-C: no more waiting.
			if (demo) demo.killNow();
			process.exit(130);
		}
		stopping = true;
		log(`${signal}: stopping n8n, the simulator and the Slack stand-in…`);
		if (demo) {
			await demo.stop();
			log('stopped; nothing is left running');
			process.exit(0);
		}
		// Still setting up: kill the n8n processes started so far (their own process groups); the
		// simulator and the catcher live in this process.
		if (hooks && hooks.killNow) hooks.killNow();
		process.exit(130);
	};
	process.on('SIGINT', () => onSignal('SIGINT'));
	process.on('SIGTERM', () => onSignal('SIGTERM'));

	hooks = {};
	process.on('exit', () => hooks.killNow && hooks.killNow());
	demo = await startDemo({ build: !args.includes('--no-build'), log, hooks });
	const t = demo.times;
	log(
		`times: ${[
			t.build !== undefined && `build ${seconds(t.build)}`,
			`toolchain ${seconds(t.toolchain)}`,
			`prepare ${seconds(t.prepare)}`,
			`import ${seconds(t.import)}`,
			`n8n start + owner ${seconds(t.start)}`,
		]
			.filter(Boolean)
			.join(', ')}`,
	);
	console.log(banner(demo));
}

module.exports = { startDemo, OWNER, STATE_FILE, DEMO_DIR };

if (require.main === module) {
	main().catch((error) => {
		console.error(`[demo] ${error && error.stack ? error.stack : error}`);
		process.exit(1);
	});
}
