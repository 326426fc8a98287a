/**
 * The IVR examples (examples/ivr-minimal-menu.json, ivr-schedule.json, ivr-submenu.json) are
 * importable: node types and parameters our nodes know, every connection to a node that exists,
 * every Asterisk IVR node gives a valid answer (its expressions replaced by values of the kind they
 * compute), and the node each path of the Wazo use cases reaches answers what flows.ts (the same
 * use cases run turn by turn in wazo-menus.test.ts) answers: same steps and files, same ending,
 * same dialplan variables. Which node a turn reaches (the Switch and If nodes) is proved by the
 * end-to-end suite, where a real n8n runs these workflows.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { AsteriskIvr } from '../../nodes/Asterisk/AsteriskIvr.node';
import { AsteriskIvrTrigger } from '../../nodes/Asterisk/AsteriskIvrTrigger.node';
import { readAnswer, type TurnData } from '../../nodes/Asterisk/ivr/turn';
import { runIvrNode } from '../support/ivr-context';
import type { Parameters } from '../support/n8n-context';
import { menuWithSubmenu, minimalMenu, scheduledMenu } from './flows';
import type { Decide } from './harness';

interface WorkflowNode {
	name: string;
	type: string;
	typeVersion: number;
	parameters: IDataObject;
	credentials?: Record<string, { id: string; name: string }>;
}

interface Workflow {
	nodes: WorkflowNode[];
	connections: Record<string, { main: Array<Array<{ node: string }>> }>;
}

const IVR = 'n8n-nodes-asterisk.asteriskIvr';
const IVR_TRIGGER = 'n8n-nodes-asterisk.asteriskIvrTrigger';
const SOUNDS = '/var/lib/wazo/sounds/ivr-sounds/';

function readExample(file: string): Workflow {
	return JSON.parse(readFileSync(join(__dirname, '..', '..', 'examples', file), 'utf8')) as Workflow;
}

function unknownParameters(parameters: IDataObject, properties: INodeProperties[]): string[] {
	const names = new Set(properties.map((property) => property.name));
	return Object.keys(parameters).filter((name) => !names.has(name));
}

/** Replace each `={{ … }}` with a value of the kind it computes. */
function withoutExpressions(value: unknown, key = ''): unknown {
	if (typeof value === 'string' && value.startsWith('=')) {
		if (key === 'state') return '{"counter": 2}';
		if (key === 'file') return `${SOUNDS}ivr-example-choices`;
		return '8000';
	}
	if (Array.isArray(value)) return value.map((entry) => withoutExpressions(entry));
	if (typeof value === 'object' && value !== null) {
		return Object.fromEntries(Object.entries(value).map(([name, entry]) => [name, withoutExpressions(entry, name)]));
	}
	return value;
}

function turn(event: TurnData['event'], digits = '', state: IDataObject = {}): TurnData {
	return { event, digits, state } as unknown as TurnData;
}

interface Path {
	turn: TurnData;
	/** The Asterisk IVR node the workflow's Switch / If nodes send this turn to. */
	node: string;
	/** The use case's decision, when not the case's own (the schedule's closed hours). */
	decide?: Decide;
}

/** What a step does, comparable between flows.ts (bare file names) and the example (full paths, expressions). */
function stepsOf(parameters: IDataObject | Parameters): Array<[string, string]> {
	const steps = ((parameters.steps as IDataObject | undefined)?.step as IDataObject[] | undefined) ?? [];
	return steps.map((step) => [String(step.action), String(step.file ?? '')]);
}

function variablesOf(parameters: IDataObject | Parameters): string[] {
	const variables = ((parameters.dialplanVariables as IDataObject | undefined)?.variable as IDataObject[] | undefined) ?? [];
	return variables.map((variable) => String(variable.name));
}

