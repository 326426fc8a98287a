'use strict';
/**
 * Redis for n8n's queue mode: Debian's `redis-server`, installed with apt-get when missing (CI
 * runs as root on a fresh Debian machine), started by the suite on 127.0.0.1 and a free port,
 * with no persistence, in its own process group, and stopped by that group's id only.
 */
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const { sleep, waitFor, seconds } = require('./util');

function which(command) {
	const found = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
	return found.status === 0 ? found.stdout.trim() : undefined;
}

/**
 * The path of redis-server; installs Debian's package when it is missing. Throws a clear error
 * when it cannot (no apt-get, not root and no password-less sudo, the install failed).
 */
function ensureRedis(log) {
	const present = which('redis-server');
	if (present) return { bin: present, installedMs: 0 };
	const aptGet = which('apt-get');
	if (!aptGet) {
		throw new Error(
			'queue mode needs redis-server, which is not installed, and apt-get is not available to install it: install Redis (e.g. `apt-get install -y redis-server`) and run again',
		);
	}
	const root = typeof process.getuid === 'function' && process.getuid() === 0;
	let prefix = [];
	if (!root) {
		if (!which('sudo') || spawnSync('sudo', ['-n', 'true']).status !== 0) {
			throw new Error('queue mode needs redis-server, which is not installed; installing it needs root: run `sudo apt-get install -y redis-server`, then run again');
		}
		prefix = ['sudo', '-n'];
	}
	const started = Date.now();
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const apt = (...args) => {
		const [command, ...rest] = [...prefix, aptGet, ...args];
		return spawnSync(command, rest, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
	};
	log('installing redis-server with apt-get (queue mode)');
	let install = apt('install', '-y', '--no-install-recommends', 'redis-server');
	if (install.status !== 0) {
		// A fresh machine may have no package lists yet.
		log('apt-get install failed; running apt-get update and trying again');
		apt('update');
		install = apt('install', '-y', '--no-install-recommends', 'redis-server');
	}
	const bin = which('redis-server');
	if (install.status !== 0 || !bin) {
		throw new Error(`apt-get install -y redis-server failed (exit ${install.status}):\n${(install.stderr || '').split('\n').slice(-15).join('\n')}`);
	}
	log(`redis-server installed in ${seconds(Date.now() - started)}`);
	return { bin, installedMs: Date.now() - started };
}

/** One Redis command over a fresh connection (inline protocol); resolves the first reply line. */
function redisCommand(port, command, timeoutMs = 2000) {
	return new Promise((resolve, reject) => {
		const socket = net.connect({ host: '127.0.0.1', port });
		let reply = '';
		const timer = setTimeout(() => {
			socket.destroy();
			reject(new Error(`redis ${command}: no answer in ${timeoutMs} ms`));
		}, timeoutMs);
		socket.on('connect', () => socket.write(`${command}\r\n`));
		socket.on('data', (chunk) => {
			reply += chunk.toString('utf8');
			if (reply.includes('\r\n')) {
				clearTimeout(timer);
				socket.destroy();
				resolve(reply.split('\r\n')[0]);
			}
		});
		socket.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
	});
}

class Redis {
	constructor({ bin, port, dir, logFile }) {
		this.bin = bin;
		this.port = port;
		this.dir = dir;
		this.logFile = logFile;
		this.child = undefined;
	}

	async start() {
		fs.mkdirSync(this.dir, { recursive: true });
		const out = fs.openSync(this.logFile, 'a');
		const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--protected-mode', 'yes', '--save', '', '--appendonly', 'no', '--dir', this.dir, '--daemonize', 'no'];
		fs.writeSync(out, `$ ${this.bin} ${args.join(' ')}\n`);
		const child = spawn(this.bin, args, { cwd: this.dir, stdio: ['ignore', out, out], detached: true });
		fs.closeSync(out);
		this.child = child;
		let exited;
		child.on('exit', (code, signal) => (exited = code ?? signal));
		await waitFor(
			`redis-server on 127.0.0.1:${this.port}`,
			async () => {
				if (exited !== undefined) throw Object.assign(new Error(`redis-server exited with ${exited}`), { fatal: true });
				return (await redisCommand(this.port, 'PING')) === '+PONG';
			},
			{ timeoutMs: 15000, intervalMs: 100 },
		).catch((error) => {
			if (exited !== undefined) throw new Error(`redis-server exited with ${exited} (log: ${this.logFile})`);
			throw error;
		});
		return this;
	}

	async stop() {
		const child = this.child;
		this.child = undefined;
		if (!child || child.exitCode !== null || child.signalCode !== null) return;
		const closed = new Promise((resolve) => child.once('exit', resolve));
		this.kill(child, 'SIGTERM');
		const timer = setTimeout(() => this.kill(child, 'SIGKILL'), 5000);
		await closed;
		clearTimeout(timer);
		await sleep(50);
	}

	/** Synchronous last resort. */
	killAll() {
		if (this.child) this.kill(this.child, 'SIGKILL');
	}

	kill(child, signal) {
		try {
			process.kill(-child.pid, signal);
		} catch {
			// already gone
		}
	}
}

module.exports = { ensureRedis, Redis, redisCommand };
