import 'cdktf/lib/testing/adapters/jest';
import { parse } from '@cdktf/hcl2json';
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import {
  AwsSecretsEngine,
  HcpTerraformJwtAuthMount,
  StackDeploymentGrant,
  StackDeploymentGrantOptions,
  StackDeploymentGrantProps,
  VaultBackedDynamicCredentials,
} from '../../lib';
import { simulateLogin } from '../../packages/report/src/simulate';
import { evaluateAcl } from '../../packages/report/src/policy/acl';
import { RefusalCase, refusalTable } from '../support/refusals';
import { at, byPath, synthError, synthWith, warnings } from '../support/synth';

const ARN_RO = 'arn:aws:iam::123456789012:role/stack-read';
const ARN_RW = 'arn:aws:iam::123456789012:role/stack-admin';

/** A string Terraform resolves only at apply time (a variable), as a user passes a reference. */
function reference(stack: TerraformStack, name: string): string {
  return new TerraformVariable(stack, name, { type: 'string' }).stringValue;
}

function stackTrust(stack: TerraformStack, deployments = ['staging', 'production']) {
  const trust = new VaultBackedDynamicCredentials(stack, 'trust', { organization: 'acme', vaultAddress: 'https://vault.example.com', vaultNamespace: 'admin' });
  const aws = trust.addAwsSecretsEngine('aws');
  const ro = aws.addAssumedRole('stack-read', { roleArns: [ARN_RO] });
  const rw = aws.addAssumedRole('stack-admin', { roleArns: [ARN_RW] });
  const grant = trust.grantStackDeployments('net', { project: 'Platform', stack: 'network', deployments, planCredentials: [ro], applyCredentials: [rw] });
  return { trust, grant };
}

function stackClaims(deployment: string, operation: 'plan' | 'apply', overrides: Record<string, string> = {}) {
  const parts = { organization: 'acme', project: 'Platform', stack: 'network', ...overrides };
  return {
    iss: 'https://app.terraform.io',
    aud: 'vault.workload.identity',
    sub: `organization:${parts.organization}:project:${parts.project}:stack:${parts.stack}:deployment:${deployment}:operation:${operation}`,
    terraform_organization_name: parts.organization,
    terraform_organization_id: 'org-1',
    terraform_project_name: parts.project,
    terraform_project_id: 'prj-1',
    terraform_stack_name: parts.stack,
    terraform_stack_id: 'st-1',
    terraform_stack_deployment_name: deployment,
    terraform_operation: operation,
    terraform_plan_id: 'plan-1',
  };
}

