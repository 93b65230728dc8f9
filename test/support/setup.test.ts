import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Lazy, TerraformStack, Testing } from 'cdktf';

/**
 * test/setup.js formats cdktf's token creation stacks only when something reads them, and keeps the directories of
 * Testing.app() in one folder per test file. What a failing test shows must not lose by that: the stack cdktf prints
 * for a token that cannot resolve still holds every frame, down to the line of the test that created the token.
 */
function tokenThatFailsToResolve(): string {
  return Lazy.stringValue({
    produce: () => {
      throw new Error('no value here');
    },
  });
}

test('a token that cannot resolve is reported with its creation stack, down to this file', () => {
  const stack = new TerraformStack(Testing.app(), 'test');
  stack.addOverride('locals.broken', tokenThatFailsToResolve());
  let message = '';
  try {
    Testing.synth(stack);
  } catch (error) {
    message = (error as Error).message;
  }
  expect(message).toMatch(/no value here/);
  const trace = message.slice(message.indexOf('Object creation stack:'));
  expect(trace).toMatch(/^Object creation stack:\n/);
  expect(trace).toMatch(/tokenThatFailsToResolve \(.*setup\.test\.ts:\d+:\d+\)/);
});

test('a creation stack reads as an array of frames, each without its "at"', () => {
  const frames = (Lazy.anyValue({ produce: () => 1 }) as unknown as { creationStack: string[] }).creationStack;
  expect(Array.isArray(frames)).toBe(true);
  expect(frames.length).toBeGreaterThan(3);
  expect(frames.every((frame) => typeof frame === 'string' && !frame.startsWith('at '))).toBe(true);
  expect(frames.join('\n')).toMatch(/setup\.test\.ts:\d+/);
  expect([...frames]).toEqual(frames.slice());
});

test("Testing.app() puts each app in its own directory inside this file's folder; an outdir given is kept", () => {
  const first = Testing.app().outdir;
  const second = Testing.app().outdir;
  expect(first).not.toEqual(second);
  expect(path.dirname(first)).toEqual(path.dirname(second));
  expect(path.basename(path.dirname(first))).toMatch(/^vbdc-test-apps-/);
  expect(fs.existsSync(path.join(first, 'stacks'))).toBe(true);
  const given = fs.mkdtempSync(path.join(os.tmpdir(), 'given-outdir-'));
  try {
    expect(Testing.app({ outdir: given }).outdir).toEqual(given);
  } finally {
    fs.rmSync(given, { recursive: true, force: true });
  }
});
