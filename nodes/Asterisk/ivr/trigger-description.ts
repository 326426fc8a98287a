/** The Asterisk IVR Trigger's parameters. Read back by trigger-settings.ts. */
import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_IVR_PORT, dialplanLine } from './dialplan-line';

const EXAMPLE_LINE = dialplanLine({ host: 'n8n.example.com', port: DEFAULT_IVR_PORT, token: 'YOUR_TOKEN' });

export const DEFAULT_FALLBACK_VARIABLE = 'N8N_IVR_FALLBACK';

export const ivrTriggerProperties: INodeProperties[] = [
	{
		displayName: `Paste this line into the Asterisk dialplan, with this n8n host, the port below and the credential's token: <code>${EXAMPLE_LINE}</code><br>Each call runs the workflow once per turn; end every branch with an Asterisk IVR node.`,
		name: 'dialplanNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Port',
		name: 'port',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 65535 },
		default: DEFAULT_IVR_PORT,
		description: "TCP port to listen on; ExternalIVR's own default is 2949",
	},
	{
		displayName: 'Bind Address',
		name: 'bindAddress',
		type: 'string',
		default: '127.0.0.1',
		placeholder: 'e.g. 0.0.0.0',
		description: 'Address to listen on: 127.0.0.1 when Asterisk runs on this machine, 0.0.0.0 (or ::) when it connects from elsewhere',
	},
	{
		displayName: 'Allowed Addresses',
		name: 'allowlist',
		type: 'string',
		default: '127.0.0.1, ::1',
		placeholder: 'e.g. 10.0.0.5, 192.168.1.0/24',
		description:
			'Asterisk servers that may connect: addresses or CIDR ranges, separated by commas (* for any). Others are closed at once (ExternalIVR has no authentication of its own).',
	},
	{
		displayName: 'Variables to Read',
		name: 'variables',
		type: 'string',
		default: '',
		placeholder: 'e.g. CHANNEL_LANGUAGE, MY_DID',
		description:
			'Channel (or global) variables to read when the call arrives, separated by commas; they appear in every turn as "variables". Functions such as CALLERID(num) read as empty: pass them in the ExternalIVR arguments.',
	},
	{
		displayName: 'Turn Timeout (Seconds)',
		name: 'turnTimeout',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 10,
		description: 'How long the caller may wait (in silence) for the workflow to answer a turn before the fallback runs',
	},
	{
		displayName: 'When the Workflow Does Not Answer',
		name: 'fallback',
		type: 'options',
		options: [
			{
				name: 'Return to Dialplan',
				value: 'returnToDialplan',
				description: 'Leave ExternalIVR with a variable set to timeout, noAnswer or error; the dialplan continues',
			},
			{
				name: 'Play a File and Hang Up',
				value: 'playAndHangup',
				description: 'Play a sound file to the caller, then end the call',
			},
		],
		default: 'returnToDialplan',
		description:
			'What the call does when a turn gets no answer in time, when the execution ends (or fails) without reaching an Asterisk IVR node, or when the answer cannot be carried out',
	},
	{
		displayName: 'Fallback Variable',
		name: 'fallbackVariable',
		type: 'string',
		default: DEFAULT_FALLBACK_VARIABLE,
		description: 'Channel variable set to timeout, noAnswer or error before returning to the dialplan (leave empty to set none)',
		displayOptions: { show: { fallback: ['returnToDialplan'] } },
	},
	{
		displayName: 'Fallback File',
		name: 'fallbackFile',
		type: 'string',
		default: 'vm-goodbye',
		placeholder: 'e.g. custom/sorry-try-later',
		description: 'Sound file to play before hanging up, as Asterisk names it (no extension)',
		displayOptions: { show: { fallback: ['playAndHangup'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Max Calls',
				name: 'maxSessions',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 100,
				description: 'Calls served at once; a call beyond this returns to the dialplan at once',
			},
			{
				displayName: 'Idle Timeout (Seconds)',
				name: 'idleTimeout',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 300,
				description: 'A call with no traffic either way for this long returns to the dialplan (0 = never)',
			},
		],
	},
];
