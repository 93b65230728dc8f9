import { TerraformStack } from 'cdktf';
import { synthError } from './synth';

/**
 * One case of a validation catalogue: a title (cited by test/validation-coverage.ts as `file › title`), a stack that
 * must not synthesize, the construct path the message must name, and what the message must say (the offending value
 * and the fix). Each subject's catalogue lives in the subject's test file; the facade's is test/constructs/validation.test.ts.
 */
export type RefusalCase = [title: string, build: (stack: TerraformStack) => void, path: string, message: RegExp];

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
  expect({ found: line !== undefined, error }).toMatchObject({ found: true });
  expect({ line: line?.trim(), startsWithPath: line?.trim().startsWith(`[${path}]`) }).toMatchObject({ startsWithPath: true });
}

/** The titles of a catalogue that occur more than once (each title must name one case). */
export function duplicateTitles(cases: ReadonlyArray<RefusalCase>): string[] {
  const titles = cases.map(([title]) => title);
  return titles.filter((title, index) => titles.indexOf(title) !== index);
}
