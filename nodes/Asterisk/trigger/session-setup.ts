/**
 * What the trigger does on every fresh AMI session (the first and each reconnect). The session
 * logs in with `Events: off`, so nothing arrives while the server filters are added; then
 * `Action: Events` turns events on, for every class or for the chosen ones.
 *
 * Server filters are a traffic cut only (the local filter always runs). If Asterisk refuses a
 * Filter (the user lacks `write = system`, or an old Asterisk cannot compile a pattern), the
 * trigger goes on filtering locally. A refusal after some patterns were accepted could leave a
 * partial list of includes that cuts wanted events: one catch-all include then lets everything
 * through again (filters can only be added, never removed, on a session).
 */
import { AmiActionError, AmiError, type AmiClient } from '../core/ami';
import { serverFilterActions, type ServerFilterPlan } from './server-filter';

/** Matches every event: neutralizes includes already accepted. */
export const CATCH_ALL_FILTER = '^Event: ';

export interface SetupLog {
	info(message: string): void;
	warn(message: string): void;
	debug(message: string): void;
}

export type ServerFilterState = 'off' | 'on' | 'refused';

/**
 * Send the plan's Filter actions. Returns 'on' when Asterisk took them all, 'refused' when it
 * refused one (then filtering is local only). Throws a connection error unchanged, and an
 * AmiError when even the catch-all was refused after a partial list.
 */
export async function applyServerFilter(client: AmiClient, plan: ServerFilterPlan, log: SetupLog): Promise<ServerFilterState> {
	const actions = serverFilterActions(plan);
	let includesAccepted = false;
	for (const headers of actions) {
		const error = await refusal(client.action('Filter', headers));
		if (error !== undefined) {
			const why =
				error.code === 'PERMISSION_DENIED'
					? 'the AMI user needs write = system in manager.conf for Filter'
					: `the pattern was not accepted (${error.asteriskMessage})`;
			log.warn(`Asterisk Trigger: Asterisk refused the server-side event filter: ${why}. Filtering in n8n instead.`);
			if (includesAccepted) await neutralize(client);
			return 'refused';
		}
		if (!headers.Filter.startsWith('!')) includesAccepted = true;
	}
	if (actions.length > 0) log.info(`Asterisk Trigger: ${actions.length} server-side Filter pattern(s) in place`);
	if (plan.notTranslated.length > 0) log.debug(`Asterisk Trigger: filtered in n8n only: ${plan.notTranslated.join('; ')}`);
	return 'on';
}

/** Undefined when the action succeeded, Asterisk's refusal when it refused; rejects on anything else. */
async function refusal(action: Promise<unknown>): Promise<AmiActionError | undefined> {
	const outcome = await action.then(
		() => undefined,
		(error: unknown) => ({ error }),
	);
	if (outcome === undefined) return undefined;
	if (outcome.error instanceof AmiActionError) return outcome.error;
	throw outcome.error;
}

async function neutralize(client: AmiClient): Promise<void> {
	const error = await refusal(client.action('Filter', { Operation: 'Add', Filter: CATCH_ALL_FILTER }));
	if (error !== undefined) {
		throw new AmiError(
			'ACTION_FAILED',
			`Asterisk accepted part of the server-side event filter and then refused the rest (${error.asteriskMessage}): turn "Filter on the Server" off`,
			{ cause: error },
		);
	}
}

/** `Action: Events`: `on`, or the chosen classes. */
export async function enableEvents(client: AmiClient, classes: readonly string[]): Promise<void> {
	await client.action('Events', { EventMask: classes.length > 0 ? classes.join(',') : 'on' });
}
