'use strict';
/** A loopback HTTP server standing in for Slack (or any webhook receiver): records every request. */
const http = require('node:http');

async function startCatcher() {
	const received = [];
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			const text = Buffer.concat(chunks).toString('utf8');
			let json;
			try {
				json = JSON.parse(text);
			} catch {
				json = undefined;
			}
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
