/**
 * Jest configuration for `npm run mutate` only: the tests of the domain models of the report package (src/claims, src/policy, src/env) that
 * Stryker runs against each mutant. Every file it runs is pure (no cdktf), so:
 * - no construct test: src/env/configurations.ts, consumer-hcl.ts and plan-apply.ts have pure tests of their own in
 *   packages/report/test/env, and a construct test would load cdktf and a provider for every mutant it covers;
 * - no `setupFilesAfterEnv` (test/setup.js loads cdktf's jest matchers, which no pure test uses);
 * - not packages/report/test/policy/hcl2json.test.ts: it loads HashiCorp's HCL parser (Go compiled to WASM) for every mutant of
 *   src/policy it covers, about three times the cost of the other policy tests; the exact rendered text is asserted
 *   by packages/report/test/policy/document*.test.ts, and the WASM cross-check still runs in `npm test` (and, with fewer cases, in
 *   the property test).
 * @type {import('jest').Config}
 */
const base = require('./jest.config.js');

module.exports = {
  ...base,
  setupFilesAfterEnv: [],
  testMatch: [
    '<rootDir>/packages/report/test/claims/**/*.test.ts',
    '<rootDir>/packages/report/test/policy/**/*.test.ts',
    '<rootDir>/packages/report/test/env/**/*.test.ts',
    '<rootDir>/test/properties/pure.property.test.ts',
  ],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/packages/report/test/policy/hcl2json\\.test\\.ts$'],
};
