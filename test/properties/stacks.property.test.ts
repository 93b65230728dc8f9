import 'cdktf/lib/testing/adapters/jest';
import { parse } from '@cdktf/hcl2json';
import * as fc from 'fast-check';
import { splitProviderBoundClaimValue } from '../../packages/report/src/claims/login';
import { MAX_STACK_SUBJECT_LENGTH, STACK_USER_CLAIMS } from '../../packages/report/src/claims/stacks';
import { evaluateAcl } from '../../packages/report/src/policy/acl';
import { TOKEN_SELF_RULES } from '../../packages/report/src/policy/document';
import { parsePolicy } from '../../packages/report/src/policy/parse';
import { simulateLogin } from '../../packages/report/src/simulate';
import { ModuleTestGrant, StackDeploymentGrant, VaultBackedDynamicCredentials, WorkspaceSelector } from '../../lib';
import { blocksOf, PolicyBody, RoleBody, synthWith, VariableBody } from '../support/synth';
import { CaseCounter, hostile, legalName, legalProject } from './arbitraries';

const counter = new CaseCounter();
let accepted = 0;
let refused = 0;
afterAll(() => {
  console.log(`${counter.report('stacks.property.test.ts')}; accepted ${accepted}, refused at validation ${refused}`);
});

const ARN = 'arn:aws:iam::123456789012:role/';
const ISSUER = 'https://app.terraform.io';
const DEFAULT_AUDIENCE = 'vault.workload.identity';
const AWS_MOUNT = 'aws';
const OPERATIONS = ['plan', 'apply'] as const;
type Operation = (typeof OPERATIONS)[number];

