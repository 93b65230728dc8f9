/**
 * One measurement, in a fresh process: `tsx bench/child.ts <library|baseline> <grants> <outdir>`.
 * Builds the fleet and synthesizes it with `app.synth()` into `outdir` (validations on, as `cdktf synth` does), then
 * prints one `BENCH_RESULT {...}` line. The parent runs this child with `--trace-gc` and reads the heap size before
 * every collection from those lines as well: synthesis is synchronous, so no timer could sample it.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import * as v8 from 'v8';
import { App } from 'cdktf';
import { buildBaselineFleet } from './baseline';
import { buildLibraryFleet } from './fleet';
import { FleetBuilder, STACK_NAME } from './spec';

const BUILDERS: Record<string, FleetBuilder> = { library: buildLibraryFleet, baseline: buildBaselineFleet };

const [variant, grantsArg, outdir] = process.argv.slice(2);
const build = BUILDERS[variant];
const grants = Number(grantsArg);
if (!build || !Number.isInteger(grants) || grants < 1 || !outdir) {
  console.error('usage: tsx bench/child.ts <library|baseline> <grants> <outdir>');
  process.exit(2);
}

let peakHeapUsed = 0;
function sample(used: number = v8.getHeapStatistics().used_heap_size): void {
  if (used > peakHeapUsed) peakHeapUsed = used;
}
// Between synchronous phases a timer samples process.memoryUsage(); during them the per-grant hook (v8 statistics,
// cheaper) and the GC trace do.
const timer = setInterval(() => sample(process.memoryUsage().heapUsed), 5);
const every = Math.max(1, Math.floor(grants / 50));

const heapBefore = v8.getHeapStatistics().used_heap_size;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const app = new App({ outdir });
build(app, grants, (i) => {
  if (i % every === 0) sample();
});
sample();
const t1 = performance.now();
app.synth();
const t2 = performance.now();
const cpu = process.cpuUsage(cpu0);
sample();
sample(process.memoryUsage().heapUsed);
clearInterval(timer);

const stats = v8.getHeapStatistics();
// Outside the timed section: a digest of what was written, so the parent can check both variants wrote the same.
const output = fs.readFileSync(path.join(outdir, 'stacks', STACK_NAME, 'cdk.tf.json'));
// Resources by type, for the objects-per-grant figure (issue 21).
const resourceCounts: Record<string, number> = {};
for (const [type, blocks] of Object.entries((JSON.parse(output.toString('utf8')) as { resource?: Record<string, object> }).resource ?? {})) {
  resourceCounts[type] = Object.keys(blocks).length;
}
const result = {
  variant,
  grants,
  buildMs: t1 - t0,
  synthMs: t2 - t1,
  totalMs: t2 - t0,
  cpuMs: (cpu.user + cpu.system) / 1000,
  heapBeforeBytes: heapBefore,
  peakHeapUsedBytes: peakHeapUsed,
  totalHeapSizeBytes: stats.total_heap_size,
  heapSizeLimitBytes: stats.heap_size_limit,
  outputSha256: createHash('sha256').update(output).digest('hex'),
  outputBytes: output.length,
  resourceCounts,
};
process.stdout.write(`BENCH_RESULT ${JSON.stringify(result)}\n`);
