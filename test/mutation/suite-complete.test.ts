import * as fs from 'fs';
import * as path from 'path';

/**
 * `npm run mutate:constructs` runs the construct tests through one file, test/mutation/construct-suite.mutation.ts,
 * which lists them by hand (jest finds the tests related to a mutated file through literal requires). A test file
 * added to a construct folder and missing from that list would silently go unused by mutation testing; this test,
 * part of `npm test`, fails instead. The suite file is read as text: loading it would register every listed test.
 */
const root = path.resolve(__dirname, '..', '..');
const suiteFile = path.join(__dirname, 'construct-suite.mutation.ts');
const text = fs.readFileSync(suiteFile, 'utf8');

/** Folders whose every test file tests constructs. */
const CONSTRUCT_FOLDERS = ['test/constructs', 'test/clouds', 'test/consumer'];

const listed = [...text.matchAll(/^suite\('([^']+)', \(\) => \{ require\('([^']+)'\); \}\);$/gm)];
const leftOut = new Set([...text.slice(text.indexOf('export const LEFT_OUT')).matchAll(/^ {2}'([^']+)':/gm)].map((m) => m[1]));

test('the suite lists test files and leaves some out, each with a reason', () => {
  expect(listed.length).toBeGreaterThan(40);
  expect([...leftOut]).toContain('test/clouds/optional-peers.test.ts');
});

test('every test file of the construct folders is in the mutation suite or left out with a reason', () => {
  const names = new Set(listed.map((m) => m[1]));
  const onDisk = CONSTRUCT_FOLDERS.flatMap((folder) =>
    fs
      .readdirSync(path.join(root, folder), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => `${folder}/${f}`),
  );
  expect(onDisk.filter((file) => !names.has(file) && !leftOut.has(file))).toEqual([]);
});

test('each listed file exists, is required under its own name, and is not also left out', () => {
  for (const [, file, required] of listed) {
    expect({ file, exists: fs.existsSync(path.join(root, file)) }).toEqual({ file, exists: true });
    expect({ file, required: path.join(path.dirname(suiteFile), `${required}.ts`) }).toEqual({ file, required: path.join(root, file) });
    expect({ file, leftOut: leftOut.has(file) }).toEqual({ file, leftOut: false });
  }
});
