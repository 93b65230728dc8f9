/**
 * Jest configuration for `npm run mutate` only: the tests of the pure layers (lib/claims, lib/policy, lib/env) that
 * Stryker runs against each mutant. Every file it runs is pure (no cdktf), so:
 * - no construct test: lib/env/configurations.ts, consumer-hcl.ts and plan-apply.ts have pure tests of their own in
 *   test/env, and a construct test would load cdktf and a provider for every mutant it covers;
 * - no `setupFilesAfterEnv` (test/setup.js loads cdktf's jest matchers, which no pure test uses);
 * - transpiling with @swc/jest: no type check (tsc does that), a fraction of ts-jest's start-up cost;
 * - not test/policy/hcl2json.test.ts: it loads HashiCorp's HCL parser (Go compiled to WASM) for every mutant of
 *   lib/policy it covers, about three times the cost of the other policy tests; the exact rendered text is asserted
 *   by test/policy/document*.test.ts, and the WASM cross-check still runs in `npm test` (and, with fewer cases, in
 *   the property test).
 * @type {import('jest').Config}
 */
const base = require('./jest.config.js');

module.exports = {
  ...base,
  setupFilesAfterEnv: [],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'commonjs' },
      },
    ],
  },
  testMatch: [
    '<rootDir>/test/claims/**/*.test.ts',
    '<rootDir>/test/policy/**/*.test.ts',
    '<rootDir>/test/env/**/*.test.ts',
    '<rootDir>/test/properties/pure.property.test.ts',
  ],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/policy/hcl2json\\.test\\.ts$'],
};
