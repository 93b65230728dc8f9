/**
 * Jest configuration for `npm run mutate` only: the tests of the pure layers (lib/claims, lib/policy, lib/env) that
 * Stryker runs against each mutant, plus the two construct tests that alone cover lib/env/configurations.ts and
 * lib/env/consumer-hcl.ts. The other construct tests are too slow to run per mutant on two cores.
 * @type {import('jest').Config}
 */
const base = require('./jest.config.js');

module.exports = {
  ...base,
  // Type-checking belongs to tsc; per mutant, transpiling alone is enough and much faster.
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.dev.json', isolatedModules: true }],
  },
  testMatch: [
    '<rootDir>/test/claims/**/*.test.ts',
    '<rootDir>/test/policy/**/*.test.ts',
    '<rootDir>/test/env/**/*.test.ts',
    '<rootDir>/test/properties/pure.property.test.ts',
    // lib/env/configurations.ts and lib/env/consumer-hcl.ts are exercised only through these (cdktf) tests.
    '<rootDir>/test/constructs/configurations.test.ts',
    '<rootDir>/test/consumer/consumer.test.ts',
  ],
};
