#!/usr/bin/env node
/**
 * `node scripts/corpus-table.js [DIR]`: runs the trust report on every upstream configuration of a corpus directory
 * (default /work/scratch/corpus) and prints a Markdown table: configuration | read | unresolved (and why) | findings.
 *
 * Each subdirectory of DIR is one configuration. The directory the report reads is named in its `.rundir` file
 * (an absolute path, or one relative to the subdirectory); without one, the subdirectory itself is read. A
 * `.runargs` file may hold further arguments (for example a second directory to join, or --var-file).
 *
 * The report is the built one (packages/report/build/cli.js): run `npm run build` first. Exit status: 0 when every
 * configuration was read without a crash and either yields roles or matrix rows or says what it could not read;
 * 1 otherwise (a crash, an unreadable input, or an empty report with nothing unresolved: a silent drop).
 */
const fs = require('node:fs');
const path = require('node:path');

const cliPath = path.join(__dirname, '..', 'packages', 'report', 'build', 'cli.js');
if (!fs.existsSync(cliPath)) {
  process.stderr.write(`${cliPath} is missing; run \`npm run build\` first\n`);
  process.exit(1);
}
const { main } = require(cliPath);

const corpus = path.resolve(process.argv[2] ?? '/work/scratch/corpus');
if (!fs.existsSync(corpus)) {
  process.stderr.write(`${corpus} does not exist; give the directory of upstream configurations\n`);
  process.exit(1);
}

const cell = (text) => String(text).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const shorten = (text, max) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

async function run(name) {
  const dir = path.join(corpus, name);
  const rundirFile = path.join(dir, '.rundir');
  const target = fs.existsSync(rundirFile) ? path.resolve(dir, fs.readFileSync(rundirFile, 'utf8').trim()) : dir;
  const argsFile = path.join(dir, '.runargs');
  const extra = fs.existsSync(argsFile) ? fs.readFileSync(argsFile, 'utf8').trim().split(/\s+/).filter(Boolean) : [];
  let stdout = '';
  let stderr = '';
  let status;
  try {
    status = await main(['explain', target, ...extra, '--format', 'json', '--fail-on', 'none'], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  } catch (error) {
    return { name, ok: false, read: 'CRASH', unresolved: String(error && error.stack ? error.stack.split('\n')[0] : error), findings: '-' };
  }
  if (status !== 0) return { name, ok: false, read: `exit ${status}`, unresolved: stderr.split('\n')[0], findings: '-' };
  const data = JSON.parse(stdout);
  const stacks = data.stacks;
  const roles = stacks.flatMap((s) => s.roles);
  const rows = stacks.flatMap((s) => s.matrix);
  const findings = stacks.flatMap((s) => s.findings);
  const notes = findings.filter((f) => f.rule === 'unresolved');
  const selectors = [...new Set(rows.map((r) => r.selector))];
  const read = `${roles.length} role${roles.length === 1 ? '' : 's'}${roles.length ? ` (${[...new Set(roles.map((r) => r.name))].slice(0, 3).join(', ')}${roles.length > 3 ? ', …' : ''})` : ''}; ${rows.length} matrix row${rows.length === 1 ? '' : 's'}${selectors.length ? ` (${selectors.length} selector${selectors.length === 1 ? '' : 's'})` : ''}`;
  // The notes that say what was not read or not known; assumed defaults are counted, variables without a value
  // are listed by name, the rest shortened.
  const assumed = notes.filter((n) => /^assumed[ :]/.test(n.message));
  const open = notes.filter((n) => !/^assumed[ :]/.test(n.message));
  const missing = open.map((n) => /^var\.(\S+) has no value/.exec(n.message)).filter(Boolean).map((m) => m[1]);
  const other = open.filter((n) => !/^var\.\S+ has no value/.test(n.message));
  const why = [
    ...(missing.length ? [`no value for ${missing.map((v) => `var.${v}`).join(', ')}`] : []),
    ...other.map((n) => shorten(`${n.subject === 'configuration' ? '' : `${n.subject}: `}${n.message}`, 140)),
  ];
  const unresolved = `${open.length} open, ${assumed.length} assumed${why.length ? `: ${why.slice(0, 4).join(' / ')}${why.length > 4 ? ` / (+${why.length - 4} more)` : ''}` : ''}`;
  const counts = stacks.reduce((a, s) => ({ error: a.error + s.counts.error, warning: a.warning + s.counts.warning }), { error: 0, warning: 0 });
  const rules = [...new Set(findings.filter((f) => f.severity !== 'info').map((f) => f.rule))];
  const silent = roles.length === 0 && rows.length === 0 && open.length === 0;
  return {
    name,
    ok: !silent,
    read: silent ? `${read} — SILENT` : read,
    unresolved,
    findings: `${counts.error} error${counts.error === 1 ? '' : 's'}, ${counts.warning} warning${counts.warning === 1 ? '' : 's'}${rules.length ? ` (${rules.join(', ')})` : ''}`,
  };
}

(async () => {
  const names = fs
    .readdirSync(corpus)
    .filter((n) => !n.startsWith('.') && fs.statSync(path.join(corpus, n)).isDirectory())
    .sort();
  const results = [];
  for (const name of names) results.push(await run(name));
  const lines = ['| configuration | read | unresolved (and why) | findings |', '| --- | --- | --- | --- |'];
  for (const r of results) lines.push(`| ${[r.name, r.read, r.unresolved, r.findings].map(cell).join(' | ')} |`);
  const failed = results.filter((r) => !r.ok);
  lines.push('', `${results.length} configurations, ${failed.length} failed or silent${failed.length ? `: ${failed.map((r) => r.name).join(', ')}` : ''}`);
  process.stdout.write(lines.join('\n') + '\n');
  process.exitCode = failed.length === 0 ? 0 : 1;
})();
