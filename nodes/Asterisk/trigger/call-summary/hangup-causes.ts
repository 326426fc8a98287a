/**
 * Hangup causes (Q.850 cause values, as Asterisk uses them): code → name and text.
 *
 * `name` and `text` are Asterisk's own (main/channel.c `causes[]`, include/asterisk/causes.h):
 * `text` is what Asterisk puts in the `Cause-txt` header. `meaning` says in plain words what the
 * cause usually means for a call, where that is worth saying.
 *
 * Beware (callflows/INDEX.md, fact 4): the caller's channel usually hangs up with 16 whatever the
 * outcome; the outcome itself is in DialEnd's DialStatus (see disposition.ts).
 */

export interface HangupCause {
	code: number;
	/** Asterisk's symbolic name without `AST_CAUSE_` (`USER_BUSY`). */
	name: string;
	/** Asterisk's text (`Cause-txt`): `User busy`. */
	text: string;
	/** A plain explanation, when the text alone is not enough. */
	meaning?: string;
}

type Row = [number, string, string, string?];

const ROWS: Row[] = [
	[0, 'NOT_DEFINED', 'Unknown', 'Asterisk recorded no cause: typically a channel that simply ended (e.g. a Local channel whose application finished, an abandoned queue caller leg)'],
	[1, 'UNALLOCATED', 'Unallocated (unassigned) number', 'The number dialed does not exist'],
	[2, 'NO_ROUTE_TRANSIT_NET', 'No route to specified transmit network'],
	[3, 'NO_ROUTE_DESTINATION', 'No route to destination', 'No route to the destination'],
	[5, 'MISDIALLED_TRUNK_PREFIX', 'Misdialed trunk prefix'],
	[6, 'CHANNEL_UNACCEPTABLE', 'Channel unacceptable'],
	[7, 'CALL_AWARDED_DELIVERED', 'Call awarded and being delivered in an established channel'],
	[8, 'PRE_EMPTED', 'Pre-empted'],
	[14, 'NUMBER_PORTED_NOT_HERE', 'Number ported elsewhere'],
	[16, 'NORMAL_CLEARING', 'Normal Clearing', 'The call ended normally: one side hung up'],
	[17, 'USER_BUSY', 'User busy', 'The called party is busy'],
	[18, 'NO_USER_RESPONSE', 'No user responding', 'The called device did not respond (no ringing indication in time)'],
	[19, 'NO_ANSWER', 'User alerting, no answer', 'The called party was alerted (rang) but did not answer'],
	[20, 'SUBSCRIBER_ABSENT', 'Subscriber absent', 'The called party is not reachable (e.g. SIP endpoint not registered)'],
	[21, 'CALL_REJECTED', 'Call Rejected', 'The called party or the network rejected the call'],
	[22, 'NUMBER_CHANGED', 'Number changed', 'The number has changed'],
	[23, 'REDIRECTED_TO_NEW_DESTINATION', 'Redirected to new destination'],
	[26, 'ANSWERED_ELSEWHERE', 'Answered elsewhere', 'Another device answered the call (ring group / queue)'],
	[27, 'DESTINATION_OUT_OF_ORDER', 'Destination out of order', 'The destination is out of order'],
	[28, 'INVALID_NUMBER_FORMAT', 'Invalid number format', 'The number format is invalid or incomplete'],
	[29, 'FACILITY_REJECTED', 'Facility rejected'],
	[30, 'RESPONSE_TO_STATUS_ENQUIRY', 'Response to STATus ENQuiry'],
	[31, 'NORMAL_UNSPECIFIED', 'Normal, unspecified', 'Normal release, no specific reason given'],
	[34, 'NORMAL_CIRCUIT_CONGESTION', 'Circuit/channel congestion', 'No circuit/channel available (congestion)'],
	[38, 'NETWORK_OUT_OF_ORDER', 'Network out of order', 'The network is out of order'],
	[41, 'NORMAL_TEMPORARY_FAILURE', 'Temporary failure', 'Temporary network failure: try again'],
	[42, 'SWITCH_CONGESTION', 'Switching equipment congestion', 'The switching equipment is congested'],
	[43, 'ACCESS_INFO_DISCARDED', 'Access information discarded'],
	[44, 'REQUESTED_CHAN_UNAVAIL', 'Requested channel not available', 'The requested channel is not available'],
	[50, 'FACILITY_NOT_SUBSCRIBED', 'Facility not subscribed', 'The facility is not subscribed'],
	[52, 'OUTGOING_CALL_BARRED', 'Outgoing call barred', 'Outgoing calls are barred'],
	[54, 'INCOMING_CALL_BARRED', 'Incoming call barred', 'Incoming calls are barred'],
	[57, 'BEARERCAPABILITY_NOTAUTH', 'Bearer capability not authorized'],
	[58, 'BEARERCAPABILITY_NOTAVAIL', 'Bearer capability not available', 'The bearer capability (codec/media) is not available'],
	[65, 'BEARERCAPABILITY_NOTIMPL', 'Bearer capability not implemented'],
	[66, 'CHAN_NOT_IMPLEMENTED', 'Channel not implemented', 'No channel driver for the technology (channel type not implemented)'],
	[69, 'FACILITY_NOT_IMPLEMENTED', 'Facility not implemented'],
	[81, 'INVALID_CALL_REFERENCE', 'Invalid call reference value'],
	[88, 'INCOMPATIBLE_DESTINATION', 'Incompatible destination', 'The destination is incompatible (e.g. no common codec)'],
	[95, 'INVALID_MSG_UNSPECIFIED', 'Invalid message unspecified'],
	[96, 'MANDATORY_IE_MISSING', 'Mandatory information element is missing'],
	[97, 'MESSAGE_TYPE_NONEXIST', 'Message type nonexist.'],
	[98, 'WRONG_MESSAGE', 'Wrong message'],
	[99, 'IE_NONEXIST', 'Info. element nonexist or not implemented'],
	[100, 'INVALID_IE_CONTENTS', 'Invalid information element contents'],
	[101, 'WRONG_CALL_STATE', 'Message not compatible with call state'],
	[102, 'RECOVERY_ON_TIMER_EXPIRE', 'Recover on timer expiry', 'A protocol timer expired (e.g. no final SIP response)'],
	[103, 'MANDATORY_IE_LENGTH_ERROR', 'Mandatory IE length error'],
	[111, 'PROTOCOL_ERROR', 'Protocol error, unspecified', 'Protocol error'],
	[127, 'INTERWORKING', 'Interworking, unspecified', 'Interworking error (cause not mapped between networks)'],
];

const TABLE: ReadonlyMap<number, HangupCause> = new Map(
	ROWS.map(([code, name, text, meaning]) => [code, meaning === undefined ? { code, name, text } : { code, name, text, meaning }]),
);

/** Every known cause, by code. */
export const HANGUP_CAUSES: ReadonlyMap<number, HangupCause> = TABLE;

/**
 * The cause for a code (a number or the `Cause` header's text). Unknown codes get
 * `Unknown cause <n>`, with Asterisk's own `Cause-txt` as text when given. Undefined when the
 * code is not a number at all.
 */
export function hangupCause(code: number | string | undefined, causeTxt?: string): HangupCause | undefined {
	const value = typeof code === 'string' ? (code.trim() === '' ? NaN : Number(code)) : code;
	if (value === undefined || !Number.isInteger(value) || value < 0) return undefined;
	const known = TABLE.get(value);
	if (known !== undefined) return known;
	return { code: value, name: 'UNKNOWN', text: causeTxt !== undefined && causeTxt !== '' ? causeTxt : `Unknown cause ${value}` };
}
