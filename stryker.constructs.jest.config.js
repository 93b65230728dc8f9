/**
 * Jest configuration for `npm run mutate:constructs` only: the tests that build constructs and assert their synthesized
 * JSON, warnings and refusals, which Stryker runs against each mutant of the construct layers (see
 * stryker.constructs.config.json). They run as one jest file, test/mutation/construct-suite.mutation.ts, which says
 * why. Left out, to keep each mutant's run short:
 * - the report package's tests and test/report: they do not load the constructs;
 * - tests that shell out (test/clouds/optional-peers.test.ts runs a child Node process on the built package,
 *   test/eject-trust.test.ts runs terraform): a child process escapes Stryker's per-test coverage, so every mutant
 *   would run them;
 * - tests that read the generated documentation or the jsii assembly (README, API.md, .jsii, test/languages), and the
 *   property tests (hundreds of random stacks per test: they cover nearly every mutant and would run for each; a
 *   check that only they reached has a case of its own in test/constructs or test/clouds);
 * - test/engines (a real OpenBao server), test/e2e and test/bench (whole fleets).
 * @type {import('jest').Config}
 */
const base = require('./jest.config.js');

module.exports = {
  ...base,
  // lib, examples and the report sources are roots too: `--findRelatedTests` (Stryker's enableFindRelatedTests) only
  // follows imports through files inside the roots, and finds no test for a lib file otherwise.
  roots: ['<rootDir>/test', '<rootDir>/lib', '<rootDir>/examples', '<rootDir>/packages/report/src'],
  // The construct tests as one file (see test/mutation/construct-suite.mutation.ts), and the two that compare snapshots.
  testMatch: [
    '<rootDir>/test/mutation/construct-suite.mutation.ts',
    '<rootDir>/test/example.test.ts',
    '<rootDir>/test/enterprise-example.test.ts',
  ],
  // An absolute path: Stryker's jest runner loads the environment itself and does not expand <rootDir>.
  testEnvironment: require('path').join(__dirname, 'test', 'mutation', 'bail-environment.js'),
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/clouds/optional-peers\\.test\\.ts$'],
};
