#!/usr/bin/env node
'use strict';
/**
 * End-to-end suite: a real n8n (pinned in e2e/package-lock.json, on Node 22 from the npm
 * registry) loads the built n8n-nodes-asterisk as a community package (npm pack, installed into
 * <user folder>/.n8n/nodes/node_modules as n8n's own installer does) and runs workflows against
 * the project's AMI simulator and its ExternalIVR caller (a simulated Asterisk calling the Asterisk
 * IVR Trigger), first in regular mode, then in queue mode (Debian's redis-server, one `n8n worker`).
 * Everything listens on 127.0.0.1 only.
 *
 *   npm run test:e2e            (root: builds, then runs this)
 *   node e2e/run.js             (uses the existing dist/)
 *
 * Environment: N8N_E2E_CACHE (where Node 22 goes; default e2e/.cache), N8N_E2E_KEEP=1 (leave the
 * run folder with its logs, database and settings), N8N_E2E_LOG_LEVEL (n8n's, default debug).
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { ensureToolchain, cleanEnv, ROOT_DIR, CACHE_DIR, NODE_VERSION } = require('./lib/toolchain');
const { N8n } = require('./lib/n8n');
const { Simulator } = require('./lib/simulator');
const { startCatcher } = require('./lib/catcher');
const { freePort, seconds } = require('./lib/util');
const scenarios = require('./scenarios');

const started = Date.now();
const log = (message) => console.log(`[e2e ${seconds(Date.now() - started).padStart(7)}] ${message}`);

/** The package as n8n users get it: `npm pack` (package.json `files`), unpacked into nodes/node_modules. */
function installPackage(userFolder, workDir) {
	const packed = spawnSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', workDir], {
		cwd: ROOT_DIR,
		env: cleanEnv(path.dirname(path.dirname(process.execPath))),
		encoding: 'utf8',
	});
	if (packed.status !== 0) throw new Error(`npm pack failed:\n${packed.stderr}`);
	const [{ filename, files }] = JSON.parse(packed.stdout);
	const target = path.join(userFolder, '.n8n', 'nodes', 'node_modules', 'n8n-nodes-asterisk');
	fs.mkdirSync(target, { recursive: true });
	const untar = spawnSync('tar', ['-xzf', path.join(workDir, path.basename(filename)), '-C', target, '--strip-components=1']);
	if (untar.status !== 0) throw new Error(`tar failed: ${untar.stderr}`);
	// Preview a node that exists but is not registered yet (never in CI): a comma-separated list of
	// dist/…node.js paths added to the installed copy's package.json, e.g.
	// N8N_E2E_EXTRA_NODES=dist/nodes/Asterisk/AsteriskTrigger.node.js
	const extra = (process.env.N8N_E2E_EXTRA_NODES || '').split(',').map((s) => s.trim()).filter(Boolean);
	if (extra.length > 0) {
		const manifest = JSON.parse(fs.readFileSync(path.join(target, 'package.json'), 'utf8'));
		manifest.n8n.nodes = [...new Set([...manifest.n8n.nodes, ...extra])];
		fs.writeFileSync(path.join(target, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
	}
	fs.writeFileSync(
		path.join(userFolder, '.n8n', 'nodes', 'package.json'),
		`${JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { 'n8n-nodes-asterisk': `file:${path.basename(filename)}` } }, null, 2)}\n`,
	);
	return { tarball: path.basename(filename), fileCount: files.length, target };
}

function packageJson(dir = ROOT_DIR) {
	return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
}

async function main() {
	const results = [];
	const cleanup = [];
	// What scenarios start (callers, Redis, the worker): stopped after `n8n start`, last started first.
	const deferred = [];
	const killers = [];
	let n8n;
	const onSignal = (signal) => {
		log(`${signal}: stopping`);
		if (n8n) n8n.killAll();
		for (const kill of killers) kill();
		process.exit(130);
	};
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);

	// 1. Toolchain (cached) and the built package.
	const toolchain = ensureToolchain(log);
	const setupMs = Date.now() - started;
	log(`Node ${NODE_VERSION} + n8n ready (${toolchain.installMs ? `installed in ${seconds(toolchain.installMs)}` : 'cached'})`);
	const rootPkg = packageJson();
	for (const file of [...rootPkg.n8n.nodes, ...rootPkg.n8n.credentials]) {
		if (!fs.existsSync(path.join(ROOT_DIR, file))) throw new Error(`${file} is missing: run \`npm run build\` first (npm run test:e2e does)`);
	}

	const runDir = path.join(CACHE_DIR, 'run');
	fs.rmSync(runDir, { recursive: true, force: true });
	const userFolder = path.join(runDir, 'user');
	const logDir = path.join(runDir, 'logs');
	const importDir = path.join(runDir, 'import');
	for (const dir of [userFolder, logDir, importDir]) fs.mkdirSync(dir, { recursive: true });
	const installed = installPackage(userFolder, runDir);
	log(`packed ${installed.tarball} (${installed.fileCount} files) into ${path.relative(ROOT_DIR, installed.target)}`);
	// What n8n loads is the packed copy: its package.json decides which nodes are expected.
	const pkg = packageJson(installed.target);
	if (process.env.N8N_E2E_EXTRA_NODES) log(`preview: N8N_E2E_EXTRA_NODES registers ${process.env.N8N_E2E_EXTRA_NODES} in the installed copy only`);

	// 2. The simulator, a catcher standing in for Slack, and n8n's ports.
	const simulator = await new Simulator(scenarios.simulatorOptions()).start();
	cleanup.push(() => simulator.close());
	const catcher = await startCatcher();
	cleanup.push(() => catcher.close());
	n8n = new N8n({ toolchain, userFolder, port: await freePort(), brokerPort: await freePort(), logDir });
	cleanup.unshift(() => n8n.stop());
	log(`simulator on 127.0.0.1:${simulator.port}, catcher on ${catcher.url}, n8n will listen on ${n8n.baseUrl}`);

	cleanup.splice(1, 0, async () => {
		for (const step of deferred.splice(0).reverse()) {
			try {
				await step();
			} catch (error) {
				log(`cleanup: ${error.message}`);
			}
		}
	});
	const defer = (stop, kill) => {
		deferred.push(stop);
		if (kill) killers.push(kill);
	};
	const ctx = { n8n, simulator, catcher, pkg, log, importDir, userFolder, runDir, defer, state: {} };
	const run = async (name, fn) => {
		const t0 = Date.now();
		try {
			await fn(ctx);
			results.push({ name, ok: true, ms: Date.now() - t0 });
			log(`PASS ${name} (${seconds(Date.now() - t0)})`);
		} catch (error) {
			results.push({ name, ok: false, ms: Date.now() - t0, error });
			log(`FAIL ${name} (${seconds(Date.now() - t0)})\n${error && error.stack ? error.stack : error}`);
		}
	};

	try {
		await run('setup: import the credential and the workflows (n8n CLI)', scenarios.importAll);
		if (results.at(-1).ok) {
			await run('(2) manual workflow: Originate → Setvar → QueueAdd → QueueStatus (n8n execute)', scenarios.manualActions);
			await run('setup: activate the webhook and trigger workflows, n8n start, owner account', scenarios.startServer);
		}
		if (results.at(-1).ok) {
			await run('(1) the nodes and the credential are in n8n\'s node types (/types/*.json)', scenarios.nodeTypes);
			await run('setup: the webhook and trigger workflows are active', scenarios.workflowsActive);
		}
		if (results.at(-1).ok) {
			await run('(3) webhook → Originate → Respond to Webhook (examples/crm-callback.json)', scenarios.crmCallback);
			await run('(3b) webhook → QueueAdd / QueuePause (examples/agent-login-pause.json)', scenarios.agentLoginPause);
			if (scenarios.hasTrigger(pkg)) {
				await run('(4b) Asterisk Trigger, Call Summaries → HTTP (examples/call-summary-to-crm.json): one replayed call (c1_answered), one POST, answered', scenarios.callSummaryToCrm);
				await run('(4) Asterisk Trigger → HTTP (examples/queue-abandon-alert.json): filtered events, simulator restart survived', scenarios.triggerAlert);
			} else {
				results.push({ name: '(4) Asterisk Trigger: skipped, asteriskTrigger is not registered in package.json yet', skipped: true });
				log('SKIP (4): nodes/Asterisk/AsteriskTrigger.node.ts is not registered in package.json n8n.nodes yet');
			}
			if (scenarios.hasIvr(pkg)) {
				await run('(5a) Asterisk IVR Trigger → Asterisk IVR (examples/ivr-minimal-menu.json): welcome, 1, back to the dialplan with IVR_DESTINATION=8000', scenarios.ivrChooseOne);
				await run('(5b) IVR: invalid choice, timeout, invalid → the error message, then a hangup', scenarios.ivrThreeTries);
				await run('(5c) IVR: the caller hangs up during the menu: the call ends, a last `hangup` turn runs', scenarios.ivrFarHangup);
				await run('(5d) IVR: a wrong token is hung up, an address outside the allowlist is closed, before any workflow runs', scenarios.ivrWrongToken);
				await run('(5e) IVR: one successful trigger execution per turn, stored by n8n (/rest/executions)', scenarios.ivrExecutionsStored);
				await run('(5f) IVR schedule, closed (examples/ivr-schedule.json, no open day): the closed message, then a hangup', scenarios.ivrScheduleClosed);
				await run('(5g) IVR schedule, open (examples/ivr-schedule.json, open all week): the menu, 3 → IVR_DESTINATION=8547', scenarios.ivrScheduleOpen);
				await run('(5h) IVR submenu (examples/ivr-submenu.json): 3 → submenu, 3 → back, 2 → IVR_DESTINATION=8833', scenarios.ivrSubmenuBack);
				await run('(5i) IVR fallbacks (e2e/workflows/ivr-fallbacks.json, turn timeout 2 s): 1 answers; 2 no answer → noAnswer at once; 3 fails → error at once; 4 a 5 s Wait → timeout', scenarios.ivrFallbacks);
				await run('setup: queue mode: redis-server, n8n worker, n8n start with EXECUTIONS_MODE=queue', scenarios.startQueueMode);
				if (results.at(-1).ok) {
					await run('(6) queue mode: 5(a) again, each turn enqueued by the main and run by the worker; a caller hangup\'s last turn too', scenarios.queueChooseOne);
					await run('(6b) queue mode: IVR fallbacks noAnswer and error at once, their executions run by the worker', scenarios.queueFallbacks);
				}
			} else {
				results.push({ name: '(5)/(6) IVR: skipped, asteriskIvrTrigger / asteriskIvr are not registered in package.json yet', skipped: true });
				log('SKIP (5)/(6): the IVR nodes are not registered in package.json yet');
			}
		}
	} finally {
		for (const step of cleanup) {
			try {
				await step();
			} catch (error) {
				log(`cleanup: ${error.message}`);
			}
		}
	}

	const failed = results.filter((r) => r.ok === false);
	if (failed.length > 0) {
		console.log(`\n=============== n8n's own logs (${path.relative(ROOT_DIR, logDir)}) ===============`);
		console.log(n8n.logTails(Number(process.env.N8N_E2E_LOG_LINES || 200)));
		console.log('=============== end of n8n logs ===============\n');
	}
	console.log('\nEnd-to-end summary');
	for (const r of results) console.log(`  ${r.skipped ? 'SKIP' : r.ok ? 'PASS' : 'FAIL'}  ${r.name}${r.ms !== undefined ? `  (${seconds(r.ms)})` : ''}`);
	const total = Date.now() - started;
	console.log(
		`\n${failed.length === 0 ? 'OK' : `${failed.length} FAILED`}: total ${seconds(total)} (toolchain ${toolchain.installMs ? `install ${seconds(toolchain.installMs)}` : `cached, ${seconds(setupMs)}`}, suite ${seconds(total - setupMs)})`,
	);
	if (failed.length === 0 && !process.env.N8N_E2E_KEEP) fs.rmSync(runDir, { recursive: true, force: true });
	else log(`run folder kept: ${runDir}`);
	return failed.length === 0 ? 0 : 1;
}

main().then(
	(code) => process.exit(code),
	(error) => {
		console.error(`[e2e] ${error && error.stack ? error.stack : error}`);
		process.exit(1);
	},
);
