/**
 * The CLI commands the Command action can run, with the output text the e_command capture
 * shows. Returns the lines (without the trailing newline Asterisk trims) and whether the CLI
 * call succeeded (`Response: Success|Error`).
 */
import type { Pbx } from './pbx';
import type { QueueRegistry } from './queues';

export interface CliResult {
	success: boolean;
	lines: string[];
}

const KNOWN_COMMANDS = [
	'core show version',
	'core show uptime',
	'core show channels',
	'core show channels count',
	'queue show',
	'dialplan show',
	'database show',
	'core show help',
];

function pluralSeconds(n: number): string {
	return `${n} second${n === 1 ? '' : 's'}`;
}

function queueShow(queues: QueueRegistry, name: string): CliResult {
	const selected = [...queues.queues.values()].filter((q) => name === '' || q.name === name);
	if (selected.length === 0) return { success: true, lines: [`No such queue: ${name}.`] };
	const lines: string[] = [];
	const now = Math.floor(Date.now() / 1000);
	for (const queue of selected) {
		lines.push(`${queue.name} has 0 calls (max unlimited) in '${queue.strategy}' strategy (0s holdtime, 0s talktime), W:0, C:0, A:0, SL:0.0%, SL2:0.0% within 0s`);
		if (queue.members.length === 0) lines.push('   No Members');
		else {
			lines.push('   Members: ');
			for (const m of queue.members) {
				const paused = m.paused ? ` (paused${m.pausedReason ? `:${m.pausedReason}` : ''} was ${now - m.lastPause} secs ago)` : '';
				lines.push(`      ${m.name} (${m.interface}) (ringinuse enabled) (${m.membership})${paused} (Not in use) has taken no calls yet (login was ${now - m.loginTime} secs ago)`);
			}
		}
		lines.push('   No Callers', '');
	}
	lines.push('');
	return { success: true, lines };
}

// Line numbers of the captures' extensions.conf, so `dialplan show echo` matches e_command.
const CONF_LINES: Record<string, number> = { 'park-test/100': 15, 'park-test/200': 19, 'echo/600': 24, 'calls/agent': 69, 'calls/agentbusy': 85 };

/** `dialplan show <context>`: pbx_config's layout, `  %-17s %-45s [%s]` per priority. */
function dialplanShow(pbx: Pbx, name: string): CliResult {
	const context = pbx.dialplan[name];
	if (context === undefined) return { success: false, lines: [`There is no existence of '${name}' context`] };
	const lines = [`[ Context '${name}' created by 'pbx_config' ]`];
	let priorities = 0;
	let fallbackLine = 1;
	for (const [exten, steps] of Object.entries(context)) {
		const first = CONF_LINES[`${name}/${exten}`] ?? fallbackLine;
		steps.forEach(([app, data], i) => {
			const label = i === 0 ? `'${exten}' =>` : '';
			lines.push(`  ${label.padEnd(17)} ${`${i + 1}. ${app}(${data})`.padEnd(45)} [extensions.conf:${first + i}]`);
			priorities++;
		});
		fallbackLine = first + steps.length + 1;
	}
	const extensions = Object.keys(context).length;
	lines.push('', `-= ${extensions} extension${extensions === 1 ? '' : 's'} (${priorities} priorit${priorities === 1 ? 'y' : 'ies'}) in 1 context. =-`);
	return { success: true, lines };
}

export function runCli(pbx: Pbx, queues: QueueRegistry, command: string): CliResult {
	const words = command.trim().split(/\s+/);
	const text = words.join(' ');
	if (text === 'core show version') return { success: true, lines: [pbx.version] };
	if (text === 'core show uptime' || text === 'core show uptime seconds') {
		const up = pbx.uptime();
		return text.endsWith('seconds')
			? { success: true, lines: [`System uptime: ${up}`, `Last reload: ${up}`] }
			: { success: true, lines: [`System uptime: ${pluralSeconds(up)}`, `Last reload: ${pluralSeconds(up)}`] };
	}
	if (text === 'core show channels count') {
		const channels = pbx.channels.size;
		return { success: true, lines: [`${channels} active channels`, `${Math.ceil(channels / 2)} active calls`, `${pbx.callsProcessed} calls processed`] };
	}
	if (words[0] === 'queue' && words[1] === 'show') return queueShow(queues, words[2] ?? '');
	if (words[0] === 'dialplan' && words[1] === 'show' && words[2] !== undefined) return dialplanShow(pbx, words[2]);
	// find_best(): the words that still match a command, plus the first that does not.
	let known = 0;
	while (known < words.length && KNOWN_COMMANDS.some((c) => c.split(' ').slice(0, known + 1).join(' ') === words.slice(0, known + 1).join(' '))) known++;
	const hint = words.slice(0, Math.max(known + 1, 2)).join(' ');
	return { success: false, lines: [`No such command '${text}' (type 'core show help ${hint}' for other possible commands)`] };
}
