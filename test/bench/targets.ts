/** The targets of the parser benchmark, checked and printed; a miss is reported, never thrown. */

export interface Target {
	name: string;
	value: number;
	/** How the value is shown: `12.3×`, `1,234,567 msg/s`… */
	shown: string;
	goal: string;
	met: boolean;
}

export function target(name: string, value: number, shown: string, goal: string, met: boolean): Target {
	return { name, value, shown, goal, met };
}

export function printTargets(targets: readonly Target[], log: (line: string) => void): void {
	const width = Math.max(...targets.map((t) => t.name.length));
	for (const t of targets) {
		log(`  ${t.met ? 'met   ' : 'MISSED'}  ${t.name.padEnd(width)}  ${t.shown.padStart(18)}  (target ${t.goal})`);
	}
	const missed = targets.filter((t) => !t.met);
	log(missed.length === 0 ? '  all targets met' : `  MISSED ${missed.length} of ${targets.length} targets: ${missed.map((t) => t.name).join(', ')}`);
}
