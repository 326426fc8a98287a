'use strict';
/**
 * One n8n instance for the suite: a fresh user folder (its own SQLite database, settings and
 * encryption key), loopback-only ports, every process's output in a log file.
 *   - cli(args): one-shot commands (import, update:workflow, execute), EXECUTIONS_MODE=regular;
 *   - start()/stop(): `n8n start`, ready when /healthz answers and the startup is logged done.
 * Processes are started in their own process group and stopped by that group's id only.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { request, sleep, waitFor } = require('./util');

class N8n {
	constructor({ toolchain, userFolder, port, brokerPort, logDir, env = {} }) {
		this.toolchain = toolchain;
		this.userFolder = userFolder;
		this.port = port;
		this.brokerPort = brokerPort;
		this.logDir = logDir;
		this.extraEnv = env;
		this.server = undefined;
		this.worker = undefined;
		this.serverLog = path.join(logDir, 'n8n-start.log');
		this.logs = [];
		this.children = new Set();
		this.cliCount = 0;
	}

	get baseUrl() {
		return `http://127.0.0.1:${this.port}`;
	}

	env(extra = {}) {
		return this.toolchain.env({
			N8N_USER_FOLDER: this.userFolder,
			N8N_PORT: String(this.port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			WEBHOOK_URL: `${this.baseUrl}/`,
			N8N_RUNNERS_BROKER_PORT: String(this.brokerPort),
			N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
			EXECUTIONS_MODE: 'regular',
			DB_TYPE: 'sqlite',
			GENERIC_TIMEZONE: 'UTC',
			TZ: 'UTC',
			N8N_ENCRYPTION_KEY: 'n8n-nodes-asterisk-e2e-not-a-secret',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
			N8N_SECURE_COOKIE: 'false',
			N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
			N8N_GIT_NODE_DISABLE_BARE_REPOS: 'true',
			N8N_BLOCK_ENV_ACCESS_IN_NODE: 'true',
			N8N_LOG_LEVEL: process.env.N8N_E2E_LOG_LEVEL || 'debug',
			N8N_LOG_OUTPUT: 'console',
			NO_COLOR: '1',
			...this.extraEnv,
			...extra,
		});
	}

	spawn(args, logFile, extraEnv) {
		const out = fs.openSync(logFile, 'a');
		fs.writeSync(out, `$ n8n ${args.join(' ')}\n`);
		const child = spawn(this.toolchain.nodeBin, [this.toolchain.n8nBin, ...args], {
			cwd: this.userFolder,
			env: this.env(extraEnv),
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		this.children.add(child);
		child.on('exit', () => this.children.delete(child));
		const stdout = [];
		child.stdout.on('data', (chunk) => {
			stdout.push(chunk);
			fs.writeSync(out, chunk);
		});
		child.stderr.on('data', (chunk) => fs.writeSync(out, chunk));
		child.on('close', () => fs.closeSync(out));
		return { child, stdout };
	}

	/**
	 * A one-shot CLI command. Resolves { code, signal, stdout, log } (it does not throw on a
	 * non-zero exit: `n8n execute` may crash with a segfault while exiting after a finished run,
	 * so callers judge by the output). One-shot commands use the legacy expression engine, which
	 * avoids that crash.
	 */
	cli(args, { timeoutMs = 120000, env } = {}) {
		const name = `${String(++this.cliCount).padStart(2, '0')}-${args[0].replace(/[^a-z0-9]+/gi, '-')}`;
		const logFile = path.join(this.logDir, `n8n-${name}.log`);
		this.logs.push(logFile);
		// Regular mode even when the server runs in queue mode: otherwise they wait 10 s for Redis.
		const { child, stdout } = this.spawn(args, logFile, { N8N_EXPRESSION_ENGINE: 'legacy', EXECUTIONS_MODE: 'regular', ...env });
		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => {
				this.killGroup(child, 'SIGKILL');
				reject(new Error(`n8n ${args.join(' ')} did not finish in ${timeoutMs} ms (log: ${logFile})`));
			}, timeoutMs);
			child.on('error', reject);
			child.on('close', (code, signal) => {
				clearTimeout(timer);
				resolve({ code, signal, stdout: Buffer.concat(stdout).toString('utf8'), log: logFile });
			});
		});
	}

	/** A CLI command that must exit 0. */
	async cliOk(args, options) {
		const result = await this.cli(args, options);
		if (result.code !== 0) {
			throw new Error(`n8n ${args.join(' ')} exited with ${result.code ?? result.signal} (log: ${result.log})`);
		}
		return result;
	}

	/**
	 * `n8n start`; resolves when it serves HTTP and has finished starting (workflows activated).
	 * A second start (another mode) should name its own log, so that readiness is read from it.
	 */
	async start({ timeoutMs = 120000, logName } = {}) {
		if (logName) this.serverLog = path.join(this.logDir, logName);
		if (!this.logs.includes(this.serverLog)) this.logs.push(this.serverLog);
		const { child } = this.spawn(['start'], this.serverLog);
		this.server = child;
		let exited;
		child.on('exit', (code, signal) => (exited = code ?? signal));
		await waitFor(
			'n8n start to be ready',
			async () => {
				if (exited !== undefined) throw Object.assign(new Error(`n8n start exited with ${exited}`), { fatal: true });
				const log = fs.readFileSync(this.serverLog, 'utf8');
				if (!/Editor is now accessible via/.test(log)) return false;
				const health = await request(`${this.baseUrl}/healthz/readiness`, { timeoutMs: 2000 });
				return health.status === 200;
			},
			{ timeoutMs, intervalMs: 250 },
		).catch((error) => {
			if (exited !== undefined) throw new Error(`n8n start exited with ${exited} before it was ready`);
			throw error;
		});
	}

	/** More environment for every later command (e.g. queue mode's EXECUTIONS_MODE and Redis). */
	setEnv(extra) {
		this.extraEnv = { ...this.extraEnv, ...extra };
	}

	/**
	 * `n8n worker` (queue mode), with its own task-runner broker port; resolves when it logs that
	 * it is ready. Its environment is the instance's (set queue mode with setEnv first).
	 */
	async startWorker({ brokerPort, concurrency = 5, timeoutMs = 120000 } = {}) {
		const logFile = path.join(this.logDir, 'n8n-worker.log');
		if (!this.logs.includes(logFile)) this.logs.push(logFile);
		const { child } = this.spawn(['worker', `--concurrency=${concurrency}`], logFile, { N8N_RUNNERS_BROKER_PORT: String(brokerPort) });
		this.worker = child;
		this.workerLog = logFile;
		let exited;
		child.on('exit', (code, signal) => (exited = code ?? signal));
		await waitFor(
			'n8n worker to be ready',
			() => {
				if (exited !== undefined) throw new Error(`n8n worker exited with ${exited}`);
				return /n8n worker is now ready/.test(fs.readFileSync(logFile, 'utf8'));
			},
			{ timeoutMs, intervalMs: 250 },
		).catch((error) => {
			if (exited !== undefined) throw new Error(`n8n worker exited with ${exited} before it was ready (log: ${logFile})`);
			throw error;
		});
	}

	/** Stop `n8n worker` as `n8n start` is stopped. */
	async stopWorker() {
		const child = this.worker;
		this.worker = undefined;
		await this.stopChild(child);
	}

	/** Stop `n8n start`: SIGTERM to its process group, SIGKILL after 20 s. */
	async stop() {
		const child = this.server;
		this.server = undefined;
		await this.stopChild(child);
	}

	async stopChild(child) {
		if (!child || child.exitCode !== null || child.signalCode !== null) return;
		const closed = new Promise((resolve) => child.once('close', resolve));
		this.killGroup(child, 'SIGTERM');
		const timer = setTimeout(() => this.killGroup(child, 'SIGKILL'), 20000);
		await closed;
		clearTimeout(timer);
		// The task runner it spawned shares its process group; make sure nothing is left.
		this.killGroup(child, 'SIGKILL');
		await sleep(100);
	}

	killGroup(child, signal) {
		try {
			process.kill(-child.pid, signal);
		} catch {
			// already gone
		}
	}

	/** Synchronous last resort (process exit): kill every group this instance started. */
	killAll() {
		for (const child of this.children) this.killGroup(child, 'SIGKILL');
		if (this.server) this.killGroup(this.server, 'SIGKILL');
		if (this.worker) this.killGroup(this.worker, 'SIGKILL');
	}

	/** The last `lines` lines of every log this instance wrote, for a failure report. */
	logTails(lines = 150) {
		return this.logs
			.filter((file) => fs.existsSync(file))
			.map((file) => {
				const all = fs.readFileSync(file, 'utf8').split('\n');
				const tail = all.slice(-lines).join('\n');
				return `----- ${path.relative(process.cwd(), file)} (last ${Math.min(lines, all.length)} of ${all.length} lines) -----\n${tail}`;
			})
			.join('\n');
	}
}

/**
 * The run data (IRun) that `n8n execute` prints as pretty JSON. n8n 1.x prints it through its
 * logger: `<time>   info    {` … `} { "file": "base-command.js", … }`, so the object starts at the
 * last `{` of a line and ends at a line that starts with `}`.
 */
function parseExecuteOutput(stdout) {
	const lines = stdout.split('\n');
	for (let start = 0; start < lines.length; start++) {
		if (!lines[start].trimEnd().endsWith('{')) continue;
		const first = lines[start].slice(lines[start].lastIndexOf('{'));
		for (let end = start + 1; end < lines.length; end++) {
			if (!lines[end].startsWith('}')) continue;
			try {
				const parsed = JSON.parse([first, ...lines.slice(start + 1, end), '}'].join('\n'));
				if (parsed && parsed.data && parsed.data.resultData) return parsed;
			} catch {
				// not this slice
			}
			break;
		}
	}
	return undefined;
}

module.exports = { N8n, parseExecuteOutput };
