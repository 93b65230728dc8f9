#!/usr/bin/env node
// `npm run mutate:constructs`: Stryker over the construct layers (stryker.constructs.config.json), one part at a time.
// The whole scope is about 4,300 mutants and takes hours on two cores; Stryker writes its incremental file only when a
// run ends, so a single interrupted run keeps nothing. Each part here is its own run with its own incremental file
// (reports/stryker-incremental-constructs-<part>.json) and report (reports/mutation/constructs-<part>.json), so every
// finished part is kept and reused by the next run. After each part, the parts' incremental files are joined into
// reports/stryker-incremental-constructs.json (the file this repository commits, which also seeds a part that has no
// file of its own yet) and the score over every finished part is printed from it, with each surviving mutant in
// reports/mutation/constructs-survivors.txt.
//
// Usage: node scripts/mutate-constructs.js [--part=<name>[,<name>]] [--concurrency=<n>] [--retest] [--summary] [--list]
//   --part      run only these parts (default: all, in order); --summary runs nothing and prints the score so far;
//   --retest    before running a part, forget its mutants that were not detected (survived or without coverage), so
//               they are tested again. Stryker's incremental mode reuses a result while the mutant's code and the
//               source of the tests that covered it are unchanged; a refusal row added to a table that one shared
//               `test.each` reads changes data, not that test's source, so the old survivor would be reused unseen;
//   --list      prints each part's files.
// Every file of the configuration's `mutate` is in one part; the script checks that before it runs.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const base = JSON.parse(fs.readFileSync(path.join(root, 'stryker.constructs.config.json'), 'utf8'));
const reports = path.join(root, 'reports');

/**
 * The parts, each small enough to finish in well under an hour on two cores: a file belongs to the first part whose
 * `files` names it or whose `folders` hold it (`topLevel`: the folder's own files, not its subfolders).
 */
const PARTS = [
  { name: 'clouds-hcp', folders: ['lib/hcp-terraform', 'lib/aws', 'lib/gcp', 'lib/azure'] },
  { name: 'vault-auth', files: ['lib/vault/jwt-auth-mount.ts', 'lib/vault/workload-role.ts', 'lib/vault/credential-read-policy.ts', 'lib/vault/secrets-engine-role.ts'] },
  { name: 'vault-aws', files: ['lib/vault/aws-secrets-engine.ts'] },
  { name: 'vault-gcp-azure', files: ['lib/vault/gcp-secrets-engine.ts', 'lib/vault/azure-secrets-engine.ts'] },
  { name: 'private-checks', files: ['tree-checks', 'synth-checks', 'trust-setting-checks', 'identifier-checks', 'engine-checks', 'vault-namespace-checks',
    'grant-overlap', 'vault-reserved-names', 'built-in-roles'].map((name) => `lib/private/${name}.ts`) },
  { name: 'private', folders: ['lib/private'] },
  { name: 'grants', files: ['lib/workspace-grant.ts', 'lib/stack-deployment-grant.ts', 'lib/module-test-grant.ts'] },
  { name: 'facade', folders: ['lib'], topLevel: true },
];