describe('Stacks deployment grant', () => {
  let grant!: StackDeploymentGrant;
  const { json, config } = synthWith((stack) => {
    grant = stackTrust(stack).grant;
  });

  test('roles bind each deployment and operation exactly, with a user claim Stack tokens carry', () => {
    const roles = byPath(json, 'vault_jwt_auth_backend_role');
    expect(roles['trust/net/plan/role']).toMatchObject({
      role_name: 'tfc-stack-net-plan',
      role_type: 'jwt',
      user_claim: 'terraform_stack_id',
      bound_claims_type: 'string',
      bound_claims: {
        sub:
          'organization:acme:project:Platform:stack:network:deployment:production:operation:plan,' +
          'organization:acme:project:Platform:stack:network:deployment:staging:operation:plan',
      },
      namespace: 'admin',
    });
    expect(at(roles['trust/net/apply/role'], 'bound_claims', 'sub')).toMatch(/operation:apply,.*operation:apply$/);
  });

  test.each([
    ['staging', 'plan', 'tfc-stack-net-plan', true],
    ['production', 'apply', 'tfc-stack-net-apply', true],
    ['staging', 'plan', 'tfc-stack-net-apply', false],
    ['production', 'apply', 'tfc-stack-net-plan', false],
    ['dev', 'plan', 'tfc-stack-net-plan', false],
  ] as const)('deployment %s %s token logging in as %s: admitted=%s', (deployment, operation, roleName, admitted) => {
    const outcome = simulateLogin(config, { roleName, namespace: 'admin' }, stackClaims(deployment, operation));
    expect(outcome.admitted).toBe(admitted);
  });

  test('plan tokens read only the plan credentials, apply tokens only the apply credentials', () => {
    const plan = simulateLogin(config, { roleName: 'tfc-stack-net-plan', namespace: 'admin' }, stackClaims('staging', 'plan'));
    expect(evaluateAcl(plan.policies, 'aws/sts/stack-read', 'read').allowed).toBe(true);
    expect(evaluateAcl(plan.policies, 'aws/sts/stack-admin', 'read').allowed).toBe(false);
    const apply = simulateLogin(config, { roleName: 'tfc-stack-net-apply', namespace: 'admin' }, stackClaims('staging', 'apply'));
    expect(evaluateAcl(apply.policies, 'aws/sts/stack-admin', 'read').allowed).toBe(true);
    expect(evaluateAcl(apply.policies, 'aws/sts/stack-read', 'read').allowed).toBe(false);
  });

  test.each([
    ['another Stack', { stack: 'network2' }],
    ['another project', { project: 'Platform2' }],
    ['another organization', { organization: 'acme-evil' }],
  ])('a token from %s is refused by both roles', (_label, overrides) => {
    for (const [roleName, operation] of [['tfc-stack-net-plan', 'plan'], ['tfc-stack-net-apply', 'apply']] as const) {
      expect(simulateLogin(config, { roleName, namespace: 'admin' }, stackClaims('staging', operation, overrides)).admitted).toBe(false);
    }
  });

  test('the deployment configuration is valid HCL with the identity token and per-deployment inputs', async () => {
    const parsed = await parse('deployments.tfdeploy.hcl', grant.deploymentConfiguration);
    expect(parsed.identity_token.vault[0].audience).toEqual(['vault.workload.identity']);
    expect(Object.keys(parsed.deployment).sort()).toEqual(['production', 'staging']);
    expect(parsed.deployment.staging[0].inputs).toEqual({
      vault_identity_token: '${identity_token.vault.jwt}',
      vault_plan_role: 'tfc-stack-net-plan',
      vault_apply_role: 'tfc-stack-net-apply',
    });
  });

  test('the provider configuration logs in with the apply role only while applying', async () => {
    const parsed = await parse('providers.tfcomponent.hcl', grant.providerConfiguration);
    const config0 = parsed.provider.vault.this[0].config[0];
    expect(config0).toMatchObject({ address: 'https://vault.example.com', namespace: 'admin', skip_child_token: true });
    expect(config0.auth_login_jwt[0]).toEqual({
      mount: 'jwt',
      role: '${terraform.applying ? var.vault_apply_role : var.vault_plan_role}',
      jwt: '${var.vault_identity_token}',
    });
    expect(parsed.variable.vault_identity_token[0].ephemeral).toBe(true);
  });
});

describe('Stacks validation', () => {
});

/** A Stacks grant made through the facade, with one option replaced. */
function facadeStackGrant(stack: TerraformStack, options: Partial<StackDeploymentGrantOptions> = {}) {
  const trust = new VaultBackedDynamicCredentials(stack, 'trust', { organization: 'acme', vaultAddress: 'https://vault.example.com' });
  const r = trust.addAwsSecretsEngine('aws').addAssumedRole('r', { roleArns: [ARN_RO] });
  return trust.grantStackDeployments('net', {
    project: 'Platform',
    stack: 'network',
    deployments: ['prod'],
    planCredentials: [r],
    applyCredentials: [r],
    ...options,
  });
}

/** A Stacks grant built directly (not through the facade), with one prop replaced. */
function directStackGrant(stack: TerraformStack, props: Partial<StackDeploymentGrantProps> = {}) {
  const r = new AwsSecretsEngine(stack, 'aws').addAssumedRole('r', { roleArns: [ARN_RO] });
  return new StackDeploymentGrant(stack, 'sg', {
    organization: 'acme',
    authMount: new HcpTerraformJwtAuthMount(stack, 'jwt'),
    vaultAddress: 'https://vault.example.com',
    project: 'Platform',
    stack: 'network',
    deployments: ['prod'],
    planCredentials: [r],
    applyCredentials: [r],
    ...props,
  });
}

