/**
 * The report in the formats review pipelines read, on a cdktf.out with several stacks: SARIF 2.1.0 (checked against
 * the published schema), a Markdown pull-request comment (parsed with markdown-it), one titled Mermaid graph per
 * stack, one JSON shape for any number of inputs, --stack, --list-rules, and the exit status a job gates on.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { App } from 'cdktf';
import MarkdownIt from 'markdown-it';
import type * as Sarif from 'sarif';
import { ENTERPRISE_STACK_NAME, EnterpriseExample } from '../../examples/enterprise';
import { EXAMPLE_STACK_NAME, VaultBackedCredentialsExample } from '../../examples/main';
import { Acknowledgements } from '../../lib';
import { explain } from '../../packages/report/src/explain';
import { catalogueEntry, RULE_CATALOGUE } from '../../packages/report/src/rules';
import { parseMermaid } from './mermaid-parser';
import { fixture, FIXTURES, explainIn } from './support';

/** The parts of `explain --format json` these tests read. */
interface JsonReport {
  readonly stacks: Array<{ readonly stack: string; readonly counts: Record<string, number> }>;
  readonly counts: Record<string, number>;
}

jest.setTimeout(60_000);

const ROOT = path.resolve(__dirname, '..', '..');
/** The SARIF 2.1.0 schema (rtm.5, the published 2.1.0 schema) as shipped in the @microsoft/jest-sarif package. */
const SCHEMA = path.join(ROOT, 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');
const REASON = 'Sandbox is a scratch project; plan and apply share its read-only role on purpose';
const BROKEN = 'broken-issuer';

let out: string;
let cwd: string;

function run(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return explainIn(cwd, args);
}

beforeAll(() => {
  // A repository checkout with cdktf.out: the two example stacks (one acknowledging rules) and a broken one.
  cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'explain-formats-'));
  out = path.join(cwd, 'cdktf.out');
  const app = new App({ outdir: out });
  const example = new VaultBackedCredentialsExample(app, EXAMPLE_STACK_NAME);
  const sandbox = example.trust.workspaceGrants.find((g) => g.node.id === 'sandbox')!;
  Acknowledgements.of(sandbox).add({ ruleId: 'plan-apply-shared', reason: REASON });
  new EnterpriseExample(app, ENTERPRISE_STACK_NAME);
  app.synth();
  fs.mkdirSync(path.join(out, 'stacks', BROKEN));
  fs.copyFileSync(path.join(FIXTURES, 'broken', 'issuer-trailing-slash.json'), path.join(out, 'stacks', BROKEN, 'cdk.tf.json'));
});

afterAll(() => fs.rmSync(cwd, { recursive: true, force: true }));

const STACKS = [BROKEN, EXAMPLE_STACK_NAME, ENTERPRISE_STACK_NAME].sort();

function reportOf(name: string) {
  const file = path.join(out, 'stacks', name, 'cdk.tf.json');
  return explain(JSON.parse(fs.readFileSync(file, 'utf8')), { source: file });
}

