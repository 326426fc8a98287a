/**
 * `npm start`: the AMI core against the embedded Asterisk simulator (no PBX needed).
 *
 * Starts the simulator on a free loopback port, logs in with the MD5 challenge, and does what a
 * call-center workflow does: set a variable, put an agent in a queue, read the queue back as an
 * event list, place a call and follow it to its OriginateResponse, run a CLI command. Every
 * event that arrives is printed as it comes.
 */
import { AmiClient, ORIGINATE } from '../nodes/Asterisk/core/ami';
import { startAmiSimulator } from '../test/simulator/ami';

const REASONS: Record<string, string> = {
	'0': 'failed (no such channel or technology)',
	'1': 'hung up before answering',
	'3': 'ringing, no answer',
	'4': 'answered',
	'5': 'busy',
	'8': 'congestion',
};

async function main(): Promise<void> {
	const simulator = await startAmiSimulator({ timeScale: 0.25 });
	console.log(`Asterisk simulator listening on 127.0.0.1:${simulator.port} (user admin)\n`);

	const client = new AmiClient({
		host: '127.0.0.1',
		port: simulator.port,
		username: 'admin',
		secret: 'adminpw',
		authType: 'md5',
		keepaliveIntervalMs: 0,
	});
	client.on('event', (event) => {
		const channel = event.get('Channel');
		console.log(`  event  ${event.event}${channel ? `  ${channel}` : ''}`);
	});

	try {
		await client.connect();
		console.log(`logged in (MD5 challenge) to "${client.banner}"`);

		await client.action('Setvar', { Variable: 'LEAD_ID', Value: 'CRM-4711' });
		const { response } = await client.action('Getvar', { Variable: 'LEAD_ID' });
		console.log(`Setvar/Getvar: LEAD_ID = ${response.get('Value')}`);

		await client.action('QueueAdd', { Queue: 'support', Interface: 'Local/200@park-test', MemberName: 'Agent200' });
		const status = await client.action('QueueStatus', { Queue: 'support' });
		console.log(`QueueStatus: ${status.events.length} items, then ${status.complete?.event}`);
		for (const item of status.events) console.log(`  ${item.event}: ${item.get('Queue')} ${item.get('Name') ?? ''}`.trimEnd());

		console.log('Originate Local/100@park-test → Wait(1), following it to its OriginateResponse…');
		const call = await client.action(
			'Originate',
			{ Channel: 'Local/100@park-test', Application: 'Wait', Data: '1', Async: 'true', CallerID: 'n8n <5551234>', Variable: ['LEAD_ID=CRM-4711'] },
			{ completion: ORIGINATE, timeoutMs: 30_000 },
		);
		const reason = call.complete?.get('Reason') ?? '';
		console.log(`  → ${call.complete?.get('Response')}: reason ${reason} (${REASONS[reason] ?? 'unknown'}), Uniqueid ${call.complete?.get('Uniqueid')}`);

		const version = await client.action('Command', { Command: 'core show version' });
		console.log(`Command "core show version": ${version.response.getAll('Output').join(' / ')}`);

		await new Promise((resolve) => setTimeout(resolve, 800));
	} finally {
		await client.close();
		await simulator.close();
	}
	console.log('\nlogged off; simulator stopped.');
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exitCode = 1;
});
