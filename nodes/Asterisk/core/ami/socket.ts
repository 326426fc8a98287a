/** Opens the TCP or TLS socket an AmiClient talks over. */
import * as net from 'node:net';
import * as tls from 'node:tls';

import { DEFAULT_PORT, DEFAULT_TLS_PORT, type AmiClientOptions } from './options';

export function usesTls(options: AmiClientOptions): boolean {
	return options.tls !== undefined && options.tls !== false;
}

export function portOf(options: AmiClientOptions): number {
	return options.port ?? (usesTls(options) ? DEFAULT_TLS_PORT : DEFAULT_PORT);
}

export function openSocket(options: AmiClientOptions): net.Socket {
	const { host } = options;
	const port = portOf(options);
	if (options.tls === undefined || options.tls === false) {
		const socket = net.connect({ host, port });
		// Actions are small and answered one by one: no Nagle delay on them.
		socket.setNoDelay(true);
		return socket;
	}
	const settings = options.tls === true ? {} : options.tls;
	return tls.connect({
		host,
		port,
		ca: settings.ca,
		rejectUnauthorized: settings.allowSelfSigned !== true,
		servername: settings.servername ?? (net.isIP(host) === 0 ? host : undefined),
	});
}