const CATALOGUE: RefusalCase[] = [
  [
    'a deployment name with a glob',
    (s) => stackTrust(s, ['prod*']),
    'test/trust/net',
    /deployment name "prod\*" contains "\*"/,
    ['StackDeploymentGrantOptions.deployments'],
  ],
  ['no deployments', (s) => stackTrust(s, []), 'test/trust/net', /deployments is empty/],
  ['a subject over 127 characters', (s) => stackTrust(s, ['d'.repeat(80)]), 'test/trust/net', /documents a limit of 127/],
  [
    'terraform_full_workspace as the user claim',
    (s) => {
      const trust = new VaultBackedDynamicCredentials(s, 'trust', { organization: 'acme', vaultAddress: 'https://vault.example.com' });
      const r = trust.addAwsSecretsEngine('aws').addAssumedRole('r', { roleArns: [ARN_RO] });
      const credentials = { planCredentials: [r], applyCredentials: [r] };
      trust.grantStackDeployments('net', {
        project: 'Platform',
        stack: 'network',
        deployments: ['prod'],
        ...credentials,
        userClaim: 'terraform_full_workspace',
      });
    },
    'test/trust/net/plan',
    new RegExp('userClaim "terraform_full_workspace" is not a string claim of every Stacks deployment token; use one of terraform_stack_id, sub, ' +
      'terraform_stack_name, terraform_stack_deployment_name, terraform_project_id, terraform_project_name, terraform_organization_id, ' +
      'terraform_organization_name, terraform_plan_id$'),
    ['StackDeploymentGrantOptions.userClaim'],
  ],
  [
    'Stack name with a colon',
    (s) => facadeStackGrant(s, { stack: 'net:work' }),
    'test/trust/net',
    /Stack name "net:work" contains ":"/,
    ['StackDeploymentGrantOptions.stack'],
  ],
  [
    'Stack project name with a glob',
    (s) => facadeStackGrant(s, { project: 'Plat*' }),
    'test/trust/net',
    /project name "Plat\*" contains "\*"/,
    ['StackDeploymentGrantOptions.project'],
  ],
  [
    'Stack grant without plan credentials',
    (s) => facadeStackGrant(s, { planCredentials: [] }),
    'test/trust/net/plan',
    /the role grants no credentials/,
    ['StackDeploymentGrantOptions.planCredentials'],
  ],
  [
    'Stack grant without apply credentials',
    (s) => facadeStackGrant(s, { applyCredentials: [] }),
    'test/trust/net/apply',
    /the role grants no credentials/,
    ['StackDeploymentGrantOptions.applyCredentials'],
  ],
  [
    'Stack role name with a slash',
    (s) => facadeStackGrant(s, { roleName: 'a/b' }),
    'test/trust/net',
    /Vault role name "a\/b-plan" contains "\/"/,
    ['StackDeploymentGrantOptions.roleName'],
  ],
  [
    'Stack grant built directly with an organization glob',
    (s) => directStackGrant(s, { organization: 'acme*' }),
    'test/sg',
    /organization name "acme\*" contains "\*"/,
  ],
  [
    'Stack grant built directly with a Vault address without scheme',
    (s) => directStackGrant(s, { vaultAddress: 'vault.example.com' }),
    'test/sg',
    /vaultAddress "vault\.example\.com" is not a URL such as "https:\/\/vault\.example\.com:8200"/,
  ],
  [
    'Stack grant provider namespace with a trailing slash',
    (s) => directStackGrant(s, { runNamespace: 'admin/' }),
    'test/sg',
    /runNamespace "admin\/" is not a Vault namespace path/,
    ['StackDeploymentGrantProps.runNamespace'],
  ],
  [
    'Stack grant role name prefix with a slash',
    (s) => directStackGrant(s, { roleNamePrefix: 'a/b' }),
    'test/sg',
    /Vault role name "a\/b-stack-sg-plan" contains "\/"/,
  ],
  [
    'Stack id with a comma',
    (s) => facadeStackGrant(s, { stackId: 'st-1,st-2' }),
    'test/trust/net',
    /stackId "st-1,st-2" is not a Stack id/,
    ['StackDeploymentGrantOptions.stackId'],
  ],
  [
    'Stack grant audience with a space',
    (s) => directStackGrant(s, { audience: 'my aud' }),
    'test/sg/plan',
    /audience "my aud" must be a literal of letters, digits and/,
  ],
  [
    'Stack grant token TTL above a day',
    (s) => directStackGrant(s, { tokenTtlSeconds: 100000 }),
    'test/sg/plan',
    /tokenTtlSeconds is 100000; use a whole number of seconds from 60 to 86400/,
  ],
  [
    'Stack grant token max TTL below the TTL',
    (s) => directStackGrant(s, { tokenTtlSeconds: 3600, tokenMaxTtlSeconds: 1800 }),
    'test/sg/plan',
    /tokenMaxTtlSeconds \(1800\) is below tokenTtlSeconds \(3600\); Vault rejects the role\. Raise tokenMaxTtlSeconds or lower tokenTtlSeconds$/,
  ],
  [
    'Stack role name that is empty',
    (s) => facadeStackGrant(s, { roleName: '' }),
    'test/trust/net',
    /\] roleName "" is empty, so the roles would be named "-plan" and "-apply"; give a base name such as "tfc-network", or leave roleName unset for the generated name$/,
  ],
  [
    'Stack grant built directly with an organization reference',
    (s) => directStackGrant(s, { organization: reference(s, 'organization') }),
    'test/sg',
    /\] organization must be a literal name: it anchors every subject pattern and cannot be checked when it is a reference$/,
  ],
  [
    'Stack project given as a reference',
    (s) => facadeStackGrant(s, { project: reference(s, 'project') }),
    'test/trust/net',
    /\] project must be a literal name: it is part of every subject pattern$/,
  ],
  [
    'Stack name given as a reference',
    (s) => facadeStackGrant(s, { stack: reference(s, 'stack') }),
    'test/trust/net',
    /\] stack must be a literal name: it is part of every subject pattern$/,
  ],
  [
    'Stack deployment given as a reference',
    (s) => facadeStackGrant(s, { deployments: ['prod', reference(s, 'deployment')] }),
    'test/trust/net',
    /\] deployment "\$\{TfToken\[TOKEN\.\d+\]\}" must be a literal name: it is part of every subject pattern$/,
  ],
];

