import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import type { AmiSession } from '../../helpers/interfaces';
import { required } from '../../helpers/parameters';
import { runPerItem } from '../../helpers/run';
import { mailboxField } from './shared';

const properties: INodeProperties[] = [mailboxField];

export const description = updateDisplayOptions({ show: { resource: ['extension'], operation: ['mailboxCount'] } }, properties);

export async function execute(this: IExecuteFunctions, session: AmiSession, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem.call(this, session, items, function (this: IExecuteFunctions, itemIndex: number) {
		return { action: 'MailboxCount', headers: [['Mailbox', required.call(this, 'mailbox', itemIndex, 'Mailbox')]] };
	});
}
