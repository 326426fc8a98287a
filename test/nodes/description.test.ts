/** The node's description (tool use, icons, codex) and formatting that the simulator cannot produce. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodePropertyOptions } from 'n8n-workflow';

import * as queueStatus from '../../nodes/Asterisk/actions/queue/status.operation';
import { AmiMessage, type AmiActionResult } from '../../nodes/Asterisk/core/ami';
import type { AmiSession } from '../../nodes/Asterisk/helpers/interfaces';
import { createExecuteContext } from '../support/n8n-context';
import { node } from './harness';

const NODE_DIR = join(__dirname, '..', '..', 'nodes', 'Asterisk');

function message(lines: string[]): AmiMessage {
	return new AmiMessage(lines.join('\r\n'));
}

describe('Asterisk node description', () => {
	const description = node.description;

	test('is usable as a tool, with an action for every operation', () => {
		expect(description.usableAsTool).toBe(true);
		const operations = description.properties.filter((property) => property.name === 'operation');
		expect(operations).toHaveLength(8);
		for (const property of operations) {
			for (const option of property.options as INodePropertyOptions[]) {
				expect(option.action).toEqual(expect.any(String));
				expect(option.description).toEqual(expect.any(String));
			}
		}
		const call = operations.find((property) => property.displayOptions?.show?.resource?.includes('call'));
		const originate = (call?.options as INodePropertyOptions[]).find((option) => option.value === 'originate');
		expect(originate?.description).toContain('Place a call');
	});

	test('shows resource and operation in its subtitle, and has distinct light and dark icons', () => {
		expect(description.subtitle).toContain('$parameter["operation"]');
		expect(description.subtitle).toContain('$parameter["resource"]');
		expect(description.icon).toEqual({ light: 'file:asterisk.svg', dark: 'file:asterisk.dark.svg' });
		const light = readFileSync(join(NODE_DIR, 'asterisk.svg'), 'utf8');
		const dark = readFileSync(join(NODE_DIR, 'asterisk.dark.svg'), 'utf8');
		expect(light).toContain('<svg');
		expect(dark).not.toBe(light);
	});

	test('has a codex file naming the node', () => {
		const codex = JSON.parse(readFileSync(join(NODE_DIR, 'Asterisk.node.json'), 'utf8')) as { node: string; categories: string[] };
		expect(codex.node).toBe('n8n-nodes-asterisk.asterisk');
		expect(codex.categories.length).toBeGreaterThan(0);
	});
});

describe('Queue status formatting', () => {
	test('one item per member and per waiting caller, typed, without ActionID', async () => {
		const result: AmiActionResult = {
			action: 'QueueStatus',
			actionId: '7',
			response: message(['Response: Success', 'ActionID: 7', 'EventList: start', 'Message: Queue status will follow']),
			events: [
				message(['Event: QueueParams', 'Queue: support', 'Calls: 1', 'ActionID: 7']),
				message(['Event: QueueMember', 'Queue: support', 'Name: Alice', 'Location: PJSIP/alice', 'ActionID: 7']),
				message(['Event: QueueEntry', 'Queue: support', 'Position: 1', 'Channel: PJSIP/caller-00000001', 'CallerIDNum: 5551234', 'Wait: 12', 'ActionID: 7']),
			],
			complete: message(['Event: QueueStatusComplete', 'ActionID: 7', 'EventList: Complete', 'ListItems: 3']),
		};
		const session: AmiSession = { timeoutMs: 1000, send: async () => result };
		const { context } = createExecuteContext({ node, parameters: { resource: 'queue', operation: 'status', queue: 'support' } });
		const output = await queueStatus.execute.call(context, session, [{ json: {} }]);
		expect(output).toEqual([
			{ json: { type: 'member', Event: 'QueueMember', Queue: 'support', Name: 'Alice', Location: 'PJSIP/alice' }, pairedItem: { item: 0 } },
			{
				json: { type: 'caller', Event: 'QueueEntry', Queue: 'support', Position: '1', Channel: 'PJSIP/caller-00000001', CallerIDNum: '5551234', Wait: '12' },
				pairedItem: { item: 0 },
			},
		]);
	});
});
