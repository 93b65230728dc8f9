/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // The construct library's tests and the report package's own tests run together in one `npm test`.
  roots: ['<rootDir>/test', '<rootDir>/packages/report/test'],
  testMatch: ['**/*.test.ts'],
  // test/engines needs a real OpenBao server: it runs in `npm run test:engines` (jest.engines.config.js).
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/engines/'],
  // swc transpiles without type checking (npm run typecheck does that once for all files): a fraction of ts-jest's cost.
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      },
    ],
  },
  // Construct code imports the report package by name; tests run it from source, so one copy of each module loads.
  moduleNameMapper: {
    // The examples import the package by name, as users do; in the repository that is the library's source.
    '^cdktf-vault-backed-credentials$': '<rootDir>/lib/index.ts',
    '^cdktf-vault-backed-credentials/(report|testing)$': '<rootDir>/lib/$1.ts',
    '^vault-backed-credentials-report$': '<rootDir>/packages/report/src/index.ts',
    '^vault-backed-credentials-report/(catalogue|claims|policy|env|rules)$': '<rootDir>/packages/report/src/$1/index.ts',
    '^vault-backed-credentials-report/([a-z-]+)$': '<rootDir>/packages/report/src/$1.ts',
  },
  setupFilesAfterEnv: ['<rootDir>/test/setup.js'],
  // Tests run in parallel; two workers match the CI machine's two cores.
  maxWorkers: 2,
  // A worker's heap grows from about 50 MB to 400 MB over its files (each loads cdktf, the providers and the library
  // afresh), and every collection then walks more of it. A worker past 300 MB after a file is replaced by a fresh one:
  // the suite took 5 to 9 % less CPU time and 3 to 4 s less wall time (`npx jest --workerIdleMemoryLimit=300MB`, three
  // runs against three, each pair back to back).
  workerIdleMemoryLimit: '300MB',
};
