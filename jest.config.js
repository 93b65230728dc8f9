/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.dev.json' }],
  },
  setupFilesAfterEnv: ['<rootDir>/test/setup.js'],
  // Tests run in parallel; two workers match the CI machine's two cores.
  maxWorkers: 2,
};
