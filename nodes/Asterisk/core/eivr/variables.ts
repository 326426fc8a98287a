/**
 * `G` and `V` for any number of variables: validated one by one before anything is sent, packed
 * into as few lines as Asterisk reads whole, and, for `G`, asked again where Asterisk cut its
 * answer (ast_eivr_getvariable copies it into a 2048-byte buffer).
 */
import { formatCommand, MAX_COMMAND_BYTES, MAX_VARIABLES_ANSWER_BYTES, parseVariables } from './codec';
import type { IvrCommand } from './codec';
import { setOwn } from './events';

/** Sends one `G` line for these names and resolves with the data of its answer. */
export type AskVariables = (names: string[]) => Promise<string>;

/** The `G` commands for these names (duplicates removed); throws before any is sent. */
export function getCommands(names: readonly string[]): Array<{ type: 'getVariables'; names: string[] }> {
	const unique = [...new Set(names)];
	for (const name of unique) formatCommand({ type: 'getVariables', names: [name] });
	return pack(unique, (group) => ({ type: 'getVariables', names: group })).map((group) => ({ type: 'getVariables', names: group }));
}

/** The `V` commands for these variables; throws before any is sent. */
export function setCommands(variables: Readonly<Record<string, string>>): Array<{ type: 'setVariables'; variables: Record<string, string> }> {
	const entries = Object.entries(variables);
	for (const [name, value] of entries) formatCommand({ type: 'setVariables', variables: { [name]: value } });
	return pack(entries, (group) => ({ type: 'setVariables', variables: Object.fromEntries(group) })).map((group) => ({
		type: 'setVariables',
		variables: Object.fromEntries(group),
	}));
}

/**
 * Read variables in rounds. A cut answer loses the names past the cut and may have cut the last
 * value it holds: those are asked again. The first name of a line is final whatever happens
 * (alone it would be cut the same way), so every round makes progress.
 */
export async function readVariables(names: readonly string[], ask: AskVariables): Promise<Record<string, string>> {
	const result: Record<string, string> = {};
	let pending = getCommands(names);
	while (pending.length > 0) {
		const answers = await Promise.all(pending.map((command) => ask(command.names)));
		const again: string[] = [];
		answers.forEach((data, i) => {
			const group = pending[i].names;
			const values = parseVariables(data, group);
			const found = group.filter((name) => Object.hasOwn(values, name));
			const cut = Buffer.byteLength(data) >= MAX_VARIABLES_ANSWER_BYTES - 3;
			group.forEach((name, index) => {
				if (index === 0) setOwn(result, name, Object.hasOwn(values, name) ? values[name] : '');
				else if (found.includes(name) && !(cut && name === found[found.length - 1])) setOwn(result, name, values[name]);
				else again.push(name);
			});
		});
		pending = getCommands(again);
	}
	return result;
}

/** Group items into as few commands as fit one line each (every item fits alone: checked before). */
function pack<T>(items: readonly T[], toCommand: (group: T[]) => IvrCommand): T[][] {
	const groups: T[][] = [];
	let current: T[] = [];
	for (const item of items) {
		const candidate = [...current, item];
		if (current.length > 0 && !fits(toCommand(candidate))) {
			groups.push(current);
			current = [item];
		} else {
			current = candidate;
		}
	}
	if (current.length > 0) groups.push(current);
	return groups;
}

function fits(command: IvrCommand): boolean {
	try {
		return Buffer.byteLength(formatCommand(command)) + 1 <= MAX_COMMAND_BYTES;
	} catch {
		return false; // formatCommand refuses only the length here: the parts were checked alone
	}
}
