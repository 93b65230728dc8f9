// Import rules of the library, checked by dependency-cruiser in `npm test` (`npm run lint:deps`).
// The layering (see README "Layout"): pure models at the bottom (core, claims, policy, env, report) import no cdktf
// and no provider; constructs above them; the facade on top. Internals under lib/private are for lib/ only.
/** @type {import('dependency-cruiser').IConfiguration} */
const pureLayers = '^lib/(core|claims|policy|env|report)/';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles make load order matter and hide layering mistakes. Move the shared piece down a layer.',
      from: { path: '^(lib|examples|bench)/' },
      to: { circular: true },
    },
    {
      name: 'no-provider-barrel',
      severity: 'error',
      comment:
        'A root import of a provider package loads every resource class: seconds and hundreds of MB per process. ' +
        'Import the resource from "@cdktf/provider-X/lib/<resource>" instead.',
      from: {},
      to: { path: '(^|/)node_modules/@cdktf/provider-[^/]+/lib/index\\.(js|d\\.ts)$' },
    },
    {
      name: 'pure-layers-stay-pure',
      severity: 'error',
      comment:
        'lib/core, lib/claims, lib/policy, lib/env and lib/report are pure models: they run on any cdk.tf.json without cdktf, ' +
        'so they import only each other, Node built-ins, @cdktf/hcl2json (the report reads HCL with it, loaded lazily) and ' +
        'declarations of types-only packages such as @types/sarif (erased at compile time).',
      from: { path: pureLayers },
      to: {
        pathNot: [pureLayers, '(^|/)node_modules/@cdktf/hcl2json/', '(^|/)node_modules/@types/'],
        dependencyTypesNot: ['core'],
      },
    },
    {
      name: 'models-below-report',
      severity: 'error',
      comment: 'The claims, policy and env models do not depend on the report that is built on them.',
      from: { path: '^lib/(core|claims|policy|env)/' },
      to: { path: '^lib/report/' },
    },
    {
      name: 'private-stays-inside-lib',
      severity: 'error',
      comment: 'lib/private holds internals; examples and benchmarks use the public API (lib/index.ts) only.',
      from: { path: '^(examples|bench)/' },
      to: { path: '^lib/private/' },
    },
    {
      name: 'lib-does-not-import-tests',
      severity: 'error',
      comment: 'Shipped code must not depend on tests, examples, scripts or benchmarks.',
      from: { path: '^lib/' },
      to: { path: '^(test|examples|scripts|bench)/' },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      comment: 'An import that does not resolve fails at run time.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(build|dist|cdktf\\.out|coverage)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.dev.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
