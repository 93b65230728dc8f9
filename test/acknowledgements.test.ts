/**
 * Acknowledgements end to end: the API on a construct -> synthesis stops printing the warning and records the
 * acknowledgement in cdk.tf.json -> the trust report lists the finding as acknowledged, with the reason, and does not
 * fail on it. The other grants of the same stack keep their warnings and findings.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { VaultBackedCredentialsExample } from '../examples/main';
import { Acknowledgement, Acknowledgements, AwsAssumedRole, VaultBackedDynamicCredentials, WorkspaceGrant, WorkspaceSelector } from '../lib';
import { explain, failingFindings } from '../packages/report/src/explain';
import { main } from '../packages/report/src/cli';
import { refusalTable } from './support/refusals';
import { printedWarnings, synthWith } from './support/synth';

const SANDBOX_REASON = 'Sandbox is a scratch project: every workspace may hold the sandbox role in plan and apply';

let outdir: string;
let stack: VaultBackedCredentialsExample;
/** The parts of the written cdk.tf.json and manifest.json these tests read. */
interface WrittenStack {
  readonly '//': { readonly acknowledgements: unknown[]; readonly metadata: { readonly stackName: string } };
  readonly [section: string]: unknown;
}
interface Manifest {
  readonly stacks: Record<string, { readonly annotations: Array<{ constructPath: string; level: string; message: string }> }>;
}
/** The parts of `explain --format json` read here. */
interface JsonReport {
  readonly stacks: Array<{
    readonly findings: Array<{ readonly acknowledged?: { readonly reason: string } }>;
    readonly acknowledgements: Array<{ readonly rule: string }>;
  }>;
}

let json: WrittenStack;
let manifest: Manifest;

beforeAll(() => {
  outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'acknowledgements-'));
  const app = new App({ outdir });
  stack = new VaultBackedCredentialsExample(app, 'example');
  const sandbox = stack.trust.workspaceGrants.find((g) => g.node.id === 'sandbox')!;
  Acknowledgements.of(sandbox).add({ ruleId: 'project-wide-grant', reason: SANDBOX_REASON });
  Acknowledgements.of(sandbox).add({ ruleId: 'plan-apply-shared', reason: SANDBOX_REASON });
  app.synth();
  json = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'example', 'cdk.tf.json'), 'utf8'));
  manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
});

afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

describe('synthesis', () => {
  test('the acknowledged warning is not printed; the other grants still warn', () => {
    const printed = printedWarnings(stack);
    expect(printed.filter((w) => w.startsWith('[project-wide-grant] '))).toEqual([]);
    expect(printed.filter((w) => w.startsWith('[name-only-binding] '))).toHaveLength(2);
    // What `cdktf synth` prints comes from the manifest.
    const annotations: Array<{ constructPath: string; level: string; message: string }> = manifest.stacks.example.annotations;
    expect(annotations.some((a) => a.constructPath === 'example/trust/sandbox')).toBe(false);
    expect(annotations.filter((a) => a.constructPath === 'example/trust/network').map((a) => a.message)).toEqual([
      expect.stringMatching(/^\[name-only-binding\] the grant trusts workspace names only/),
    ]);
  });

  test('cdk.tf.json records each acknowledgement, its reason, and the warning it kept quiet', () => {
    expect(json['//'].acknowledgements).toEqual([
      {
        rule: 'project-wide-grant',
        reason: SANDBOX_REASON,
        scope: 'example/trust/sandbox',
        suppressed: [{ path: 'example/trust/sandbox', message: expect.stringMatching(/^every workspace of project "Sandbox", including ones created later/) }],
      },
      {
        rule: 'plan-apply-shared',
        reason: SANDBOX_REASON,
        scope: 'example/trust/sandbox',
        // Synthesis and the report share the rule, so the shared role warns at synthesis too, and is kept quiet here.
        suppressed: [{ path: 'example/trust/sandbox', message: expect.stringMatching(/^plan and apply log in with the same role "tfc-sandbox"/) }],
      },
    ]);
    // cdktf's own metadata is untouched.
    expect(json['//'].metadata.stackName).toBe('example');
  });
});

