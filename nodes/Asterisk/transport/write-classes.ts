/**
 * The manager.conf `write=` classes each AMI action needs (from Asterisk's
 * ast_manager_register_xml calls: main/manager.c, apps/app_queue.c, main/db.c, …). A user needs
 * any one of them. Asterisk's answer to a missing class is only "Permission denied": this table
 * lets the node say which line of manager.conf to change.
 */
const WRITE_CLASSES: Readonly<Record<string, readonly string[]>> = {
	atxfer: ['call'],
	blindtransfer: ['call'],
	bridge: ['call'],
	command: ['command'],
	coresettings: ['system', 'reporting'],
	coreshowchannels: ['system', 'reporting'],
	corestatus: ['system', 'reporting'],
	dbdel: ['system'],
	dbdeltree: ['system'],
	dbget: ['system', 'reporting'],
	dbgettree: ['system', 'reporting'],
	dbput: ['system'],
	devicestatelist: ['call', 'reporting'],
	extensionstate: ['call', 'reporting'],
	filter: ['system'],
	getvar: ['call', 'reporting'],
	hangup: ['system', 'call'],
	mailboxcount: ['call', 'reporting'],
	mailboxstatus: ['call', 'reporting'],
	modulecheck: ['system'],
	moduleload: ['system'],
	originate: ['originate'],
	park: ['call'],
	playdtmf: ['call'],
	queueadd: ['agent'],
	queuelog: ['agent'],
	queuepause: ['agent'],
	queuepenalty: ['agent'],
	queueremove: ['agent'],
	redirect: ['call'],
	reload: ['system', 'config'],
	setvar: ['call'],
	status: ['system', 'call', 'reporting'],
	userevent: ['user'],
};

/** The write classes that allow an action, or undefined when the node does not know it. */
export function writeClassesOf(action: string): readonly string[] | undefined {
	return WRITE_CLASSES[action.toLowerCase()];
}

/** "write = call (or system)" advice for a Permission denied answer. */
export function permissionAdvice(action: string): string {
	const classes = writeClassesOf(action);
	if (classes === undefined || classes.length === 0) {
		return `The AMI user lacks the manager.conf write class that ${action} needs (see "manager show command ${action}" on the Asterisk CLI), or the action is blocked for this user`;
	}
	const alternatives = classes.length > 1 ? ` (or any of: ${classes.join(', ')})` : '';
	return `${action} needs the "${classes[0]}" write class${alternatives}: add it to the user's "write =" line in manager.conf (e.g. "write = ${classes.join(',')}") and run "manager reload"`;
}
