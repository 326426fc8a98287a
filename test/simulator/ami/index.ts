/**
 * The AMI simulator: a loopback Asterisk Manager Interface server that answers byte for byte
 * like the Asterisk 22.10.1 of shared/asterisk/transcripts, for client tests over real sockets.
 *
 *   const sim = await startAmiSimulator({ failedLoginDelayMs: 50, timeScale: 0.01 });
 *   // connect to 127.0.0.1:sim.port, log in as admin/adminpw …
 *   sim.splitWrites = 1;                       // every byte its own write
 *   await sim.floodEvents({ count: 10000 });
 *   expect(sim.receivedActions('Originate')).toHaveLength(1);
 *   await sim.close();
 */
export { AmiSimulator, startAmiSimulator, type ReceivedAction } from './simulator';
export type { FloodOptions } from './flood';
export { floodEvent } from './flood';
export { BANNER } from './session';
export type {
	AmiSimulatorOptions,
	AmiUserConfig,
	Dialplan,
	Headers,
	OriginateOutcome,
	QueueConfig,
	QueueMemberConfig,
	SplitWrites,
} from './types';
