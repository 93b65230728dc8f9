import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../packages/report/src/cli';
import { AccessItem, diffConfigurations, gainsAccess, renderDiff } from '../../packages/report/src/diff';
import { synthesizedExample, TerraformJson } from './support';
import { JsonObject, objectAt, stringAt } from '../support/synth';

jest.setTimeout(60_000);

const base = (): TerraformJson => JSON.parse(synthesizedExample().text);

function roleNamed(json: TerraformJson, name: string): JsonObject {
  const found = Object.values(json.resource.vault_jwt_auth_backend_role).find((r) => r.role_name === name);
  if (!found) throw new Error(`no role ${name}`);
  return found;
}

function policyNamed(json: TerraformJson, name: string): JsonObject {
  const found = Object.values(json.resource.vault_policy).find((p) => p.name === name);
  if (!found) throw new Error(`no policy ${name}`);
  return found;
}

const brief = (items: AccessItem[]) => items.map((i) => `${i.who} | ${i.phase} | ${i.role} | ${i.path ?? '(login)'}`);

describe('explain --diff', () => {
  test('a migration that changes nothing: reordered resources, new descriptions, a renamed resource address', async () => {
    const before = base();
    const after = base();
    after.resource.vault_jwt_auth_backend[Object.keys(after.resource.vault_jwt_auth_backend)[0]].description = 'adopted by the platform team';
    const policies = Object.entries(after.resource.vault_policy).reverse();
    after.resource.vault_policy = Object.fromEntries(policies);
    // The sandbox role moves to another address; every reference to it moves along.
    const [oldAddress] = Object.keys(after.resource.vault_jwt_auth_backend_role).filter((k) => k.includes('sandbox'));
    const text = JSON.stringify(after).split(oldAddress).join('trust_sandbox_adopted_role');
    const diff = diffConfigurations(before, JSON.parse(text));
    expect(diff).toEqual({ gained: [], lost: [], attackerGained: [], attackerLost: [] });
    expect(gainsAccess(diff)).toBe(false);
    expect(renderDiff(diff, 'old', 'new')).toContain('No run and no other token gains access.');
  });

  test('widening: the organization segment of a role turned into a glob lets tokens of other organizations in', async () => {
    const before = base();
    const after = base();
    const role = roleNamed(after, 'tfc-network-plan');
    objectAt(role, 'bound_claims').sub = stringAt(role, 'bound_claims', 'sub').split('organization:acme:').join('organization:*:');
    role.bound_claims_type = 'glob';
    const diff = diffConfigurations(before, after);
    // The selected workspaces get what they got before ...
    expect(diff.gained).toEqual([]);
    expect(diff.lost).toEqual([]);
    // ... but a workspace of any other organization now reads the network plan credentials.
    expect(brief(diff.attackerGained)).toEqual(
      expect.arrayContaining([
        'token organization:acme-evil:project:Networking:workspace:network-prod | plan | tfc-network-plan | aws/sts/network-read-only',
        'token organization:acme-evil:project:Networking:workspace:network-stage | plan | tfc-network-plan | aws/sts/network-read-only',
      ]),
    );
    expect(diff.attackerGained.every((i) => i.role === 'tfc-network-plan' && i.phase === 'plan')).toBe(true);
    expect(diff.attackerLost).toEqual([]);
    expect(gainsAccess(diff)).toBe(true);
    expect(renderDiff(diff, 'old', 'new')).toMatch(/\+ token organization:acme-evil:project:Networking:workspace:network-prod {2}plan {2}admin\/auth\/jwt\/role\/tfc-network-plan {2}aws\/sts\/network-read-only/);
  });

  test('widening a run: a policy that also reads the admin credentials in plan', async () => {
    const after = base();
    const policy = policyNamed(after, 'tfc-network-plan');
    policy.policy += '\npath "aws/sts/network-admin" {\n  capabilities = ["read"]\n}\n';
    const diff = diffConfigurations(base(), after);
    // The plan runs still fetch the read-only credentials, so the matrix rows do not change; the plan role's
    // tokens reach the admin credentials, which the probe tokens of the selected workspaces show.
    expect(brief(diff.attackerGained)).toEqual(
      expect.arrayContaining(['token organization:acme:project:Networking:workspace:network-prod | plan | tfc-network-plan | aws/sts/network-admin']),
    );
    expect(gainsAccess(diff)).toBe(true);
  });

  test('narrowing: one workspace leaves the apply role and the apply policy stops granting the admin credentials', async () => {
    const before = base();
    const after = base();
    const role = roleNamed(after, 'tfc-network-apply');
    objectAt(role, 'bound_claims').sub = stringAt(role, 'bound_claims', 'sub')
      .split(',')
      .filter((s) => !s.includes('network-stage'))
      .join(',');
    const diff = diffConfigurations(before, after);
    expect(diff.gained).toEqual([]);
    expect(brief(diff.lost)).toEqual([
      'workspace network-stage (project Networking) | apply | tfc-network-apply | (login)',
      'workspace network-stage (project Networking) | apply | tfc-network-apply | aws/sts/network-admin',
    ]);
    expect(brief(diff.attackerLost)).toContain(
      'token organization:acme:project:Networking:workspace:network-stage | apply | tfc-network-apply | aws/sts/network-admin',
    );
    expect(diff.attackerGained).toEqual([]);
    expect(gainsAccess(diff)).toBe(false);

    policyNamed(after, 'tfc-network-apply').policy = stringAt(policyNamed(after, 'tfc-network-apply'), 'policy').replace(
      'aws/sts/network-admin',
      'aws/sts/retired',
    );
    const narrower = diffConfigurations(before, after);
    // network-prod still logs in with the apply role, but reads nothing there any more
    expect(brief(narrower.lost)).toEqual([
      'workspace network-prod (project Networking) | apply | tfc-network-apply | aws/sts/network-admin',
      'workspace network-stage (project Networking) | apply | tfc-network-apply | (login)',
      'workspace network-stage (project Networking) | apply | tfc-network-apply | aws/sts/network-admin',
    ]);
    expect(narrower.gained).toEqual([]);
    expect(gainsAccess(narrower)).toBe(false);
  });
});

