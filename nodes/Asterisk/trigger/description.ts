/** The Asterisk Trigger's parameters. Read back by settings.ts. */
import type { INodeProperties } from 'n8n-workflow';

import { EVENT_CLASS_OPTIONS, EVENT_OPTIONS } from './event-catalog';

const eventsOnly = { show: { mode: ['events'] } };

export const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Output',
		name: 'mode',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Events',
				value: 'events',
				description: 'One item per AMI event that passes the filters',
			},
			{
				name: 'Call Summaries',
				value: 'callSummary',
				description:
					'One item per finished call (followed by Linkedid from Newchannel to the last Hangup): caller, callee, disposition, durations, hangup cause, queue',
			},
		],
		default: 'events',
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		options: EVENT_OPTIONS,
		default: [],
		description:
			'Events to listen for. Leave empty (with no other names below) or pick [All Events] to receive every event the AMI user may read.',
		displayOptions: eventsOnly,
	},
	{
		displayName: 'Other Event Names',
		name: 'customEvents',
		type: 'string',
		default: '',
		placeholder: 'e.g. AgentRingNoAnswer, ChanSpyStart',
		description: 'More event names, separated by commas, exactly as Asterisk sends them in "Event:" (any case)',
		displayOptions: eventsOnly,
	},
	{
		displayName: 'Only Events With',
		name: 'match',
		type: 'collection',
		placeholder: 'Add Condition',
		default: {},
		displayOptions: eventsOnly,
		options: [
			{
				displayName: 'Channel Pattern',
				name: 'channelPattern',
				type: 'string',
				default: '',
				placeholder: 'e.g. PJSIP/1*',
				description: 'The Channel header matches this pattern: * any run of characters, ? one character',
			},
			{
				displayName: 'Context',
				name: 'context',
				type: 'string',
				default: '',
				placeholder: 'e.g. from-internal',
				description: 'The Context header equals this',
			},
			{
				displayName: 'Extension',
				name: 'extension',
				type: 'string',
				default: '',
				placeholder: 'e.g. 100',
				description: 'The Exten header equals this',
			},
			{
				displayName: 'Queue',
				name: 'queue',
				type: 'string',
				default: '',
				placeholder: 'e.g. support',
				description: 'The Queue header equals this',
			},
		],
	},
	{
		displayName: 'Header Filters',
		name: 'headerFilters',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Header Filter',
		default: {},
		displayOptions: eventsOnly,
		options: [
			{
				displayName: 'Filter',
				name: 'rules',
				values: [
					{
						displayName: 'Header',
						name: 'field',
						type: 'string',
						default: '',
						placeholder: 'e.g. Cause',
						description: 'Header name as Asterisk sends it (any case). A repeated header matches when any of its values does.',
					},
					{
						displayName: 'Comparison',
						name: 'comparison',
						type: 'options',
						options: [
							{ name: 'Contains', value: 'contains' },
							{ name: 'Equals', value: 'equals' },
							{ name: 'Exists', value: 'exists' },
							{ name: 'Matches Regex', value: 'regex', description: 'A JavaScript regular expression, e.g. ^(17|21)$' },
							{ name: 'Not Equals', value: 'notEquals', description: 'Also true when the header is missing' },
							{ name: 'Not Exists', value: 'notExists' },
							{ name: 'Starts With', value: 'startsWith' },
						],
						default: 'equals',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						displayOptions: { hide: { comparison: ['exists', 'notExists'] } },
					},
					{
						displayName: 'Ignore Case',
						name: 'ignoreCase',
						type: 'boolean',
						default: false,
						description: 'Whether to compare the value without regard to letter case',
						displayOptions: { hide: { comparison: ['exists', 'notExists'] } },
					},
				],
			},
		],
	},
	{
		displayName: 'Match',
		name: 'combine',
		type: 'options',
		options: [
			{ name: 'All Header Filters', value: 'all' },
			{ name: 'Any Header Filter', value: 'any' },
		],
		default: 'all',
		displayOptions: eventsOnly,
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Batch Size',
				name: 'batchSize',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 1,
				description: 'Start one execution with up to this many items (1: one execution per item)',
			},
			{
				displayName: 'Batch Window (Ms)',
				name: 'batchWindowMs',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 1000,
				description:
					'With a batch size above 1: start the execution at most this long after the first item of the batch arrived, even if the batch is not full',
			},
			{
				displayName: 'Call End Grace (Ms)',
				name: 'callEndGraceMs',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 500,
				description: "How long to wait after a call's last Hangup for late events (Cdr, CEL, a transfer's new channel) before summarizing it",
				displayOptions: { show: { '/mode': ['callSummary'] } },
			},
			{
				displayName: 'Event Classes',
				name: 'eventClasses',
				type: 'multiOptions',
				options: EVENT_CLASS_OPTIONS,
				default: [],
				description:
					"Receive only these manager.conf classes (the session's event mask); empty: every class the AMI user may read. Cuts traffic at the source.",
			},
			{
				displayName: 'Filter on the Server',
				name: 'serverFilter',
				type: 'boolean',
				default: false,
				description:
					"Whether to send Filter actions so that Asterisk itself drops the events this trigger does not want. Needs write = system for the AMI user; if Asterisk refuses, the trigger filters here and says so in n8n's log.",
			},
			{
				displayName: 'Max Calls Followed',
				name: 'maxCalls',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 5000,
				description: 'Most calls followed at once; beyond it the oldest call is summarized as incomplete',
				displayOptions: { show: { '/mode': ['callSummary'] } },
			},
		],
	},
];
