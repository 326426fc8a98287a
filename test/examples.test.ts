/**
 * Every workflow in examples/ is importable as it stands: n8n 1.x workflow JSON, node types our
 * package registers or n8n base nodes, parameters our node descriptions define, connections
 * between nodes that exist, and the example credentials the demo and the end-to-end suite import.
 * The IVR examples are checked further in ivr/example.test.ts; a real n8n runs them all in e2e/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject, INodeType } from 'n8n-workflow';

import { Asterisk } from '../nodes/Asterisk/Asterisk.node';
import { AsteriskIvr } from '../nodes/Asterisk/AsteriskIvr.node';
import { AsteriskIvrTrigger } from '../nodes/Asterisk/AsteriskIvrTrigger.node';
import { AsteriskTrigger } from '../nodes/Asterisk/AsteriskTrigger.node';

interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: IDataObject;
	credentials?: Record<string, { id: string; name: string }>;
}

interface Workflow {
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, Record<string, Array<Array<{ node: string; type: string; index: number }>>>>;
	settings: IDataObject;
}

const EXAMPLES = join(__dirname, '..', 'examples');
const FILES = readdirSync(EXAMPLES).filter((file) => file.endsWith('.json')).sort();

const OURS: Record<string, INodeType> = {
	'n8n-nodes-asterisk.asterisk': new Asterisk(),
	'n8n-nodes-asterisk.asteriskTrigger': new AsteriskTrigger(),
	'n8n-nodes-asterisk.asteriskIvrTrigger': new AsteriskIvrTrigger(),
	'n8n-nodes-asterisk.asteriskIvr': new AsteriskIvr(),
};

/** The n8n base nodes the examples use, with the versions n8n 1.123 has. */
const BASE: Record<string, number[]> = {
	'n8n-nodes-base.webhook': [2],
	'n8n-nodes-base.respondToWebhook': [1.1],
	'n8n-nodes-base.httpRequest': [4.2],
	'n8n-nodes-base.switch': [3.2],
	'n8n-nodes-base.if': [2.2],
	'n8n-nodes-base.set': [3.4],
	'n8n-nodes-base.stickyNote': [1],
};

const CREDENTIALS: Record<string, { id: string; name: string }> = {
	asteriskAmiApi: { id: 'asteriskAmiExample', name: 'Asterisk AMI account' },
	asteriskExternalIvrApi: { id: 'asteriskExternalIvrExample', name: 'Asterisk ExternalIVR account' },
};

it('examples/ holds the seven workflows the README lists', () => {
	expect(FILES).toEqual([
		'agent-login-pause.json',
		'call-summary-to-crm.json',
		'crm-callback.json',
		'ivr-minimal-menu.json',
		'ivr-schedule.json',
		'ivr-submenu.json',
		'queue-abandon-alert.json',
	]);
});

describe.each(FILES)('examples/%s', (file) => {
	const workflow = JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')) as Workflow;
	const names = new Set(workflow.nodes.map((node) => node.name));

	it('is n8n 1.x workflow JSON: a name, nodes with ids, versions and positions, v1 execution order', () => {
		expect(typeof workflow.name).toBe('string');
		expect(workflow.settings.executionOrder).toBe('v1');
		expect(names.size).toBe(workflow.nodes.length);
		expect(new Set(workflow.nodes.map((node) => node.id)).size).toBe(workflow.nodes.length);
		for (const node of workflow.nodes) {
			expect(typeof node.typeVersion).toBe('number');
			expect(node.position).toEqual([expect.any(Number), expect.any(Number)]);
			expect(typeof node.parameters).toBe('object');
		}
	});

	it('uses node types our package registers or n8n base nodes, at versions they have', () => {
		for (const node of workflow.nodes) {
			const ours = OURS[node.type];
			if (ours !== undefined) {
				const versions = ([] as number[]).concat(ours.description.version);
				expect(versions).toContain(node.typeVersion);
			} else {
				expect(BASE[node.type]).toContain(node.typeVersion);
			}
		}
	});

	it('sets only parameters our nodes define', () => {
		for (const node of workflow.nodes) {
			const ours = OURS[node.type];
			if (ours === undefined) continue;
			const defined = new Set(ours.description.properties.map((property) => property.name));
			expect(Object.keys(node.parameters).filter((name) => !defined.has(name))).toEqual([]);
		}
	});

	it('connects only nodes that exist, and every node but its triggers and notes is reached', () => {
		const targets = new Set<string>();
		for (const [from, outputs] of Object.entries(workflow.connections)) {
			expect(names.has(from)).toBe(true);
			for (const target of Object.values(outputs).flat(2)) {
				expect(names.has(target.node)).toBe(true);
				targets.add(target.node);
			}
		}
		const sources = workflow.nodes.filter((node) => node.type.endsWith('Trigger') || node.type === 'n8n-nodes-base.webhook');
		expect(sources.length).toBeGreaterThan(0);
		const unreached = workflow.nodes.filter((node) => !sources.includes(node) && node.type !== 'n8n-nodes-base.stickyNote' && !targets.has(node.name));
		expect(unreached.map((node) => node.name)).toEqual([]);
	});

	it('refers to the example credentials only', () => {
		for (const node of workflow.nodes) {
			for (const [type, credential] of Object.entries(node.credentials ?? {})) expect(credential).toEqual(CREDENTIALS[type]);
			const needed = (OURS[node.type]?.description.credentials ?? []).filter((credential) => credential.required === true);
			for (const credential of needed) expect(node.credentials?.[credential.name]).toEqual(CREDENTIALS[credential.name]);
		}
	});
});

describe('examples/call-summary-to-crm.json', () => {
	const workflow = JSON.parse(readFileSync(join(EXAMPLES, 'call-summary-to-crm.json'), 'utf8')) as Workflow;
	const [trigger] = workflow.nodes.filter((node) => node.type === 'n8n-nodes-asterisk.asteriskTrigger');
	const [http] = workflow.nodes.filter((node) => node.type === 'n8n-nodes-base.httpRequest');

	it('the Asterisk Trigger outputs call summaries into a POST to the CRM placeholder', () => {
		expect(trigger.parameters.mode).toBe('callSummary');
		expect(workflow.connections[trigger.name].main).toEqual([[{ node: http.name, type: 'main', index: 0 }]]);
		expect(http.parameters).toMatchObject({ method: 'POST', url: 'https://crm.example.com/api/calls', sendBody: true, specifyBody: 'json' });
	});

	it('maps the summary fields the issue asks for', () => {
		const body = String(http.parameters.jsonBody);
		for (const field of ['callerNumber', 'calleeNumber', 'disposition', 'ringDuration', 'talkDuration', 'duration', 'hangupCause', 'queue', 'agent', 'linkedid']) {
			expect(body).toContain(`$json.${field}`);
		}
	});

	it('its sticky note names Google Sheets as the spreadsheet alternative', () => {
		const notes = workflow.nodes.filter((node) => node.type === 'n8n-nodes-base.stickyNote').map((node) => String(node.parameters.content));
		expect(notes.join('\n')).toContain('Google Sheets');
	});
});
