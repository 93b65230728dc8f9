#!/usr/bin/env node
// `npm test`: every check of the repository, in lanes that run side by side on a two-core machine rather than one
// after the other. Each step is a script of package.json (or one of the scripts `check:package` chains); its output is
// printed whole when it ends, with its time, and a summary closes the run. A failed step fails the run, the steps
// that need it do not start, and every other step still runs, so one run shows every failure.
//
// Lanes (a step starts when the one before it in its lane and every step it needs have ended):
//   1. build, then one `npm pack` of this package, then the jest suite (two workers). Packing swaps the report
//      package's link in node_modules for a copy and back (scripts/bundle-report.js), so it runs while nothing that
//      resolves that package runs; the checks of the tarball read this one (scripts/packed-library.js);
//   2. the type check and lint, which need no build, then the checks that read the build, synthesize or install the
//      tarball, and the Python code generation: each is one process, so it shares the machine with jest.
// Every step gets VBDC_REPORT_CLI_BUILT=1: the jest test of the report's bin then runs the compiled one
// (test/report/support.ts).
// `node scripts/run-tests.js --serial` runs the same steps one at a time.
'use strict';
const { Buffer } = require('buffer');
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** A step: its name, its command, the steps it needs, and its lane. */
const packedDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vbdc-packed-'));
const STEPS = [
  { name: 'build', run: [npm, 'run', '-s', 'build'], lane: 1 },
  // After the type check and lint too, which resolve the report package while they run.
  { name: 'pack', run: ['node', 'scripts/packed-library.js', '--into', packedDir], lane: 1, needs: ['build', 'typecheck', 'lint'] },
  { name: 'test:unit', run: [npm, 'run', '-s', 'test:unit'], lane: 1, needs: ['pack'] },
  { name: 'typecheck', run: [npm, 'run', '-s', 'typecheck'], lane: 2 },
  { name: 'lint', run: [npm, 'run', '-s', 'lint'], lane: 2 },
  { name: 'check:example', run: [npm, 'run', '-s', 'check:example'], lane: 2, needs: ['build'] },
  { name: 'check:terraform', run: [npm, 'run', '-s', 'check:terraform'], lane: 2, needs: ['build'] },
  { name: 'check:docs', run: [npm, 'run', '-s', 'check:docs'], lane: 2, needs: ['build'] },
  { name: 'check:api', run: [npm, 'run', '-s', 'check:api'], lane: 2, needs: ['build'] },
  { name: 'check-package', run: ['node', 'scripts/check-package.js'], lane: 2, needs: ['pack'] },
  { name: 'check-optional-peers', run: ['node', 'scripts/check-optional-peers.js'], lane: 2, needs: ['build'] },
  { name: 'check-install', run: ['node', 'scripts/check-install.js'], lane: 2, needs: ['pack'] },
  { name: 'check-report-install', run: ['node', 'scripts/check-report-install.js'], lane: 2, needs: ['build'] },
  { name: 'check-getting-started', run: ['node', 'scripts/check-getting-started.js'], lane: 2, needs: ['pack'] },
  // jsii-pacmak runs `npm pack` of this package itself, without its pack scripts (check-python.js), so the report
  // package's link stays in place and it can run beside jest.
  { name: 'check-python', run: ['node', 'scripts/check-python.js'], lane: 2, needs: ['build'] },
];

// check:package stays a script of its own for a run by hand; its steps here must be the same scripts.
const chained = require(path.join(root, 'package.json')).scripts['check:package'].split('&&').map((command) => command.trim());
const stepCommands = new Set(STEPS.map((step) => step.run.join(' ')));
const unmatched = chained.filter((command) => !stepCommands.has(command));
if (unmatched.length > 0) {
  console.error(`scripts/run-tests.js: check:package runs ${unmatched.join(', ')}, which no step of npm test runs; add it to STEPS`);
  process.exit(1);
}

const serial = process.argv.includes('--serial');
const started = Date.now();
const seconds = (ms) => (ms / 1000).toFixed(1);
/** name -> { status: 'passed' | 'failed' | 'not run', ms, reason } */
const results = new Map();

function runStep(step) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(step.run[0], step.run.slice(1), { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, VBDC_PACKED_DIR: packedDir, VBDC_REPORT_CLI_BUILT: '1' } });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    const finish = (code, error) => {
      const ms = Date.now() - t0;
      const status = code === 0 ? 'passed' : 'failed';
      results.set(step.name, { status, ms, reason: error ? error.message : code === 0 ? '' : `exit ${code}` });
      process.stdout.write(`\n── ${step.name}: ${status} in ${seconds(ms)} s (at ${seconds(Date.now() - started)} s) ──\n`);
      process.stdout.write(Buffer.concat(output));
      resolve();
    };
    child.on('error', (error) => finish(null, error));
    child.on('close', (code) => finish(code));
  });
}

/** Runs the steps of one lane in order, each after what it needs has ended (`done` resolves per step). */
async function runLane(steps, done) {
  for (const step of steps) {
    await Promise.all((step.needs ?? []).map((name) => done.get(name)));
    const missing = (step.needs ?? []).filter((name) => results.get(name)?.status !== 'passed');
    if (missing.length > 0) {
      results.set(step.name, { status: 'not run', ms: 0, reason: `${missing.join(', ')} did not pass` });
      process.stdout.write(`\n── ${step.name}: not run (${missing.join(', ')} did not pass) ──\n`);
    } else {
      await runStep(step);
    }
    done.resolve(step.name);
  }
}

/** One promise per step, resolved when the step has ended (or was not run). */
function completions() {
  const resolvers = new Map();
  const promises = new Map(STEPS.map((step) => [step.name, new Promise((resolve) => resolvers.set(step.name, resolve))]));
  return { get: (name) => promises.get(name), resolve: (name) => resolvers.get(name)() };
}

async function main() {
  const done = completions();
  if (serial) {
    // One at a time: lane 1 first, each step as soon as what it needs has run.
    const order = [];
    const pending = [...STEPS].sort((a, b) => a.lane - b.lane);
    while (pending.length > 0) {
      const next = pending.findIndex((step) => (step.needs ?? []).every((name) => order.some((ran) => ran.name === name)));
      order.push(...pending.splice(next, 1));
    }
    await runLane(order, done);
  } else {
    const lanes = [...new Set(STEPS.map((step) => step.lane))];
    await Promise.all(lanes.map((lane) => runLane(STEPS.filter((step) => step.lane === lane), done)));
  }
  const rows = STEPS.map((step) => ({ step: step.name, ...results.get(step.name) }));
  const width = Math.max(...rows.map((row) => row.step.length));
  process.stdout.write(`\n── npm test: ${seconds(Date.now() - started)} s wall${serial ? ' (serial)' : ''} ──\n`);
  for (const row of rows) {
    process.stdout.write(`${row.step.padEnd(width)}  ${row.status.padEnd(7)}  ${seconds(row.ms).padStart(6)} s${row.reason ? `  ${row.reason}` : ''}\n`);
  }
  fs.rmSync(packedDir, { recursive: true, force: true });
  const failed = rows.filter((row) => row.status !== 'passed');
  if (failed.length > 0) {
    process.stdout.write(`\n${failed.length} step(s) did not pass: ${failed.map((row) => row.step).join(', ')}\n`);
    process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
