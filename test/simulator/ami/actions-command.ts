/**
 * Command: Asterisk ≥ 14 answers `Response: Success|Error`, `Message: Command output follows`
 * and one `Output:` header per CLI line (e_command); with `commandFormat: 'follows'` the
 * simulator answers as Asterisk ≤ 13 did: `Response: Follows`, `Privilege: Command`, the raw
 * CLI text with LF line ends, then `--END COMMAND--`.
 */
import { runCli } from './cli';
import type { QueueRegistry } from './queues';
import type { ActionHandler } from './session';

// check_blacklist() of manager.c.
const BLACKLIST = ['module load', 'module unload', 'restart gracefully'];

export function commandAction(queues: QueueRegistry, format: 'output' | 'follows'): ActionHandler {
	return (context) => {
		const command = context.header('Command');
		if (command === '') return context.respond('Error', 'No command provided');
		const normalized = command.trim().split(/\s+/).join(' ').toLowerCase();
		if (BLACKLIST.some((b) => normalized.startsWith(b))) return context.respond('Error', 'Command blacklisted');
		const result = runCli(context.pbx, queues, command);
		if (format === 'follows') {
			let text = 'Response: Follows\r\nPrivilege: Command\r\n';
			if (context.actionId) text += `ActionID: ${context.actionId}\r\n`;
			text += `${result.lines.join('\n')}\n--END COMMAND--\r\n\r\n`;
			context.write(text);
			return;
		}
		context.respond(
			result.success ? 'Success' : 'Error',
			'Command output follows',
			result.lines.map((line): [string, string] => ['Output', line]),
		);
	};
}
