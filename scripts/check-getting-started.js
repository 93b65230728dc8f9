#!/usr/bin/env node
// Runs the README's getting-started commands literally, in an empty temporary directory, from the packed tarball:
// the block after <!-- getting-started-install ... -->, then the minimal example saved as main.ts, then the block
// after <!-- getting-started-synth ... -->. Each block runs as written under `sh -e`; the only stand-in is `npm`
// itself, a shell function:
//
// - by default (npm test) it installs offline and in a second or two, the way check-install.js does: the package
//   from the tarball of `npm pack`, every other package linked from this repository's node_modules, each at exactly
//   the version the README pins (a pin that differs from the tested version fails the check). Linking keeps the test
//   independent of the network and of what the npm cache happens to hold (a fresh CI cache holds nothing, so
//   `npm install --offline` would fail there).
// - with --online it is the real npm, against the registry, and only the package name (not published) is replaced by
//   the tarball's path: what a new user does, and the measure of the time from an empty directory to the first synth.
//
// The synth must write cdktf.out/stacks/<stack>/cdk.tf.json with zero warnings, and the report must read it.
// Run after build.
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { packedLibrary } = require('./packed-library');

const root = path.resolve(__dirname, '..');
const pkg = require(path.join(root, 'package.json'));
const online = process.argv.includes('--online');

/** The sh script of the fenced block that follows the HTML comment `<!-- marker ... -->`. */
function block(readme, marker) {
  const match = new RegExp(`<!-- ${marker}[^>]*-->\\s*\`\`\`(sh|ts)(?: [^\\n]*)?\\n([\\s\\S]*?)\`\`\``).exec(readme);
  if (!match) throw new Error(`README.md has no block marked <!-- ${marker} ... --> followed by a fenced block`);
  return match[2];
}

/**
 * The offline stand-in for `npm install [--save-dev] <spec>...`: what npm would leave in node_modules, in
 * package.json and in node_modules/.bin, with the package from the tarball and the rest linked from this repository.
 */
function offlineInstall(args, tarball) {
  const [command, ...rest] = args;
  if (command !== 'install' && command !== 'i') throw new Error(`the getting-started commands run "npm ${args.join(' ')}", which this check cannot stand in for`);
  const dev = rest.includes('--save-dev') || rest.includes('-D');
  const specs = rest.filter((a) => !a.startsWith('-'));
  const unknownFlags = rest.filter((a) => a.startsWith('-') && a !== '--save-dev' && a !== '-D');
  if (unknownFlags.length > 0) throw new Error(`npm install flags ${unknownFlags.join(' ')} are not understood by this check`);
  const app = process.cwd();
  const manifestFile = path.join(app, 'package.json');
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  const section = dev ? 'devDependencies' : 'dependencies';
  manifest[section] = manifest[section] ?? {};
  for (const spec of specs) {
    const at = spec.lastIndexOf('@');
    const name = at > 0 ? spec.slice(0, at) : spec;
    const version = at > 0 ? spec.slice(at + 1) : undefined;
    const target = path.join(app, 'node_modules', name);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    let installedDir;
    if (name === pkg.name) {
      if (version !== undefined) throw new Error(`the README pins ${spec}; install the package unpinned, as users of the latest release do`);
      fs.mkdirSync(target, { recursive: true });
      execFileSync('tar', ['-xzf', tarball, '-C', target, '--strip-components', '1']);
      installedDir = target;
      manifest[section][name] = `^${pkg.version}`;
    } else {
      const source = path.join(root, 'node_modules', name);
      if (!fs.existsSync(path.join(source, 'package.json'))) throw new Error(`the README installs ${name}, which this repository does not have in node_modules; add it to devDependencies`);
      const tested = JSON.parse(fs.readFileSync(path.join(source, 'package.json'), 'utf8')).version;
      if (version === undefined) throw new Error(`the README installs ${name} without a version; pin the tested one: ${name}@${tested}`);
      if (version !== tested) throw new Error(`the README pins ${spec}, but this repository tests ${name}@${tested}`);
      fs.rmSync(target, { recursive: true, force: true });
      fs.symlinkSync(source, target, 'dir');
      installedDir = source;
      manifest[section][name] = `^${version}`;
    }
    // node_modules/.bin, as npm links it: what `npx <bin>` runs without asking the registry.
    const bins = JSON.parse(fs.readFileSync(path.join(installedDir, 'package.json'), 'utf8')).bin ?? {};
    const entries = typeof bins === 'string' ? { [name.split('/').pop()]: bins } : bins;
    const binDir = path.join(app, 'node_modules', '.bin');
    fs.mkdirSync(binDir, { recursive: true });
    for (const [bin, file] of Object.entries(entries)) {
      const link = path.join(binDir, bin);
      fs.rmSync(link, { force: true });
      fs.symlinkSync(path.relative(binDir, path.join(target, file)), link);
      fs.chmodSync(path.join(target, file), 0o755);
    }
  }
  fs.writeFileSync(manifestFile, JSON.stringify(manifest, null, 2) + '\n');
}