describe('report', () => {
  test('lists the Sandbox findings as acknowledged with the reason, and does not fail on them', () => {
    const report = explain(json);
    const sandbox = report.findings.filter((f) => f.rule === 'plan-apply-shared' && f.subject.startsWith('project Sandbox'));
    expect(sandbox).toHaveLength(1);
    expect(sandbox[0].acknowledged).toEqual({ reason: SANDBOX_REASON, scope: 'example/trust/sandbox' });
    const sandboxRole = report.findings.filter((f) => f.rule === 'project-wide-grant' && f.subject.includes('sandbox'));
    expect(sandboxRole.length).toBeGreaterThan(0);
    for (const f of sandboxRole) expect(f.acknowledged?.reason).toBe(SANDBOX_REASON);
    // Unacknowledged findings of other grants stay as they were.
    const network = report.findings.filter((f) => f.rule === 'name-only-binding' && f.subject.includes('network'));
    expect(network.length).toBeGreaterThan(0);
    for (const f of network) expect(f.acknowledged).toBeUndefined();
    const failing = failingFindings(report, 'warning');
    expect(failing.some((f) => f.acknowledged)).toBe(false);
    expect(failing.some((f) => f.rule === 'name-only-binding')).toBe(true);
    expect(report.acknowledgedCount).toBe(sandbox.length + sandboxRole.length);
    // Without the acknowledgements the same findings count, and fail.
    const plain = explain({ ...json, '//': { metadata: json['//'].metadata } });
    expect(plain.findings.every((f) => f.acknowledged === undefined)).toBe(true);
    expect(failingFindings(plain, 'warning').length).toBe(failing.length + report.acknowledgedCount!);
  });

  test('the CLI shows them as acknowledged in the table and the JSON', async () => {
    const out: string[] = [];
    const status = await main(['explain', path.join(outdir, 'stacks', 'example', 'cdk.tf.json'), '--fail-on', 'none'], {
      stdout: (t) => out.push(t),
      stderr: () => undefined,
    });
    expect(status).toBe(0);
    const table = out.join('');
    expect(table).toMatch(
      /- \*\*acknowledged warning\*\* `plan-apply-shared` project Sandbox[^\n]*\(acknowledged at example\/trust\/sandbox: Sandbox is a scratch project/,
    );
    const jsonOut: string[] = [];
    await main(['explain', path.join(outdir, 'stacks', 'example', 'cdk.tf.json'), '--format', 'json', '--fail-on', 'none'], {
      stdout: (t) => jsonOut.push(t),
      stderr: () => undefined,
    });
    const data: JsonReport = JSON.parse(jsonOut.join(''));
    const findings = data.stacks[0].findings;
    expect(findings.map((f) => f.acknowledged?.reason).filter((reason) => reason !== undefined)).toEqual(expect.arrayContaining([SANDBOX_REASON]));
    expect(data.stacks[0].acknowledgements.map((a) => a.rule)).toEqual(['project-wide-grant', 'plan-apply-shared']);
    expect(table).toMatch(/## Acknowledged rules\n\n- `project-wide-grant` at example\/trust\/sandbox: Sandbox is a scratch project[^\n]*\(\d+ findings?, 1 synthesis warning\)\n {2}- warning at example\/trust\/sandbox: every workspace of project "Sandbox"/);
  });
});

describe('the API', () => {
  function trustIn(stackScope: Construct) {
    const trust = new VaultBackedDynamicCredentials(stackScope, 'trust', { organization: 'acme', vaultAddress: 'https://vault.example.com' });
    const read = trust.addAwsSecretsEngine('aws').addAssumedRole('read', { roleArns: ['arn:aws:iam::123456789012:role/read'] });
    return { trust, read };
  }

  /** The grant every test here acknowledges: all workspaces of project Sandbox, which warns `project-wide-grant`. */
  const projectWideGrant = (trust: VaultBackedDynamicCredentials, read: AwsAssumedRole): WorkspaceGrant =>
    trust.grantWorkspaces('all', { project: 'Sandbox', workspaces: WorkspaceSelector.allInProject(), aws: { plan: read, apply: read } });

  test('an acknowledgement on a parent scope covers its children; other rules still warn', () => {
    const { stack: synthesized } = synthWith((s) => {
      const { trust, read } = trustIn(s);
      projectWideGrant(trust, read);
      trust.grantWorkspaces('named', { project: 'Net', workspaces: WorkspaceSelector.names('a'), aws: { plan: read, apply: read } });
      Acknowledgements.of(trust).add({ ruleId: 'project-wide-grant', reason: 'reviewed' });
    });
    const printed = printedWarnings(synthesized);
    expect(printed.some((w) => w.startsWith('[project-wide-grant]'))).toBe(false);
    expect(printed.filter((w) => w.startsWith('[name-only-binding]'))).toHaveLength(1);
    expect(Acknowledgements.of(synthesized.node.findChild('trust')).all).toEqual([{ ruleId: 'project-wide-grant', reason: 'reviewed' }]);
  });

  /**
   * The `"//"` property of a synthesized stack as cdk.tf.json holds it (Testing.synth, which synthWith uses, leaves
   * `"//"` out).
   */
  const comment = (synthesized: TerraformStack) => (synthesized.toTerraform() as { '//': { acknowledgements?: unknown[] } })['//'];
  const PROJECT_WIDE = expect.stringMatching(/^every workspace of project "Sandbox", including ones created later/);

  test('the closest acknowledgement keeps the warning quiet and lists it; one further up lists nothing', () => {
    const { stack: synthesized } = synthWith((s) => {
      const { trust, read } = trustIn(s);
      const all = projectWideGrant(trust, read);
      Acknowledgements.of(trust).add({ ruleId: 'project-wide-grant', reason: 'reviewed for the whole trust' });
      Acknowledgements.of(all).add({ ruleId: 'project-wide-grant', reason: 'Sandbox is scratch' });
    });
    expect(printedWarnings(synthesized).filter((w) => w.startsWith('[project-wide-grant]'))).toEqual([]);
    expect(comment(synthesized).acknowledgements).toEqual([
      { rule: 'project-wide-grant', reason: 'reviewed for the whole trust', scope: 'test/trust', suppressed: [] },
      { rule: 'project-wide-grant', reason: 'Sandbox is scratch', scope: 'test/trust/all', suppressed: [{ path: 'test/trust/all', message: PROJECT_WIDE }] },
    ]);
  });

  test('a rule acknowledged twice on one scope lists the warning it kept quiet under the first', () => {
    const { stack: synthesized } = synthWith((s) => {
      const { trust, read } = trustIn(s);
      const all = projectWideGrant(trust, read);
      Acknowledgements.of(all).add({ ruleId: 'project-wide-grant', reason: 'first' });
      Acknowledgements.of(all).add({ ruleId: 'project-wide-grant', reason: 'second' });
    });
    expect(comment(synthesized).acknowledgements).toEqual([
      { rule: 'project-wide-grant', reason: 'first', scope: 'test/trust/all', suppressed: [{ path: 'test/trust/all', message: PROJECT_WIDE }] },
      { rule: 'project-wide-grant', reason: 'second', scope: 'test/trust/all', suppressed: [] },
    ]);
  });

  test('a stack that warns but acknowledges nothing writes no acknowledgements', () => {
    const { stack: synthesized } = synthWith((s) => {
      const { trust, read } = trustIn(s);
      projectWideGrant(trust, read);
    });
    expect(printedWarnings(synthesized).filter((w) => w.startsWith('[project-wide-grant] '))).toHaveLength(1);
    expect(comment(synthesized)).not.toHaveProperty('acknowledgements');
  });

  test('a blank reason hides no warning and is not recorded, even by Testing.synth, which skips validations', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const { trust, read } = trustIn(stack);
    projectWideGrant(trust, read);
    Acknowledgements.of(trust).add({ ruleId: 'project-wide-grant', reason: '   ' });
    Testing.synth(stack);
    expect(printedWarnings(stack).filter((w) => w.startsWith('[project-wide-grant] '))).toHaveLength(1);
    expect(comment(stack)).not.toHaveProperty('acknowledgements');
  });

  describe('acknowledgement refusal table: each row fails synthesis naming the construct path, the value and the fix', () => {
    const acknowledge = (s: Construct, acknowledgement: Acknowledgement) => Acknowledgements.of(trustIn(s).trust).add(acknowledgement);
    refusalTable([
      [
        'an empty reason',
        (s) => acknowledge(s, { ruleId: 'project-wide-grant', reason: '' }),
        'test/trust',
        /acknowledgement of "project-wide-grant" has an empty reason; say why/,
        ['Acknowledgement.reason'],
      ],
      [
        'a blank reason',
        (s) => acknowledge(s, { ruleId: 'project-wide-grant', reason: '   ' }),
        'test/trust',
        /acknowledgement of "project-wide-grant" has an empty reason/,
      ],
      [
        'an unknown rule',
        (s) => acknowledge(s, { ruleId: 'no-such-rule', reason: 'because' }),
        'test/trust',
        /acknowledgement of unknown rule "no-such-rule"; use one of role-type-not-jwt, .*plan-apply-shared/,
        ['Acknowledgement.ruleId'],
      ],
    ]);
  });
});