const cases: Array<{ file: string; types: string[]; ivrNodes: number; port: number; decide: Decide; paths: Path[] }> = [
	{
		file: 'ivr-minimal-menu.json',
		types: [IVR_TRIGGER, IVR, 'n8n-nodes-base.switch', 'n8n-nodes-base.if'],
		ivrNodes: 5,
		port: 2949,
		decide: minimalMenu,
		paths: [
			{ turn: turn('start'), node: 'Welcome, then the choices' },
			{ turn: turn('input', '1', { counter: 1 }), node: 'Go to the destination' },
			{ turn: turn('input', '4', { counter: 1 }), node: 'The choices again' },
			{ turn: turn('input', '9', { counter: 1 }), node: 'Invalid choice, try again' },
			{ turn: turn('timeout', '', { counter: 2 }), node: 'Invalid choice, try again' },
			{ turn: turn('input', '9', { counter: 3 }), node: 'Error message, hang up' },
		],
	},
	{
		file: 'ivr-schedule.json',
		types: [IVR_TRIGGER, IVR, 'n8n-nodes-base.switch', 'n8n-nodes-base.if', 'n8n-nodes-base.set', 'n8n-nodes-base.stickyNote'],
		ivrNodes: 6,
		port: 2950,
		decide: scheduledMenu(() => true),
		paths: [
			{ turn: turn('start'), node: 'Welcome, then the choices' },
			{ turn: turn('start'), node: 'Closed message, hang up', decide: scheduledMenu(() => false) },
			{ turn: turn('input', '3', { counter: 1 }), node: 'Go to the destination' },
			{ turn: turn('input', '4', { counter: 1 }), node: 'The choices again' },
			{ turn: turn('timeout', '', { counter: 1 }), node: 'Invalid choice, try again' },
			{ turn: turn('input', '9', { counter: 3 }), node: 'Error message, hang up' },
		],
	},
	{
		file: 'ivr-submenu.json',
		types: [IVR_TRIGGER, IVR, 'n8n-nodes-base.switch', 'n8n-nodes-base.if', 'n8n-nodes-base.stickyNote'],
		ivrNodes: 8,
		port: 2951,
		decide: menuWithSubmenu,
		paths: [
			{ turn: turn('start'), node: 'Welcome, then the choices' },
			{ turn: turn('input', '2', { menu: 'main', counter: 1 }), node: 'Main: go to the destination' },
			{ turn: turn('input', '3', { menu: 'main', counter: 1 }), node: 'Open the submenu' },
			{ turn: turn('input', '4', { menu: 'main', counter: 1 }), node: 'Main: the choices again' },
			{ turn: turn('input', '2', { menu: 'submenu', counter: 1 }), node: 'Submenu: go to the destination' },
			{ turn: turn('input', '3', { menu: 'submenu', counter: 2 }), node: 'Back to the main menu' },
			{ turn: turn('input', '7', { menu: 'main', counter: 1 }), node: 'Invalid choice, this menu again' },
			{ turn: turn('timeout', '', { menu: 'submenu', counter: 2 }), node: 'Invalid choice, this menu again' },
			{ turn: turn('input', '7', { menu: 'submenu', counter: 3 }), node: 'Error message, hang up' },
		],
	},
];