describe('Stacks validation catalogue: each case fails synthesis naming the construct path, the value and the fix', () => {
  refusalTable(CATALOGUE);
});

describe('Stacks subject length: each operation\'s subject is checked on its own', () => {
  // organization:acme:project:Platform:stack:network:deployment: is 60 characters; ":operation:plan" adds 15, ":operation:apply" 16.
  const subjectLines = (deployment: string) =>
    synthError((s) => stackTrust(s, [deployment]))
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line.includes('the Stacks subject'));
  const refusal = (subject: string) =>
    `[test/trust/net] the Stacks subject ${JSON.stringify(subject)} is ${subject.length} characters long; HCP Terraform documents a limit of 127, ` +
    'so shorten the project, Stack or deployment names';
  const prefix = 'organization:acme:project:Platform:stack:network:deployment:';

  test('a deployment whose plan subject has 127 characters is refused for its 128-character apply subject only', () => {
    const deployment = 'd'.repeat(52);
    expect(`${prefix}${deployment}:operation:plan`).toHaveLength(127);
    expect(subjectLines(deployment)).toEqual([refusal(`${prefix}${deployment}:operation:apply`)]);
  });

  test('a deployment one character longer is refused for its plan subject and its apply subject', () => {
    const deployment = 'd'.repeat(53);
    expect(subjectLines(deployment)).toEqual([refusal(`${prefix}${deployment}:operation:plan`), refusal(`${prefix}${deployment}:operation:apply`)]);
  });
});

