import 'cdktf/lib/testing/adapters/jest';
import { AzureSecretsEngineRoleAssignment } from '../../lib';
import { checkProviderSchemas } from '../support/provider-schema';
import { RefusalCase, refusalTable } from '../support/refusals';
import { only, synthErrorWithClouds, synthWithClouds } from './cloud-synth';

const SUBSCRIPTION_SCOPE = '/subscriptions/11111111-1111-4111-8111-111111111111';
const ENGINE_OBJECT_ID = '66666666-6666-4666-8666-666666666666';
const READER = 'acdd72a7-3385-48ef-bd42-f606fba81ae7';
const CONTRIBUTOR = 'b24988ac-6180-42a0-ab88-20f7382dd24c';

describe('Azure secrets engine role assignment', () => {
  test('by default the engine principal is User Access Administrator in the scope, typed as a service principal', () => {
    const { json } = synthWithClouds(['azurerm'], (stack) => {
      new AzureSecretsEngineRoleAssignment(stack, 'engine', { scope: SUBSCRIPTION_SCOPE, principalId: ENGINE_OBJECT_ID });
    });
    const assignment = only(json, 'azurerm_role_assignment');
    expect(assignment).toMatchObject({
      scope: SUBSCRIPTION_SCOPE,
      principal_id: ENGINE_OBJECT_ID,
      principal_type: 'ServicePrincipal',
      role_definition_name: 'User Access Administrator',
    });
    expect(assignment.condition).toBeUndefined();
    expect(assignment.condition_version).toBeUndefined();
  });

  test('assignable roles become an ABAC condition covering both writing and deleting assignments', () => {
    let condition: string | undefined;
    const { json } = synthWithClouds(['azurerm'], (stack) => {
      condition = new AzureSecretsEngineRoleAssignment(stack, 'engine', {
        scope: SUBSCRIPTION_SCOPE,
        principalId: ENGINE_OBJECT_ID,
        roleDefinitionName: 'Role Based Access Control Administrator',
        assignableRoleDefinitionIds: [READER, CONTRIBUTOR.toUpperCase()],
      }).condition;
    });
    const assignment = only(json, 'azurerm_role_assignment');
    expect(assignment).toMatchObject({ role_definition_name: 'Role Based Access Control Administrator', condition_version: '2.0', condition });
    const ids = `{${READER}, ${CONTRIBUTOR}}`;
    expect(condition).toBe(
      `((!(ActionMatches{'Microsoft.Authorization/roleAssignments/write'})) OR (@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ` +
        `ForAnyOfAnyValues:GuidEquals ${ids}))` +
        ' AND ' +
        `((!(ActionMatches{'Microsoft.Authorization/roleAssignments/delete'})) OR (@Resource[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ` +
          `ForAnyOfAnyValues:GuidEquals ${ids}))`,
    );
    expect(checkProviderSchemas(json)).toEqual([]);
  });
});

const CATALOGUE: RefusalCase[] = [
  // A Python, Java or Go caller can pass null (None, nil) where TypeScript would leave the prop out.
  [
    'scope of null, as a jsii language passes it',
    (s) => new AzureSecretsEngineRoleAssignment(s, 'ra', { scope: null as unknown as string, principalId: ENGINE_OBJECT_ID }),
    'test/ra',
    /scope null is not an Azure resource id; use e\.g\. "\/subscriptions\/<id>"$/,
  ],
  [
    'principal id of null, as a jsii language passes it',
    (s) => new AzureSecretsEngineRoleAssignment(s, 'ra', { scope: SUBSCRIPTION_SCOPE, principalId: null as unknown as string }),
    'test/ra',
    /principalId null is not a GUID; use the object id of the engine's service principal$/,
  ],
  [
    'scope that is not a resource id',
    (s) => new AzureSecretsEngineRoleAssignment(s, 'ra', { scope: 'my-subscription', principalId: ENGINE_OBJECT_ID }),
    'test/ra',
    /scope "my-subscription" is not an Azure resource id/, ['AzureSecretsEngineRoleAssignmentProps.scope'],
  ],
  [
    'scope with an interpolation after a valid start',
    (s) => new AzureSecretsEngineRoleAssignment(s, 'ra', { scope: `${SUBSCRIPTION_SCOPE}/\${var.injected}`, principalId: ENGINE_OBJECT_ID }),
    'test/ra',
    /scope "\/subscriptions\/11111111-1111-4111-8111-111111111111\/\$\{var\.injected\}" is not an Azure resource id/,
  ],
  [
    'principal that is not an object id',
    (s) => new AzureSecretsEngineRoleAssignment(s, 'ra', { scope: SUBSCRIPTION_SCOPE, principalId: 'vault-engine' }),
    'test/ra',
    /principalId "vault-engine" is not a GUID; use the object id/, ['AzureSecretsEngineRoleAssignmentProps.principalId'],
  ],
  [
    'empty list of assignable roles',
    (s) => new AzureSecretsEngineRoleAssignment(s, 'ra', { scope: SUBSCRIPTION_SCOPE, principalId: ENGINE_OBJECT_ID, assignableRoleDefinitionIds: [] }),
    'test/ra',
    /assignableRoleDefinitionIds is empty, which would let the engine assign no role at all; list the role definition GUIDs its roles use, or leave it out$/,
  ],
  [
    'assignable role given by name',
    (s) => new AzureSecretsEngineRoleAssignment(s, 'ra', { scope: SUBSCRIPTION_SCOPE, principalId: ENGINE_OBJECT_ID, assignableRoleDefinitionIds: ['Reader'] }),
    'test/ra',
    /assignable role definition id "Reader" must be a literal GUID such as "acdd72a7-3385-48ef-bd42-f606fba81ae7" \(Reader\)$/, ['AzureSecretsEngineRoleAssignmentProps.assignableRoleDefinitionIds'],
  ],
];

describe('Azure role assignment free text', () => {
  test('roleDefinitionName and description reach the JSON escaped, so Terraform reads them literally', () => {
    const { json } = synthWithClouds(['azurerm'], (stack) => {
      new AzureSecretsEngineRoleAssignment(stack, 'engine', {
        scope: SUBSCRIPTION_SCOPE,
        principalId: ENGINE_OBJECT_ID,
        roleDefinitionName: 'Ops ${file("/etc/passwd")} %{ if true }x%{ endif }',
        description: 'by ${var.team}',
      });
    });
    const assignment = only(json, 'azurerm_role_assignment');
    expect(assignment.role_definition_name).toBe('Ops $${file("/etc/passwd")} %%{ if true }x%%{ endif }');
    expect(assignment.description).toBe('by $${var.team}');
  });
});

describe('Azure identity validation catalogue', () => {
  refusalTable(CATALOGUE, (b) => synthErrorWithClouds(['azurerm'], b));
});