/** The files the configuration mutates: `lib/**\/*.ts` minus its `!` patterns (a file, or a folder with `/**`). */
function configuredFiles() {
  const excluded = base.mutate.filter((p) => p.startsWith('!')).map((p) => p.slice(1));
  const included = base.mutate.filter((p) => !p.startsWith('!'));
  if (included.length !== 1 || included[0] !== 'lib/**/*.ts') throw new Error(`expected mutate to be lib/**/*.ts with exclusions, not ${included.join(', ')}`);
  const all = fs.readdirSync(path.join(root, 'lib'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => `lib/${f.split(path.sep).join('/')}`);
  return all.filter((file) => !excluded.some((pattern) => (pattern.endsWith('/**') ? file.startsWith(pattern.slice(0, -2)) : file === pattern)));
}

function inPart(part, file) {
  if ((part.files ?? []).includes(file)) return true;
  return (part.folders ?? []).some((folder) => (part.topLevel ? path.posix.dirname(file) === folder : file.startsWith(`${folder}/`)));
}

/** The files of a part: those it holds that no earlier part holds. */
function filesOf(part, files) {
  const earlier = PARTS.slice(0, PARTS.indexOf(part));
  return files.filter((file) => inPart(part, file) && !earlier.some((other) => inPart(other, file)));
}

function checkPartition(files) {
  const orphans = files.filter((file) => !PARTS.some((part) => inPart(part, file)));
  if (orphans.length > 0) throw new Error(`mutated files in no part: ${orphans.join(', ')}`);
  const named = PARTS.flatMap((part) => part.files ?? []).filter((file) => !files.includes(file));
  if (named.length > 0) throw new Error(`parts name files the configuration does not mutate: ${named.join(', ')}`);
  for (const part of PARTS) if (filesOf(part, files).length === 0) throw new Error(`part ${part.name} has no file`);
}

const incrementalOf = (name) => path.join(reports, `stryker-incremental-constructs-${name}.json`);
const reportOf = (name) => path.join(reports, 'mutation', `constructs-${name}.json`);

const JOINED = path.join(reports, 'stryker-incremental-constructs.json');

/** Drops the undetected results of a part's files from its incremental file; returns how many were dropped. */
function forgetUndetected(part, files) {
  const file = incrementalOf(part.name);
  if (!fs.existsSync(file)) return 0;
  const incremental = JSON.parse(fs.readFileSync(file, 'utf8'));
  let dropped = 0;
  for (const name of filesOf(part, files)) {
    const entry = incremental.files[name];
    if (entry === undefined) continue;
    const kept = entry.mutants.filter((m) => m.status !== 'Survived' && m.status !== 'NoCoverage');
    dropped += entry.mutants.length - kept.length;
    entry.mutants = kept;
  }
  fs.writeFileSync(file, JSON.stringify(incremental));
  return dropped;
}

function runPart(part, files, concurrency, retest) {
  // A fresh clone has only the joined file this repository commits: it seeds the part's own (Stryker reuses the
  // results of unchanged mutants and tests, and drops those of files outside the part).
  if (!fs.existsSync(incrementalOf(part.name)) && fs.existsSync(JOINED)) fs.copyFileSync(JOINED, incrementalOf(part.name));
  if (retest) console.log(`mutate:constructs: part ${part.name}: ${forgetUndetected(part, files)} undetected mutants will be tested again`);
  const config = {
    ...base,
    mutate: filesOf(part, files),
    concurrency,
    incremental: true,
    incrementalFile: path.relative(root, incrementalOf(part.name)),
    jsonReporter: { fileName: path.relative(root, reportOf(part.name)) },
  };
  const configFile = path.join(root, `stryker.constructs-${part.name}.tmp.json`);
  fs.writeFileSync(configFile, JSON.stringify(config, null, 2));
  const started = Date.now();
  console.log(`mutate:constructs: part ${part.name} (${config.mutate.length} files), concurrency ${concurrency}`);
  try {
    const run = spawnSync('npx', ['stryker', 'run', path.basename(configFile)], { cwd: root, stdio: 'inherit' });
    console.log(`mutate:constructs: part ${part.name} ended with exit ${run.status} after ${((Date.now() - started) / 60000).toFixed(1)} min`);
    return run.status === 0;
  } finally {
    fs.rmSync(configFile, { force: true });
  }
}

/** Joins the parts' incremental files into the one `npm run mutate:constructs` commits. */
function joinIncremental(files) {
  const read = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));
  // Start from the committed file, so parts not run here keep their results; each part's own file replaces its files.
  const sources = [JOINED, ...PARTS.map((part) => incrementalOf(part.name))].filter((file) => fs.existsSync(file));
  if (sources.length === 0) return;
  const joined = read(sources[0]);
  for (const file of sources.slice(1)) {
    const next = read(file);
    const part = PARTS.find((p) => incrementalOf(p.name) === file);
    for (const [name, entry] of Object.entries(next.files)) if (filesOf(part, files).includes(name)) joined.files[name] = entry;
    // Stryker writes its file only when a run ends, and leaves out files it found nothing to mutate in (types only):
    // they are recorded with no mutants, so the part counts as finished.
    for (const name of filesOf(part, files)) {
      if (next.files[name] === undefined) joined.files[name] = { language: 'typescript', mutants: [], source: fs.readFileSync(path.join(root, name), 'utf8') };
    }
    joined.testFiles = { ...joined.testFiles, ...next.testFiles };
  }
  // Reasons can hold whole stack traces; the first line is what a reader needs, and Stryker does not read them.
  for (const entry of Object.values(joined.files)) {
    for (const mutant of entry.mutants) if (mutant.statusReason) mutant.statusReason = mutant.statusReason.split('\n')[0].slice(0, 300);
  }
  fs.writeFileSync(JOINED, JSON.stringify(joined));
}

