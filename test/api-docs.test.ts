import * as fs from 'fs';
import * as path from 'path';

/** The public API's documentation rules, checked on the compiled jsii assembly (run `npm run build` first). */
const assemblyFile = path.resolve(__dirname, '..', '.jsii');

test('every struct property is documented, and every optional one states its @default', () => {
  if (!fs.existsSync(assemblyFile)) throw new Error('.jsii is missing: run npm run build first');
  const assembly = JSON.parse(fs.readFileSync(assemblyFile, 'utf8'));
  const undocumented: string[] = [];
  const withoutDefault: string[] = [];
  let checked = 0;
  for (const type of Object.values<any>(assembly.types)) {
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
  const assembly = JSON.parse(fs.readFileSync(assemblyFile, 'utf8'));
  const reserved = new Set(['namespace', 'default', 'type', 'class', 'import', 'from', 'lambda', 'global', 'object']);
  const offenders = Object.values<any>(assembly.types)
    .filter((t) => t.kind === 'interface' && t.datatype)
    .flatMap((t) => (t.properties ?? []).filter((p: any) => reserved.has(p.name)).map((p: any) => `${t.name}.${p.name}`));
  expect(offenders).toEqual([]);
});