describe('--format sarif', () => {
  // The schema's "language" pattern is valid only without the u flag, as draft-04 validators read it.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(fs.readFileSync(SCHEMA, 'utf8')));

  test('the schema check rejects what is not SARIF 2.1.0', async () => {
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'info' }] }] })).toBe(false);
    expect(validate({ version: '2.0.0', runs: [] })).toBe(false);
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'note' }] }] })).toBe(true);
  });

  test('validates against the SARIF 2.1.0 schema, with one result per finding of every stack', async () => {
    const { status, stdout } = (await run(out, '--format', 'sarif'));
    expect(status).toBe(1);
    const log: Sarif.Log = JSON.parse(stdout);
    const valid = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(log.runs).toHaveLength(1);
    const results = log.runs[0].results!;
    const findings = STACKS.flatMap((name) => reportOf(name).findings);
    expect(results).toHaveLength(findings.length);
    expect(results.map((r) => `${r.ruleId} ${r.message.text}`).sort()).toEqual(findings.map((f) => `${f.rule} ${f.subject}: ${f.message}`).sort());
  });

  test('rules come from the catalogue; levels, locations and suppressions follow the findings', async () => {
    const log: Sarif.Log = JSON.parse((await run(out, '--format', 'sarif')).stdout);
    const rules = log.runs[0].tool.driver.rules!;
    expect(rules.map((r) => r.id)).toEqual(RULE_CATALOGUE.map((r) => r.id));
    expect(rules.find((r) => r.id === 'unresolved')!.defaultConfiguration!.level).toBe('note');
    expect(rules.find((r) => r.id === 'plan-reaches-apply')!.properties).toMatchObject({ 'security-severity': '8.0', 'problem.severity': 'error' });
    expect(rules.find((r) => r.id === 'name-only-binding')!.properties).toMatchObject({ 'security-severity': '5.0', 'problem.severity': 'warning' });
    expect(rules.find((r) => r.id === 'unresolved')!.properties).toMatchObject({ 'security-severity': '2.0', 'problem.severity': 'recommendation' });
    const results = log.runs[0].results!;
    for (const result of results) expect(rules[result.ruleIndex!].id).toBe(result.ruleId);

    // The broken stack's trailing-slash issuer: an error located at the mount block's line in its cdk.tf.json.
    const issuer = results.find((r) => r.ruleId === 'issuer-malformed' && r.level === 'error')!;
    const location = issuer.locations![0];
    expect(location.physicalLocation!.artifactLocation!.uri).toBe(`cdktf.out/stacks/${BROKEN}/cdk.tf.json`);
    const address = location.logicalLocations![0].fullyQualifiedName!;
    expect(address).toMatch(/^vault_jwt_auth_backend\./);
    const lines = fs.readFileSync(path.join(out, 'stacks', BROKEN, 'cdk.tf.json'), 'utf8').split('\n');
    expect(lines[location.physicalLocation!.region!.startLine! - 1].trim()).toBe(`"${address.split('.')[1]}": {`);
    // Notes are notes.
    expect(results.filter((r) => r.ruleId === 'unresolved').every((r) => r.level === 'note')).toBe(true);

    // The acknowledged finding is a suppression with the reason; the others are not suppressed.
    const shared = results.filter((r) => r.ruleId === 'plan-apply-shared');
    const sandbox = shared.filter((r) => r.message.text!.startsWith('project Sandbox'));
    expect(sandbox).toHaveLength(1);
    expect(sandbox[0].suppressions).toEqual([expect.objectContaining({ kind: 'inSource', status: 'accepted', justification: REASON })]);
    expect(results.filter((r) => r.suppressions).length).toBe(1);
    // Stable fingerprints: the same input gives the same ones.
    const again: Sarif.Log = JSON.parse((await run(out, '--format', 'sarif')).stdout);
    expect(again.runs[0].results!.map((r) => r.partialFingerprints)).toEqual(results.map((r) => r.partialFingerprints));
  });
});

