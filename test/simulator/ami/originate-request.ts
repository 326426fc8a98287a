/** What an Originate asks for, once validated, and what the call reports back. */
import type { Channel } from './channel';

export interface OriginateRequest {
	/** As sent: `Local/100@park-test`, `PJSIP/bob`. */
	channel: string;
	tech: string;
	data: string;
	/** Application mode when non-empty; otherwise Context/Exten/Priority. */
	application: string;
	applicationData: string;
	context: string;
	exten: string;
	priority: number;
	callerNum: string | undefined;
	callerName: string | undefined;
	variables: Array<[string, string]>;
	timeoutMs: number;
}

/** Reason codes of OriginateResponse: 0 failed, 1 hung up, 3 no answer, 4 answered, 5 busy, 8 congestion. */
export interface OriginateResult {
	success: boolean;
	reason: number;
	channel?: Channel;
}

export type OriginateFinish = (result: OriginateResult) => void;
