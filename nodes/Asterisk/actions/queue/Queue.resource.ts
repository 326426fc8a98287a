import type { INodeProperties } from 'n8n-workflow';

import * as addMember from './addMember.operation';
import * as log from './log.operation';
import * as pauseMember from './pauseMember.operation';
import * as removeMember from './removeMember.operation';
import * as setPenalty from './setPenalty.operation';
import * as status from './status.operation';
import * as summary from './summary.operation';

export { addMember, log, pauseMember, removeMember, setPenalty, status, summary };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['queue'] } },
		options: [
			{
				name: 'Add Member',
				value: 'addMember',
				description: 'Log an agent or device into a queue (QueueAdd)',
				action: 'Add a member to a queue',
			},
			{
				name: 'Get Status',
				value: 'status',
				description: 'List the members and the waiting callers of a queue, one item each (QueueStatus)',
				action: 'Get the status of a queue',
			},
			{
				name: 'Get Summary',
				value: 'summary',
				description: 'Counts per queue: logged-in and available members, callers, hold time (QueueSummary)',
				action: 'Get a queue summary',
			},
			{
				name: 'Pause Member',
				value: 'pauseMember',
				description: 'Pause or unpause a queue member, with a reason (QueuePause)',
				action: 'Pause or unpause a queue member',
			},
			{
				name: 'Remove Member',
				value: 'removeMember',
				description: 'Log a member out of a queue (QueueRemove)',
				action: 'Remove a member from a queue',
			},
			{
				name: 'Set Penalty',
				value: 'setPenalty',
				description: "Change a member's penalty (QueuePenalty)",
				action: 'Set the penalty of a queue member',
			},
			{
				name: 'Write Log Entry',
				value: 'log',
				description: 'Write a custom entry to the queue log (QueueLog)',
				action: 'Write a queue log entry',
			},
		],
		default: 'addMember',
	},
	...addMember.description,
	...log.description,
	...pauseMember.description,
	...removeMember.description,
	...setPenalty.description,
	...status.description,
	...summary.description,
];
