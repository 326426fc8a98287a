/**
 * The login sequence: plain (`Secret`) or MD5 challenge (`Action: Challenge`, then
 * `Key: md5hex(challenge + secret)`), with the event mask of the session.
 */
import { createHash } from 'node:crypto';

import { AmiActionError, AmiError } from './errors';
import type { AmiActionResult } from './pending';
import type { AmiHeaders } from './serializer';

export type AmiAuthType = 'plain' | 'md5';

/** `on`, `off`, or the read classes to receive (`['call', 'agent']`). */
export type AmiEventMask = 'on' | 'off' | readonly string[];

export interface AmiLoginOptions {
	readonly username: string;
	readonly secret: string;
	readonly authType: AmiAuthType;
	readonly events: AmiEventMask;
}

export type SendAction = (action: string, headers: AmiHeaders) => Promise<AmiActionResult>;

export function eventMaskHeader(events: AmiEventMask): string {
	return typeof events === 'string' ? events : events.join(',');
}

export function md5Key(challenge: string, secret: string): string {
	return createHash('md5').update(challenge + secret).digest('hex');
}

export async function login(send: SendAction, options: AmiLoginOptions): Promise<void> {
	const events = eventMaskHeader(options.events);
	try {
		if (options.authType === 'md5') {
			const { response } = await send('Challenge', { AuthType: 'MD5' });
			const challenge = response.get('Challenge');
			if (challenge === undefined || challenge === '') {
				throw new AmiError('PROTOCOL', 'Asterisk answered the MD5 Challenge without a challenge');
			}
			await send('Login', {
				AuthType: 'MD5',
				Username: options.username,
				Key: md5Key(challenge, options.secret),
				Events: events,
			});
			return;
		}
		await send('Login', { Username: options.username, Secret: options.secret, Events: events });
	} catch (error) {
		if (error instanceof AmiActionError) {
			// Asterisk says "Authentication failed" for a wrong user and a wrong secret alike.
			throw new AmiError(
				'AUTHENTICATION',
				`Asterisk refused the login of "${options.username}": ${error.asteriskMessage} (check the username, the secret and the permit/deny lines in manager.conf)`,
				{ cause: error },
			);
		}
		throw error;
	}
}
