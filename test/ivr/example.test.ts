/**
 * examples/ivr-minimal-menu.json is importable: node types and parameters our nodes know, every
 * connection to a node that exists, and every Asterisk IVR node gives a valid answer (its
 * expressions replaced by values of the kind they compute).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { AsteriskIvr } from '../../nodes/Asterisk/AsteriskIvr.node';
import { AsteriskIvrTrigger } from '../../nodes/Asterisk/AsteriskIvrTrigger.node';
import { readAnswer } from '../../nodes/Asterisk/ivr/turn';
import { runIvrNode } from '../support/ivr-context';

interface WorkflowNode {
	name: string;
	type: string;
	typeVersion: number;
	parameters: IDataObject;
}

const workflow = JSON.parse(readFileSync(join(__dirname, '..', '..', 'examples', 'ivr-minimal-menu.json'), 'utf8')) as {
	nodes: WorkflowNode[];
	connections: Record<string, { main: Array<Array<{ node: string }>> }>;
};

function unknownParameters(parameters: IDataObject, properties: INodeProperties[]): string[] {
	const names = new Set(properties.map((property) => property.name));
	return Object.keys(parameters).filter((name) => !names.has(name));
}

/** Replace each `={{ … }}` with a value of the kind it computes. */
function withoutExpressions(value: unknown, key = ''): unknown {
	if (typeof value === 'string' && value.startsWith('=')) return key === 'state' ? '{"counter": 2}' : '8000';
	if (Array.isArray(value)) return value.map((entry) => withoutExpressions(entry));
	if (typeof value === 'object' && value !== null) {
		return Object.fromEntries(Object.entries(value).map(([name, entry]) => [name, withoutExpressions(entry, name)]));
	}
	return value;
}

describe('examples/ivr-minimal-menu.json', () => {
	it('uses our two nodes and n8n switch / if', () => {
		const types = new Set(workflow.nodes.map((node) => node.type));
		expect(types).toEqual(new Set(['n8n-nodes-asterisk.asteriskIvrTrigger', 'n8n-nodes-asterisk.asteriskIvr', 'n8n-nodes-base.switch', 'n8n-nodes-base.if']));
	});

	it('connects only nodes that exist', () => {
		const names = new Set(workflow.nodes.map((node) => node.name));
		for (const [from, { main }] of Object.entries(workflow.connections)) {
			expect(names.has(from)).toBe(true);
			for (const target of main.flat()) expect(names.has(target.node)).toBe(true);
		}
	});

	it('sets only parameters the nodes have', () => {
		for (const node of workflow.nodes) {
			if (node.type === 'n8n-nodes-asterisk.asteriskIvrTrigger') expect(unknownParameters(node.parameters, new AsteriskIvrTrigger().description.properties)).toEqual([]);
			if (node.type === 'n8n-nodes-asterisk.asteriskIvr') expect(unknownParameters(node.parameters, new AsteriskIvr().description.properties)).toEqual([]);
		}
	});

	it('every Asterisk IVR node gives a valid answer', async () => {
		const ivrNodes = workflow.nodes.filter((node) => node.type === 'n8n-nodes-asterisk.asteriskIvr');
		expect(ivrNodes).toHaveLength(5);
		for (const node of ivrNodes) {
			const answers: unknown[] = [];
			await runIvrNode(new AsteriskIvr(), withoutExpressions(node.parameters) as IDataObject, { event: 'input', digits: '1', state: { counter: 1 } }, async (payload) => {
				answers.push(payload);
			});
			expect(readAnswer(answers[0])).toBeDefined();
		}
	});
});
