import { Lazy, TerraformStack, Testing } from 'cdktf';

/**
 * test/setup.js formats cdktf's token creation stacks only when something reads them. What a failing test shows must
 * not lose by that: the stack cdktf prints for a token that cannot resolve still holds every frame, down to the line
 * of the test that created the token.
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
