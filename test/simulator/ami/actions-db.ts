/** AstDB actions of main/db.c: DBPut, DBGet, DBGetTree, DBDel, DBDelTree. Keys are `/family/key`. */
import { actionIdHeader } from './format';
import type { ActionContext, ActionHandler } from './session';

const path = (family: string, key: string): string => `/${family}/${key}`;

function complete(context: ActionContext, event: string, count: number): void {
	context.send([['Event', event], ...actionIdHeader(context.actionId), ['EventList', 'Complete'], ['ListItems', String(count)]]);
}

export const dbPutAction: ActionHandler = (context) => {
	const family = context.header('Family');
	const key = context.header('Key');
	if (family === '') return context.respond('Error', 'No family specified');
	if (key === '') return context.respond('Error', 'No key specified');
	context.pbx.db.set(path(family, key), context.header('Val'));
	context.respond('Success', 'Updated database successfully');
};

export const dbGetAction: ActionHandler = (context) => {
	const family = context.header('Family');
	const key = context.header('Key');
	if (family === '') return context.respond('Error', 'No family specified.');
	if (key === '') return context.respond('Error', 'No key specified.');
	const value = context.pbx.db.get(path(family, key));
	if (value === undefined) return context.respond('Error', 'Database entry not found');
	context.respond('Success', 'Result will follow', [], 'start');
	context.send([['Event', 'DBGetResponse'], ['Family', family], ['Key', key], ['Val', value], ...actionIdHeader(context.actionId)]);
	complete(context, 'DBGetComplete', 1);
};

export const dbGetTreeAction: ActionHandler = (context) => {
	const family = context.header('Family');
	const key = context.header('Key');
	const prefix = family === '' ? '/' : key === '' ? `/${family}` : path(family, key);
	context.respond('Success', 'Result will follow', [], 'start');
	let count = 0;
	for (const [entry, value] of [...context.pbx.db.entries()].sort(([a], [b]) => a.localeCompare(b))) {
		if (entry !== prefix && !entry.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`)) continue;
		context.send([['Event', 'DBGetTreeResponse'], ['Key', entry], ['Val', value], ...actionIdHeader(context.actionId)]);
		count++;
	}
	complete(context, 'DBGetTreeComplete', count);
};

export const dbDelAction: ActionHandler = (context) => {
	const family = context.header('Family');
	const key = context.header('Key');
	if (family === '') return context.respond('Error', 'No family specified.');
	if (key === '') return context.respond('Error', 'No key specified.');
	if (!context.pbx.db.delete(path(family, key))) return context.respond('Error', 'Database entry could not be deleted');
	context.respond('Success', 'Key deleted successfully');
};

export const dbDelTreeAction: ActionHandler = (context) => {
	const family = context.header('Family');
	const key = context.header('Key');
	if (family === '') return context.respond('Error', 'No family specified.');
	const prefix = key === '' ? `/${family}/` : `${path(family, key)}`;
	let deleted = 0;
	for (const entry of [...context.pbx.db.keys()]) {
		if (entry === prefix || entry.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`)) {
			context.pbx.db.delete(entry);
			deleted++;
		}
	}
	if (deleted === 0) return context.respond('Error', 'Database entry not found');
	context.respond('Success', 'Key tree deleted successfully');
};
