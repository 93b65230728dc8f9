import { TerraformStack } from 'cdktf';
import { CredentialVariableSet, CredentialVariableSetProps, WorkspaceSelector } from '../../lib';

/** A variable set built directly (no grant, no shared look-ups), valid as given, with some props replaced. */
export function standaloneSet(stack: TerraformStack, id: string, props: Partial<CredentialVariableSetProps> = {}): CredentialVariableSet {
  return new CredentialVariableSet(stack, id, {
    organization: 'acme',
    name: 'creds',
    project: 'Platform',
    workspaces: WorkspaceSelector.names('app'),
    variables: [{ key: 'TFC_VAULT_PROVIDER_AUTH', value: 'true' }],
    ...props,
  });
}