describe('Stacks provider configuration', () => {
  test('a Vault address given as a reference becomes a vault_address variable of the component configuration', async () => {
    let grant!: StackDeploymentGrant;
    synthWith((stack) => {
      grant = directStackGrant(stack, { vaultAddress: reference(stack, 'vault_address') });
    });
    expect(grant.providerConfiguration).toBe([
      '# Stack component configuration (.tfcomponent.hcl)',
      'variable "vault_identity_token" {',
      '  type      = string',
      '  ephemeral = true',
      '}',
      '',
      'variable "vault_plan_role" {',
      '  type = string',
      '}',
      '',
      'variable "vault_apply_role" {',
      '  type = string',
      '}',
      '',
      'variable "vault_address" {',
      '  type = string',
      '}',
      '',
      'provider "vault" "this" {',
      '  config {',
      '    address          = var.vault_address',
      '    skip_child_token = true',
      '    auth_login_jwt {',
      '      mount = "jwt"',
      '      # terraform.applying is true only while the Stack applies, so plans log in with the plan role.',
      '      role  = terraform.applying ? var.vault_apply_role : var.vault_plan_role',
      '      jwt   = var.vault_identity_token',
      '    }',
      '  }',
      '}',
      '',
    ].join('\n'));
    const parsed = await parse('providers.tfcomponent.hcl', grant.providerConfiguration);
    expect(Object.keys(parsed.variable).sort()).toEqual(['vault_address', 'vault_apply_role', 'vault_identity_token', 'vault_plan_role']);
    expect(parsed.provider.vault.this[0].config[0].address).toBe('${var.vault_address}');
  });

  test('a literal Vault address is written in place, with no vault_address variable, and no namespace when Vault has none', async () => {
    const grant = directStackGrant(new TerraformStack(Testing.app(), 'plain'));
    const parsed = await parse('providers.tfcomponent.hcl', grant.providerConfiguration);
    expect(Object.keys(parsed.variable).sort()).toEqual(['vault_apply_role', 'vault_identity_token', 'vault_plan_role']);
    expect(grant.providerConfiguration).toContain([
      'provider "vault" "this" {',
      '  config {',
      '    address          = "https://vault.example.com"',
      '    skip_child_token = true',
      '    auth_login_jwt {',
    ].join('\n'));
  });
});

describe('Stacks HCL cannot be interpolated', () => {
  test('a value holding ${ or %{ is written escaped into the generated HCL', () => {
    // The checks refuse such an address at synthesis; the escaping is a second line of defence for the HCL text itself.
    const grant = directStackGrant(new TerraformStack(Testing.app(), 'hcl'), { vaultAddress: 'https://vault.example.com/${var.x}%{if true}' });
    expect(grant.providerConfiguration).toContain('address          = "https://vault.example.com/$${var.x}%%{if true}"');
  });
});

describe('Stacks grant bound by name or by id (name-only-binding)', () => {
  test('a grant without stackId warns that the Stack is trusted by its name only', () => {
    let printed: string[] = [];
    const { json } = synthWith((stack) => {
      printed = warnings(facadeStackGrant(stack));
    });
    expect(printed).toEqual([
      '[name-only-binding] the grant trusts the Stack by its name only ("network" in project "Platform"); a Stack that is deleted and re-created ' +
        'under that name, or another Stack renamed to it, inherits these credentials. Set stackId to bind the token\'s terraform_stack_id claim',
    ]);
    expect(byPath(json, 'vault_jwt_auth_backend_role')['trust/net/plan/role'].bound_claims).not.toHaveProperty('terraform_stack_id');
  });

  test('with stackId both roles bind terraform_stack_id, nothing is printed, and a re-created Stack of the same name is refused', () => {
    let printed: string[] = [];
    const { json, config } = synthWith((stack) => {
      printed = warnings(facadeStackGrant(stack, { stackId: 'st-1' }));
    });
    expect(printed).toEqual([]);
    const roles = byPath(json, 'vault_jwt_auth_backend_role');
    expect(roles['trust/net/plan/role'].bound_claims).toMatchObject({ terraform_stack_id: 'st-1' });
    expect(roles['trust/net/apply/role'].bound_claims).toMatchObject({ terraform_stack_id: 'st-1' });
    const login = (stackId: string) =>
      simulateLogin(config, { roleName: 'tfc-stack-net-apply' }, { ...stackClaims('prod', 'apply'), terraform_stack_id: stackId }).admitted;
    expect(login('st-1')).toBe(true);
    expect(login('st-2')).toBe(false);
  });

  test('a stackId given as a reference (a tfe_stack\'s id) is accepted and bound by both roles as it resolves', () => {
    let printed: string[] = [];
    const { json } = synthWith((stack) => {
      printed = warnings(facadeStackGrant(stack, { stackId: reference(stack, 'stack_id') }));
    });
    expect(printed).toEqual([]);
    const roles = byPath(json, 'vault_jwt_auth_backend_role');
    for (const path of ['trust/net/plan/role', 'trust/net/apply/role']) {
      expect(roles[path].bound_claims).toMatchObject({ terraform_stack_id: '${var.stack_id}' });
    }
  });
});