describe.each(cases)('examples/$file', ({ file, types, ivrNodes, port, decide, paths }) => {
	const workflow = readExample(file);
	const byName = new Map(workflow.nodes.map((node) => [node.name, node]));

	it('uses our two IVR nodes and n8n base nodes only', () => {
		expect(new Set(workflow.nodes.map((node) => node.type))).toEqual(new Set(types));
	});

	it('has unique node names and connects only nodes that exist', () => {
		expect(byName.size).toBe(workflow.nodes.length);
		for (const [from, { main }] of Object.entries(workflow.connections)) {
			expect(byName.has(from)).toBe(true);
			for (const target of main.flat()) expect(byName.has(target.node)).toBe(true);
		}
	});

	it('sets only parameters the nodes have', () => {
		for (const node of workflow.nodes) {
			if (node.type === IVR_TRIGGER) expect(unknownParameters(node.parameters, new AsteriskIvrTrigger().description.properties)).toEqual([]);
			if (node.type === IVR) expect(unknownParameters(node.parameters, new AsteriskIvr().description.properties)).toEqual([]);
		}
	});

	it('listens on its own port, with the ExternalIVR credential the other IVR examples use', () => {
		const [trigger] = workflow.nodes.filter((node) => node.type === IVR_TRIGGER);
		expect(trigger.parameters.port).toBe(port);
		expect(trigger.credentials).toEqual({ asteriskExternalIvrApi: { id: 'asteriskExternalIvrExample', name: 'Asterisk ExternalIVR account' } });
	});

	it('every Asterisk IVR node gives a valid answer', async () => {
		const nodes = workflow.nodes.filter((node) => node.type === IVR);
		expect(nodes).toHaveLength(ivrNodes);
		for (const node of nodes) {
			const answers: unknown[] = [];
			await runIvrNode(new AsteriskIvr(), withoutExpressions(node.parameters) as IDataObject, { event: 'input', digits: '1', state: { counter: 1 } }, async (payload) => {
				answers.push(payload);
			});
			expect(readAnswer(answers[0])).toBeDefined();
		}
	});

	it('every Asterisk IVR node is reached by some path of the use case', () => {
		const reached = new Set(paths.map((path) => path.node));
		expect(workflow.nodes.filter((node) => node.type === IVR && !reached.has(node.name)).map((node) => node.name)).toEqual([]);
	});

	it.each(paths.map((path) => [`${path.turn.event}${path.turn.digits} ${JSON.stringify(path.turn.state)} → ${path.node}`, path] as const))(
		'%s answers what flows.ts answers',
		async (_title, path) => {
			const expected = await (path.decide ?? decide)(path.turn);
			expect(expected).toBeDefined();
			const node = byName.get(path.node);
			expect(node?.type).toBe(IVR);
			const parameters = node!.parameters;
			expect(parameters.ending).toBe(expected!.ending);
			expect(variablesOf(parameters)).toEqual(variablesOf(expected!));
			const actual = stepsOf(parameters);
			const wanted = stepsOf(expected!);
			expect(actual.map(([action]) => action)).toEqual(wanted.map(([action]) => action));
			actual.forEach(([, fileName], index) => {
				const bare = wanted[index][1];
				// A static file is the Wazo sound in its directory; an expression names it among its choices.
				if (fileName.startsWith('=')) expect(fileName).toContain(`${SOUNDS}${bare}'`);
				else expect(fileName).toBe(`${SOUNDS}${bare}`);
			});
		},
	);
});

describe('examples/ivr-schedule.json: closed hours', () => {
	const workflow = readExample('ivr-schedule.json');
	const byName = new Map(workflow.nodes.map((node) => [node.name, node]));

	it('only the start turn goes through "Opening hours" and "Open now?": open → the welcome and the choices, closed → the closed message', () => {
		expect(workflow.connections['What happened?'].main[0].map((target) => target.node)).toEqual(['Opening hours']);
		expect(workflow.connections['Opening hours'].main[0].map((target) => target.node)).toEqual(['Open now?']);
		expect(workflow.connections['Open now?'].main.map((output) => output.map((target) => target.node))).toEqual([['Welcome, then the choices'], ['Closed message, hang up']]);
		const reachHours = Object.values(workflow.connections).flatMap(({ main }) => main.flat()).filter((target) => target.node === 'Opening hours');
		expect(reachHours).toHaveLength(1);
	});

	it('the hours are fields the user (and the end-to-end suite) can set', () => {
		const hours = byName.get('Opening hours')!.parameters as { assignments: { assignments: Array<{ name: string; value: string }> }; includeOtherFields: boolean };
		expect(hours.includeOtherFields).toBe(true); // the turn's event, digits and state go on
		expect(Object.fromEntries(hours.assignments.assignments.map((field) => [field.name, field.value]))).toMatchObject({
			openDays: '1,2,3,4,5',
			openFrom: '08:00',
			openUntil: '18:00',
		});
		const condition = JSON.stringify(byName.get('Open now?')!.parameters);
		for (const field of ['openDays', 'openFrom', 'openUntil', 'closedDates', '$now']) expect(condition).toContain(field);
	});
});
