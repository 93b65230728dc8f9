/**
 * The report on a whole app (issue 20): an app of several stacks, each a library fleet (bench/fleet.ts) with its own
 * Vault namespace and its own range of grant ids, and `explain` timed on its `cdktf.out` as the CLI reads it.
 *
 * Three commands, each run by bench/run.ts in a fresh process:
 * - `tsx bench/report-app-child.ts check <stacks>`: builds the app with one grant per stack and synthesizes it, so
 *   the library's checks across the stacks of one app (no Vault name or variable set written by two stacks) run on
 *   the same placements as the full app. Prints `REPORT_APP_CHECK ok`.
 * - `tsx bench/report-app-child.ts stack <index> <grants> <stacks> <outdir>`: synthesizes stack `<index>` alone (one
 *   stack per process keeps the heap of a 1,000-grant stack, not of ten) and moves its `stacks/<name>/` into
 *   `<outdir>/stacks/`. `<stacks>` only sets where its grant ids start.
 * - `tsx bench/report-app-child.ts explain <outdir>`: times `main(['explain', outdir, '--format', 'json'])` of the
 *   report's CLI (packages/report/src/cli.ts), its output kept in memory, and prints one `REPORT_APP_RESULT {...}` line.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { App } from 'cdktf';
import { buildLibraryFleet } from './fleet';
import { FleetPlacement, VAULT_NAMESPACE } from './spec';
import { main } from '../packages/report/src/cli';

/** Stack `index` of an app whose stacks hold `grants` grants each. */
export function appPlacement(index: number, grants: number): FleetPlacement {
  return { stackName: `fleet-${index}`, vaultNamespace: `${VAULT_NAMESPACE}/fleet-${index}`, firstGrant: index * grants };
}

function usage(): never {
  console.error('usage: tsx bench/report-app-child.ts check <stacks> | stack <index> <grants> <stacks> <outdir> | explain <outdir>');
  process.exit(2);
}

function positive(text: string | undefined, min = 1): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) usage();
  return n;
}

async function run(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === 'check') {
    const stacks = positive(rest[0]);
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-app-check-'));
    try {
      const app = new App({ outdir });
      // Grant ranges as in the full app (stack s starts at s * 1000), one grant each.
      for (let s = 0; s < stacks; s++) buildLibraryFleet(app, 1, undefined, appPlacement(s, 1000));
      app.synth();
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
    process.stdout.write('REPORT_APP_CHECK ok\n');
    return;
  }
  if (command === 'stack') {
    const index = positive(rest[0], 0);
    const grants = positive(rest[1]);
    const stacks = positive(rest[2]);
    const outdir = rest[3];
    if (!outdir || index >= stacks) usage();
    const placement = appPlacement(index, grants);
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), `report-app-stack-${index}-`));
    try {
      const app = new App({ outdir: scratch });
      buildLibraryFleet(app, grants, undefined, placement);
      app.synth();
      fs.mkdirSync(path.join(outdir, 'stacks'), { recursive: true });
      fs.cpSync(path.join(scratch, 'stacks', placement.stackName), path.join(outdir, 'stacks', placement.stackName), { recursive: true });
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
    return;
  }
  if (command === 'explain') {
    const outdir = rest[0];
    if (!outdir) usage();
    const stdout: string[] = [];
    const stderr: string[] = [];
    const io = { stdout: (text: string) => stdout.push(text), stderr: (text: string) => stderr.push(text) };
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const status = await main(['explain', outdir, '--format', 'json'], io);
    const t1 = performance.now();
    const cpu = process.cpuUsage(cpu0);
    const text = stdout.join('');
    if (status === 2) throw new Error(`explain refused the app (exit 2):\n${stderr.join('')}`);
    const data = JSON.parse(text) as { stacks: Array<{ matrix: unknown[]; roles: unknown[] }>; counts: Record<string, number> };
    const result = {
      explainMs: t1 - t0,
      explainCpuMs: (cpu.user + cpu.system) / 1000,
      status,
      stacks: data.stacks.length,
      rows: data.stacks.reduce((sum, s) => sum + s.matrix.length, 0),
      roles: data.stacks.reduce((sum, s) => sum + s.roles.length, 0),
      outputBytes: Buffer.byteLength(text),
      counts: data.counts,
    };
    process.stdout.write(`REPORT_APP_RESULT ${JSON.stringify(result)}\n`);
    return;
  }
  usage();
}

if (require.main === module) {
  run(process.argv.slice(2)).catch((error: Error) => {
    console.error(error.stack ?? error.message);
    process.exit(1);
  });
}
