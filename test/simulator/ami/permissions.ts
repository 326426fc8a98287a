/**
 * manager.c's permission classes: how `read=`/`write=`, the Login `Events:` header and the
 * `Events` action turn into bit masks, which write class each action needs, and how a class is
 * printed in `Privilege:`.
 */

/** perms[] of main/manager.c, in its order (the order matters for `Privilege:` strings). */
const CLASSES: ReadonlyArray<readonly [string, number]> = [
	['system', 1 << 0],
	['call', 1 << 1],
	['log', 1 << 2],
	['verbose', 1 << 3],
	['command', 1 << 4],
	['agent', 1 << 5],
	['user', 1 << 6],
	['config', 1 << 7],
	['dtmf', 1 << 8],
	['reporting', 1 << 9],
	['cdr', 1 << 10],
	['dialplan', 1 << 11],
	['originate', 1 << 12],
	['agi', 1 << 13],
	['cc', 1 << 14],
	['aoc', 1 << 15],
	['test', 1 << 16],
	['security', 1 << 17],
	['message', 1 << 18],
];

export const ALL = 0x7fffffff;

export function classFlag(name: string): number {
	const found = CLASSES.find(([label]) => label === name);
	if (found === undefined) throw new Error(`unknown AMI class ${name}`);
	return found[1];
}

/** get_perm(): every known label in a comma list (`all` sets every bit); unknown words ignored. */
export function parsePermissions(list: string): number {
	let mask = 0;
	for (const word of list.split(',').map((w) => w.trim())) {
		if (word === 'all') mask |= ALL;
		for (const [label, flag] of CLASSES) if (label === word) mask |= flag;
	}
	return mask;
}

const TRUE_WORDS = new Set(['yes', 'true', 'y', 't', '1', 'on']);
const FALSE_WORDS = new Set(['no', 'false', 'n', 'f', '0', 'off']);

/**
 * strings_to_mask(): a number is itself, ast_false words are 0, ast_true words are all classes,
 * anything else a class list. -1 for an empty value (the `Events` action then answers
 * `Invalid event mask`).
 */
export function eventMask(value: string | undefined): number {
	if (value === undefined || value === '') return -1;
	if (/^\d+$/.test(value)) return Number.parseInt(value, 10);
	const lower = value.toLowerCase();
	if (FALSE_WORDS.has(lower)) return 0;
	if (TRUE_WORDS.has(lower)) return ALL;
	return parsePermissions(value);
}

/** authority_to_str() for one class: `call` → `call,all` (every class also matches `all`). */
export function privilege(className: string): string {
	return `${className},all`;
}

/**
 * Write classes per action (ast_manager_register_xml* calls in manager.c, app_queue.c, db.c).
 * 0 = any logged-in user. A user needs any one of the listed classes, as manager.c checks
 * `writeperm & authority`.
 */
const ACTION_CLASSES: Record<string, string[]> = {
	ping: [],
	events: [],
	logoff: [],
	login: [],
	challenge: [],
	hangup: ['system', 'call'],
	status: ['system', 'call', 'reporting'],
	setvar: ['call'],
	getvar: ['call', 'reporting'],
	redirect: ['call'],
	originate: ['originate'],
	command: ['command'],
	userevent: ['user'],
	corestatus: ['system', 'reporting'],
	coresettings: ['system', 'reporting'],
	coreshowchannels: ['system', 'reporting'],
	filter: ['system'],
	queuestatus: [],
	queuesummary: [],
	queueadd: ['agent'],
	queueremove: ['agent'],
	queuepause: ['agent'],
	queuelog: ['agent'],
	queuepenalty: ['agent'],
	dbget: ['system', 'reporting'],
	dbgettree: ['system', 'reporting'],
	dbput: ['system'],
	dbdel: ['system'],
	dbdeltree: ['system'],
	// main/manager.c, main/features.c, apps/app_senddtmf.c, res/parking/parking_manager.c,
	// res/res_manager_devicestate.c registrations.
	bridge: ['call'],
	blindtransfer: ['call'],
	atxfer: ['call'],
	playdtmf: ['call'],
	park: ['call'],
	extensionstate: ['call', 'reporting'],
	devicestatelist: ['call', 'reporting'],
	mailboxcount: ['call', 'reporting'],
	mailboxstatus: ['call', 'reporting'],
	reload: ['config', 'system'],
	modulecheck: ['system'],
};

/** The authority mask of a known action, or undefined for an action Asterisk does not have. */
export function actionAuthority(action: string): number | undefined {
	const classes = ACTION_CLASSES[action.toLowerCase()];
	if (classes === undefined) return undefined;
	return classes.reduce((mask, name) => mask | classFlag(name), 0);
}

/** The class of an event from its `Privilege:` value (first word), or 0 if it has none. */
export function eventCategory(privilegeValue: string | undefined): number {
	if (privilegeValue === undefined) return 0;
	const first = privilegeValue.split(',')[0].trim().toLowerCase();
	const found = CLASSES.find(([label]) => label === first);
	return found === undefined ? 0 : found[1];
}
