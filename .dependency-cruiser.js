// Import rules of the library, checked by dependency-cruiser in `npm test` (`npm run lint:deps`).
// The layering (see README "Layout"): two packages. packages/report (the domain models claims, policy and env, and the
// trust report built on them) imports no cdktf and no provider; the construct library in lib/ turns that domain into
// cdktf resources and reaches the report package only through its published entry points, never the reverse.
// Internals under lib/private are for lib/ only. Inside lib/, folders are by system (vault/, hcp-terraform/, aws/,
// gcp/, azure/); the grants and the facade join them.
/** @type {import('dependency-cruiser').IConfiguration} */
const reportPackage = '^packages/report/src/';
const reportEntryPoints =
  '^packages/report/src/(index|testing|cli)\\.ts$|^packages/report/src/(catalogue|claims|policy|env|rules)/index\\.ts$';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles make load order matter and hide layering mistakes. Move the shared piece down a layer.',
      from: { path: '^(lib|examples|bench|packages/report/src)/' },
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
      name: 'report-package-stays-pure',
      severity: 'error',
      comment:
        'packages/report runs on any Terraform configuration without cdktf: it imports only its own files, Node ' +
        'built-ins, @cdktf/hcl2json (it reads HCL with it, loaded lazily) and declarations of types-only packages such ' +
        'as @types/sarif (erased at compile time). Above all it never imports the construct library.',
      from: { path: '^packages/report/' },
      to: {
        pathNot: ['^packages/report/', '(^|/)node_modules/@cdktf/hcl2json/', '(^|/)node_modules/@types/'],
        dependencyTypesNot: ['core'],
      },
    },
    {
      name: 'models-below-report',
      severity: 'error',
      comment: 'The claims, policy and env models do not depend on the report that is built on them.',
      from: { path: '^packages/report/src/(claims|policy|env)/' },
      to: { path: reportPackage, pathNot: '^packages/report/src/(catalogue|claims|policy|env)/' },
    },
    {
      name: 'constructs-use-report-entry-points',
      severity: 'error',
      comment:
        'The construct library imports the report package by its name and only through the entry points its ' +
        'package.json exports (., ./catalogue, ./claims, ./policy, ./env, ./rules, ./testing, ./cli): the package ' +
        'is published on its own, and its internals may change without notice.',
      from: { path: '^lib/' },
      to: { path: reportPackage, pathNot: reportEntryPoints },
    },
    {
      name: 'constructs-import-report-by-name',
      severity: 'error',
      comment: 'A relative path into packages/report works in this repository only; import "vault-backed-credentials-report/…".',
      from: { path: '^lib/' },
      to: { path: '^packages/report/', dependencyTypesNot: ['aliased-tsconfig-paths'] },
    },
    {
      name: 'cloud-side-below-vault-side',
      severity: 'error',
      comment:
        'lib/aws, lib/gcp and lib/azure hold what each cloud holds (IAM roles and users, service accounts, role ' +
        'assignments); the Vault side (lib/vault), HCP Terraform side (lib/hcp-terraform) and the grants build on them or ' +
        'reference them through interfaces, never the reverse, so a cloud package stays an optional peer.',
      from: { path: '^lib/(aws|gcp|azure)/' },
      to: { path: '^lib/(hcp-terraform|consumer)/|^lib/[^/]+-grant\\.ts$|^lib/vault-backed-dynamic-credentials\\.ts$' },
    },
    {
      name: 'hcp-terraform-side-knows-no-vault-side',
      severity: 'error',
      comment:
        'lib/hcp-terraform holds what HCP Terraform stores (variable sets, look-ups); it receives the values to write and ' +
        'never reaches into the Vault or cloud constructs. The grants join the systems.',
      from: { path: '^lib/hcp-terraform/' },
      to: { path: '^lib/(vault|aws|gcp|azure)/' },
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
      from: { path: '^(lib|packages/report/src)/' },
      to: { path: '^(test|examples|scripts|bench|packages/report/test)/' },
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
