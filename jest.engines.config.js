/**
 * Jest configuration of `npm run test:engines` (scripts/engines/run.js), not part of `npm test`: the suite that checks
 * the trust report's verdicts against a real OpenBao server (test/engines). Transpiled with @swc/jest (tsc type-checks
 * these files in `npm run typecheck`); the two test files run side by side, each with its own servers.
 * @type {import('jest').Config}
 */
const base = require('./jest.config.js');

module.exports = {
  ...base,
  roots: ['<rootDir>/test/engines'],
  testPathIgnorePatterns: ['/node_modules/'],
  setupFilesAfterEnv: [],
  // Kills any OpenBao server a crashed worker left behind (each server also dies with its worker's exit hook).
  globalTeardown: '<rootDir>/scripts/engines/kill-leftovers.js',
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'commonjs' },
      },
    ],
  },
};
