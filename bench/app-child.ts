/**
 * A whole app in one process (issue 21): `tsx bench/app-child.ts <stacks> <grants> <outdir>` builds an app of
 * `<stacks>` library fleets (bench/fleet.ts) of `<grants>` grants each, every stack with its own Vault namespace and
 * grant ids (bench/report-app-child.ts `appPlacement`, as the app-wide collision check requires), and synthesizes it
 * with one `app.synth()` (validations on, the app-wide checks included) under Node's default heap. Prints one
 * `APP_RESULT {...}` line: build and synthesis time, the largest heap use sampled, the heap limit, and the resources
 * written. The parent (bench/run.ts) runs it with `--trace-gc` and also reads the heap size before each collection.
 */
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import * as v8 from 'v8';
import { App } from 'cdktf';
import { buildLibraryFleet } from './fleet';
import { appPlacement } from './report-app-child';

const [stacksArg, grantsArg, outdir] = process.argv.slice(2);
const stacks = Number(stacksArg);
const grants = Number(grantsArg);
if (!Number.isInteger(stacks) || stacks < 1 || !Number.isInteger(grants) || grants < 1 || !outdir) {
  console.error('usage: tsx bench/app-child.ts <stacks> <grants> <outdir>');
  process.exit(2);
}

let peakHeapUsed = 0;
function sample(used: number = v8.getHeapStatistics().used_heap_size): void {
  if (used > peakHeapUsed) peakHeapUsed = used;
}
const timer = setInterval(() => sample(process.memoryUsage().heapUsed), 5);
const every = Math.max(1, Math.floor(grants / 20));

const t0 = performance.now();
const app = new App({ outdir });
for (let s = 0; s < stacks; s++) {
  buildLibraryFleet(app, grants, (i) => {
    if (i % every === 0) sample();
  }, appPlacement(s, grants));
}
sample();
const t1 = performance.now();
app.synth();
const t2 = performance.now();
sample();
sample(process.memoryUsage().heapUsed);
clearInterval(timer);

// Outside the timed section: what was written.
let resources = 0;
let tfeVariables = 0;
for (const name of fs.readdirSync(path.join(outdir, 'stacks'))) {
  const json = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8')) as { resource?: Record<string, object> };
  for (const [type, blocks] of Object.entries(json.resource ?? {})) {
    const n = Object.keys(blocks).length;
    resources += n;
    if (type === 'tfe_variable') tfeVariables += n;
  }
}
const result = {
  stacks,
  grants,
  buildMs: t1 - t0,
  synthMs: t2 - t1,
  peakHeapUsedBytes: peakHeapUsed,
  heapSizeLimitBytes: v8.getHeapStatistics().heap_size_limit,
  resources,
  tfeVariables,
};
process.stdout.write(`APP_RESULT ${JSON.stringify(result)}\n`);
