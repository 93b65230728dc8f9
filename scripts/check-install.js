#!/usr/bin/env node
// Installs the packed package the way a user does and runs the README's minimal example from it. Offline: the
// tarball comes from `npm pack`, and the peers (cdktf, constructs, the Vault and tfe providers) are linked from this
// repository's node_modules, as npm would place them. The example must synthesize with zero warnings and no errors,
// and the package's entry points (".", "./report", "./testing", the bin) must resolve through its exports map.
// Run after build.
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { packedLibrary } = require('./packed-library');
const ts = require('typescript');

const root = path.resolve(__dirname, '..');
const pkg = require(path.join(root, 'package.json'));
const started = Date.now();
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'vbdc-install-'));
const problems = [];
let linksChecked;
let shippedCount;

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeated headings numbered. */
function anchorsOf(markdown) {
  const seen = new Map();
  const anchors = new Set();
  const withoutCode = markdown.replace(/^```[\s\S]*?^```/gm, '');
  for (const [, text] of withoutCode.matchAll(/^#{1,6} +(.+?) *#*$/gm)) {
    const base = text.toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/ /g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

function checkMarkdownLinks(packageDir, found) {
  const files = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      // Bundled dependencies bring their own documents; their links are their authors' business.
      if (entry.isDirectory() && entry.name !== 'node_modules') walk(full);
      else if (entry.name.endsWith('.md')) files.push(full);
    }
  };
  walk(packageDir);
  let count = 0;
  for (const file of files) {
    const name = path.relative(packageDir, file);
    const markdown = fs.readFileSync(file, 'utf8');
    const prose = markdown.replace(/^```[\s\S]*?^```/gm, (block) => block.replace(/[^\n]/g, ' '));
    const targets = [
      ...[...prose.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1]),
      ...[...prose.matchAll(/^\[[^\]]+\]:\s*(\S+)/gm)].map((m) => m[1]),
    ];
    for (const target of targets) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:
      count += 1;
      const [rel, anchor] = target.split('#');
      const resolved = rel === '' ? file : path.resolve(path.dirname(file), decodeURIComponent(rel));
      if (!resolved.startsWith(packageDir + path.sep) || !fs.existsSync(resolved)) {
        found.push(`${name} links to ${target}, which is not in the package`);
      } else if (anchor !== undefined && resolved.endsWith('.md') && !anchorsOf(fs.readFileSync(resolved, 'utf8')).has(anchor)) {
        found.push(`${name} links to ${target}, but ${path.relative(packageDir, resolved)} has no heading for #${anchor}`);
      }
    }
    for (const [, mentioned] of prose.matchAll(/`((?:examples|docs)\/[\w./-]+\.(?:ts|md))`/g)) {
      count += 1;
      if (!fs.existsSync(path.join(packageDir, mentioned))) found.push(`${name} mentions ${mentioned}, which is not in the package`);
    }
  }
  return count;
}

