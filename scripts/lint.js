#!/usr/bin/env node
// Project lint: rules that keep the library fast and its layering honest. Exits 1 on any finding.
//  1. Provider classes come from submodule paths (@cdktf/provider-X/lib/<resource>), never the package root:
//     a root import of a large provider costs seconds and hundreds of MB in every process that loads it.
//  2. The pure layers (lib/claims, lib/policy, lib/env) import nothing outside lib/ and Node built-ins, so they stay
//     testable without cdktf and usable by the report on any cdk.tf.json.
//  3. No focused or skipped tests (test.only / describe.skip ...) slip into main.
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const scanned = ['lib', 'test', 'examples', 'scripts'];
const pureLayers = ['lib/claims/', 'lib/policy/', 'lib/env/'];

function walk(dir, out) {
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== '__snapshots__') walk(full, out);
    } else if (/\.(ts|js|mjs|cjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      out.push(full);
    }
  }
  return out;
}

function importSpecifiers(source) {
  const specs = [];
  const patterns = [
    /\bimport\s+(?:type\s+)?[^'"]*?from\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bexport\s+[^'"]*?from\s*['"]([^'"]+)['"]/g,
    /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const re of patterns) {
    let m;
    while ((m = re.exec(source)) !== null) {
      const line = source.slice(0, m.index).split('\n').length;
      specs.push({ spec: m[1], line });
    }
  }
  return specs;
}

const findings = [];
for (const file of scanned.flatMap((d) => walk(path.join(root, d), []))) {
  const rel = path.relative(root, file).split(path.sep).join('/');
  if (rel === 'scripts/lint.js') continue;
  const source = fs.readFileSync(file, 'utf8');
  for (const { spec, line } of importSpecifiers(source)) {
    if (/^@cdktf\/provider-[a-z0-9-]+\/?$/.test(spec)) {
      findings.push(`${rel}:${line}: barrel import of "${spec}"; import the resource from "${spec.replace(/\/$/, '')}/lib/<resource>" instead`);
    }
    if (pureLayers.some((p) => rel.startsWith(p))) {
      const isRelative = spec.startsWith('.');
      const isBuiltin = spec.startsWith('node:');
      const target = isRelative ? path.relative(root, path.resolve(path.dirname(file), spec)).split(path.sep).join('/') : '';
      if ((!isRelative && !isBuiltin) || (isRelative && !pureLayers.some((p) => (target + '/').startsWith(p)))) {
        findings.push(`${rel}:${line}: pure layer imports "${spec}"; lib/claims, lib/policy and lib/env may import only each other`);
      }
    }
  }
  if (rel.startsWith('test/')) {
    const focus = /\b(?:test|it|describe)\.(?:only|skip)\s*\(|\b(?:fit|fdescribe|xit|xdescribe|xtest)\s*\(/g;
    let m;
    while ((m = focus.exec(source)) !== null) {
      findings.push(`${rel}:${source.slice(0, m.index).split('\n').length}: focused or skipped test "${m[0]}"`);
    }
  }
}

if (findings.length > 0) {
  console.error(`lint: ${findings.length} finding(s)`);
  for (const f of findings) console.error(`  ${f}`);
  process.exit(1);
}
console.log('lint: no findings');
