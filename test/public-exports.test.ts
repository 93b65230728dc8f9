import * as fs from 'fs';
import * as path from 'path';
import * as lib from '../lib';

// lib/index.ts names the public API one by one: exactly the types of the jsii assembly, so no helper, constant or
// internal module reaches TypeScript users by accident (jsii would drop them for the other languages anyway).
const root = path.resolve(__dirname, '..');
const assembly = JSON.parse(fs.readFileSync(path.join(root, '.jsii'), 'utf8'));
const jsiiTypes = Object.values<{ name: string; kind: string }>(assembly.types);
const index = fs.readFileSync(path.join(root, 'lib', 'index.ts'), 'utf8');

test('lib/index.ts has no export * and names exactly the jsii types', () => {
  expect(index).not.toMatch(/export \*/);
  const named = [...index.matchAll(/export (?:type )?\{([^}]*)\} from/g)].flatMap((m) => m[1].split(',').map((n) => n.trim()).filter(Boolean));
  expect(named.length).toBe(new Set(named).size);
  expect([...named].sort()).toEqual(jsiiTypes.map((t) => t.name).sort());
});

test('at run time the entry point holds exactly the classes and enums of the assembly', () => {
  const runtime = Object.keys(lib).sort();
  expect(runtime).toEqual(jsiiTypes.filter((t) => t.kind !== 'interface').map((t) => t.name).sort());
  for (const internal of ['DEFAULT_AZURE_SLEEP_SECONDS', 'toEnvironmentVariables', 'logicalName', 'WORKSPACE_RUN_USER_CLAIMS']) {
    expect(runtime).not.toContain(internal);
  }
});
