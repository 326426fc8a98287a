import { AmiActionError, AmiError, AmiMessage, type AmiClient } from '../../nodes/Asterisk/core/ami';
import { CATCH_ALL_FILTER, applyServerFilter } from '../../nodes/Asterisk/trigger/session-setup';

/** A client that answers Filter from a script: true = Success, a string = Response: Error with that Message. */
function scriptedClient(answers: Array<true | string | Error>) {
	const sent: string[] = [];
	const client = {
		action: async (_action: string, headers: { Filter: string }) => {
			sent.push(headers.Filter);
			const answer = answers.shift() ?? true;
			if (answer === true) return { response: new AmiMessage('Response: Success'), events: [] };
			if (answer instanceof Error) throw answer;
			const response = new AmiMessage(`Response: Error\r\nMessage: ${answer}`);
			throw new AmiActionError('Filter', response, answer === 'Permission denied' ? 'PERMISSION_DENIED' : 'ACTION_FAILED');
		},
	} as unknown as AmiClient;
	return { client, sent };
}

const log = { info: jest.fn(), warn: jest.fn(), debug: jest.fn() };
const plan = { filters: ['!exclude', 'include-1', 'include-2'], notTranslated: [] };

describe('applyServerFilter', () => {
	beforeEach(() => jest.clearAllMocks());

	it('all accepted: on', async () => {
		const { client, sent } = scriptedClient([]);
		await expect(applyServerFilter(client, plan, log)).resolves.toBe('on');
		expect(sent).toEqual(plan.filters);
	});

	it('refused at once (no write = system): refused, nothing more sent, a warning', async () => {
		const { client, sent } = scriptedClient(['Permission denied']);
		await expect(applyServerFilter(client, plan, log)).resolves.toBe('refused');
		expect(sent).toEqual(['!exclude']);
		expect(log.warn).toHaveBeenCalledWith(expect.stringMatching(/write = system/));
	});

	it('refused after an include was accepted: a catch-all include undoes the cut', async () => {
		const { client, sent } = scriptedClient([true, true, 'Filter did not compile.']);
		await expect(applyServerFilter(client, plan, log)).resolves.toBe('refused');
		expect(sent).toEqual(['!exclude', 'include-1', 'include-2', CATCH_ALL_FILTER]);
	});

	it('refused after excludes only: no catch-all needed', async () => {
		const { client, sent } = scriptedClient([true, 'Filter did not compile.']);
		await expect(applyServerFilter(client, plan, log)).resolves.toBe('refused');
		expect(sent).toEqual(['!exclude', 'include-1']);
	});

	it('even the catch-all refused: an error (the session would cut wanted events)', async () => {
		const { client } = scriptedClient([true, true, 'no', 'no']);
		await expect(applyServerFilter(client, plan, log)).rejects.toThrow(/turn "Filter on the Server" off/);
	});

	it('a lost connection is passed on unchanged', async () => {
		const lost = new AmiError('DISCONNECTED', 'gone');
		const { client } = scriptedClient([lost]);
		await expect(applyServerFilter(client, plan, log)).rejects.toBe(lost);
	});
});