if (process.argv[2] === '--npm-stand-in') {
  // Called by the `npm` shell function of the offline run: argv[3] is the tarball, the rest npm's arguments.
  try {
    offlineInstall(process.argv.slice(4), process.argv[3]);
  } catch (error) {
    console.error(`npm stand-in: ${error.message}`);
    process.exit(1);
  }
  process.exit(0);
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'vbdc-getting-started-'));
const problems = [];
const timings = [];
try {
  const { tarball } = packedLibrary(work);
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const install = block(readme, 'getting-started-install');
  const mainTs = block(readme, 'minimal-example');
  const synth = block(readme, 'getting-started-synth');
  const empty = path.join(work, 'user');
  fs.mkdirSync(empty);
  const q = (s) => `'${s.replace(/'/g, `'\\''`)}'`;
  const npmFunction = online
    ? // The real npm; the unpublished package name becomes the tarball.
      `npm() { set -- $(for a in "$@"; do if [ "$a" = ${q(pkg.name)} ]; then printf '%s\\n' ${q(tarball)}; else printf '%s\\n' "$a"; fi; done); command npm --no-audit --no-fund "$@"; }`
    : `npm() { ${q(process.execPath)} ${q(path.join(root, 'scripts', 'check-getting-started.js'))} --npm-stand-in ${q(tarball)} "$@"; }`;
  // Offline, npx must find everything in node_modules/.bin and never ask the registry.
  const env = { ...process.env, CHECKPOINT_DISABLE: '1', ...(online ? {} : { npm_config_offline: 'true' }) };
  delete env.CDKTF_OUTDIR;
  const run = (label, script, cwd) => {
    const started = Date.now();
    try {
      const out = execFileSync('sh', ['-ec', `${npmFunction}\n${script}`], { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      timings.push([label, (Date.now() - started) / 1000]);
      return out;
    } catch (error) {
      throw new Error(`the README's ${label} commands failed (exit ${error.status}):\n${String(error.stderr || error.stdout || error.message).trim()}`, { cause: error });
    }
  };
  const started = Date.now();
  const app = run('getting-started-install', `${install}\npwd`, empty).trim().split('\n').pop();
  fs.writeFileSync(path.join(app, 'main.ts'), mainTs);
  const synthOut = run('getting-started-synth', synth, app);
  const firstSynth = (Date.now() - started) / 1000;

  const outdir = path.join(app, 'cdktf.out');
  const manifestFile = path.join(outdir, 'manifest.json');
  if (!fs.existsSync(manifestFile)) {
    problems.push('the getting-started commands wrote no cdktf.out/manifest.json');
  } else {
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
    const stacks = Object.values(manifest.stacks);
    if (stacks.length !== 1) problems.push(`expected one synthesized stack, found ${stacks.length}`);
    for (const stack of stacks) {
      for (const a of stack.annotations ?? []) problems.push(`getting started: ${a.level} at ${a.constructPath}: ${a.message}`);
      const config = JSON.parse(fs.readFileSync(path.join(outdir, stack.synthesizedStackPath), 'utf8'));
      const roles = Object.keys(config.resource?.vault_jwt_auth_backend_role ?? {});
      if (roles.length !== 2) problems.push(`getting started: expected a plan and an apply role, found ${roles.length}`);
    }
  }
  if (!/aws\/sts\/network-read-only/.test(synthOut)) problems.push(`the report printed by the getting-started commands does not name aws/sts/network-read-only:\n${synthOut}`);
  if (problems.length === 0) {
    const steps = timings.map(([label, s]) => `${label} ${s.toFixed(1)}s`).join(', ');
    console.log(
      `getting-started check (${online ? 'registry install' : 'offline: tarball, peers linked'}): the README's commands took an empty directory to a synthesized stack with 0 warnings and a trust report in ${firstSynth.toFixed(1)}s (${steps})`,
    );
  }
} catch (error) {
  problems.push(error.message);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}

if (problems.length > 0) {
  console.error('getting-started check failed:');
  for (const p of problems) console.error(`  ${p}`);
  process.exit(1);
}
