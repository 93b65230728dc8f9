/**
 * The report on a whole app (issue 20): an app of several stacks, each a library fleet (bench/fleet.ts) with its own
 * Vault namespace and its own range of grant ids. bench/run.ts then times the compiled CLI on its `cdktf.out`
 * (`node packages/report/build/cli.js explain <outdir> --format json`), as a pipeline runs it.
 *
 * Two commands, each run by bench/run.ts in a fresh process:
 * - `tsx bench/report-app-child.ts check <stacks>`: builds the app with one grant per stack and synthesizes it, so
 *   the library's checks across the stacks of one app (no Vault name or variable set written by two stacks) run on
 *   the same placements as the full app. Prints `REPORT_APP_CHECK ok`.
 * - `tsx bench/report-app-child.ts stack <index> <grants> <stacks> <outdir>`: synthesizes stack `<index>` alone (one
 *   stack per process keeps the heap of a 1,000-grant stack, not of ten) and moves its `stacks/<name>/` into
 *   `<outdir>/stacks/`. `<stacks>` only sets where its grant ids start.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdktf';
import { buildLibraryFleet } from './fleet';
import { FleetPlacement, VAULT_NAMESPACE } from './spec';

/** Stack `index` of an app whose stacks hold `grants` grants each. */
export function appPlacement(index: number, grants: number): FleetPlacement {
  return { stackName: `fleet-${index}`, vaultNamespace: `${VAULT_NAMESPACE}/fleet-${index}`, firstGrant: index * grants };
}

function usage(): never {
  console.error('usage: tsx bench/report-app-child.ts check <stacks> | stack <index> <grants> <stacks> <outdir>');
  process.exit(2);
}

function positive(text: string | undefined, min = 1): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) usage();
  return n;
}

function run(argv: string[]): void {
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
  usage();
}

if (require.main === module) {
  try {
    run(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).stack ?? (error as Error).message);
    process.exit(1);
  }
}
