/**
 * The report package must run on any Terraform configuration without cdktf or the provider packages: its sources
 * (the report and the claims, policy and env models under it) import only each other and Node built-ins. Type-only imports of a types-only
 * package (`import type * as Sarif from 'sarif'`, from @types/sarif) are erased at compile time and allowed.
 */
import * as fs from 'fs';
import * as path from 'path';

const SRC = path.resolve(__dirname, '..', 'src');
const ROOT = path.resolve(__dirname, '..', '..', '..');
/**
 * The one package exception: the HCL reader loads `@cdktf/hcl2json` (the package's one dependency) when, and only
 * when, a `.tf` file is read. Reading cdk.tf.json still needs no package.
 */
const PACKAGE_EXCEPTIONS: Record<string, string[]> = { [path.join(SRC, 'hcl.ts')]: ['@cdktf/hcl2json'] };

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return files(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

/** Specifiers of `import type ... from 'x'` where x has a types-only package under @types: erased, no runtime import. */
function typeOnlyPackages(source: string): Set<string> {
  const found = new Set<string>();
  for (const m of source.matchAll(/\bimport\s+type\b[^'"`;]*?\bfrom\s*['"]([^'"./][^'"]*)['"]/g)) {
    if (fs.existsSync(path.join(ROOT, 'node_modules', '@types', m[1], 'package.json'))) found.add(m[1]);
  }
  return found;
}

/** Module specifiers of import/export/require statements, comments removed first. */
function specifiers(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
  const found: string[] = [];
  for (const re of [/\b(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*['"]([^'"]+)['"]/g, /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g]) {
    let m: RegExpExecArray | null;
    while ((m = re.exec(code)) !== null) found.push(m[1]);
  }
  return found;
}

test('the report package imports only itself and node: built-ins', () => {
  const offending: string[] = [];
  const sources = files(SRC);
  expect(sources.length).toBeGreaterThan(10);
  for (const file of sources) {
    const source = fs.readFileSync(file, 'utf8');
    const typesOnly = typeOnlyPackages(source);
    for (const spec of specifiers(source)) {
      const ok =
        spec.startsWith('node:') ||
        typesOnly.has(spec) ||
        (PACKAGE_EXCEPTIONS[file] ?? []).includes(spec) ||
        (spec.startsWith('.') && path.resolve(path.dirname(file), spec).startsWith(SRC + path.sep));
      if (!ok) offending.push(`${path.relative(SRC, file)}: ${spec}`);
    }
  }
  expect(offending).toEqual([]);
});

test('a type-only import is allowed only from a types-only package, and a value import of it is not', () => {
  expect([...typeOnlyPackages("import type * as Sarif from 'sarif';\nimport type { App } from 'cdktf';")]).toEqual(['sarif']);
  expect([...typeOnlyPackages("import * as Sarif from 'sarif';")]).toEqual([]);
});

test('only the HCL reader loads @cdktf/hcl2json, and only inside the function that reads .tf files', () => {
  const source = fs.readFileSync(path.join(SRC, 'hcl.ts'), 'utf8');
  expect(source).not.toMatch(/^import .*hcl2json/m);
  for (const file of files(SRC).filter((f) => !f.endsWith('hcl.ts'))) {
    expect(specifiers(fs.readFileSync(file, 'utf8'))).not.toContain('@cdktf/hcl2json');
  }
});

test('the check notices a forbidden import', () => {
  expect(specifiers("// import { x } from 'cdktf';\nimport { App } from 'cdktf';\nconst y = require('fs');")).toEqual(['cdktf', 'fs']);
});
