import type { Channel } from './channel';
import type { ActionContext } from './session';

/** The live channel named `name`; when there is none, answers `No such channel` and gives null. */
export function channelOrRefuse(context: ActionContext, name: string): Channel | null {
	const channel = context.pbx.findChannel(name);
	if (channel === undefined) context.respond('Error', 'No such channel');
	return channel ?? null;
}
