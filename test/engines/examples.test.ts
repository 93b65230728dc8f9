/**
 * Both example stacks against a real OpenBao: the Vault side of examples/main.ts (root namespace "admin" for runs)
 * and of examples/enterprise.ts (provider namespace "admin", resources in "admin/platform", a Stack grant and an
 * id-bound grant) applied through the HTTP API, and every verdict of the report and the testing helpers checked
 * (check.ts). Run with `npm run test:engines`.
 */
import { Testing } from 'cdktf';
import { EnterpriseExample } from '../../examples/enterprise';
import { VaultBackedCredentialsExample } from '../../examples/main';
import { startBao } from './bao-server';
import { addTally, checkConfiguration, emptyTally, recordTally } from './check';

jest.setTimeout(120_000);

const total = emptyTally();
afterAll(() => recordTally('examples', total));

test('the harness starts a healthy server and leaves no process behind', async () => {
  const bao = await startBao();
  const health = await fetch(`${bao.address}/v1/sys/health`);
  expect(health.status).toBe(200);
  expect(((await health.json()) as { version: string }).version).toBe('2.7.2');
  expect(bao.address).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  await bao.stop();
  await expect(fetch(`${bao.address}/v1/sys/health`)).rejects.toThrow();
});

test('examples/main.ts: every verdict agrees with OpenBao', async () => {
  const json = JSON.parse(Testing.synth(new VaultBackedCredentialsExample(Testing.app(), 'example')));
  const result = await checkConfiguration('examples/main.ts', json);
  addTally(total, result);
  expect(result.disagreements).toEqual([]);
  // What was applied, and what was left out because OpenBao has no such engine.
  expect(result.applied.namespaces).toEqual(['admin']);
  expect(result.applied.roles.map((r) => r.name).sort()).toEqual([
    'tfc-network-apply',
    'tfc-network-plan',
    'tfc-platform-apply',
    'tfc-platform-plan',
    'tfc-sandbox',
  ]);
  expect(result.applied.leftOut).toEqual({
    vault_aws_secret_backend: 1,
    vault_aws_secret_backend_role: 5,
    vault_azure_secret_backend: 1,
    vault_azure_secret_backend_role: 2,
    vault_gcp_secret_backend: 1,
    vault_gcp_secret_roleset: 2,
  });
  expect(result.admitted).toBeGreaterThan(0);
  expect(result.refused).toBeGreaterThan(0);
  expect(result.attacksRefused).toBeGreaterThan(40);
  // Auditable by default: every admitted token carries its run's id, workspace and phase in its metadata.
  expect(result.audited).toHaveLength(result.admitted);
  for (const login of result.audited) {
    expect(login.metadata).toEqual({
      role: login.role,
      run_id: login.claims.terraform_run_id,
      workspace_id: login.claims.terraform_workspace_id,
      workspace_name: login.claims.terraform_workspace_name,
      run_phase: login.claims.terraform_run_phase,
    });
    expect(login.metadata.run_id).toMatch(/^run-/);
  }
});

test('examples/enterprise.ts: every verdict agrees with OpenBao, in namespaces admin/platform', async () => {
  const json = JSON.parse(Testing.synth(new EnterpriseExample(Testing.app(), 'example')));
  const result = await checkConfiguration('examples/enterprise.ts', json, { organizationId: 'org-AcmeCorp01' });
  addTally(total, result);
  expect(result.disagreements).toEqual([]);
  expect(result.applied.namespaces).toEqual(['admin', 'admin/platform']);
  expect(result.applied.mounts).toEqual([
    { namespace: 'admin/platform', path: 'jwt', boundIssuer: 'https://tfe.acme.example', keyIssuer: 'https://tfe.acme.example' },
  ]);
  expect(result.applied.roles.map((r) => r.name).sort()).toEqual([
    'tfc-ledger',
    'tfc-payments-apply',
    'tfc-payments-plan',
    'tfc-stack-network-apply',
    'tfc-stack-network-plan',
  ]);
  // The provider's comma split, applied: two Stack deployments are two alternatives, not one string.
  const stackPlan = result.applied.roles.find((r) => r.name === 'tfc-stack-network-plan')!;
  expect((stackPlan.body.bound_claims as Record<string, string[]>).sub).toEqual([
    'organization:acme:project:Platform:stack:network:deployment:production:operation:plan',
    'organization:acme:project:Platform:stack:network:deployment:staging:operation:plan',
  ]);
  expect(result.attacksRefused).toBeGreaterThan(40);
});
