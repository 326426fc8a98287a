import type { AllEntities } from 'n8n-workflow';

type NodeMap = {
	call: 'atxfer' | 'blindTransfer' | 'bridge' | 'hangup' | 'originate' | 'park' | 'playDtmf' | 'redirect';
	channel: 'list' | 'status';
	customAction: 'send';
	database: 'delete' | 'deleteTree' | 'get' | 'put';
	extension: 'deviceStateList' | 'extensionState' | 'mailboxCount' | 'mailboxStatus';
	queue: 'addMember' | 'log' | 'pauseMember' | 'removeMember' | 'setPenalty' | 'status' | 'summary';
	system: 'command' | 'coreSettings' | 'coreStatus' | 'moduleCheck' | 'ping' | 'reload' | 'userEvent';
	variable: 'get' | 'set';
};

export type AsteriskType = AllEntities<NodeMap>;
