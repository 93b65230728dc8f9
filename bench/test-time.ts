/**
 * Part 6 of `npm run bench` (issue 21): how long the test suite takes. Times `npx jest` with the repository's
 * jest.config.js (the unit tests of `npm test`) and, separately, the whole `npm test` (build, type check, lint, unit
 * tests and the checks), each in a fresh process, and prints both with the load average when each started: the
 * target, `npm test` within 90 s, holds for an idle machine, so a run on a loaded machine is printed but not judged.
 * The jest run also reports its slowest test files, the place to look when the time grows.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..');
export const TARGET_NPM_TEST_MS = 90_000;
/** Above this 1-minute load average per core at the start, the machine is not idle and the target is not judged. */
const IDLE_LOAD_PER_CORE = 0.25;

export interface TimedRun {
  readonly command: string;
  readonly wallMs: number;
  readonly status: number | null;
  /** os.loadavg() when the run started: 1, 5 and 15 minutes. */
  readonly loadAtStart: readonly number[];
}

export interface JestRun extends TimedRun {
  readonly tests: number;
  readonly files: number;
  /** The slowest test files, slowest first, with their time in ms as jest measured it. */
  readonly slowest: ReadonlyArray<{ readonly file: string; readonly ms: number }>;
}

export interface TestTimeResult {
  readonly cores: number;
  readonly jest: JestRun;
  readonly npmTest?: TimedRun;
}

/** The part of jest's --json report this part reads. */
interface JestReport {
  readonly numTotalTests: number;
  readonly testResults: ReadonlyArray<{ readonly name: string; readonly startTime: number; readonly endTime: number }>;
}

function timed(command: string, args: string[]): TimedRun & { output: string } {
  const loadAtStart = os.loadavg();
  const started = process.hrtime.bigint();
  const child = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (child.error) throw new Error(`${command} ${args.join(' ')} could not start: ${child.error.message}`);
  return { command: [command, ...args].join(' '), wallMs, status: child.status, loadAtStart, output: child.stdout + child.stderr };
}

/** The longest wait for the load average to fall to the idle level before `npm test`. */
const SETTLE_LIMIT_MS = 240_000;

/** Waits until the 1-minute load average per core is at the idle level or `limitMs` has passed; returns the time waited. */
function waitForIdle(limitMs: number): number {
  const started = Date.now();
  const pause = new Int32Array(new SharedArrayBuffer(4));
  while (os.loadavg()[0] / os.cpus().length > IDLE_LOAD_PER_CORE && Date.now() - started < limitMs) Atomics.wait(pause, 0, 0, 5_000);
  return Date.now() - started;
}

/** Runs the unit tests as `npm test` runs them, then (unless skipped) `npm test` itself. */
export function measureTestTime(skipNpmTest: boolean): TestTimeResult {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-test-time-'));
  const report = path.join(scratch, 'jest.json');
  const run = timed('npx', ['jest', '--silent', '--json', `--outputFile=${report}`]);
  let parsed: JestReport;
  try {
    if (!fs.existsSync(report)) throw new Error(`npx jest wrote no report (exit ${run.status}):\n${run.output.slice(-2000)}`);
    parsed = JSON.parse(fs.readFileSync(report, 'utf8')) as JestReport;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  const slowest = parsed.testResults
    .map((r) => ({ file: path.relative(ROOT, r.name), ms: r.endTime - r.startTime }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 8);
  const jest: JestRun = {
    command: 'npx jest',
    wallMs: run.wallMs,
    status: run.status,
    loadAtStart: run.loadAtStart,
    tests: parsed.numTotalTests,
    files: parsed.testResults.length,
    slowest,
  };
  if (skipNpmTest) return { cores: os.cpus().length, jest };
  // The jest run's own load is still in the 1-minute average: let it settle, so an idle machine is judged as idle.
  const settledMs = waitForIdle(SETTLE_LIMIT_MS);
  if (settledMs > 0) console.log(`  (waited ${seconds(settledMs)} for the load average to settle before npm test)`);
  const npmTest = timed('npm', ['test']);
  return { cores: os.cpus().length, jest, npmTest: { command: 'npm test', wallMs: npmTest.wallMs, status: npmTest.status, loadAtStart: npmTest.loadAtStart } };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const load = (l: readonly number[]) => l.map((x) => x.toFixed(2)).join(' / ');

/** Prints the part and adds a missed target to `failures` (only when the machine was idle at the start). */
export function printTestTime(result: TestTimeResult, failures: string[]): void {
  const { jest, npmTest, cores } = result;
  console.log('');
  console.log(`test time on ${cores} cores (load average 1 / 5 / 15 min at the start of each run):`);
  console.log(`  npx jest: ${seconds(jest.wallMs)} wall, ${jest.tests} tests in ${jest.files} files, exit ${jest.status}, load ${load(jest.loadAtStart)}`);
  if (jest.status !== 0) failures.push(`npx jest exited with ${jest.status}`);
  console.log(`  slowest files: ${jest.slowest.map((s) => `${s.file} ${seconds(s.ms)}`).join(', ')}`);
  if (npmTest === undefined) {
    console.log('  npm test: skipped (--skip-npm-test)');
    return;
  }
  const idle = npmTest.loadAtStart[0] / cores <= IDLE_LOAD_PER_CORE;
  const within = npmTest.wallMs <= TARGET_NPM_TEST_MS;
  const loaded = `not judged: the machine was loaded (1-minute load ${npmTest.loadAtStart[0].toFixed(2)} on ${cores} cores)`;
  const verdict = idle ? (within ? 'PASS' : 'FAIL') : loaded;
  const run = `${seconds(npmTest.wallMs)} wall, exit ${npmTest.status}, load ${load(npmTest.loadAtStart)}`;
  console.log(`  npm test: ${run}; target <= 90 s on an idle machine: ${verdict}`);
  if (npmTest.status !== 0) failures.push(`npm test exited with ${npmTest.status}`);
  if (idle && !within) failures.push(`npm test took ${seconds(npmTest.wallMs)} > ${seconds(TARGET_NPM_TEST_MS)} on an idle machine`);
}
