import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import type { AmiSession } from '../../helpers/interfaces';
import { runPerItem } from '../../helpers/run';

const properties: INodeProperties[] = [];

export const description = updateDisplayOptions({ show: { resource: ['system'], operation: ['coreSettings'] } }, properties);

export async function execute(this: IExecuteFunctions, session: AmiSession, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem.call(this, session, items, () => ({ action: 'CoreSettings', headers: [] }));
}