describe('--format markdown', () => {
  const md = new MarkdownIt({ html: true });
  type Token = ReturnType<InstanceType<typeof MarkdownIt>['parse']>[number];
  const text = (inline: Token): string => (inline.children ?? []).filter((t) => t.type === 'text' || t.type === 'code_inline').map((t) => t.content).join('');

  /** Per h3 section: its title, the rows of its first table, its list items, and its <details> summaries. */
  function sections(markdown: string) {
    const tokens = md.parse(markdown, {});
    const found: Array<{ title: string; rows: string[][]; items: string[]; summaries: string[]; openDetails: number; closeDetails: number }> = [];
    let tableDone = false;
    let row: string[] | undefined;
    tokens.forEach((token, i) => {
      if (token.type === 'heading_open' && token.tag === 'h3') {
        found.push({ title: text(tokens[i + 1]), rows: [], items: [], summaries: [], openDetails: 0, closeDetails: 0 });
        tableDone = false;
        return;
      }
      const current = found[found.length - 1];
      if (!current) return;
      if (token.type === 'table_close') tableDone = true;
      if (token.type === 'tr_open' && !tableDone) row = [];
      if ((token.type === 'td_open' || token.type === 'th_open') && row) row.push(text(tokens[i + 1]));
      if (token.type === 'tr_close' && row) {
        current.rows.push(row);
        row = undefined;
      }
      if (token.type === 'list_item_open') current.items.push(text(tokens[i + 2]));
      if (token.type === 'html_block') {
        current.openDetails += (token.content.match(/<details>/g) ?? []).length;
        current.closeDetails += (token.content.match(/<\/details>/g) ?? []).length;
        const summary = /<summary>(.*)<\/summary>/.exec(token.content);
        if (summary) current.summaries.push(summary[1]);
      }
    });
    return found;
  }

  test('one section per stack: the matrix as a table, the findings, and collapsible details', async () => {
    const { status, stdout } = (await run(out, '--format', 'markdown'));
    expect(status).toBe(1);
    const parsed = sections(stdout);
    expect(parsed.map((s) => s.title)).toEqual(STACKS.map((n) => `Stack ${n}`));
    for (const section of parsed) {
      const report = reportOf(section.title.slice('Stack '.length));
      expect(section.openDetails).toBe(section.closeDetails);
      if (report.rows.length > 0) {
        expect(section.rows[0]).toEqual(['selector', 'phase', 'configuration', 'Vault role', 'login', 'credentials']);
        expect(section.rows.slice(1).map((r) => r.slice(0, 3))).toEqual(report.rows.map((r) => [r.selector.label, r.phase, r.vaultTag ?? 'default']));
      }
      const open = report.findings.filter((f) => !f.acknowledged && f.severity !== 'info');
      const notes = report.findings.filter((f) => !f.acknowledged && f.severity === 'info');
      for (const f of open) expect(section.items).toContain(`${f.severity} ${f.rule} ${f.subject}: ${f.message}`);
      expect(section.summaries).toEqual(
        [`Vault roles (${report.roles.length})`, notes.length > 0 ? `Notes (${notes.length})` : undefined].filter((s) => s !== undefined).concat(
          section.summaries.filter((s) => s.startsWith('Acknowledged')),
        ),
      );
    }
    const example = parsed.find((s) => s.title === `Stack ${EXAMPLE_STACK_NAME}`)!;
    // The acknowledged finding, and the synthesis warning of the same rule that the acknowledgement kept quiet.
    expect(example.summaries).toContain('Acknowledged (2)');
    expect(example.items.filter((i) => i.includes('synthesis warning at') && i.includes('same role "tfc-sandbox"') && i.endsWith(REASON))).toHaveLength(1);
    expect(example.items).toContain(
      `warning plan-apply-shared ${reportOf(EXAMPLE_STACK_NAME).findings.find((f) => f.acknowledged)!.subject}: ${
        reportOf(EXAMPLE_STACK_NAME).findings.find((f) => f.acknowledged)!.message
      } — acknowledged at ${EXAMPLE_STACK_NAME}/trust/sandbox: ${REASON}`,
    );
    const broken = parsed.find((s) => s.title === `Stack ${BROKEN}`)!;
    expect(broken.items.some((i) => i.startsWith('error issuer-malformed '))).toBe(true);
  });

  test('text that looks like markup stays text: pipes, angle brackets, stars and backticks', async () => {
    // A workspace name with characters Markdown would read as a table break, HTML or emphasis.
    const json = fixture('sound/app.json');
    const set = Object.values(json.data?.tfe_workspace ?? {})[0] ?? Object.values(json.resource.tfe_workspace ?? {})[0];
    set.name = 'app|<b>*x*`';
    const file = path.join(cwd, 'odd.json');
    fs.writeFileSync(file, JSON.stringify(json));
    const parsed = sections((await run(file, '--format', 'markdown', '--fail-on', 'none')).stdout);
    const labels = parsed[0].rows.slice(1).map((r) => r[0]);
    expect(labels.some((l) => l.includes('app|<b>*x*`'))).toBe(true);
    expect(parsed[0].rows.every((r) => r.length === 6)).toBe(true);
  });
});

