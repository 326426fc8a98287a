/**
 * Queue actions of app_queue.c: QueueAdd, QueueRemove, QueuePause, QueuePenalty, QueueLog,
 * QueueStatus and QueueSummary, with d_queue's texts, event order and lists.
 */
import { actionIdHeader, unixSeconds } from './format';
import { newMember, QueueRegistry } from './queues';
import type { ActionContext } from './session';

const TRUE_WORDS = new Set(['yes', 'true', 'y', 't', '1', 'on']);

function integer(text: string): number | undefined {
	return /^\s*-?\d+/.test(text) ? Number.parseInt(text, 10) : undefined;
}

export function queueActions(queues: QueueRegistry): Record<string, (context: ActionContext) => void> {
	const queueAdd = (context: ActionContext): void => {
		const queueName = context.header('Queue');
		const iface = context.header('Interface');
		if (queueName === '') return context.respond('Error', "'Queue' not specified.");
		if (iface === '') return context.respond('Error', "'Interface' not specified.");
		const penaltyText = context.header('Penalty');
		const penalty = penaltyText === '' ? 0 : integer(penaltyText);
		if (penalty === undefined || penalty < 0) return context.respond('Error', 'Invalid penalty');
		const queue = queues.find(queueName);
		if (queue === undefined) return context.respond('Error', 'Unable to add interface to queue: No such queue');
		if (queue.members.some((m) => m.interface.toLowerCase() === iface.toLowerCase())) {
			return context.respond('Error', 'Unable to add interface: Already there');
		}
		const member = newMember(iface, context.header('MemberName') || iface, penalty, unixSeconds());
		const stateInterface = context.header('StateInterface');
		if (stateInterface !== '') member.stateInterface = stateInterface;
		member.paused = TRUE_WORDS.has(context.header('Paused').toLowerCase());
		member.pausedReason = member.paused ? context.header('Reason') : '';
		queue.members.push(member);
		context.respond('Success', 'Added interface to queue');
		queues.pauseDevice(queue, member);
		queues.memberEvent('QueueMemberAdded', queue, member);
		queues.availDevice(queue);
	};

	const queueRemove = (context: ActionContext): void => {
		const queueName = context.header('Queue');
		const iface = context.header('Interface');
		if (queueName === '' || iface === '') return context.respond('Error', "Need 'Queue' and 'Interface' parameters.");
		const queue = queues.find(queueName);
		if (queue === undefined) return context.respond('Error', 'Unable to remove interface from queue: No such queue');
		const index = queue.members.findIndex((m) => m.interface.toLowerCase() === iface.toLowerCase());
		if (index < 0) return context.respond('Error', 'Unable to remove interface: Not there');
		const member = queue.members[index];
		if (member.membership !== 'dynamic') return context.respond('Error', 'Member not dynamic');
		queue.members.splice(index, 1);
		context.respond('Success', 'Removed interface from queue');
		queues.memberEvent('QueueMemberRemoved', queue, member);
		member.paused = false;
		queues.pauseDevice(queue, member);
		queues.availDevice(queue);
	};

	const queuePause = (context: ActionContext): void => {
		const iface = context.header('Interface');
		const pausedText = context.header('Paused');
		if (iface === '' || pausedText === '') return context.respond('Error', "Need 'Interface' and 'Paused' parameters.");
		const paused = TRUE_WORDS.has(pausedText.toLowerCase());
		const queueName = context.header('Queue');
		const targets = [...queues.queues.values()].filter((q) => queueName === '' || q.name.toLowerCase() === queueName.toLowerCase());
		let found = false;
		const changed: Array<() => void> = [];
		for (const queue of targets) {
			const member = queue.members.find((m) => m.interface.toLowerCase() === iface.toLowerCase());
			if (member === undefined) continue;
			found = true;
			member.paused = paused;
			member.pausedReason = paused ? context.header('Reason') : '';
			if (paused) member.lastPause = unixSeconds();
			changed.push(() => {
				queues.pauseDevice(queue, member);
				queues.availDevice(queue);
				queues.memberEvent('QueueMemberPause', queue, member);
			});
		}
		if (!found) return context.respond('Error', 'Interface not found');
		context.respond('Success', paused ? 'Interface paused successfully' : 'Interface unpaused successfully');
		for (const emit of changed) emit();
	};

	const queuePenalty = (context: ActionContext): void => {
		const iface = context.header('Interface');
		const penaltyText = context.header('Penalty');
		if (iface === '' || penaltyText === '') return context.respond('Error', "Need 'Interface' and 'Penalty' parameters.");
		const penalty = integer(penaltyText);
		const queueName = context.header('Queue');
		const members = [...queues.queues.values()]
			.filter((q) => queueName === '' || q.name.toLowerCase() === queueName.toLowerCase())
			.flatMap((queue) => queue.members.filter((m) => m.interface.toLowerCase() === iface.toLowerCase()).map((member) => ({ queue, member })));
		if (penalty === undefined || penalty < 0 || members.length === 0) {
			return context.respond('Error', 'Invalid interface, queuename or penalty');
		}
		context.respond('Success', 'Interface penalty set successfully');
		for (const { queue, member } of members) {
			member.penalty = penalty;
			queues.memberEvent('QueueMemberPenalty', queue, member);
		}
	};

	const queueLog = (context: ActionContext): void => {
		if (context.header('Queue') === '' || context.header('Event') === '') {
			return context.respond('Error', "Need 'Queue' and 'Event' parameters.");
		}
		context.respond('Success', 'Event added successfully');
	};

	const queueStatus = (context: ActionContext): void => {
		const queueFilter = context.header('Queue');
		const memberFilter = context.header('Member');
		const id = actionIdHeader(context.actionId);
		context.respond('Success', 'Queue status will follow', [], 'start');
		let items = 0;
		for (const queue of queues.queues.values()) {
			if (queueFilter !== '' && queue.name.toLowerCase() !== queueFilter.toLowerCase()) continue;
			context.send([
				['Event', 'QueueParams'],
				['Queue', queue.name],
				['Max', '0'],
				['Strategy', queue.strategy],
				['Calls', String(queue.callers.length)],
				['Holdtime', '0'],
				['TalkTime', '0'],
				['Completed', '0'],
				['Abandoned', '0'],
				['ServiceLevel', '0'],
				['ServicelevelPerf', '0.0'],
				['ServicelevelPerf2', '0.0'],
				['Weight', '0'],
				...id,
			]);
			items++;
			for (const member of queue.members) {
				if (memberFilter !== '' && member.interface !== memberFilter && member.name !== memberFilter) continue;
				const blob = queues.memberBlob(queue, member).filter(([name]) => name !== 'Ringinuse');
				// QueueMember says Name/Location where the member events say MemberName/Interface.
				blob[1] = ['Name', member.name];
				blob[2] = ['Location', member.interface];
				context.send([['Event', 'QueueMember'], ...blob, ...id]);
				items++;
			}
			// QueueEntry (app_queue.c manager_queues_status()): every waiting caller, whatever the
			// Member filter; a missing caller ID is `unknown`, not `<unknown>`.
			queue.callers.forEach((caller, index) => {
				const { channel } = caller;
				context.send([
					['Event', 'QueueEntry'],
					['Queue', queue.name],
					['Position', String(index + 1)],
					['Channel', channel.name],
					['Uniqueid', channel.uniqueid],
					['CallerIDNum', channel.callerNum ?? 'unknown'],
					['CallerIDName', channel.callerName ?? 'unknown'],
					['ConnectedLineNum', channel.connectedNum ?? 'unknown'],
					['ConnectedLineName', channel.connectedName ?? 'unknown'],
					['Wait', String(QueueRegistry.waited(caller))],
					['Priority', String(caller.priority)],
					...id,
				]);
				items++;
			});
		}
		context.send([['Event', 'QueueStatusComplete'], ...id, ['EventList', 'Complete'], ['ListItems', String(items)]]);
	};

	const queueSummary = (context: ActionContext): void => {
		const queueFilter = context.header('Queue');
		const id = actionIdHeader(context.actionId);
		context.respond('Success', 'Queue summary will follow', [], 'start');
		let items = 0;
		for (const queue of queues.queues.values()) {
			if (queueFilter !== '' && queue.name.toLowerCase() !== queueFilter.toLowerCase()) continue;
			context.send([
				['Event', 'QueueSummary'],
				['Queue', queue.name],
				['LoggedIn', String(queue.members.length)],
				['Available', String(queue.members.filter((m) => !m.paused).length)],
				['Callers', String(queue.callers.length)],
				['HoldTime', '0'],
				['TalkTime', '0'],
				['LongestHoldTime', String(Math.max(0, ...queue.callers.map((caller) => QueueRegistry.waited(caller))))],
				...id,
			]);
			items++;
		}
		context.send([['Event', 'QueueSummaryComplete'], ...id, ['EventList', 'Complete'], ['ListItems', String(items)]]);
	};

	return {
		queueadd: queueAdd,
		queueremove: queueRemove,
		queuepause: queuePause,
		queuepenalty: queuePenalty,
		queuelog: queueLog,
		queuestatus: queueStatus,
		queuesummary: queueSummary,
	};
}
