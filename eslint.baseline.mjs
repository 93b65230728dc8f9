// Files that still break max-len or no-explicit-any (issue 14). Some were written before the rules existed; the
// session that introduced the rules also merged five parallel branches written without them, whose files are listed
// too. The lists only shrink: fix a file, then delete its line. Every listed file still breaks its rule
// (scripts/check-lint-baseline.mjs checks that in npm run lint), so nothing stays here by accident.
export const overLongLines = [];

export const explicitAny = [
  'test/support/synth.ts',
];
