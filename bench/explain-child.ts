/**
 * One trust-report measurement, in a fresh process: `tsx bench/explain-child.ts <grants> <file>`.
 *
 * When `<file>` does not exist, the library fleet of `<grants>` grants (bench/fleet.ts) is synthesized into it first
 * (not timed). Then the report is timed on it: parsing the JSON, `explain(json)` (every selector in both phases, every
 * role, every finding), and the test helpers of lib/report/testing.ts on one configuration object: for every grant,
 * `expectRunCanRead` on its plan path and `expectRunCannotRead` on its apply path for the first workspace's plan
 * run. Prints one `EXPLAIN_RESULT {...}` line.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { App } from 'cdktf';
import { buildLibraryFleet } from './fleet';
import { grantSpec, ORGANIZATION, STACK_NAME } from './spec';
import { explain } from '../packages/report/src/explain';
import { expectRunCanRead, expectRunCannotRead } from '../packages/report/src/testing';

const [grantsArg, file] = process.argv.slice(2);
const grants = Number(grantsArg);
if (!Number.isInteger(grants) || grants < 1 || !file) {
  console.error('usage: tsx bench/explain-child.ts <grants> <file>');
  process.exit(2);
}

if (!fs.existsSync(file)) {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `explain-fleet-${grants}-`));
  const app = new App({ outdir });
  buildLibraryFleet(app, grants);
  app.synth();
  fs.copyFileSync(path.join(outdir, 'stacks', STACK_NAME, 'cdk.tf.json'), file);
  fs.rmSync(outdir, { recursive: true, force: true });
}

const text = fs.readFileSync(file, 'utf8');
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const report = explain(JSON.parse(text));
const t1 = performance.now();
const cpu = process.cpuUsage(cpu0);

// The helpers as a test suite uses them: the `Testing.synth` text of one stack, passed to every assertion. The first
// call reads and indexes it; the others find it again by the text.
const t2 = performance.now();
let assertions = 0;
for (let i = 0; i < grants; i++) {
  const g = grantSpec(i);
  const run = { organization: ORGANIZATION, project: g.project, workspace: g.workspaces[0], runPhase: 'plan' } as const;
  expectRunCanRead(text, run, `aws/sts/${g.aws.plan}`);
  expectRunCannotRead(text, run, `aws/sts/${g.aws.apply}`);
  assertions += 2;
}
const t3 = performance.now();

const result = {
  grants,
  explainMs: t1 - t0,
  explainCpuMs: (cpu.user + cpu.system) / 1000,
  helpersMs: t3 - t2,
  assertions,
  rows: report.rows.length,
  roles: report.roles.length,
  findings: report.counts,
};
process.stdout.write(`EXPLAIN_RESULT ${JSON.stringify(result)}\n`);
