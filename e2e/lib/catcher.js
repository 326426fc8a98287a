'use strict';
/** A loopback HTTP server standing in for Slack (or any webhook receiver): records every request. */
const http = require('node:http');

const { readBody } = require('./util');

async function startCatcher() {
	const received = [];
	const server = http.createServer((req, res) => {
		readBody(req, (text, json) => {
			received.push({ method: req.method, url: req.url, headers: req.headers, text, json, at: Date.now() });
			res.writeHead(200, { 'content-type': 'text/plain' });
			res.end('ok');
		});
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', resolve);
	});
	const { port } = server.address();
	return {
		url: `http://127.0.0.1:${port}`,
		received,
		close: () => new Promise((resolve) => server.close(() => resolve())),
	};
}

module.exports = { startCatcher };
