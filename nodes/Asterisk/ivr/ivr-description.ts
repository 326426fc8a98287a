/** The Asterisk IVR node's parameters. Read back by answer-parameters.ts. */
import type { INodeProperties } from 'n8n-workflow';

const collect = { show: { ending: ['collectDigits'] } };

export const STEP_ACTIONS = [
	{ name: 'Play File', value: 'play', description: 'Stop what plays and play this file' },
	{ name: 'Append File', value: 'append', description: 'Play this file after what is already playing' },
	{ name: 'Stop Playback', value: 'stop', description: 'Stop the current file and clear the playlist' },
	{ name: 'Set Variable', value: 'setVariable', description: 'Set a channel variable' },
	{ name: 'Log', value: 'log', description: 'Write a line to the Asterisk log' },
	{ name: 'Answer Channel', value: 'answer', description: 'Answer the channel (only needed with ExternalIVR option n)' },
	{ name: 'Send DTMF', value: 'sendDtmf', description: 'Send keys on the channel' },
] as const;

export const ivrProperties: INodeProperties[] = [
	{
		displayName:
			'Answers the current turn of the call that started this execution (only the first answer of an execution counts). Use it once at the end of every branch of an Asterisk IVR Trigger workflow.',
		name: 'turnNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Steps',
		name: 'steps',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Step',
		default: {},
		description: 'What to do first, in order',
		options: [
			{
				displayName: 'Step',
				name: 'step',
				values: [
					{
						displayName: 'Action',
						name: 'action',
						type: 'options',
						options: [...STEP_ACTIONS],
						default: 'play',
					},
					{
						displayName: 'Digits',
						name: 'digits',
						type: 'string',
						default: '',
						placeholder: 'e.g. 1234#',
						description: 'Keys 0-9 * # A-D; w waits half a second',
						displayOptions: { show: { action: ['sendDtmf'] } },
					},
					{
						displayName: 'File',
						name: 'file',
						type: 'string',
						default: '',
						placeholder: 'e.g. custom/ivr-welcome',
						description: 'Sound file as Asterisk names it: relative to the sounds directory or absolute, without extension',
						displayOptions: { show: { action: ['play', 'append'] } },
					},
					{
						displayName: 'Message',
						name: 'message',
						type: 'string',
						default: '',
						displayOptions: { show: { action: ['log'] } },
					},
					{
						displayName: 'Variable Name',
						name: 'variableName',
						type: 'string',
						default: '',
						placeholder: 'e.g. IVR_CHOICE',
						displayOptions: { show: { action: ['setVariable'] } },
					},
					{
						displayName: 'Variable Value',
						name: 'variableValue',
						type: 'string',
						default: '',
						displayOptions: { show: { action: ['setVariable'] } },
					},
				],
			},
		],
	},
	{
		displayName: 'Then',
		name: 'ending',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Collect Digits',
				value: 'collectDigits',
				description: 'Wait for keys; the next turn is "input" (with the digits) or "timeout"',
			},
			{
				name: 'Wait for Playback',
				value: 'waitForPlayback',
				description: 'Wait until every file has played; the next turn is "played"',
			},
			{
				name: 'Return to Dialplan',
				value: 'returnToDialplan',
				description: 'Leave ExternalIVR, optionally setting variables; the dialplan continues. Ends the call\'s turns.',
			},
			{
				name: 'Hang Up',
				value: 'hangup',
				description: 'End the call. Ends the call\'s turns.',
			},
		],
		default: 'collectDigits',
	},
	{
		displayName: 'Max Digits',
		name: 'maxDigits',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 256 },
		default: 1,
		description: 'Stop after this many keys',
		displayOptions: collect,
	},
	{
		displayName: 'Terminator',
		name: 'terminator',
		type: 'string',
		default: '',
		placeholder: 'e.g. #',
		description: 'Keys that end the input early and are not part of it (none when empty)',
		displayOptions: collect,
	},
	{
		displayName: 'First Digit Timeout (Seconds)',
		name: 'firstDigitTimeout',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 1 },
		default: 5,
		description: 'How long to wait for the first key, counted from the end of the playback',
		displayOptions: collect,
	},
	{
		displayName: 'Inter-Digit Timeout (Seconds)',
		name: 'interDigitTimeout',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 1 },
		default: 3,
		description: 'How long to wait for each following key',
		displayOptions: collect,
	},
	{
		displayName: 'Allow Barge-In',
		name: 'bargeIn',
		type: 'boolean',
		default: true,
		description: 'Whether a key stops the prompt that is playing',
		displayOptions: collect,
	},
	{
		displayName: 'Dialplan Variables',
		name: 'dialplanVariables',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Variable',
		default: {},
		description: 'Channel variables to set before returning, e.g. the option chosen',
		displayOptions: { show: { ending: ['returnToDialplan'] } },
		options: [
			{
				displayName: 'Variable',
				name: 'variable',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'e.g. IVR_CHOICE' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
	{
		displayName: 'Wait for Playback First',
		name: 'waitForPlayback',
		type: 'boolean',
		default: true,
		description: 'Whether to let the files play to the end before leaving (otherwise they are cut)',
		displayOptions: { show: { ending: ['returnToDialplan', 'hangup'] } },
	},
	{
		displayName: 'State',
		name: 'state',
		type: 'json',
		default: '{}',
		description:
			'An object kept with the call: its keys are merged into the "state" of the next turn (e.g. a try counter). Use an expression to compute it from this turn\'s state.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Discard Earlier Keys',
				name: 'flush',
				type: 'boolean',
				default: false,
				description: 'Whether to ignore keys pressed before this collection started (by default they count, so callers can type ahead)',
				displayOptions: { show: { '/ending': ['collectDigits'] } },
			},
			{
				displayName: 'Log Message',
				name: 'message',
				type: 'string',
				default: '',
				description: 'Text Asterisk logs when the call leaves ExternalIVR',
				displayOptions: { show: { '/ending': ['returnToDialplan', 'hangup'] } },
			},
			{
				displayName: 'Replace State',
				name: 'replaceState',
				type: 'boolean',
				default: false,
				description: 'Whether the state replaces the stored one instead of being merged into it',
			},
		],
	},
];