const legalNamespace = fc.oneof(fc.constant(undefined), legalName(1, 8), fc.tuple(legalName(1, 6), legalName(1, 6)).map(([a, b]) => `${a}/${b}`));
const legalAudience = fc.oneof(fc.constant(undefined), fc.constant(DEFAULT_AUDIENCE), legalName(1, 10).map((a) => `vault.${a}`));
/** A registry module provider: lower-case letters and digits (the `terraform-<provider>-<name>` form has no room for "-"). */
const legalModuleProvider = fc
  .tuple(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'.split('')), fc.stringOf(fc.constantFrom(...'abcxyz0189'.split('')), { maxLength: 10 }))
  .map(([a, b]) => a + b);

const legalInput = fc.record({
  organization: legalName(1, 10),
  project: legalProject,
  stack: legalName(1, 10),
  deployments: fc.array(legalName(1, 10), { minLength: 1, maxLength: 3 }),
  module: legalName(1, 10),
  moduleProvider: legalModuleProvider,
  stackRoleName: fc.option(legalName(1, 10), { nil: undefined }),
  moduleRoleName: fc.option(legalName(1, 10), { nil: undefined }),
  planEngineRole: legalName(1, 10),
  applyEngineRole: legalName(1, 10),
  moduleEngineRole: legalName(1, 10),
  stackUserClaim: fc.option(fc.constantFrom(...STACK_USER_CLAIMS), { nil: undefined }),
  namespace: legalNamespace,
  authMountPath: fc.option(legalName(1, 8), { nil: undefined }),
  audience: legalAudience,
  vaultAddress: fc.constantFrom('https://vault.example.com', 'https://vault.example.com:8200', 'http://10.0.0.7:8200'),
});

const FIELDS = [
  'organization', 'project', 'stack', 'deployment', 'module', 'moduleProvider', 'stackRoleName', 'moduleRoleName',
  'planEngineRole', 'applyEngineRole', 'moduleEngineRole', 'stackUserClaim', 'namespace', 'authMountPath', 'audience', 'vaultAddress',
] as const;
type Field = (typeof FIELDS)[number];
type Legal = typeof legalInput extends fc.Arbitrary<infer T> ? T : never;
type Input = Legal & { spoiled?: { field: Field; value: string } };

const roleNames = (i: Legal) => {
  const base = i.stackRoleName ?? 'tfc-stack-st';
  return { plan: `${base}-plan`, apply: `${base}-apply`, module: i.moduleRoleName ?? 'tfc-module-mt' };
};

/**
 * Names that would collide in Vault (JWT roles and policies, which Vault lower-cases; engine roles on one mount) are
 * kept out of the main property, whose accepted inputs must all be legal and unique; the collision properties at
 * the end prove that such inputs are refused.
 */
function distinctNames(i: Legal): boolean {
  const jwt = Object.values(roleNames(i)).map((n) => n.toLowerCase());
  const engine = [i.planEngineRole, i.applyEngineRole, i.moduleEngineRole].map((n) => n.toLowerCase());
  return new Set(jwt).size === jwt.length && new Set(engine).size === engine.length;
}

/** A legal configuration, and in about half the cases one field replaced by a hostile string. */
const input: fc.Arbitrary<Input> = fc
  .tuple(legalInput, fc.option(fc.tuple(fc.constantFrom(...FIELDS), hostile), { freq: 2 }))
  .map(([legal, spoil]): Input => {
    if (!spoil) return legal;
    const [field, value] = spoil;
    const spoiled = { field, value };
    if (field === 'deployment') return { ...legal, deployments: [...legal.deployments, value], spoiled };
    return { ...legal, [field]: value, spoiled };
  })
  .filter(distinctNames);

function build(i: Input) {
  let stackGrant!: StackDeploymentGrant;
  let moduleGrant!: ModuleTestGrant;
  const synthesized = synthWith((stack) => {
    const trust = new VaultBackedDynamicCredentials(stack, 'trust', {
      organization: i.organization,
      vaultAddress: i.vaultAddress,
      vaultNamespace: i.namespace,
      authMountPath: i.authMountPath,
      audience: i.audience,
    });
    const aws = trust.addAwsSecretsEngine('aws', { vaultNamespace: i.namespace });
    const plan = aws.addAssumedRole('plan', { name: i.planEngineRole, roleArns: [`${ARN}plan`] });
    const apply = aws.addAssumedRole('apply', { name: i.applyEngineRole, roleArns: [`${ARN}apply`] });
    const tests = aws.addAssumedRole('tests', { name: i.moduleEngineRole, roleArns: [`${ARN}tests`] });
    stackGrant = trust.grantStackDeployments('st', {
      project: i.project,
      stack: i.stack,
      deployments: i.deployments,
      planCredentials: [plan],
      applyCredentials: [apply],
      roleName: i.stackRoleName,
      userClaim: i.stackUserClaim,
    });
    moduleGrant = trust.grantModuleTests('mt', { module: i.module, moduleProvider: i.moduleProvider, aws: tests, roleName: i.moduleRoleName });
  });
  return { ...synthesized, stackGrant, moduleGrant };
}

/** What the inputs should produce, computed independently of the library. */
function expected(i: Input) {
  const deployments = [...new Set(i.deployments)].sort();
  const subject = (o: string, p: string, s: string, d: string, op: string) => `organization:${o}:project:${p}:stack:${s}:deployment:${d}:operation:${op}`;
  const subjects = (op: Operation) => deployments.map((d) => subject(i.organization, i.project, i.stack, d, op));
  return {
    deployments,
    roles: roleNames(i),
    subjects: {
      plan: subjects('plan'),
      apply: subjects('apply'),
      module: [`organization:${i.organization}:module:terraform-${i.moduleProvider}-${i.module}:operation:test_run`],
    },
    paths: { plan: `${AWS_MOUNT}/sts/${i.planEngineRole}`, apply: `${AWS_MOUNT}/sts/${i.applyEngineRole}`, module: `${AWS_MOUNT}/sts/${i.moduleEngineRole}` },
    audience: i.audience ?? DEFAULT_AUDIENCE,
    namespace: i.namespace ?? '',
    authPath: i.authMountPath ?? 'jwt',
    subjectTooLong: [...subjects('plan'), ...subjects('apply')].some((s) => s.length > MAX_STACK_SUBJECT_LENGTH),
  };
}

interface StackParts { organization: string; project: string; stack: string; deployment: string; operation: string }

/** A Stack deployment token as HCP Terraform signs it (every claim of `STACK_USER_CLAIMS` present). */
function stackClaims(p: StackParts, audience: string) {
  return {
    iss: ISSUER,
    aud: audience,
    sub: `organization:${p.organization}:project:${p.project}:stack:${p.stack}:deployment:${p.deployment}:operation:${p.operation}`,
    terraform_organization_name: p.organization,
    terraform_organization_id: 'org-1',
    terraform_project_name: p.project,
    terraform_project_id: 'prj-1',
    terraform_stack_name: p.stack,
    terraform_stack_id: 'st-1',
    terraform_stack_deployment_name: p.deployment,
    terraform_operation: p.operation,
    terraform_plan_id: 'plan-1',
  };
}

/** A registry module test-run token. */
function moduleClaims(organization: string, module: string, audience: string) {
  // `module` is the subject's module segment, terraform-<provider>-<name>.
  return {
    iss: ISSUER,
    aud: audience,
    sub: `organization:${organization}:module:${module}:operation:test_run`,
    terraform_organization_name: organization,
    terraform_organization_id: 'org-1',
    terraform_run_id: 'trun-1',
    terraform_run_phase: 'plan',
  };
}

/** Runs `build`, checks a refusal, and returns the synthesized stack or undefined when it was refused. */
function synthOrRefuse(i: Input, e: ReturnType<typeof expected>) {
  let result: ReturnType<typeof build>;
  try {
    result = build(i);
  } catch (error) {
    const message = (error as Error).message;
    expect(message).toMatch(/^Validation failed with the following errors:\n {2}\[test\/trust/);
    // A legal configuration is refused only for the documented subject length limit.
    if (!i.spoiled) expect(e.subjectTooLong).toBe(true);
    // The refusal quotes the offending value (a role name base as the start of "<base>-plan").
    if (i.spoiled && !e.subjectTooLong) expect(message).toContain(JSON.stringify(i.spoiled.value).slice(0, -1));
    refused++;
    return undefined;
  }
  accepted++;
  // Subjects longer than HCP Terraform's documented limit must not get through.
  expect(e.subjectTooLong).toBe(false);
  return result;
}

test('every generated Stack and module test configuration either fails validation or admits exactly the intended tokens', () => {
  const numRuns = 200;
  fc.assert(
    fc.property(input, (i) => {
      const e = expected(i);
      const result = synthOrRefuse(i, e);
      if (!result) return;
      const { json, config, stackGrant, moduleGrant } = result;
      expect(stackGrant.planRoleName).toBe(e.roles.plan);
      expect(stackGrant.applyRoleName).toBe(e.roles.apply);
      expect(moduleGrant.roleName).toBe(e.roles.module);

      // Roles: exactly the three, each binding exactly its subjects, never a glob.
      const roles = blocksOf<RoleBody>(json, 'resource', 'vault_jwt_auth_backend_role');
      expect(roles.map((r) => r.role_name).sort()).toEqual(Object.values(e.roles).sort());
      for (const [kind, name] of Object.entries(e.roles) as [keyof typeof e.roles, string][]) {
        const role = roles.find((r) => r.role_name === name);
        if (role === undefined) throw new Error(`no Vault role ${name}`);
        expect(role).toMatchObject({ role_type: 'jwt', bound_claims_type: 'string', bound_audiences: [e.audience] });
        expect(role.namespace).toBe(i.namespace);
        expect(Object.keys(role.bound_claims)).toEqual(['sub']);
        expect(role.bound_claims.sub).not.toContain('*');
        expect(role.bound_subject).toBeUndefined();
        expect(role.user_claim).toBe(kind === 'module' ? 'terraform_run_id' : i.stackUserClaim ?? 'terraform_stack_id');
        expect(splitProviderBoundClaimValue(role.bound_claims.sub).sort()).toEqual([...e.subjects[kind]].sort());
      }

      // Policies: parse, and hold the token self paths plus exactly the intended credential path.
      const policies = blocksOf<PolicyBody>(json, 'resource', 'vault_policy');
      expect(policies.map((p) => p.name).sort()).toEqual(Object.values(e.roles).map((n) => n.toLowerCase()).sort());
      const tokenSelf = TOKEN_SELF_RULES.map((r) => ({ path: r.path, capabilities: [...r.capabilities] }));
      for (const kind of ['plan', 'apply', 'module'] as const) {
        const policy = policies.find((p) => p.name === e.roles[kind].toLowerCase());
        if (policy === undefined) throw new Error(`no Vault policy for ${kind}`);
        const rules = parsePolicy(policy.policy).rules.map((r) => ({ path: r.path, capabilities: [...r.capabilities], otherKeys: [...r.otherKeys] }));
        const want = [...tokenSelf, { path: e.paths[kind], capabilities: ['read'] }].map((r) => ({ ...r, otherKeys: [] }));
        const byPath = (a: { path: string }, b: { path: string }) => a.path.localeCompare(b.path);
        expect(rules.sort(byPath)).toEqual(want.sort(byPath));
      }

      const login = (roleName: string, claims: Record<string, unknown>) =>
        simulateLogin(config, { roleName, namespace: e.namespace, authPath: e.authPath }, claims);
      const allRoles = Object.values(e.roles);
      const refusedByAll = (claims: Record<string, unknown>) => {
        for (const roleName of allRoles) expect(login(roleName, claims).admitted).toBe(false);
      };

      // Stack tokens: each operation's role admits exactly its operation, and reads exactly its path.
      const parts = { organization: i.organization, project: i.project, stack: i.stack };
      for (const deployment of e.deployments) {
        for (const operation of OPERATIONS) {
          const claims = stackClaims({ ...parts, deployment, operation }, e.audience);
          for (const roleKind of ['plan', 'apply', 'module'] as const) {
            const outcome = login(e.roles[roleKind], claims);
            expect(outcome.admitted).toBe(roleKind === operation);
            if (outcome.admitted) {
              for (const pathKind of ['plan', 'apply', 'module'] as const) {
                expect(evaluateAcl(outcome.policies, e.paths[pathKind], 'read').allowed).toBe(pathKind === operation);
              }
            }
          }
          // Neighbours across every boundary are refused by every role.
          const neighbours: StackParts[] = [
            { ...parts, deployment, operation, organization: `${i.organization}x` },
            { ...parts, deployment, operation, project: `${i.project}x` },
            { ...parts, deployment, operation, stack: `${i.stack}x` },
            { ...parts, deployment: `${deployment}x`, operation },
            { ...parts, deployment, operation: 'test_run' },
          ].filter((n) => !e.deployments.includes(n.deployment));
          for (const n of neighbours) refusedByAll(stackClaims(n, e.audience));
        }
      }

      // Module test-run tokens: only the module role admits them, and they read only the module path.
      const subjectModule = `terraform-${i.moduleProvider}-${i.module}`;
      const moduleLogin = login(e.roles.module, moduleClaims(i.organization, subjectModule, e.audience));
      expect(moduleLogin.admitted).toBe(true);
      for (const pathKind of ['plan', 'apply', 'module'] as const) {
        expect(evaluateAcl(moduleLogin.policies, e.paths[pathKind], 'read').allowed).toBe(pathKind === 'module');
      }
      for (const roleName of [e.roles.plan, e.roles.apply])
        expect(login(roleName, moduleClaims(i.organization, subjectModule, e.audience)).admitted).toBe(false);
      refusedByAll(moduleClaims(`${i.organization}x`, subjectModule, e.audience));
      refusedByAll(moduleClaims(i.organization, `${subjectModule}x`, e.audience));
      // The bare registry name is not what test-run tokens carry.
      refusedByAll(moduleClaims(i.organization, i.module, e.audience));

      // The module's test variables address exactly that module, one line each.
      const testVariables = blocksOf<VariableBody>(json, 'resource', 'tfe_test_variable');
      expect(testVariables.length).toBeGreaterThan(0);
      for (const v of testVariables) {
        expect(v).toMatchObject({ organization: i.organization, module_name: i.module, module_provider: i.moduleProvider, category: 'env' });
        expect(String(v.value)).not.toMatch(/[\r\n]/);
      }

      // The Stack HCL names every deployment and never opens an interpolation or a directive.
      for (const d of e.deployments) expect(stackGrant.deploymentConfiguration).toContain(`deployment ${JSON.stringify(d)} {`);
      expect(stackGrant.deploymentConfiguration.match(/^deployment /gm)).toHaveLength(e.deployments.length);
      for (const text of [stackGrant.deploymentConfiguration, stackGrant.providerConfiguration]) {
        expect(text).not.toMatch(/\$\{|%\{/);
      }
    }),
    { numRuns, seed: 20261127 },
  );
  counter.add('stack-and-module-synth', numRuns);
  // Both outcomes must actually occur, or the generators are not doing their job.
  expect(accepted).toBeGreaterThan(60);
  expect(refused).toBeGreaterThan(60);
});

test('the Stack deployment and provider configurations parse as HCL and carry exactly the deployments and login settings', async () => {
  const numRuns = 40;
  let parsedCount = 0;
  let refusedHere = 0;
  await fc.assert(
    fc.asyncProperty(input, async (i) => {
      const e = expected(i);
      const result = synthOrRefuse(i, e);
      if (!result) {
        refusedHere++;
        return;
      }
      const { stackGrant } = result;
      const deployment = await parse('deployments.tfdeploy.hcl', stackGrant.deploymentConfiguration);
      expect(deployment.identity_token.vault[0].audience).toEqual([e.audience]);
      expect(Object.keys(deployment.deployment).sort()).toEqual(e.deployments);
      for (const d of e.deployments) {
        expect(deployment.deployment[d]).toHaveLength(1);
        expect(deployment.deployment[d][0].inputs).toEqual({
          vault_identity_token: '${identity_token.vault.jwt}',
          vault_plan_role: e.roles.plan,
          vault_apply_role: e.roles.apply,
        });
      }
      const providers = await parse('providers.tfcomponent.hcl', stackGrant.providerConfiguration);
      const providerConfig = providers.provider.vault.this[0].config[0];
      expect(providerConfig.address).toBe(i.vaultAddress);
      expect(providerConfig.namespace).toBe(i.namespace || undefined);
      expect(providerConfig.skip_child_token).toBe(true);
      expect(providerConfig.auth_login_jwt[0]).toEqual({
        mount: e.authPath,
        role: '${terraform.applying ? var.vault_apply_role : var.vault_plan_role}',
        jwt: '${var.vault_identity_token}',
      });
      expect(Object.keys(providers.variable).sort()).toEqual(['vault_apply_role', 'vault_identity_token', 'vault_plan_role']);
      parsedCount++;
    }),
    { numRuns, seed: 20261128 },
  );
  counter.add('stack-hcl-parse', numRuns);
  expect(parsedCount).toBeGreaterThan(10);
  expect(refusedHere).toBeGreaterThan(10);
});

/*
 * Collisions the first version of the library let through (found by these properties): each must now be refused at
 * validation, naming both constructs.
 */

/** Synthesizes `build`, which must fail validation with a message matching `message`. */
function mustBeRefused(build: Parameters<typeof synthWith>[0], message: RegExp, path = 'test'): void {
  let error: Error | undefined;
  try {
    synthWith(build);
  } catch (caught) {
    error = caught as Error;
  }
  // Collisions between constructs are checked over the whole stack and reported on it; within one engine, by the engine.
  expect(error?.message?.startsWith(`Validation failed with the following errors:\n  [${path}]`)).toBe(true);
  expect(error?.message).toMatch(message);
}

const COLLISIONS = [
  'module role named like the Stack plan role',
  'module role named like the Stack apply role',
  'module policy differing from the Stack plan policy in case only',
  'workspace grant "stack-st" beside Stack grant "st"',
] as const;

test.each(COLLISIONS)('Vault role and policy names that would collide across Stack, module test and workspace grants are refused: %s', (how) => {
  fc.assert(
    fc.property(legalInput, (i) => {
      // The workspace grant collides with the Stack grant's default role names, so that case leaves roleName unset.
      const stackRoleName = how === COLLISIONS[3] ? undefined : i.stackRoleName;
      const base = stackRoleName ?? 'tfc-stack-st';
      const moduleRoleName =
        how === COLLISIONS[0]
          ? `${base}-plan`
          : how === COLLISIONS[1]
          ? `${base}-apply`
          : how === COLLISIONS[2]
          ? `${base.toUpperCase()}-PLAN`
          : i.moduleRoleName;
      const build = (stack: Parameters<Parameters<typeof synthWith>[0]>[0]) => {
        const trust = new VaultBackedDynamicCredentials(stack, 'trust', { organization: i.organization, vaultAddress: i.vaultAddress });
        const aws = trust.addAwsSecretsEngine('aws');
        const plan = aws.addAssumedRole('plan', { name: 'p', roleArns: [`${ARN}plan`] });
        const apply = aws.addAssumedRole('apply', { name: 'a', roleArns: [`${ARN}apply`] });
        const tests = aws.addAssumedRole('tests', { name: 'm', roleArns: [`${ARN}tests`] });
        trust.grantStackDeployments('st', {
          project: i.project,
          stack: i.stack,
          deployments: i.deployments,
          planCredentials: [plan],
          applyCredentials: [apply],
          roleName: stackRoleName,
        });
        trust.grantModuleTests('mt', { module: i.module, moduleProvider: i.moduleProvider, aws: tests, roleName: moduleRoleName });
        if (how === COLLISIONS[3]) {
          // The workspace grant's default role names, tfc-stack-st-plan and -apply, are the Stack grant's.
          trust.grantWorkspaces('stack-st', { project: i.project, workspaces: WorkspaceSelector.names('ws'), aws: { plan, apply } });
        }
      };
      // Vault lower-cases policy names, so a difference in case alone is a collision too.
      mustBeRefused(build, /Vault (role|policy) "[^"]+"( in mount "auth\/jwt")? is written by both test\/trust\/\S+ and test\/trust\/\S+;/);
    }),
    { numRuns: 8, seed: 20261129 },
  );
});

test('two engine roles of one mount with the same name are refused', () => {
  fc.assert(
    fc.property(legalInput, (i) => {
      // One name, two ARNs: both resources write aws/roles/<name>, so plan and apply read the same path and get
      // whichever ARN was applied last.
      mustBeRefused(
        (stack) => {
          const trust = new VaultBackedDynamicCredentials(stack, 'trust', { organization: i.organization, vaultAddress: i.vaultAddress });
          const aws = trust.addAwsSecretsEngine('aws');
          const plan = aws.addAssumedRole('plan', { name: i.planEngineRole, roleArns: [`${ARN}read-only`] });
          const apply = aws.addAssumedRole('apply', { name: i.planEngineRole, roleArns: [`${ARN}admin`] });
          trust.grantStackDeployments('st', {
            project: i.project,
            stack: i.stack,
            deployments: i.deployments,
            planCredentials: [plan],
            applyCredentials: [apply],
          });
        },
        new RegExp(`role name "${i.planEngineRole}" is used by both test/trust/aws/plan and test/trust/aws/apply in mount "aws"`),
        'test/trust/aws',
      );
    }),
    { numRuns: 8, seed: 20261130 },
  );
});