try {
  // 1. Pack, and unpack into node_modules/<name> of a fresh app, exactly what npm would extract.
  const { tarball } = packedLibrary(work);
  const app = path.join(work, 'app');
  const installed = path.join(app, 'node_modules', pkg.name);
  fs.mkdirSync(installed, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', installed, '--strip-components', '1']);

  // 2. Peers a user installs beside it (the cloud providers are optional and the example does not need them).
  const peers = ['cdktf', 'constructs', '@cdktf/provider-vault', '@cdktf/provider-tfe'];
  for (const peer of peers) {
    const target = path.join(app, 'node_modules', peer);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.symlinkSync(path.join(root, 'node_modules', peer), target, 'dir');
  }
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'user-app', private: true, dependencies: { [pkg.name]: pkg.version } }));

  // 3. The README's minimal example, compiled as a user's TypeScript would be (type-checked against the installed
  //    declarations, not the repository's sources).
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const match = /<!-- minimal-example[^>]*-->\s*```ts(?: [^\n]*)?\n([\s\S]*?)```/.exec(readme);
  if (!match) throw new Error('README.md has no block marked <!-- minimal-example ... --> followed by a ```ts block');
  const mainTs = path.join(app, 'main.ts');
  fs.writeFileSync(mainTs, match[1]);
  const options = {
    target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node16,
    strict: true, skipLibCheck: true, outDir: app, rootDir: app, types: [],
  };
  options.module = ts.ModuleKind.Node16;
  const program = ts.createProgram([mainTs], options);
  const diagnostics = ts.getPreEmitDiagnostics(program).concat(program.emit().diagnostics);
  for (const d of diagnostics) problems.push(`README minimal example does not compile: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);

  // 4. Run it with the app's own module resolution; cdktf writes the manifest with every annotation.
  if (problems.length === 0) {
    const outdir = path.join(app, 'cdktf.out');
    execFileSync(process.execPath, [path.join(app, 'main.js')], { cwd: app, env: { ...process.env, CDKTF_OUTDIR: outdir }, stdio: ['ignore', 'pipe', 'pipe'] });
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
    const stacks = Object.values(manifest.stacks);
    if (stacks.length !== 1) problems.push(`expected one synthesized stack, found ${stacks.length}`);
    for (const stack of stacks) {
      for (const annotation of stack.annotations ?? []) {
        problems.push(`README minimal example: ${annotation.level} at ${annotation.constructPath}: ${annotation.message}`);
      }
      const config = JSON.parse(fs.readFileSync(path.join(outdir, stack.synthesizedStackPath), 'utf8'));
      const roles = Object.keys(config.resource?.vault_jwt_auth_backend_role ?? {});
      if (roles.length !== 2) problems.push(`README minimal example: expected a plan and an apply role, found ${roles.length}`);
    }
    // The bundled trust report answers through the package's own bin, with nothing else installed.
    for (const [bin, file] of Object.entries(pkg.bin ?? {})) {
      try {
        const out = execFileSync(process.execPath, [path.join(installed, file), 'explain', outdir, '--format', 'json'], { cwd: app, encoding: 'utf8' });
        const parsed = JSON.parse(out);
        if (parsed.counts.error !== 0) problems.push(`${bin} explain found ${parsed.counts.error} errors in the README minimal example`);
        if (parsed.stacks.length !== 1) problems.push(`${bin} explain read ${parsed.stacks.length} stacks, expected 1`);
        if (parsed.stacks.some((s) => s.matrix.length === 0)) problems.push(`${bin} explain found no grant in the README minimal example`);
      } catch (error) {
        problems.push(`${bin} explain on the README minimal example failed: ${String(error.message).split('\n')[0]}`);
      }
    }
  }

  // 4b. The shipped examples, copied into the app as a user would, compile against the installed package (they
  //     import it by name) and its peers, the optional cloud providers included.
  //     main.ts runs itself when executed directly (require.main), so it needs Node's types, as any Node app.
  for (const peer of ['@cdktf/provider-aws', '@cdktf/provider-google', '@cdktf/provider-azurerm', '@types/node']) {
    fs.mkdirSync(path.dirname(path.join(app, 'node_modules', peer)), { recursive: true });
    fs.symlinkSync(path.join(root, 'node_modules', peer), path.join(app, 'node_modules', peer), 'dir');
  }
  const examplesDir = path.join(app, 'examples');
  fs.mkdirSync(examplesDir);
  const shippedExamples = fs.readdirSync(path.join(installed, 'examples')).filter((f) => f.endsWith('.ts'));
  shippedCount = shippedExamples.length;
  for (const file of shippedExamples) fs.copyFileSync(path.join(installed, 'examples', file), path.join(examplesDir, file));
  const examplesProgram = ts.createProgram(shippedExamples.map((f) => path.join(examplesDir, f)), { ...options, noEmit: true, outDir: undefined, rootDir: undefined, types: ['node'] });
  for (const d of ts.getPreEmitDiagnostics(examplesProgram)) {
    const where = d.file ? `${path.relative(app, d.file.fileName)}: ` : '';
    problems.push(`shipped example does not compile against the installed package: ${where}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
  }

  // 5. Entry points through the exports map, resolved from the app (what `import ... from 'pkg/testing'` reaches).
  const resolveFromApp = (spec) => require.resolve(spec, { paths: [app] });
  for (const [spec, exportName] of [[pkg.name, 'VaultBackedDynamicCredentials'], [`${pkg.name}/report`, 'explain'], [`${pkg.name}/testing`, 'expectRunCanRead']]) {
    try {
      const loaded = require(resolveFromApp(spec));
      if (typeof loaded[exportName] !== 'function') problems.push(`${spec} does not export ${exportName}`);
    } catch (error) {
      problems.push(`${spec} does not resolve from an installed app: ${error.message.split('\n')[0]}`);
    }
  }
  try {
    resolveFromApp(`${pkg.name}/build/vault-backed-dynamic-credentials`);
    problems.push(`${pkg.name}/build/... deep imports still resolve; the exports map should hide internals`);
  } catch {
    // expected: internals are not reachable
  }
  for (const [bin, file] of Object.entries(pkg.bin ?? {})) {
    if (!fs.existsSync(path.join(installed, file))) problems.push(`bin ${bin} (${file}) is missing from the package`);
  }

  // 6. Nothing referenced that a user cannot open: every relative link of the Markdown files in the package names a
  //    file of the package, every #anchor a heading of its target, and every `examples/...` or `docs/...` path
  //    mentioned in code is shipped too.
  linksChecked = checkMarkdownLinks(installed, problems);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}

if (problems.length > 0) {
  console.error('install check failed:');
  for (const p of problems) console.error(`  ${p}`);
  process.exit(1);
}
console.log(`install check: packed tarball installed into a fresh app, README minimal example synthesized with 0 warnings, ${shippedCount} shipped examples compile against it, 3 entry points resolve, ${linksChecked} relative links and paths of the shipped Markdown resolve inside the package (${((Date.now() - started) / 1000).toFixed(1)}s)`);
