'use strict';
/**
 * The project's AMI simulator (test/simulator/ami, TypeScript), loaded in this process through
 * the root's ts-node, so the suite can look at what n8n sent and push events directly.
 * It listens on 127.0.0.1 only. `restart()` closes it (every AMI connection drops, as when
 * Asterisk restarts) and opens a fresh one on the same port.
 */
const path = require('node:path');
const { ROOT_DIR } = require('./toolchain');

let registered = false;
/** A TypeScript module of the repository (e.g. 'test/simulator/eivr-caller'), through the root's ts-node. */
function loadTs(relativePath) {
	if (!registered) {
		require(path.join(ROOT_DIR, 'node_modules', 'ts-node')).register({
			transpileOnly: true,
			project: path.join(ROOT_DIR, 'tsconfig.json'),
			compilerOptions: { module: 'commonjs' },
		});
		registered = true;
	}
	return require(path.join(ROOT_DIR, relativePath));
}

function loadSimulatorModule(file = '') {
	return loadTs(path.join('test', 'simulator', 'ami', file));
}

class Simulator {
	constructor(options) {
		this.options = options;
		this.instance = undefined;
		this.generation = 0;
	}

	async start() {
		const { startAmiSimulator } = loadSimulatorModule();
		this.instance = await startAmiSimulator({ host: '127.0.0.1', failedLoginDelayMs: 50, ...this.options });
		this.options = { ...this.options, port: this.instance.port };
		this.generation++;
		return this;
	}

	get port() {
		return this.instance.port;
	}

	/** Actions received (by this incarnation), as plain header objects without ActionID. */
	actions(name) {
		return this.instance.receivedActions(name).map((received) => {
			const object = received.message.toObject();
			delete object.ActionID;
			return object;
		});
	}

	emit(headers) {
		this.instance.emitEvent(headers);
	}

	get loggedInSessions() {
		return this.instance.loggedInSessions;
	}

	async restart() {
		await this.instance.close();
		await this.start();
	}

	async close() {
		if (this.instance) await this.instance.close();
		this.instance = undefined;
	}
}

module.exports = { Simulator, loadSimulatorModule, loadTs };
