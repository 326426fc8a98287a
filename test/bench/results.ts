/**
 * bench-results.json: one section per benchmark. This bench owns `parser`; the other sections
 * (added by later benchmarks) are read and written back untouched.
 */
import * as fs from 'node:fs';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export function writeSection(file: string, section: string, value: { [key: string]: JsonValue }): void {
	let results: { [key: string]: JsonValue } = {};
	if (fs.existsSync(file)) {
		try {
			const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
			if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) results = parsed as { [key: string]: JsonValue };
			else console.warn(`bench: ${file} does not hold a JSON object; rewriting it`);
		} catch (error) {
			console.warn(`bench: ${file} is not valid JSON (${error instanceof Error ? error.message : String(error)}); rewriting it`);
		}
	}
	results[section] = value;
	fs.writeFileSync(file, `${JSON.stringify(results, null, '\t')}\n`);
}
