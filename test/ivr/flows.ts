/**
 * The three Wazo IVR use cases (shared/seeds/001: "Minimal IVR", "IVR with a schedule", "IVR with
 * submenu") as workflows: what the Switch and If nodes of examples/ivr-minimal-menu.json decide,
 * turn by turn, written as functions returning the Asterisk IVR node's parameters.
 *
 * Wazo's dialplan, and how it maps:
 * - `Set(counter=0)`, `Set(counter=$[${counter} + 1])` → `state.counter`;
 * - Background(ivr-example-choices) + Waitexten(5) → play the choices, collect one digit;
 * - `exten = 1..3` → Goto a destination → return to the dialplan with IVR_DESTINATION set;
 * - `exten = 4` → Goto(s,start): the choices again (the counter goes up);
 * - `t` and `i` → if counter >= 3: play ivr-example-error and hang up; else play
 *   ivr-example-invalid-choice and start again.
 */
import type { IDataObject } from 'n8n-workflow';

import type { TurnData } from '../../nodes/Asterisk/ivr/turn';
import type { Parameters } from '../support/n8n-context';
import { append, collect, hangUp, play, returnToDialplan, type Decide } from './harness';

const MAIN_DESTINATIONS: Record<string, string> = { '1': '8000', '2': '8833', '3': '8547' };
const SUBMENU_DESTINATIONS: Record<string, string> = { '1': '8000', '2': '8001' };

function counterOf(turn: TurnData): number {
	return Number(turn.state.counter ?? 0);
}

/** The choices prompt after `before`, with the counter incremented (Wazo's label "start"). */
function menu(file: string, before: string[], state: IDataObject, counter: number): Parameters {
	const steps = before.length === 0 ? [play(file)] : [play(before[0]), ...before.slice(1).map(append), append(file)];
	return collect(steps, { ...state, counter: counter + 1 });
}

/** `t` and `i`: three tries, then the error message and a hangup. */
function invalid(file: string, turn: TurnData): Parameters {
	const counter = counterOf(turn);
	if (counter >= 3) return hangUp([play('ivr-example-error')]);
	return menu(file, ['ivr-example-invalid-choice'], turn.state, counter);
}

/** Use case 1: the minimal IVR. */
export const minimalMenu: Decide = (turn) => {
	if (turn.event === 'hangup') return undefined; // a real workflow might log it
	if (turn.event === 'start') return menu('ivr-example-choices', ['ivr-example-welcome-sound'], {}, 0);
	if (turn.event === 'input' && MAIN_DESTINATIONS[turn.digits] !== undefined) {
		return returnToDialplan({ IVR_DESTINATION: MAIN_DESTINATIONS[turn.digits] });
	}
	if (turn.event === 'input' && turn.digits === '4') return menu('ivr-example-choices', [], turn.state, counterOf(turn));
	return invalid('ivr-example-choices', turn);
};

/**
 * Use case 2: the same menu behind a schedule. Closed (by the clock the workflow is given, as an
 * If node on $now would): the closed message, then hang up.
 */
export function scheduledMenu(isOpen: (now: Date) => boolean): Decide {
	return (turn) => {
		if (turn.event === 'start' && !isOpen(new Date())) return hangUp([play('ivr-example-closed')]);
		return minimalMenu(turn);
	};
}

/** Use case 3: 3 opens the submenu, whose 3 goes back to the main menu (Wazo's label "beginning"). */
export const menuWithSubmenu: Decide = (turn) => {
	if (turn.event === 'hangup') return undefined;
	if (turn.event === 'start') return menu('ivr-example-choices', ['ivr-example-welcome-sound'], { menu: 'main' }, 0);
	const inSubmenu = turn.state.menu === 'submenu';
	const counter = counterOf(turn);
	if (!inSubmenu) {
		if (turn.event === 'input' && turn.digits === '3') return menu('ivr-example-submenu-choices', [], { menu: 'submenu' }, 0);
		if (turn.event === 'input' && turn.digits !== '3' && MAIN_DESTINATIONS[turn.digits] !== undefined) {
			return returnToDialplan({ IVR_DESTINATION: MAIN_DESTINATIONS[turn.digits] });
		}
		if (turn.event === 'input' && turn.digits === '4') return menu('ivr-example-choices', [], turn.state, counter);
		return invalid('ivr-example-choices', turn);
	}
	if (turn.event === 'input' && SUBMENU_DESTINATIONS[turn.digits] !== undefined) {
		return returnToDialplan({ IVR_DESTINATION: SUBMENU_DESTINATIONS[turn.digits] });
	}
	if (turn.event === 'input' && turn.digits === '3') return menu('ivr-example-choices', [], { menu: 'main' }, 0);
	return invalid('ivr-example-submenu-choices', turn);
};
