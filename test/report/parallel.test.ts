/**
 * `explain --jobs N` explains the stacks of an app on worker threads; `--jobs 1` one after the other on the main
 * thread. Both must print the same bytes, exit with the same status and say the same on stderr, in every format,
 * for an app whose stacks have errors, acknowledged findings, creation sites (SARIF locations in TypeScript) and
 * `.tf` sources read as one configuration. And the JSON that `explain` assembles from one piece per stack must be
 * the JSON of the whole document.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdktf';
import { ENTERPRISE_STACK_NAME, EnterpriseExample } from '../../examples/enterprise';
import { EXAMPLE_STACK_NAME, VaultBackedCredentialsExample } from '../../examples/main';
import { Acknowledgements } from '../../lib';
import { explain, reportData } from '../../packages/report/src/explain';
import { JobOptions, REPORT_FORMATS, runJobs, StackJob } from '../../packages/report/src/stack-jobs';
import { assembleJson, jsonPiece, renderJson, stackCounts, StackReport } from '../../packages/report/src/stacks';
import { FIXTURES, explainIn } from './support';

jest.setTimeout(120_000);

let cwd: string;
let out: string;
const HCL = path.join(FIXTURES, 'hcl', 'sound');

function run(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return explainIn(cwd, args);
}

beforeAll(() => {
  // A checkout with a cdktf.out of two example stacks (one acknowledging a rule) and every broken fixture as a stack.
  cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'explain-jobs-'));
  out = path.join(cwd, 'cdktf.out');
  const app = new App({ outdir: out });
  const example = new VaultBackedCredentialsExample(app, EXAMPLE_STACK_NAME);
  const sandbox = example.trust.workspaceGrants.find((g) => g.node.id === 'sandbox')!;
  Acknowledgements.of(sandbox).add({ ruleId: 'plan-apply-shared', reason: 'a scratch project' });
  new EnterpriseExample(app, ENTERPRISE_STACK_NAME);
  app.synth();
  for (const name of fs.readdirSync(path.join(FIXTURES, 'broken'))) {
    const dir = path.join(out, 'stacks', name.replace(/\.json$/, ''));
    fs.mkdirSync(dir);
    fs.copyFileSync(path.join(FIXTURES, 'broken', name), path.join(dir, 'cdk.tf.json'));
  }
});

afterAll(() => fs.rmSync(cwd, { recursive: true, force: true }));

describe('explain --jobs', () => {
  test.each(REPORT_FORMATS.map((f) => [f]))('--format %s: worker threads print what the serial path prints', async (format) => {
    const serial = await run(HCL, out, '--format', format, '--jobs', '1', '--fail-on', 'warning');
    const parallel = await run(HCL, out, '--format', format, '--jobs', '3', '--fail-on', 'warning');
    // The app has errors and warnings: the run fails, and stderr lists them in the order of the stacks.
    expect(serial.status).toBe(1);
    expect(serial.stderr).toMatch(/findings? at warning level or above:\n/);
    expect(serial.stdout.length).toBeGreaterThan(1000);
    expect(parallel.status).toBe(serial.status);
    expect(parallel.stderr).toBe(serial.stderr);
    expect(parallel.stdout === serial.stdout).toBe(true);
  });

  test('--jobs 3 explains the stacks on three worker threads, --jobs 1 on the main thread', async () => {
    const jobs: StackJob[] = fs.readdirSync(path.join(out, 'stacks')).map((name) => ({ file: path.join(out, 'stacks', name, 'cdk.tf.json') }));
    const options: JobOptions = { format: 'table', stacks: [], failOn: 'error', variables: {}, varFiles: [], useVariableDefaults: true, root: cwd };
    const threads = async (n: number) => (await runJobs(jobs, options, n)).map((o) => (o.kind === 'explained' ? o.thread : undefined));
    expect(new Set(await threads(1))).toEqual(new Set([0]));
    const parallel = await threads(3);
    expect(parallel).toHaveLength(jobs.length);
    expect(parallel).not.toContain(0);
    expect(parallel).not.toContain(undefined);
    expect(new Set(parallel).size).toBe(3);
  });

  test('--stack and an unreadable stack give the same answer on both paths', async () => {
    const only = ['--stack', 'issuer-trailing-slash', '--stack', EXAMPLE_STACK_NAME, '--format', 'json'];
    const serial = await run(out, ...only, '--jobs', '1');
    const parallel = await run(out, ...only, '--jobs', '2');
    expect(serial.status).toBe(1);
    const explained = (JSON.parse(serial.stdout) as { stacks: Array<{ stack: string }> }).stacks.map((s) => s.stack);
    expect(explained).toEqual(['issuer-trailing-slash', EXAMPLE_STACK_NAME]);
    expect(parallel).toEqual(serial);

    const bad = path.join(cwd, 'bad');
    fs.mkdirSync(path.join(bad, 'stacks', 'a'), { recursive: true });
    fs.mkdirSync(path.join(bad, 'stacks', 'b'), { recursive: true });
    fs.copyFileSync(path.join(FIXTURES, 'sound', 'app.json'), path.join(bad, 'stacks', 'a', 'cdk.tf.json'));
    fs.writeFileSync(path.join(bad, 'stacks', 'b', 'cdk.tf.json'), '{ not json');
    const unreadable = await run(bad, '--jobs', '1');
    expect(unreadable.status).toBe(2);
    expect(unreadable.stdout).toBe('');
    expect(unreadable.stderr).toMatch(/^error: cannot read .*stacks\/b\/cdk\.tf\.json: /);
    expect(await run(bad, '--jobs', '2')).toEqual(unreadable);
  });

  test('--jobs takes a whole number of at least 1', async () => {
    for (const value of ['0', '-1', 'two', '1.5']) {
      const { status, stderr } = await run(out, '--jobs', value);
      expect(status).toBe(2);
      expect(stderr).toContain(`--jobs takes a whole number of at least 1, not "${value}"`);
    }
  });
});

describe('--format json from one piece per stack', () => {
  function stacks(): StackReport[] {
    return fs
      .readdirSync(path.join(out, 'stacks'))
      .sort()
      .map((name) => {
        const file = path.join(out, 'stacks', name, 'cdk.tf.json');
        return { name, report: explain(JSON.parse(fs.readFileSync(file, 'utf8')), { source: file }) };
      });
  }

  /** The document as one `JSON.stringify`, as `--format json` wrote it before it was assembled from pieces. */
  function whole(list: readonly StackReport[]): string {
    const counts = { error: 0, warning: 0, info: 0, acknowledged: 0 };
    for (const { report } of list) {
      counts.error += report.counts.error;
      counts.warning += report.counts.warning;
      counts.info += report.counts.info;
      counts.acknowledged += report.acknowledgedCount ?? 0;
    }
    return JSON.stringify({ stacks: list.map(({ name, report }) => ({ stack: name, ...reportData(report) })), counts }, null, 2) + '\n';
  }

  test('is byte for byte the whole document, for no stack, one stack and many', () => {
    const all = stacks();
    expect(all.length).toBeGreaterThan(10);
    for (const list of [[], all.slice(0, 1), all]) {
      expect(assembleJson(list.map(jsonPiece), list.map((s) => stackCounts(s.report)))).toBe(whole(list));
      expect(renderJson(list)).toBe(whole(list));
    }
  });
});
