import type { INodeProperties } from 'n8n-workflow';

import * as atxfer from './atxfer.operation';
import * as blindTransfer from './blindTransfer.operation';
import * as bridge from './bridge.operation';
import * as hangup from './hangup.operation';
import * as originate from './originate.operation';
import * as park from './park.operation';
import * as playDtmf from './playDtmf.operation';
import * as redirect from './redirect.operation';

export { atxfer, blindTransfer, bridge, hangup, originate, park, playDtmf, redirect };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['call'] } },
		options: [
			{
				name: 'Attended Transfer',
				value: 'atxfer',
				description: 'Start an attended transfer: the transferer consults an extension first (Atxfer)',
				action: 'Start an attended transfer',
			},
			{
				name: 'Blind Transfer',
				value: 'blindTransfer',
				description: "Transfer a channel's peer to an extension without consulting (BlindTransfer)",
				action: 'Blind transfer a call',
			},
			{
				name: 'Bridge',
				value: 'bridge',
				description: 'Connect two existing channels to each other (Bridge)',
				action: 'Bridge two channels',
			},
			{
				name: 'Hang Up',
				value: 'hangup',
				description: 'End a call by hanging up one of its channels, with an optional cause (Hangup)',
				action: 'Hang up a channel',
			},
			{
				name: 'Originate',
				value: 'originate',
				description: 'Place a call: ring a channel (e.g. the phone of extension 100) and, when it answers, connect it to a number, an extension or an application; optionally wait for the outcome (Originate)',
				action: 'Place a call',
			},
			{
				name: 'Park',
				value: 'park',
				description: 'Park a call in a parking lot (Park)',
				action: 'Park a call',
			},
			{
				name: 'Play DTMF',
				value: 'playDtmf',
				description: 'Send a DTMF digit on a channel (PlayDTMF)',
				action: 'Play a DTMF digit',
			},
			{
				name: 'Redirect',
				value: 'redirect',
				description: 'Send a channel (and optionally a second one) to another place in the dialplan (Redirect)',
				action: 'Redirect a call',
			},
		],
		default: 'originate',
	},
	...atxfer.description,
	...blindTransfer.description,
	...bridge.description,
	...hangup.description,
	...originate.description,
	...park.description,
	...playDtmf.description,
	...redirect.description,
];