describe('explain --diff on the command line', () => {
  let dir: string;
  const io = () => {
    const out = { stdout: '', stderr: '' };
    return { out, io: { stdout: (t: string) => (out.stdout += t), stderr: (t: string) => (out.stderr += t) } };
  };
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'explain-diff-'));
    const wide = base();
    const role = roleNamed(wide, 'tfc-network-plan');
    objectAt(role, 'bound_claims').sub = stringAt(role, 'bound_claims', 'sub').split('organization:acme:').join('organization:*:');
    role.bound_claims_type = 'glob';
    fs.writeFileSync(path.join(dir, 'old.json'), JSON.stringify(base()));
    fs.writeFileSync(path.join(dir, 'wide.json'), JSON.stringify(wide));
    fs.writeFileSync(path.join(dir, 'broken.json'), '{ not json');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('exit 0 when nothing is gained', async () => {
    const { out, io: sink } = io();
    expect(await main(['explain', '--diff', path.join(dir, 'old.json'), path.join(dir, 'old.json')], sink)).toBe(0);
    expect(out.stdout).toContain('Runs gain: none');
  });

  test('exit 1 when a token gains access, with JSON output', async () => {
    const { out, io: sink } = io();
    expect(await main(['explain', '--diff', path.join(dir, 'old.json'), path.join(dir, 'wide.json'), '--format', 'json'], sink)).toBe(1);
    const parsed = JSON.parse(out.stdout);
    expect(parsed.attackerGained.length).toBeGreaterThan(0);
    // and the other direction narrows: nothing gained
    expect(await main(['explain', '--diff', path.join(dir, 'wide.json'), path.join(dir, 'old.json')], io().io)).toBe(0);
  });

  test.each([
    ['a missing file', ['missing.json', 'old.json'], /does not exist/],
    ['broken JSON', ['broken.json', 'old.json'], /cannot read .*broken\.json/],
    ['one configuration only', ['old.json'], /exactly two configurations/],
    ['an unknown format', ['old.json', 'old.json', '--format', 'mermaid'], /--format table or json/],
  ])('exit 2 on unusable input: %s', async (_label, args, message) => {
    const { out, io: sink } = io();
    const resolved = args.map((a) => (a.endsWith('.json') ? path.join(dir, a) : a));
    expect(await main(['explain', '--diff', ...resolved], sink)).toBe(2);
    expect(out.stderr).toMatch(message);
  });
});
