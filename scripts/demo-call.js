#!/usr/bin/env node
'use strict';
/**
 * `npm run demo:call [-- <digits>]`: one simulated caller rings the IVR workflow of a running
 * `npm start` (examples/ivr-minimal-menu.json). It connects to the Asterisk IVR Trigger's port as
 * Asterisk's ExternalIVR() would (test/simulator/eivr-caller.ts, with the demo's token first in
 * the arguments), prints every command the workflow sends, presses the digits once the menu has
 * been played (default 1; one digit per menu try, e.g. `9 9 1`), and prints how the call ended.
 */
const fs = require('node:fs');
const path = require('node:path');
const { loadSimulatorModule } = require('../e2e/lib/simulator');

const ROOT_DIR = path.resolve(__dirname, '..');
const STATE_FILE = path.join(ROOT_DIR, '.demo', 'state.json');
const SOUNDS = '/var/lib/wazo/sounds/ivr-sounds/';
/** The prompts the example plays, and how long each one "plays" here, in ms. */
const FILES = {
	[`${SOUNDS}ivr-example-welcome-sound`]: 1200,
	[`${SOUNDS}ivr-example-choices`]: 1500,
	[`${SOUNDS}ivr-example-invalid-choice`]: 800,
	[`${SOUNDS}ivr-example-error`]: 800,
};

const COMMANDS = { S: 'play', A: 'append', I: 'interrupt', V: 'set variable', E: 'exit to the dialplan', H: 'hang up', O: 'option', L: 'log', G: 'get variables', P: 'parameters', T: 'answer', D: 'send DTMF' };

async function main() {
	if (!fs.existsSync(STATE_FILE)) {
		console.error('No running demo: start it first with `npm start` (in another terminal).');
		process.exit(1);
	}
	const state = JSON.parse(fs.readFileSync(STATE_FILE, 'utf8'));
	const presses = process.argv.slice(2).join(' ').split(/[\s,]+/).filter(Boolean);
	if (presses.length === 0) presses.push('1');

	loadSimulatorModule('defaults'); // registers ts-node for the TypeScript caller
	const { EivrCaller } = require(path.join(ROOT_DIR, 'test', 'simulator', 'eivr-caller'));
	const uniqueid = `${Math.floor(Date.now() / 1000)}.${process.pid}`;
	const caller = new EivrCaller({
		host: state.ivr.host,
		port: state.ivr.port,
		args: [state.ivr.token, uniqueid, '1001'],
		files: FILES,
	});
	const started = Date.now();
	const at = () => `${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s`;
	console.log(`calling the IVR at ${state.ivr.host}:${state.ivr.port} as 1001 (call ${uniqueid}); keys to press: ${presses.join(' ')}`);

	// Print the commands as they come (Asterisk's side of the conversation).
	let printed = 0;
	const printNew = () => {
		for (; printed < caller.received.length; printed++) {
			const line = caller.received[printed];
			const what = COMMANDS[line[0]] ?? '?';
			console.log(`${at()}  n8n → Asterisk  ${line.padEnd(60)} (${what})`);
		}
	};
	const ticker = setInterval(printNew, 50);

	await caller.connect();
	const choices = `${SOUNDS}ivr-example-choices`;
	let menusHeard = 0;
	for (const digit of presses) {
		// Wait for the menu to be (re)played to the end, then press.
		const countMenus = () => caller.sent.filter((line) => line.startsWith('F,') && line.endsWith(choices)).length;
		const deadline = Date.now() + 20000;
		while (countMenus() <= menusHeard && caller.endedBy === undefined && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
		if (caller.endedBy !== undefined) break;
		menusHeard = countMenus();
		printNew();
		console.log(`${at()}  caller presses ${digit}`);
		caller.press(digit);
	}
	let giveUp;
	await Promise.race([caller.ended, new Promise((r) => (giveUp = setTimeout(r, 30000)))]);
	clearTimeout(giveUp);
	clearInterval(ticker);
	printNew();
	const variables = [...caller.variables.entries()].map(([k, v]) => `${k}=${v}`).join(', ');
	console.log(`${at()}  call ended: ${caller.endedBy ?? 'still up after 30 s'}${variables ? `; channel variables: ${variables}` : ''}`);
	if (caller.endedBy === undefined) caller.destroy();
	console.log(`The executions are in n8n: ${state.url} → the IVR workflow → Executions (one per turn).`);
}

main().catch((error) => {
	console.error(`demo:call: ${error && error.message ? error.message : error}`);
	process.exit(1);
});
