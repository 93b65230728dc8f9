import 'cdktf/lib/testing/adapters/jest';
import * as fc from 'fast-check';
import { splitProviderBoundClaimValue } from '../../packages/report/src/claims/login';
import { parseWorkspaceRunSubject } from '../../packages/report/src/claims/subject';
import { parsePolicy } from '../../packages/report/src/policy/parse';
import { simulateLogin, simulateWorkspaceRun, runCanRead, workspaceRunClaims } from '../../packages/report/src/simulate';
import { VaultBackedDynamicCredentials, WorkspaceSelector } from '../../lib';
import { blocksOf, PolicyBody, RoleBody, synthWith, VariableBody } from '../support/synth';
import { CaseCounter, hostile, legalName, legalProject } from './arbitraries';

const counter = new CaseCounter();
afterAll(() => {
  console.log(`${counter.report('constructs.property.test.ts')}; accepted ${accepted}, refused at validation ${refused}`);
});

const legalNamespace = fc.oneof(fc.constant(undefined), legalName(1, 8), fc.tuple(legalName(1, 6), legalName(1, 6)).map(([a, b]) => `${a}/${b}`));
const legalAudience = fc.oneof(fc.constant(undefined), fc.constant('vault.workload.identity'), legalName(1, 10).map((a) => `vault.${a}`));
const legalHost = fc.oneof(fc.constant(undefined), fc.constant('app.terraform.io'), fc.constant('app.eu.terraform.io'), fc.constant('tfe.example.com'));

const legalInput = fc.record({
  organization: legalName(1, 10),
  project: legalProject,
  workspaces: fc.array(legalName(1, 10), { minLength: 1, maxLength: 3 }),
  allInProject: fc.boolean(),
  planRole: legalName(1, 10),
  applyRole: legalName(1, 10),
  mountPath: fc.oneof(fc.constant(undefined), legalName(1, 8)),
  namespace: legalNamespace,
  audience: legalAudience,
  hostname: legalHost,
});

const FIELDS = ['organization', 'project', 'workspace', 'planRole', 'applyRole', 'mountPath', 'namespace', 'audience', 'hostname'] as const;

/** A legal configuration, and in about half the cases one field replaced by a hostile string. */
const input = fc.tuple(legalInput, fc.option(fc.tuple(fc.constantFrom(...FIELDS), hostile), { freq: 2 })).map(([legal, spoil]) => {
  if (!spoil) return legal;
  const [field, value] = spoil;
  if (field === 'workspace') return { ...legal, allInProject: false, workspaces: [...legal.workspaces, value] };
  return { ...legal, [field]: value };
});

type Input = typeof input extends fc.Arbitrary<infer T> ? T : never;

function build(i: Input) {
  return synthWith((stack) => {
    const trust = new VaultBackedDynamicCredentials(stack, 'trust', {
      organization: i.organization,
      vaultAddress: 'https://vault.example.com',
      vaultNamespace: i.namespace,
      audience: i.audience,
      hostname: i.hostname,
    });
    const aws = trust.addAwsSecretsEngine('aws', { path: i.mountPath });
    const plan = aws.addAssumedRole('plan', { name: i.planRole, roleArns: ['arn:aws:iam::123456789012:role/plan'] });
    const apply = aws.addAssumedRole('apply', { name: i.applyRole, roleArns: ['arn:aws:iam::123456789012:role/apply'] });
    trust.grantWorkspaces('g', {
      project: i.project,
      workspaces: i.allInProject ? WorkspaceSelector.allInProject() : WorkspaceSelector.names(...i.workspaces),
      aws: { plan, apply },
    });
  });
}

let accepted = 0;
let refused = 0;

test('every generated input either fails validation or grants exactly the intended runs', () => {
  const numRuns = 400;
  fc.assert(
    fc.property(input, (i) => {
      let synthesized: ReturnType<typeof build>;
      try {
        synthesized = build(i);
      } catch (error) {
        const message = (error as Error).message;
        expect(message).toMatch(/^Validation failed with the following errors:\n {2}\[test\/trust/);
        refused++;
        return;
      }
      accepted++;
      const { json, config } = synthesized;
      const mount = i.mountPath ?? 'aws';
      const ns = i.namespace ?? '';
      const host = i.hostname ?? 'app.terraform.io';
      const paths = { plan: `${mount}/sts/${i.planRole}`, apply: `${mount}/sts/${i.applyRole}` };
      const workspaces = i.allInProject ? ['any-workspace', 'another_one'] : i.workspaces;

      // Subjects: every alternative the provider will send to Vault is an anchored subject of the inputs.
      for (const role of blocksOf<RoleBody>(json, 'resource', 'vault_jwt_auth_backend_role')) {
        for (const alternative of splitProviderBoundClaimValue(role.bound_claims.sub)) {
          const parsed = parseWorkspaceRunSubject(alternative);
          expect(parsed).toBeDefined();
          expect(parsed!.organization).toBe(i.organization);
          expect(parsed!.project).toBe(i.project);
          expect(i.allInProject ? parsed!.workspace === '*' : i.workspaces.includes(parsed!.workspace)).toBe(true);
        }
      }
      // Policies: parse, and grant nothing beyond the token self paths and the phase path.
      for (const policy of blocksOf<PolicyBody>(json, 'resource', 'vault_policy')) {
        const rules = parsePolicy(policy.policy).rules.map((r) => r.path);
        expect(rules.filter((p) => !p.startsWith('auth/token/')).length).toBe(1);
        expect(Object.values(paths)).toContain(rules.find((p) => !p.startsWith('auth/token/')));
      }
      // Variables: one line each.
      for (const variable of blocksOf<VariableBody>(json, 'resource', 'tfe_variable')) {
        expect(String(variable.value)).not.toMatch(/[\r\n]/);
      }
      // Intended runs read exactly their phase's path.
      for (const workspace of workspaces) {
        for (const runPhase of ['plan', 'apply'] as const) {
          const run = { organization: i.organization, project: i.project, workspace, runPhase, hostname: host };
          if (!i.allInProject) {
            const outcome = simulateWorkspaceRun(config, run);
            expect(outcome.login?.admitted).toBe(true);
            expect(outcome.awsCredentialPath).toBe(paths[runPhase]);
            expect(outcome.awsAllowed).toBe(true);
          }
          const other = runPhase === 'plan' ? paths.apply : paths.plan;
          if (other !== paths[runPhase]) expect(runCanRead(config, run, other)).toBe(false);
          // Neighbours across every boundary are refused by every role.
          for (const neighbour of [
            { ...run, organization: `${i.organization}x` },
            { ...run, project: `${i.project}x` },
            ...(i.allInProject ? [] : [{ ...run, workspace: `${workspace}x` }]),
          ]) {
            for (const roleName of [`tfc-g-plan`, `tfc-g-apply`]) {
              const audience = i.audience ?? 'vault.workload.identity';
              expect(simulateLogin(config, { roleName, namespace: ns }, workspaceRunClaims(neighbour, audience)).admitted).toBe(false);
            }
          }
        }
      }
    }),
    { numRuns, seed: 20261126 },
  );
  counter.add('grant-synth', numRuns);
  // Both outcomes must actually occur, or the generators are not doing their job.
  expect(accepted).toBeGreaterThan(50);
  expect(refused).toBeGreaterThan(50);
});
