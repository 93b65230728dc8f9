// Files that still break max-len or no-explicit-any (issue 14). Some were written before the rules existed; the
// session that introduced the rules also merged five parallel branches written without them, whose files are listed
// too. The lists only shrink: fix a file, then delete its line. Every listed file still breaks its rule
// (scripts/check-lint-baseline.mjs checks that in npm run lint), so nothing stays here by accident.
export const overLongLines = [
  'packages/report/src/configurations.ts',
  'packages/report/src/rules/credential-denied.ts',
  'packages/report/src/rules/namespace-mismatch.ts',
  'packages/report/src/rules/phase-cannot-log-in.ts',
  'packages/report/src/model.ts',
  'packages/report/src/render.ts',
  'packages/report/src/selectors.ts',
  'packages/report/src/simulate.ts',
];

export const explicitAny = [
  'test/support/synth.ts',
];
