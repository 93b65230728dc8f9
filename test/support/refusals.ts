import * as path from 'path';
import { TerraformStack } from 'cdktf';
import { structProperties } from './jsii-assembly';
import { synthError } from './synth';
import { VALIDATED_IN } from './validated-props';

/**
 * One row of a construct's refusal table: a title, a stack that must not synthesize, the construct path the message
 * must name, what the message must say (the offending value and the fix), and the public props (`Struct.prop` as in
 * `.jsii`) the row feeds a bad value to. test/support/validated-props.ts says which table must hold a row for each
 * validated prop; refusalTable checks that the table's rows name exactly those props.
 */
export type RefusalCase = [
  title: string,
  build: (stack: TerraformStack) => void,
  path: string,
  message: RegExp,
  covers?: ReadonlyArray<string>,
];

/**
 * Synthesizes `build` (with `synth`, synthError by default), and checks that validation failed with a line that
 * starts with `[path]` and matches `message`. On failure the whole error is shown.
 */
export function expectRefused(
  build: (stack: TerraformStack) => void,
  path: string,
  message: RegExp,
  synth: (build: (stack: TerraformStack) => void) => string = synthError,
): void {
  const error = synth(build);
  expect(error).toMatch(/^Validation failed with the following errors:/);
  const line = error.split('\n').find((l) => message.test(l));
  // On failure, the diff shows the whole error, or the line that does not start with the path.
  expect({ found: line !== undefined, error }).toEqual({ found: true, error });
  const trimmed = line?.trim();
  expect({ startsWithPath: trimmed?.startsWith(`[${path}]`), line: trimmed }).toEqual({ startsWithPath: true, line: trimmed });
}

/** The titles of a table that occur more than once (each title must name one case). */
export function duplicateTitles(cases: ReadonlyArray<RefusalCase>): string[] {
  const titles = cases.map(([title]) => title);
  return titles.filter((title, index) => titles.indexOf(title) !== index);
}

/**
 * The test file that declares the table, relative to the repository root, as VALIDATED_IN names it: the nearest
 * `*.test.ts` frame of the call stack, so it stays right when one jest file loads several test files (the mutation
 * suite, test/mutation/construct-suite.mutation.ts); jest's running file otherwise.
 */
function runningFile(): string {
  const root = path.resolve(__dirname, '..', '..');
  for (const line of (new Error().stack ?? '').split('\n')) {
    const frame = /\(?([^()\s]+\.test\.ts):\d+:\d+\)?$/.exec(line.trim());
    if (frame) return path.relative(root, frame[1]).split(path.sep).join('/');
  }
  const testPath = expect.getState().testPath;
  if (testPath === undefined) throw new Error('refusalTable runs inside a jest test file');
  return path.relative(root, testPath).split(path.sep).join('/');
}

/**
 * Registers a construct's refusal table: each row is a test that must fail synthesis as the row says, and one more
 * test checks that the rows name exactly the props VALIDATED_IN assigns to this file, each of them a prop of `.jsii`.
 * So a validated prop cannot lose its row, and a row cannot claim a prop the registry does not know.
 */
export function refusalTable(cases: ReadonlyArray<RefusalCase>, synth?: (build: (stack: TerraformStack) => void) => string): void {
  const file = runningFile();
  test('each row has its own title', () => {
    expect(duplicateTitles(cases)).toEqual([]);
  });
  test.each(cases)('%s', (_title, build, at, message) => expectRefused(build, at, message, synth));
  test(`the rows refuse every prop test/support/validated-props.ts assigns to ${file}, and no other`, () => {
    const named = [...new Set(cases.flatMap(([, , , , covers]) => covers ?? []))].sort();
    const assigned = [...(VALIDATED_IN[file] ?? [])].sort();
    const known = new Set(structProperties());
    expect({ file, unknown: named.filter((p) => !known.has(p)) }).toEqual({ file, unknown: [] });
    expect({ file, named }).toEqual({ file, named: assigned });
  });
}
