import * as fs from 'fs';
import * as path from 'path';
import { readAssembly } from './support/jsii-assembly';

/** The public API's documentation rules, checked on the compiled jsii assembly (run `npm run build` first). */
const assemblyFile = path.resolve(__dirname, '..', '.jsii');

test('every struct property is documented, and every optional one states its @default', () => {
  if (!fs.existsSync(assemblyFile)) throw new Error('.jsii is missing: run npm run build first');
  const assembly = readAssembly(assemblyFile);
  const undocumented: string[] = [];
  const withoutDefault: string[] = [];
  let checked = 0;
  for (const type of Object.values(assembly.types ?? {})) {
    if (type.kind !== 'interface' || !type.datatype) continue;
    for (const property of type.properties ?? []) {
      checked++;
      if (!property.docs?.summary) undocumented.push(`${type.name}.${property.name}`);
      if (property.optional && !property.docs?.default) withoutDefault.push(`${type.name}.${property.name}`);
    }
  }
  expect(checked).toBeGreaterThan(200);
  expect({ undocumented, withoutDefault }).toEqual({ undocumented: [], withoutDefault: [] });
});

test('no public struct property is named after a reserved word of a target language', () => {
  const assembly = readAssembly(assemblyFile);
  const reserved = new Set(['namespace', 'default', 'type', 'class', 'import', 'from', 'lambda', 'global', 'object']);
  const offenders = Object.values(assembly.types ?? {})
    .filter((t) => t.kind === 'interface' && t.datatype)
    .flatMap((t) => (t.properties ?? []).filter((p) => reserved.has(p.name)).map((p) => `${t.name}.${p.name}`));
  expect(offenders).toEqual([]);
});
