import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { ORIGINATE, type AmiActionResult, type AmiEventMask } from '../../core/ami';
import type { AmiRequest, AmiSession } from '../../helpers/interfaces';
import { messageJson } from '../../helpers/items';
import { additionalFields, addBoolean, addIfSet, flag, keyValues, positiveNumber, required, text, type Headers } from '../../helpers/parameters';
import { runPerItem } from '../../helpers/run';
import { channelField, contextField, extensionField, priorityField, variablesField } from '../common.descriptions';

const properties: INodeProperties[] = [
	channelField('The channel to call first; when it answers, it is connected to the destination. E.g. PJSIP/100 rings the phone of extension 100; Local/5551234@from-internal dials 5551234 through the dialplan.', {
		placeholder: 'e.g. PJSIP/100',
	}),
	{
		displayName: 'Connect To',
		name: 'destinationType',
		type: 'options',
		options: [
			{ name: 'Extension', value: 'extension', description: 'Continue in the dialplan at a context, extension and priority' },
			{ name: 'Application', value: 'application', description: 'Run one dialplan application (e.g. Playback) on the answered channel' },
		],
		default: 'extension',
		description: 'Where the answered channel goes',
	},
	{ ...contextField, displayOptions: { show: { destinationType: ['extension'] } } },
	{
		...extensionField,
		description: 'Extension to connect the answered channel to: the number to call, or a dialplan extension',
		displayOptions: { show: { destinationType: ['extension'] } },
	},
	{ ...priorityField, displayOptions: { show: { destinationType: ['extension'] } } },
	{
		displayName: 'Application',
		name: 'application',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Playback',
		description: 'Dialplan application to run on the answered channel',
		displayOptions: { show: { destinationType: ['application'] } },
	},
	{
		displayName: 'Application Data',
		name: 'data',
		type: 'string',
		default: '',
		placeholder: 'e.g. demo-congrats',
		description: "The application's arguments",
		displayOptions: { show: { destinationType: ['application'] } },
	},
	{
		displayName: 'Wait for Result',
		name: 'waitForResult',
		type: 'boolean',
		default: true,
		description: 'Whether to wait until the call is answered or fails (OriginateResponse) and output the outcome; otherwise output as soon as Asterisk has queued the call',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Account Code',
				name: 'account',
				type: 'string',
				default: '',
				description: 'Account code for the call detail records',
			},
			{
				displayName: 'Caller ID Name',
				name: 'callerIdName',
				type: 'string',
				default: '',
				description: 'Name shown to the called party',
			},
			{
				displayName: 'Caller ID Number',
				name: 'callerIdNumber',
				type: 'string',
				default: '',
				description: 'Number shown to the called party',
			},
			{
				displayName: 'Channel ID',
				name: 'channelId',
				type: 'string',
				default: '',
				description: 'Uniqueid to give the first channel',
			},
			variablesField('Channel variables to set on the new channel, one Variable header each'),
			{
				displayName: 'Codecs',
				name: 'codecs',
				type: 'string',
				default: '',
				placeholder: 'e.g. ulaw,alaw',
				description: 'Comma-separated codecs to offer',
			},
			{
				displayName: 'Early Media',
				name: 'earlyMedia',
				type: 'boolean',
				default: false,
				description: 'Whether to connect the destination as soon as early media (ringback, announcements) arrives, before answer',
			},
			{
				displayName: 'Other Channel ID',
				name: 'otherChannelId',
				type: 'string',
				default: '',
				description: 'Uniqueid to give the second channel of a Local channel pair',
			},
			{
				displayName: 'Ring Timeout (Ms)',
				name: 'ringTimeout',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 30000,
				description: 'How long the first channel may ring before the call counts as not answered, in milliseconds',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['call'], operation: ['originate'] } }, properties);

/** OriginateResponse only reaches a connection that receives `call` events (it is broadcast). */
export function connectionEvents(): AmiEventMask {
	return ['call'];
}

