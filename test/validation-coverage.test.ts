import * as fs from 'fs';
import * as path from 'path';
import { readAssembly } from './support/jsii-assembly';
import { declaresTestTitle } from './support/test-titles';
import { Coverage, TestCoverage, VALIDATION_COVERAGE } from './validation-coverage';

/**
 * "Every public prop is covered by at least one validation test or documented as free-form, with a reason." The
 * public props are the properties of the jsii structs in the compiled assembly; validation-coverage.ts maps each one
 * to a test (`file › title`) or a free-form reason, and this test keeps that catalogue complete and true.
 */
const root = path.resolve(__dirname, '..');
const entries = Object.entries(VALIDATION_COVERAGE);
const SEPARATOR = ' › ';

/** `Struct.property` for every property of every datatype interface of the assembly, sorted. */
function structProperties(): string[] {
  const assemblyFile = path.join(root, '.jsii');
  if (!fs.existsSync(assemblyFile)) {
    throw new Error(`${assemblyFile} does not exist: run npm run build first`);
  }
  const assembly = readAssembly(assemblyFile);
  const out: string[] = [];
  for (const type of Object.values(assembly.types ?? {})) {
    if (type.kind !== 'interface' || !type.datatype) continue;
    for (const property of type.properties ?? []) out.push(`${type.name}.${property.name}`);
  }
  return out.sort();
}

function isTest(coverage: Coverage): coverage is TestCoverage {
  return 'test' in coverage;
}

describe('validation coverage catalogue (test/validation-coverage.ts)', () => {
  test('names every property of every jsii struct, and nothing else', () => {
    const properties = structProperties();
    expect(properties.length).toBeGreaterThan(200);
    const catalogued = new Set(entries.map(([key]) => key));
    const missing = properties.filter((p) => !catalogued.has(p));
    const stale = [...catalogued].filter((key) => !properties.includes(key)).sort();
    const problems = [
      ...(missing.length > 0
        ? [`${missing.length} struct propert${missing.length === 1 ? 'y is' : 'ies are'} missing from the catalogue; give each a { test } or { freeForm } entry:\n  ${missing.join('\n  ')}`]
        : []),
      ...(stale.length > 0
        ? [`${stale.length} catalogue entr${stale.length === 1 ? 'y names a property' : 'ies name properties'} that no longer exist${stale.length === 1 ? 's' : ''} in .jsii; remove or rename:\n  ${stale.join('\n  ')}`]
        : []),
    ];
    if (problems.length > 0) throw new Error(problems.join('\n'));
  });

  test('every entry is exactly one of { test } or { freeForm }', () => {
    const malformed = entries
      .filter(([, coverage]) => ('test' in coverage) === ('freeForm' in coverage) || Object.keys(coverage).some((k) => !['test', 'note', 'freeForm'].includes(k)))
      .map(([key]) => key);
    expect(malformed).toEqual([]);
  });

  const references = entries.filter((e): e is [string, TestCoverage] => isTest(e[1]));
  test.each(references.map(([key, coverage]) => [key, coverage.test]))('%s is tested by %s', (_key, reference) => {
    const at = reference.indexOf(SEPARATOR);
    expect({ reference, hasFileAndTitle: at > 0 }).toEqual({ reference, hasFileAndTitle: true });
    const file = reference.slice(0, at);
    const title = reference.slice(at + SEPARATOR.length);
    expect({ file, runByJest: /^test\/.+\.test\.ts$/.test(file) }).toEqual({ file, runByJest: true });
    const full = path.join(root, file);
    expect({ file, exists: fs.existsSync(full) }).toEqual({ file, exists: true });
    const declared = declaresTestTitle(file, fs.readFileSync(full, 'utf8'), title);
    expect({ file, title, declared }).toEqual({ file, title, declared: true });
  });

  const reasons = entries.flatMap(([key, coverage]): Array<[string, string]> =>
    isTest(coverage) ? (coverage.note !== undefined ? [[key, coverage.note]] : []) : [[key, coverage.freeForm]],
  );
  test.each(reasons)('the reason given for %s is a sentence', (key, reason) => {
    const words = reason.trim().split(/\s+/);
    const problems = [
      reason.trim().length < 20 ? 'shorter than 20 characters' : undefined,
      words.length < 5 ? 'fewer than five words' : undefined,
      /^[A-Z]/.test(reason.trim()) ? undefined : 'does not start with a capital letter',
      /\.$/.test(reason.trim()) ? undefined : 'does not end with a full stop',
      /\b(TODO|TBD|FIXME|XXX)\b/.test(reason) ? 'is a placeholder' : undefined,
    ].filter((p): p is string => p !== undefined);
    expect({ key, reason, problems }).toEqual({ key, reason, problems: [] });
  });

  test('the catalogue is mostly tests: free-form entries are the exception', () => {
    const tested = entries.filter(([, coverage]) => isTest(coverage)).length;
    expect(tested).toBeGreaterThan(entries.length - tested);
  });
});

describe('declaresTestTitle', () => {
  const source = [
    "test('a plain title', () => {});",
    'it.concurrent("another title", async () => {});',
    "test.each([['first row', 1], ['second row', 2]])('%s', () => {});",
    "const TAGS = [['a reserved tag'], ['a tag with a dash']] as const;",
    "test.each(TAGS)('refuses %s', () => {});",
    "test.each([[computed(), 'x']])('computed %s', () => {});",
    "const other = 'an unrelated string that mentions a plain title';",
    "// test('a commented-out title', () => {});",
  ].join('\n');

  test.each([
    ['a plain title', true],
    ['another title', true],
    ['first row', true],
    ['second row', true],
    ['refuses a reserved tag', true],
    ['refuses a tag with a dash', true],
    ['refuses a tag', false],
    ['plain title', false],
    ['an unrelated string that mentions a plain title', false],
    ['1', false],
    ['a commented-out title', false],
    ['computed x', false],
  ])('%s: %s', (title, expected) => {
    expect(declaresTestTitle('example.test.ts', source, title as string)).toBe(expected);
  });
});
