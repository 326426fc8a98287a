/**
 * The AMI events the call tracker reads. A server-side filter must let these through when the
 * call summary runs (buildServerFilter's `keepEvents`), and the AMI user needs read `call`,
 * `dialplan` (VarSet QUEUESTATUS), `agent` (queue events) and optionally `cel`.
 */
export const CALL_SUMMARY_EVENTS: readonly string[] = [
	'Newchannel',
	'Newstate',
	'NewCallerid',
	'NewConnectedLine',
	'DialBegin',
	'DialEnd',
	'HangupRequest',
	'SoftHangupRequest',
	'Hangup',
	'QueueCallerJoin',
	'QueueCallerLeave',
	'QueueCallerAbandon',
	'AgentCalled',
	'AgentConnect',
	'AgentComplete',
	'BlindTransfer',
	'AttendedTransfer',
	'VarSet',
];
