import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * A manager.conf login. Tested by the nodes that use it (`testedBy: 'asteriskAmiApiTest'`):
 * connect, log in and send Ping, because AMI is not HTTP and cannot use a request test.
 */
export class AsteriskAmiApi implements ICredentialType {
	name = 'asteriskAmiApi';

	displayName = 'Asterisk AMI API';

	icon: Icon = { light: 'file:../nodes/Asterisk/asterisk.svg', dark: 'file:../nodes/Asterisk/asterisk.dark.svg' };

	// A community package links to Asterisk's own docs; the camelCase slug form is for n8n's repository.
	// eslint-disable-next-line n8n-nodes-base/cred-class-field-documentation-url-miscased
	documentationUrl = 'https://docs.asterisk.org/Configuration/Interfaces/Asterisk-Manager-Interface-AMI/';

	properties: INodeProperties[] = [
		{
			displayName: 'Host',
			name: 'host',
			type: 'string',
			default: '',
			placeholder: 'e.g. pbx.example.com',
			required: true,
			description: 'Host name or IP address of the Asterisk server (manager.conf bindaddr)',
		},
		{
			displayName: 'Port',
			name: 'port',
			type: 'number',
			default: 5038,
			description: "AMI port: manager.conf's port (5038), or tlsbindaddr's port (usually 5039) with TLS",
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
			description: 'The [section] name of the manager user in manager.conf',
		},
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: "The user's secret in manager.conf",
		},
		{
			displayName: 'Authentication',
			name: 'authType',
			type: 'options',
			options: [
				{
					name: 'Plain (Secret)',
					value: 'plain',
					description: 'Send the secret in the Login action',
				},
				{
					name: 'MD5 Challenge',
					value: 'md5',
					description: 'Ask for a challenge and send md5(challenge + secret): the secret never crosses the network',
				},
			],
			default: 'plain',
		},
		{
			displayName: 'Use TLS',
			name: 'tls',
			type: 'boolean',
			default: false,
			description: 'Whether to connect with TLS (manager.conf tlsenable = yes)',
		},
		{
			displayName: 'CA Certificate',
			name: 'ca',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			placeholder: '-----BEGIN CERTIFICATE-----',
			description: "PEM certificate of the authority that signed Asterisk's certificate, when it is not a public one",
			displayOptions: { show: { tls: [true] } },
		},
		{
			displayName: 'Allow Self-Signed Certificate',
			name: 'allowSelfSigned',
			type: 'boolean',
			default: false,
			description: 'Whether to accept any certificate, self-signed included (the connection is still encrypted, but the server is not verified)',
			displayOptions: { show: { tls: [true] } },
		},
		{
			displayName: 'Connect Timeout (Ms)',
			name: 'connectTimeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 10000,
			description: 'How long to wait for the connection, the banner and the login, in milliseconds',
		},
	];
}
