import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The shared token that Asterisk passes in the ExternalIVR arguments, checked by the Asterisk IVR
 * Trigger before any workflow runs. ExternalIVR has no authentication of its own: the trigger's
 * address allowlist and this token are all there is. Tested by the trigger node
 * (`testedBy: 'asteriskExternalIvrApiTest'`), which checks the token's format: there is no
 * server to log in to.
 */
export class AsteriskExternalIvrApi implements ICredentialType {
	name = 'asteriskExternalIvrApi';

	displayName = 'Asterisk ExternalIVR API';

	icon: Icon = { light: 'file:../nodes/Asterisk/asterisk.svg', dark: 'file:../nodes/Asterisk/asterisk.dark.svg' };

	// A community package links to Asterisk's own docs; the camelCase slug form is for n8n's repository.
	// eslint-disable-next-line n8n-nodes-base/cred-class-field-documentation-url-miscased
	documentationUrl = 'https://docs.asterisk.org/Configuration/Interfaces/External-IVR-Interface/';

	properties: INodeProperties[] = [
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'e.g. the output of: openssl rand -hex 24',
			description:
				'A shared secret of 16 to 128 letters, digits or . _ ~ -. Put it first in the ExternalIVR arguments of the dialplan line; calls without it are hung up before any workflow runs.',
		},
	];
}