/**
 * The score over the parts with results in the joined file, as Stryker computes it: detected (killed or timed out)
 * over detected, survived and without coverage. A part counts as finished when every file of it has results.
 */
function summary(files) {
  const counts = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, Ignored: 0, RuntimeError: 0, CompileError: 0 };
  const survivors = [];
  const joined = fs.existsSync(JOINED) ? JSON.parse(fs.readFileSync(JOINED, 'utf8')).files : {};
  const finished = PARTS.filter((part) => filesOf(part, files).every((file) => joined[file] !== undefined)).map((part) => part.name);
  const scored = PARTS.filter((part) => finished.includes(part.name)).flatMap((part) => filesOf(part, files));
  for (const file of scored) {
    const { source, mutants } = joined[file];
    const lines = (source ?? fs.readFileSync(path.join(root, file), 'utf8')).split('\n');
    for (const m of mutants) {
      counts[m.status] = (counts[m.status] ?? 0) + 1;
      if (m.status !== 'Survived' && m.status !== 'NoCoverage') continue;
      const line = m.location.start.line;
      survivors.push(`${m.status === 'NoCoverage' ? 'no coverage' : 'survived'}\t${file}:${line}:${m.location.start.column}\t${m.mutatorName}\t`
        + `${JSON.stringify(m.replacement ?? '').slice(0, 100)}\t${(lines[line - 1] ?? '').trim().slice(0, 140)}`);
    }
  }
  const detected = counts.Killed + counts.Timeout;
  const valid = detected + counts.Survived + counts.NoCoverage;
  fs.mkdirSync(path.join(reports, 'mutation'), { recursive: true });
  fs.writeFileSync(path.join(reports, 'mutation', 'constructs-survivors.txt'), `${survivors.join('\n')}\n`);
  const score = valid === 0 ? 0 : (100 * detected) / valid;
  console.log(`mutate:constructs: parts finished: ${finished.join(', ') || 'none'} of ${PARTS.map((p) => p.name).join(', ')}`);
  console.log(`  ${valid} mutants scored: ${counts.Killed} killed, ${counts.Timeout} timed out, ${counts.Survived} survived, ${counts.NoCoverage} without coverage; `
    + `score ${score.toFixed(2)} % (target 85 %); not scored: ${counts.Ignored} static (ignoreStatic), ${counts.RuntimeError + counts.CompileError} errors`);
  console.log(`  survivors listed in ${path.relative(root, path.join(reports, 'mutation', 'constructs-survivors.txt'))}`);
}

function main() {
  const args = process.argv.slice(2);
  const option = (name) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const files = configuredFiles();
  checkPartition(files);
  if (args.includes('--list')) {
    for (const part of PARTS) console.log(`${part.name}: ${filesOf(part, files).join(', ')}`);
    return;
  }
  if (!args.includes('--summary')) {
    const wanted = option('part')?.split(',') ?? PARTS.map((p) => p.name);
    const unknown = wanted.filter((name) => !PARTS.some((p) => p.name === name));
    if (unknown.length > 0) throw new Error(`unknown part ${unknown.join(', ')}; parts: ${PARTS.map((p) => p.name).join(', ')}`);
    const concurrency = Number(option('concurrency') ?? base.concurrency ?? 1);
    for (const part of PARTS.filter((p) => wanted.includes(p.name))) {
      const ok = runPart(part, files, concurrency, args.includes('--retest'));
      joinIncremental(files);
      if (!ok) process.exitCode = 1;
    }
  }
  joinIncremental(files);
  summary(files);
}

main();
