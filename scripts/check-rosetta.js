#!/usr/bin/env node
// Every example of the jsii assembly (the README, which jsii copies into .jsii, and each @example of the TSDoc)
// compiles under jsii-rosetta in strict mode with rosetta/default.ts-fixture, translates to Python, and the Python
// byte-compiles. Run after build (it reads .jsii, and the examples import the package through build/*.d.ts).
//
// It drives jsii-rosetta's own snippet extraction, fixtures, compiler options and translator in this process, in one
// batch, rendering Python only. `jsii-rosetta extract --strict` does the same for every target language in worker
// threads, but it keeps only the last three jsii assemblies it looked types up in, and the provider assemblies are
// 2 MB to 130 MB of JSON each: as the snippets alternate between cdktf, the Vault, tfe, AWS and azurerm providers, it
// re-reads them again and again and runs for many minutes on two cores. Here each assembly is read once.
//
// Options: --print shows each snippet's Python translation. ROSETTA_DEBUG=1 prints the assembly look-ups.
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const started = Date.now();
const root = path.resolve(__dirname, '..');
const print = process.argv.includes('--print');
process.env.JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION ??= '20';

// jsii-rosetta's package exports only its index; the assembly and snippet loader lives in lib/jsii/.
const rosettaDir = path.dirname(require.resolve('jsii-rosetta/package.json'));
const rosetta = require('jsii-rosetta');
const assemblies = require(path.join(rosettaDir, 'lib', 'jsii', 'assemblies.js'));

// Rosetta looks up the jsii assembly of every type a snippet uses and keeps only the last three in memory; the
// provider assemblies are 2 MB to 130 MB of JSON each, so alternating between them re-reads them again and again.
// Keep each assembly once, by package directory.
const lookups = new Map();
const findLookup = assemblies.findTypeLookupAssembly;
assemblies.findTypeLookupAssembly = (start) => {
  let dir = path.resolve(start);
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  if (!lookups.has(dir)) {
    const t = Date.now();
    lookups.set(dir, findLookup(start));
    if (process.env.ROSETTA_DEBUG) console.error(`lookup ${dir} ${Date.now() - t}ms`);
  }
  return lookups.get(dir);
};

const pkg = require(path.join(root, 'package.json'));
const problems = [];
if (pkg.jsiiRosetta?.strict !== true) problems.push('package.json must set "jsiiRosetta": { "strict": true }');

async function main() {
  const loaded = assemblies.loadAssemblies([path.join(root, '.jsii')], false);
  const snippets = await assemblies.allTypeScriptSnippets(loaded, false);
  const notStrict = snippets.filter((s) => !s.strict);
  for (const s of notStrict) problems.push(`${rosetta.formatLocation(s.location)}: not compiled in strict mode`);

  // Rosetta resolves the examples' imports from the compilation directory: the repository, whose package.json
  // "exports" lets `cdktf-vault-backed-credentials` name itself, and whose node_modules hold the peers.
  const cwd = process.cwd();
  process.chdir(root);
  let translated;
  let diagnostics;
  try {
    const translator = new rosetta.Translator(true);
    translated = translator.translateSnippets(snippets, [rosetta.TargetLanguage.PYTHON]);
    diagnostics = translator.diagnostics;
  } finally {
    process.chdir(cwd);
  }
  for (const d of diagnostics) {
    // eslint-disable-next-line no-control-regex
    if (d.isError) problems.push(d.formattedMessage.replace(/\u001b\[[0-9;]*m/g, '').trim());
  }
  const failedToCompile = translated.filter((t) => !t.snippet.didCompile);
  for (const t of failedToCompile) problems.push(`${rosetta.formatLocation(t.snippet.location)}: did not compile`);

  // Byte-compile every Python translation, each as its own module.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rosetta-python-'));
  let pythonCompiled = 0;
  try {
    const files = [];
    translated.forEach((t, i) => {
      const python = t.get(rosetta.TargetLanguage.PYTHON)?.source;
      const where = rosetta.formatLocation(t.snippet.location);
      if (python === undefined || python.trim() === '') {
        problems.push(`${where}: no Python translation`);
        return;
      }
      if (print) console.log(`--- ${where}\n${python}\n`);
      const file = path.join(dir, `snippet_${i}.py`);
      fs.writeFileSync(file, python);
      files.push([file, where]);
    });
    const checker = [
      'import sys, json',
      'bad = {}',
      'for f in sys.argv[1:]:',
      '    try:',
      '        compile(open(f, encoding="utf-8").read(), f, "exec")',
      '    except SyntaxError as e:',
      '        bad[f] = f"line {e.lineno}: {e.msg}"',
      'print(json.dumps(bad))',
    ].join('\n');
    const bad = JSON.parse(execFileSync('python3', ['-c', checker, ...files.map(([f]) => f)], { encoding: 'utf8' }));
    for (const [file, where] of files) {
      if (bad[file]) problems.push(`${where}: the Python translation does not compile: ${bad[file]}`);
      else pythonCompiled += 1;
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }

  // A ```python block of the README marked <!-- rosetta-python ... --> must be exactly the translation of the nearest
  // ts block above it, so the Python the README shows is the Python rosetta puts into the Python docs.
  const readmeText = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  let pythonBlocksChecked = 0;
  for (const marker of readmeText.matchAll(/<!-- rosetta-python[^>]*-->\s*```python\n([\s\S]*?)```/g)) {
    const before = readmeText.slice(0, marker.index);
    const fences = [...before.matchAll(/^```ts(?: [^\n]*)?$/gm)];
    const fence = fences[fences.length - 1];
    const markerLine = before.split('\n').length;
    const fenceLine = fence ? before.slice(0, fence.index).split('\n').length : -1;
    const source = translated.find((t) => t.snippet.location.field?.field === 'markdown' && t.snippet.location.field.line === fenceLine);
    const expected = source?.get(rosetta.TargetLanguage.PYTHON)?.source;
    if (expected === undefined) {
      problems.push(`README.md line ${markerLine}: no translated ts block above the rosetta-python block`);
    } else if (marker[1].trimEnd() !== expected.trimEnd()) {
      problems.push(
        `README.md line ${markerLine}: the Python block is not the rosetta translation of the ts block at line ${fenceLine}; replace it with:\n${expected.trimEnd()}`,
      );
    } else {
      pythonBlocksChecked += 1;
    }
  }

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const readme = snippets.filter((s) => s.location.field?.field === 'markdown').length;
  if (problems.length > 0) {
    console.error(`rosetta check failed (${seconds}s):`);
    for (const p of problems) console.error(`  ${p}`);
    process.exit(1);
  }
  console.log(
    `rosetta: ${snippets.length} snippets (${readme} Markdown blocks of the README and doc remarks, ${snippets.length - readme} @example), ` +
      `${translated.length - failedToCompile.length} compiled strictly and translated to Python, ${pythonCompiled} Python translations byte-compiled, ${pythonBlocksChecked} README Python block(s) equal to their translation (${seconds}s)`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
