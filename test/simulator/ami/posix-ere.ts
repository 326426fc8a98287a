/**
 * Asterisk compiles Filter patterns with regcomp(REG_EXTENDED) and no REG_NEWLINE: POSIX
 * character classes (`[[:cntrl:]]`) work, and `.` matches CR and LF too. JavaScript reads both
 * differently, so patterns are translated before the simulator compiles them.
 */
const POSIX_CLASSES: Readonly<Record<string, string>> = {
	alnum: 'A-Za-z0-9',
	alpha: 'A-Za-z',
	blank: ' \\t',
	cntrl: '\\x00-\\x1f\\x7f',
	digit: '0-9',
	graph: '\\x21-\\x7e',
	lower: 'a-z',
	print: '\\x20-\\x7e',
	punct: '!-\\/:-@\\[-`{-~',
	space: ' \\t\\n\\r\\f\\v',
	upper: 'A-Z',
	xdigit: '0-9A-Fa-f',
};

/** A POSIX ERE as the source of an equivalent JavaScript regex. */
export function posixEreToJs(pattern: string): string {
	let out = '';
	for (let i = 0; i < pattern.length; i++) {
		const char = pattern[i];
		if (char === '\\') {
			out += pattern.slice(i, i + 2);
			i++;
		} else if (char === '[') {
			const end = bracketEnd(pattern, i);
			if (end < 0) return pattern;
			out += pattern.slice(i, end + 1).replace(/\[:([a-z]+):\]/g, (token, name: string) => POSIX_CLASSES[name] ?? token);
			i = end;
		} else if (char === '.') {
			out += '[\\s\\S]';
		} else {
			out += char;
		}
	}
	return out;
}

/** Index of the `]` that closes the bracket expression opened at `start`, or -1. */
function bracketEnd(pattern: string, start: number): number {
	let i = start + 1;
	if (pattern[i] === '^') i++;
	if (pattern[i] === ']') i++; // a leading `]` is a literal member
	for (; i < pattern.length; i++) {
		if (pattern[i] === '[' && pattern[i + 1] === ':') {
			const close = pattern.indexOf(':]', i + 2);
			if (close < 0) return -1;
			i = close + 1;
			continue;
		}
		if (pattern[i] === ']') return i;
	}
	return -1;
}
