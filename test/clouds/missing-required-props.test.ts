import { AzureSecretsEngineRoleAssignment, AzureSecretsEngineRoleAssignmentProps } from '../../lib';
import { synthErrorWithClouds } from './cloud-synth';

/**
 * A JavaScript caller, or a jsii language's null, can leave out a required prop that TypeScript would demand: the
 * cloud constructs refuse it at synthesis, naming the construct and the prop, rather than writing a resource without it.
 * (Found by `npm run mutate:constructs`, which leaves out the property-based hostile-input test.)
 */

const ENGINE_OBJECT_ID = '66666666-6666-4666-8666-666666666666';

test.each<[string, Partial<AzureSecretsEngineRoleAssignmentProps>, RegExp]>([
  ['scope', { principalId: ENGINE_OBJECT_ID }, /^\[test\/ra\] scope undefined is not an Azure resource id; use e\.g\. "\/subscriptions\/<id>"/m],
])('an Azure role assignment without %s is refused', (_prop, props, message) => {
  const error = synthErrorWithClouds(['azurerm'], (s) => new AzureSecretsEngineRoleAssignment(s, 'ra', props as AzureSecretsEngineRoleAssignmentProps));
  expect(error.split('\n').map((line) => line.trim()).join('\n')).toMatch(message);
});