/** Asterisk's OriginateResponse `Reason`: the last control frame the channel saw (AST_CONTROL_*). */
export const ORIGINATE_REASONS: Readonly<Record<number, string>> = {
	0: 'Failed: no such channel or extension, or the channel could not be created',
	1: 'Hung up before answer',
	2: 'Ring (local ring)',
	3: 'No answer: it rang until the ring timeout',
	4: 'Answered',
	5: 'Busy',
	8: 'Congestion: circuits busy or the number is unreachable',
};

const DEFAULT_RING_TIMEOUT_MS = 30_000;

function build(this: IExecuteFunctions, itemIndex: number, timeoutMs: number): AmiRequest {
	const fields = additionalFields.call(this, itemIndex);
	const headers: Headers = [['Channel', required.call(this, 'channel', itemIndex, 'Channel')]];
	if (text.call(this, 'destinationType', itemIndex) === 'application') {
		headers.push(['Application', required.call(this, 'application', itemIndex, 'Application')]);
		addIfSet(headers, 'Data', text.call(this, 'data', itemIndex));
	} else {
		headers.push(['Context', required.call(this, 'context', itemIndex, 'Context')]);
		headers.push(['Exten', required.call(this, 'exten', itemIndex, 'Extension')]);
		headers.push(['Priority', text.call(this, 'priority', itemIndex).trim() || '1']);
	}
	const ringTimeout = positiveNumber(fields.ringTimeout) ?? DEFAULT_RING_TIMEOUT_MS;
	headers.push(['Timeout', String(ringTimeout)]);
	const name = typeof fields.callerIdName === 'string' ? fields.callerIdName.trim() : '';
	const number = typeof fields.callerIdNumber === 'string' ? fields.callerIdNumber.trim() : '';
	if (name !== '' || number !== '') headers.push(['CallerID', name === '' ? number : `"${name}" <${number}>`]);
	addIfSet(headers, 'Account', fields.account);
	addBoolean(headers, 'EarlyMedia', fields.earlyMedia);
	addIfSet(headers, 'Codecs', fields.codecs);
	addIfSet(headers, 'ChannelId', fields.channelId);
	addIfSet(headers, 'OtherChannelId', fields.otherChannelId);
	// One header per variable: Asterisk splits a Variable value on commas.
	for (const [variable, value] of keyValues(fields.variables, 'variable')) headers.push(['Variable', `${variable}=${value}`]);
	// Always async: a synchronous Originate stalls every other action on the connection.
	headers.push(['Async', 'true']);
	const waitForResult = flag.call(this, 'waitForResult', itemIndex, true);
	if (!waitForResult) return { action: 'Originate', headers };
	return { action: 'Originate', headers, completion: ORIGINATE, timeoutMs: ringTimeout + timeoutMs };
}

function unknownToNull(value: string | undefined): string | null {
	return value === undefined || value === '' || value === '<unknown>' ? null : value;
}

function format(result: AmiActionResult): IDataObject[] {
	const outcome = result.complete;
	if (outcome === undefined) {
		return [{ ...messageJson(result.response), queued: true }];
	}
	const reason = Number(outcome.get('Reason'));
	const json: IDataObject = {
		success: outcome.response?.toLowerCase() === 'success',
		reason: Number.isFinite(reason) ? reason : null,
		reasonText: Number.isFinite(reason) ? (ORIGINATE_REASONS[reason] ?? `Unknown reason ${reason}`) : 'No reason given',
		uniqueid: unknownToNull(outcome.get('Uniqueid')),
		channel: unknownToNull(outcome.get('Channel')),
	};
	return [{ ...json, ...messageJson(outcome) }];
}

export async function execute(this: IExecuteFunctions, session: AmiSession, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem.call(
		this,
		session,
		items,
		function (this: IExecuteFunctions, itemIndex: number) {
			return build.call(this, itemIndex, session.timeoutMs);
		},
		format,
	);
}
