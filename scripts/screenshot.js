#!/usr/bin/env node
'use strict';
/**
 * `npm run screenshot`: the README's pictures of the editor, taken from the demo's n8n.
 *
 * Starts what `npm start` starts (scripts/demo.js: build, n8n, simulator, example workflows; the
 * call stream off), signs in through the editor's own sign-in page with playwright-core driving
 * Debian's Chromium (/usr/bin/chromium, headless, a fresh profile), then:
 *   docs/screenshot-workflow.png  the CRM callback workflow, the Asterisk node's parameters open;
 *   docs/screenshot-trigger.png   the queue-abandon alert, the Asterisk Trigger's parameters open.
 * Stops everything afterwards. Not part of CI. Options: --no-build; CHROMIUM=/path/to/chromium.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startDemo, OWNER } = require('./demo');
const { CallStream } = require('./lib/demo-parts');
const { request, seconds } = require('../e2e/lib/util');

const ROOT_DIR = path.resolve(__dirname, '..');
const DOCS = path.join(ROOT_DIR, 'docs');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const VIEWPORT = { width: 1440, height: 900 };

const SHOTS = [
	{ file: 'screenshot-workflow.png', workflow: 'demoCrmCallback', node: 'Call the agent, then the customer', before: testCrmCall },
	{ file: 'screenshot-trigger.png', workflow: 'demoAbandonAlert', node: 'Abandoned calls and failed hangups', after: listenForAbandon },
];

/** On the canvas: Execute workflow, then a CRM callback to the test webhook, so every node shows its data. */
async function testCrmCall(page, demo) {
	await page.locator('[data-test-id="execute-workflow-button"]').first().click();
	await page.waitForTimeout(1500);
	const response = await request(`${demo.state.url}/webhook-test/crm-callback`, {
		method: 'POST',
		body: { agent: 'PJSIP/200', number: '5551234', ticket: 'T-1001' },
	});
	if (response.status !== 200) throw new Error(`test webhook: ${response.status} ${response.text}`);
	await page.waitForTimeout(1500);
}

/** In the open trigger: Execute step (listen for a test event), then a caller abandons the queue. */
async function listenForAbandon(page, demo) {
	await page.locator('[data-test-id="node-execute-button"]').first().click();
	await page.waitForTimeout(3000); // the trigger logs in to the simulator and turns events on
	await demo.emitAbandon();
	await page.getByText('Stop Listening').waitFor({ state: 'detached', timeout: 30000 });
	await page.getByText('Executing node').waitFor({ state: 'detached', timeout: 30000 });
	// Without n8n's "you can pin this output" hint over the table.
	await page.addStyleTag({ content: '.el-popper[role="tooltip"] { display: none !important; }' });
	await page.waitForTimeout(1500);
}

async function main() {
	const started = Date.now();
	const log = (message) => console.log(`[screenshot ${seconds(Date.now() - started).padStart(7)}] ${message}`);
	const { chromium } = require('playwright-core');
	if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: apt-get install -y chromium (or set CHROMIUM)`);

	const hooks = {};
	const kill = () => hooks.killNow && hooks.killNow();
	process.on('exit', kill);
	for (const signal of ['SIGINT', 'SIGTERM']) {
		process.on(signal, () => {
			kill();
			process.exit(130);
		});
	}

	const demo = await startDemo({ build: !process.argv.includes('--no-build'), callStream: false, log, hooks, onAlert: () => undefined });
	const { AmiClient } = require(path.join(ROOT_DIR, 'dist', 'nodes', 'Asterisk', 'core', 'ami'));
	const calls = new CallStream({ simulator: demo.simulator, AmiClient, print: log });
	demo.emitAbandon = () => calls.abandon(4, 'Bob', '1002');
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-asterisk-chromium-'));
	let context;
	try {
		log(`n8n ready at ${demo.state.url}; starting ${CHROMIUM}`);
		context = await chromium.launchPersistentContext(profile, {
			executablePath: CHROMIUM,
			headless: true,
			viewport: VIEWPORT,
			deviceScaleFactor: 1,
			args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
		});
		const page = context.pages()[0] ?? (await context.newPage());

		// Sign in as a user would.
		await page.goto(`${demo.state.url}/signin`);
		await page.locator('input[type="email"], input[name="emailOrLdapLoginId"], input[name="email"]').first().fill(OWNER.email);
		await page.locator('input[type="password"]').first().fill(OWNER.password);
		await page.locator('button[type="submit"], [data-test-id="form-submit-button"]').first().click();
		await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 30000 });
		log('signed in');

		fs.mkdirSync(DOCS, { recursive: true });
		for (const shot of SHOTS) {
			await page.goto(`${demo.state.url}/workflow/${shot.workflow}`);
			const node = page.locator(`[data-test-id="canvas-node"][data-node-name="${shot.node}"]`).first();
			await node.waitFor({ state: 'visible', timeout: 60000 });
			await page.keyboard.press('Escape');
			await page.waitForTimeout(1000);
			if (shot.before) await shot.before(page, demo);
			await node.dblclick();
			await page.locator('[data-test-id="ndv"], .ndv-wrapper, [data-test-id="node-parameters"]').first().waitFor({ state: 'visible', timeout: 30000 });
			await page.waitForTimeout(1500); // icons and the panel's transition
			if (shot.after) await shot.after(page, demo);
			for (const close of await page.locator('.el-notification__closeBtn').all()) await close.click().catch(() => undefined);
			await page.mouse.move(VIEWPORT.width / 2, VIEWPORT.height - 5); // no hover tooltip
			await page.waitForTimeout(800);
			const file = path.join(DOCS, shot.file);
			await page.screenshot({ path: file });
			log(`saved ${path.relative(ROOT_DIR, file)}`);
			await page.keyboard.press('Escape');
		}
	} finally {
		if (context) await context.close().catch(() => undefined);
		fs.rmSync(profile, { recursive: true, force: true });
		await calls.stop();
		await demo.stop();
		log('stopped n8n, the simulator, the catcher and Chromium');
	}
}

main().catch((error) => {
	console.error(`[screenshot] ${error && error.stack ? error.stack : error}`);
	process.exit(1);
});
