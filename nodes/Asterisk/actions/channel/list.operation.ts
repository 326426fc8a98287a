import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import type { AmiActionResult } from '../../core/ami';
import type { AmiSession } from '../../helpers/interfaces';
import { eventsJson } from '../../helpers/items';
import { runPerItem } from '../../helpers/run';

const properties: INodeProperties[] = [];

export const description = updateDisplayOptions({ show: { resource: ['channel'], operation: ['list'] } }, properties);

const CHANNEL = new Set(['coreshowchannel']);

export async function execute(this: IExecuteFunctions, session: AmiSession, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem.call(
		this,
		session,
		items,
		() => ({ action: 'CoreShowChannels', headers: [] }),
		(result: AmiActionResult) => eventsJson(result, CHANNEL),
	);
}
