/**
 * The configuration the captures were recorded with (shared/asterisk/conf): manager.conf users,
 * the extensions.conf contexts a test can originate into, queues.conf's `support` queue.
 */
import type { AmiUserConfig, Dialplan, QueueConfig } from './types';

export const DEFAULT_USERS: Record<string, AmiUserConfig> = {
	admin: { secret: 'adminpw', read: 'all', write: 'all' },
	limited: { secret: 'limitedpw', read: 'call', write: 'call' },
};

export const DEFAULT_DIALPLAN: Dialplan = {
	'park-test': {
		'100': [['Answer', ''], ['Wait', '30'], ['Hangup', '']],
		'200': [['Answer', ''], ['Wait', '30'], ['Hangup', '']],
	},
	echo: {
		'600': [['Answer', ''], ['Playback', 'demo-congrats'], ['Hangup', '']],
	},
	calls: {
		agent: [['Ringing', ''], ['Wait', '2'], ['Answer', ''], ['Wait', '3'], ['Hangup', '']],
		agentbusy: [['Busy', '5']],
	},
};

// Only `support`: the `sales` queue of queues.conf was added after the a*/d captures were made,
// and QueueStatus in those captures lists `support` alone.
export const DEFAULT_QUEUES: QueueConfig[] = [{ name: 'support', strategy: 'ringall' }];

export const DEFAULT_SOUND_SECONDS: Record<string, number> = { 'demo-congrats': 30, 'vm-goodbye': 1 };

export const DEFAULT_TECHNOLOGIES = ['Local', 'PJSIP', 'SIP', 'IAX2', 'DAHDI', 'Motif', 'Console', 'Dongle'];

export const DEFAULT_VERSION = 'Asterisk 22.10.1 built by root @ vm on a x86_64 running Linux on 2026-11-23 03:19:34 UTC';