describe('several stacks', () => {
  test('--format mermaid: one fenced graph per stack, titled with its name, each a valid flowchart', async () => {
    const { stdout } = (await run(out, '--format', 'mermaid', '--fail-on', 'none'));
    const blocks = [...stdout.matchAll(/^## Trust graph: (.+)\n\n```mermaid\n---\ntitle: (.+)\n---\n([\s\S]*?)^```$/gm)];
    expect(blocks.map((m) => m[1])).toEqual(STACKS);
    expect(blocks.map((m) => JSON.parse(m[2]))).toEqual(STACKS);
    // Nothing outside the headings and fences.
    expect(stdout.replace(/^## Trust graph: .+\n\n```mermaid\n[\s\S]*?^```$/gm, '').trim()).toBe('');
    const graphs = new Map(blocks.map((m) => [m[1], parseMermaid(m[3])]));
    expect([...graphs.get(EXAMPLE_STACK_NAME)!.nodes.values()].some((n) => n.label === 'aws/sts/network-admin')).toBe(true);
    expect([...graphs.get(ENTERPRISE_STACK_NAME)!.nodes.values()].some((n) => n.label === 'aws/sts/network-admin')).toBe(false);
  });

  test('--format json: the same shape for one input and for many', async () => {
    const many: JsonReport = JSON.parse((await run(out, '--format', 'json', '--fail-on', 'none')).stdout);
    const one: JsonReport = JSON.parse(
      (await run(path.join(out, 'stacks', EXAMPLE_STACK_NAME, 'cdk.tf.json'), '--format', 'json', '--fail-on', 'none')).stdout,
    );
    expect(Object.keys(one)).toEqual(['stacks', 'counts']);
    expect(Object.keys(many)).toEqual(['stacks', 'counts']);
    expect(one.stacks).toHaveLength(1);
    expect(many.stacks.map((s) => s.stack)).toEqual(STACKS);
    expect(Object.keys(one.stacks[0])).toEqual(Object.keys(many.stacks[0]));
    expect(one.stacks[0]).toEqual(many.stacks.find((s) => s.stack === EXAMPLE_STACK_NAME));
    const sum = (key: string) => many.stacks.reduce((n, s) => n + s.counts[key], 0);
    expect(many.counts).toEqual({ error: sum('error'), warning: sum('warning'), info: sum('info'), acknowledged: 1 });
    expect(many.counts.error).toBeGreaterThan(0);
  });

  test('--stack keeps only the named stacks, and the exit status follows them', async () => {
    const enterprise = (await run(out, '--format', 'json', '--stack', ENTERPRISE_STACK_NAME));
    expect(enterprise.status).toBe(0);
    expect((JSON.parse(enterprise.stdout) as JsonReport).stacks.map((s) => s.stack)).toEqual([ENTERPRISE_STACK_NAME]);
    const two = (await run(out, '--format', 'json', '--fail-on', 'none', `--stack=${BROKEN}`, '--stack', EXAMPLE_STACK_NAME));
    expect((JSON.parse(two.stdout) as JsonReport).stacks.map((s) => s.stack)).toEqual([BROKEN, EXAMPLE_STACK_NAME]);
    expect((await run(out, '--stack', BROKEN)).status).toBe(1);
  });

  test('--stack with a name no input has exits 2 and lists the names there are', async () => {
    const { status, stdout, stderr } = (await run(out, '--stack', 'nope'));
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`error: no stack named "nope"; the inputs hold ${STACKS.map((n) => `"${n}"`).join(', ')}\n`);
  });
});

describe('--list-rules', () => {
  test('prints every rule with its id, severity and explanation, and needs no input', async () => {
    const { status, stdout } = (await run('--list-rules'));
    expect(status).toBe(0);
    const entries = stdout.trim().split('\n\n');
    expect(entries).toHaveLength(RULE_CATALOGUE.length);
    RULE_CATALOGUE.forEach((rule, i) => {
      expect(entries[i]).toBe(`${rule.id} (${rule.severity}; ${rule.stages.join(' and ')}): ${rule.title}\n  ${rule.explanation}\n  Fix: ${rule.fix}`);
    });
  });

  test('as JSON', async () => {
    const listed = JSON.parse((await run('--list-rules', '--format', 'json')).stdout);
    expect(listed).toEqual(RULE_CATALOGUE.map(catalogueEntry));
    expect(listed.map((entry: { id: string }) => entry.id)).toEqual(RULE_CATALOGUE.map((rule) => rule.id));
    expect((await run('--list-rules', '--format', 'sarif')).status).toBe(2);
  });
});

describe('exit status, as a pull-request job sees it', () => {
  test('markdown and sarif still print everything when an error fails the job; --fail-on none only reports', async () => {
    for (const format of ['markdown', 'sarif']) {
      const failing = await run('cdktf.out', '--format', format);
      expect({ format, status: failing.status }).toEqual({ format, status: 1 });
      expect(failing.stderr).toMatch(new RegExp(`cdktf.out/stacks/${BROKEN}/cdk.tf.json: error issuer-malformed`));
      expect(failing.stdout).toContain(format === 'sarif' ? '"ruleId": "issuer-malformed"' : '### Stack broken-issuer');
      const reporting = await run('cdktf.out', '--format', format, '--fail-on', 'none');
      expect({ format, status: reporting.status }).toEqual({ format, status: 0 });
      expect(reporting.stdout).toBe(failing.stdout);
    }
  });

  test('acknowledged warnings do not fail --fail-on warning; the same warnings unacknowledged do', async () => {
    // The enterprise stack's one warning: the ledger grant shares one role between plan and apply. (Its Stack grant's
    // roles now bind the organization id as well, so they are no longer name-only.)
    const plain = await run('cdktf.out', '--stack', ENTERPRISE_STACK_NAME, '--fail-on', 'warning');
    expect(plain.status).toBe(1);
    expect(plain.stderr).toMatch(/^1 finding at warning level or above:\n.*warning plan-apply-shared workspace ws-Ledger01/);
    const app = new App({ outdir: path.join(cwd, 'acknowledged.out') });
    const enterprise = new EnterpriseExample(app, ENTERPRISE_STACK_NAME);
    const ledger = enterprise.trust.workspaceGrants.find((g) => g.node.id === 'ledger')!;
    Acknowledgements.of(ledger).add({ ruleId: 'plan-apply-shared', reason: 'the ledger role is read-only in both phases' });
    app.synth();
    const acknowledged = await run('acknowledged.out', '--fail-on', 'warning');
    expect(acknowledged.stderr).toBe('');
    expect(acknowledged.status).toBe(0);
    expect(acknowledged.stdout).toMatch(/acknowledged warning\*\* `plan-apply-shared` workspace ws-Ledger01.*the ledger role is read-only in both phases/);
  });
});

describe("the README's pull-request workflow", () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.split('### In a pull request')[1].split('\n### ')[0];
  const workflow = /```yaml\n([\s\S]*?)```/.exec(section)![1];
  /** The workflow's explain calls: arguments and the file stdout is redirected to. */
  const calls = [...workflow.matchAll(/npx cdktf-vault-backed-credentials explain ([^>\n]+?)(?: > (\S+))?$/gm)].map((m) => ({
    args: m[1].split(' '),
    file: m[2],
  }));

  async function runIn(dir: string, args: string[]) {
    const saved = cwd;
    cwd = dir;
    try {
      return await run(...args);
    } finally {
      cwd = saved;
    }
  }

  test('it synthesizes, writes a Markdown comment and a SARIF log, then gates on errors', async () => {
    expect(workflow).toMatch(/npx cdktf synth/);
    expect(workflow).toMatch(/gh pr comment .*--body-file trust-report\.md/);
    expect(workflow).toMatch(/upload-sarif@v3\n\s+with:\n\s+sarif_file: trust-report\.sarif/);
    expect(calls.map((c) => [c.args[1], c.args[2], c.file])).toEqual([
      ['--format', 'markdown', 'trust-report.md'],
      ['--format', 'sarif', 'trust-report.sarif'],
      ['--fail-on', 'error', undefined],
    ]);
  });

  test('on a checkout with an error: the reports are written, and only the gate fails the job', async () => {
    const results = [];
    for (const c of calls) results.push(await runIn(cwd, c.args)); // one at a time: run() changes the working directory
    const [markdown, sarif, gate] = results;
    expect(markdown.status).toBe(0);
    expect(markdown.stdout).toMatch(/^## Vault-backed credentials: trust report\n\n3 stacks: [1-9]\d* errors?/);
    expect(sarif.status).toBe(0);
    expect((JSON.parse(sarif.stdout) as Sarif.Log).runs[0].results!.some((r) => r.level === 'error')).toBe(true);
    expect(gate.status).toBe(1);
    expect(gate.stderr).toMatch(/error issuer-malformed/);
  });

  test('on a checkout without errors the gate passes', async () => {
    const clean = fs.mkdtempSync(path.join(os.tmpdir(), 'explain-clean-'));
    try {
      for (const name of [EXAMPLE_STACK_NAME, ENTERPRISE_STACK_NAME]) {
        fs.mkdirSync(path.join(clean, 'cdktf.out', 'stacks', name), { recursive: true });
        fs.copyFileSync(path.join(out, 'stacks', name, 'cdk.tf.json'), path.join(clean, 'cdktf.out', 'stacks', name, 'cdk.tf.json'));
      }
      const gate = (await runIn(clean, calls[2].args));
      expect(gate.stderr).toBe('');
      expect(gate.status).toBe(0);
    } finally {
      fs.rmSync(clean, { recursive: true, force: true });
    }
  });
});
