import 'cdktf/lib/testing/adapters/jest';
import { TerraformStack } from 'cdktf';
import { CredentialVariableSet, CredentialVariableSetProps, WorkspaceSelector } from '../../lib';
import { duplicateTitles, expectRefused, RefusalCase } from '../support/refusals';

/**
 * Credential variable sets built directly (CredentialVariableSet): what they refuse. The sets grants make, and the
 * variables in them, are tested through their grants (trust-chain.test.ts and the cloud engine files).
 */

/** A variable set built directly, with one prop replaced. */
function variableSet(stack: TerraformStack, props: Partial<CredentialVariableSetProps> = {}) {
  return new CredentialVariableSet(stack, 'vars', {
    organization: 'acme',
    name: 'creds',
    project: 'Platform',
    workspaces: WorkspaceSelector.names('app'),
    variables: [{ key: 'TFC_VAULT_PROVIDER_AUTH', value: 'true' }],
    ...props,
  });
}

const CATALOGUE: RefusalCase[] = [
  [
    'variable set with an invalid environment variable name',
    (s) => variableSet(s, { variables: [{ key: '1BAD', value: 'x' }] }),
    'test/vars',
    /environment variable key "1BAD" is not a valid name/,
  ],
  [
    'variable set with a multi-line value',
    (s) => variableSet(s, { variables: [{ key: 'A', value: 'a\nb' }] }),
    'test/vars',
    /the value "a\\nb" of A contains a line break or NUL; environment variable values must be one line/,
  ],
  [
    'variable set with a key set twice',
    (s) => variableSet(s, { variables: [{ key: 'A', value: 'a' }, { key: 'A', value: 'b' }] }),
    'test/vars',
    /environment variable A is set twice in one variable set/,
  ],
  ['variable set with an organization glob', (s) => variableSet(s, { organization: 'acme*' }), 'test/vars', /organization name "acme\*" contains "\*"/],
  ['variable set with a project name too short', (s) => variableSet(s, { project: 'ab' }), 'test/vars', /project name "ab" is 2 characters long/],
  ['variable set for a workspace name with a comma', (s) => variableSet(s, { workspaces: WorkspaceSelector.names('a,b') }), 'test/vars', /workspace name "a,b" contains ","/],
];

describe('credential variable set validation catalogue: each case fails synthesis naming the construct path, the value and the fix', () => {
  test('case titles are unique', () => {
    expect(duplicateTitles(CATALOGUE)).toEqual([]);
  });

  test.each(CATALOGUE)('%s', (_title, build, path, message) => expectRefused(build, path, message));
});
