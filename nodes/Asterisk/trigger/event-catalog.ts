/**
 * The AMI events offered in the trigger's event picker, with what each means and the manager.conf
 * `read=` class that carries it. Names are Asterisk's own (`Event:` values, matched
 * case-insensitively); any other event can still be typed in as a custom name.
 */
import type { INodePropertyOptions } from 'n8n-workflow';

/** The picker's "every event" entry (parseEventNames reads `*` as all). */
export const ALL_EVENTS = '*';

export const EVENT_OPTIONS: INodePropertyOptions[] = [
	{ name: '[All Events]', value: ALL_EVENTS, description: 'Every event the AMI user may read (narrow it with the header filters)' },
	{ name: 'AgentCalled', value: 'AgentCalled', description: 'A queue rings one of its members (agent class)' },
	{ name: 'AgentComplete', value: 'AgentComplete', description: 'A queue member finished a call: hold and talk time, who hung up' },
	{ name: 'AgentConnect', value: 'AgentConnect', description: 'A queue member answered a queue caller' },
	{ name: 'AgentDump', value: 'AgentDump', description: 'A queue member hung up while the caller was being announced' },
	{ name: 'AgentRingNoAnswer', value: 'AgentRingNoAnswer', description: 'A queue member did not answer in time' },
	{ name: 'AttendedTransfer', value: 'AttendedTransfer', description: 'An attended (consultative) transfer finished or failed' },
	{ name: 'BlindTransfer', value: 'BlindTransfer', description: 'A blind transfer to an extension finished or failed' },
	{ name: 'BridgeCreate', value: 'BridgeCreate', description: 'A bridge (channels talking together) was created' },
	{ name: 'BridgeDestroy', value: 'BridgeDestroy', description: 'A bridge was destroyed' },
	{ name: 'BridgeEnter', value: 'BridgeEnter', description: 'A channel joined a bridge: the call is connected' },
	{ name: 'BridgeLeave', value: 'BridgeLeave', description: 'A channel left a bridge' },
	{ name: 'Cdr', value: 'Cdr', description: 'A call detail record was written (cdr class; needs cdr_manager)' },
	{ name: 'CEL', value: 'CEL', description: 'A channel event logging record (call class; needs cel.conf enable = yes and [manager] enabled = yes)' },
	{ name: 'ConfbridgeJoin', value: 'ConfbridgeJoin', description: 'A caller joined a ConfBridge conference' },
	{ name: 'ConfbridgeLeave', value: 'ConfbridgeLeave', description: 'A caller left a ConfBridge conference' },
	{ name: 'ContactStatus', value: 'ContactStatus', description: 'A PJSIP contact became reachable, unreachable, was created or removed' },
	{ name: 'DeviceStateChange', value: 'DeviceStateChange', description: 'A device changed state (NOT_INUSE, INUSE, RINGING, UNAVAILABLE…)' },
	{ name: 'DialBegin', value: 'DialBegin', description: 'A channel started dialing another (DialString names the target)' },
	{ name: 'DialEnd', value: 'DialEnd', description: 'A dial attempt ended: DialStatus ANSWER, NOANSWER, BUSY, CANCEL, CONGESTION…' },
	{ name: 'DialState', value: 'DialState', description: 'A dial attempt changed state (RINGING, PROCEEDING, PROGRESS)' },
	{ name: 'DTMFBegin', value: 'DTMFBegin', description: 'A DTMF digit started (dtmf class)' },
	{ name: 'DTMFEnd', value: 'DTMFEnd', description: 'A DTMF digit ended, with its duration (dtmf class)' },
	{ name: 'ExtensionStatus', value: 'ExtensionStatus', description: 'A hinted extension changed state (idle, in use, ringing, on hold…)' },
	{ name: 'FullyBooted', value: 'FullyBooted', description: 'Asterisk finished starting (also sent right after login)' },
	{ name: 'Hangup', value: 'Hangup', description: 'A channel hung up, with its Cause and Cause-txt' },
	{ name: 'HangupRequest', value: 'HangupRequest', description: 'A hangup was requested on a channel' },
	{ name: 'Hold', value: 'Hold', description: 'A channel was put on hold' },
	{ name: 'MessageWaiting', value: 'MessageWaiting', description: 'A mailbox has new voicemail (or no longer has)' },
	{ name: 'MusicOnHoldStart', value: 'MusicOnHoldStart', description: 'A channel started hearing music on hold' },
	{ name: 'MusicOnHoldStop', value: 'MusicOnHoldStop', description: 'A channel stopped hearing music on hold' },
	{ name: 'NewCallerid', value: 'NewCallerid', description: 'The caller ID of a channel changed' },
	{ name: 'Newchannel', value: 'Newchannel', description: 'A channel was created: a call starts' },
	{ name: 'NewConnectedLine', value: 'NewConnectedLine', description: 'The connected line (the other party) of a channel changed' },
	{ name: 'Newexten', value: 'Newexten', description: 'A channel runs a new dialplan step (busy; dialplan class)' },
	{ name: 'Newstate', value: 'Newstate', description: 'A channel changed state (Ring, Ringing, Up…)' },
	{ name: 'OriginateResponse', value: 'OriginateResponse', description: 'The result of an asynchronous Originate (Reason 4 = answered)' },
	{ name: 'ParkedCall', value: 'ParkedCall', description: 'A call was parked' },
	{ name: 'ParkedCallGiveUp', value: 'ParkedCallGiveUp', description: 'A parked caller hung up' },
	{ name: 'ParkedCallTimeOut', value: 'ParkedCallTimeOut', description: 'A parked call timed out' },
	{ name: 'PeerStatus', value: 'PeerStatus', description: 'A SIP/PJSIP peer registered, unregistered, became reachable or not' },
	{ name: 'QueueCallerAbandon', value: 'QueueCallerAbandon', description: 'A caller left a queue before being answered (hung up, or timed out)' },
	{ name: 'QueueCallerJoin', value: 'QueueCallerJoin', description: 'A caller entered a queue, with its position' },
	{ name: 'QueueCallerLeave', value: 'QueueCallerLeave', description: 'A caller left a queue (answered, abandoned or timed out)' },
	{ name: 'QueueMemberAdded', value: 'QueueMemberAdded', description: 'A member was added to a queue' },
	{ name: 'QueueMemberPause', value: 'QueueMemberPause', description: 'A queue member was paused or unpaused, with the reason' },
	{ name: 'QueueMemberRemoved', value: 'QueueMemberRemoved', description: 'A member was removed from a queue' },
	{ name: 'QueueMemberStatus', value: 'QueueMemberStatus', description: 'A queue member changed status (available, in use, ringing…)' },
	{ name: 'Registry', value: 'Registry', description: 'An outbound registration to a provider succeeded or failed' },
	{ name: 'Reload', value: 'Reload', description: 'A module or the configuration was reloaded' },
	{ name: 'Shutdown', value: 'Shutdown', description: 'Asterisk is shutting down or restarting' },
	{ name: 'SoftHangupRequest', value: 'SoftHangupRequest', description: 'A soft hangup was requested on a channel (dialplan Hangup(), transfer…)' },
	{ name: 'SuccessfulAuth', value: 'SuccessfulAuth', description: 'A login succeeded (security class)' },
	{ name: 'Unhold', value: 'Unhold', description: 'A channel was taken off hold' },
	{ name: 'UserEvent', value: 'UserEvent', description: "An event of the dialplan's UserEvent() or the UserEvent action (user class)" },
	{ name: 'VarSet', value: 'VarSet', description: 'A channel variable was set (very frequent; dialplan class)' },
];

/** The manager.conf read classes, for the event class mask. */
export const EVENT_CLASS_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Agent', value: 'agent', description: 'Queue and agent events' },
	{ name: 'AGI', value: 'agi', description: 'AGI and AsyncAGI events' },
	{ name: 'Call', value: 'call', description: 'Channels, dials, bridges, hangups, transfers, device states, CEL' },
	{ name: 'CDR', value: 'cdr', description: 'Call detail records' },
	{ name: 'Dialplan', value: 'dialplan', description: 'Newexten and VarSet' },
	{ name: 'DTMF', value: 'dtmf', description: 'DTMF digits' },
	{ name: 'Reporting', value: 'reporting', description: 'Status and report events' },
	{ name: 'Security', value: 'security', description: 'Login successes and failures' },
	{ name: 'System', value: 'system', description: 'FullyBooted, Reload, Shutdown, registrations, peer and contact status' },
	{ name: 'User', value: 'user', description: 'UserEvent' },
];
