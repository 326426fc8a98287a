'use strict';
/** Small helpers: free loopback ports, waiting, HTTP requests, timing, assertions' printing. */
const http = require('node:http');
const net = require('node:net');

/** A port the kernel says is free on 127.0.0.1 right now. */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Poll `check` (sync or async) until it returns a truthy value, or fail after `timeoutMs`. */
async function waitFor(what, check, { timeoutMs = 30000, intervalMs = 200 } = {}) {
	const deadline = Date.now() + timeoutMs;
	let lastError;
	for (;;) {
		try {
			const value = await check();
			if (value) return value;
		} catch (error) {
			lastError = error;
		}
		if (Date.now() > deadline) {
			const cause = lastError ? ` (last error: ${lastError.message})` : '';
			throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${cause}`);
		}
		await sleep(intervalMs);
	}
}

/** Reads a request's or response's body: its text, and its JSON when it is JSON. */
function readBody(stream, done) {
	const chunks = [];
	stream.on('data', (c) => chunks.push(c));
	stream.on('end', () => {
		const text = Buffer.concat(chunks).toString('utf8');
		let json;
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
		done(text, json);
	});
}

/** One HTTP request to a loopback URL; resolves { status, headers, text, json }. */
function request(url, { method = 'GET', body, headers = {}, timeoutMs = 30000 } = {}) {
	return new Promise((resolve, reject) => {
		const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
		const req = http.request(
			url,
			{
				method,
				headers: {
					...(payload !== undefined ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
					...headers,
				},
				timeout: timeoutMs,
			},
			(res) => {
				readBody(res, (text, json) => resolve({ status: res.statusCode, headers: res.headers, text, json }));
			},
		);
		req.on('timeout', () => req.destroy(new Error(`${method} ${url}: no answer in ${timeoutMs} ms`)));
		req.on('error', reject);
		if (payload !== undefined) req.write(payload);
		req.end();
	});
}

function seconds(ms) {
	return `${(ms / 1000).toFixed(1)} s`;
}

module.exports = { freePort, sleep, waitFor, request, readBody, seconds };
