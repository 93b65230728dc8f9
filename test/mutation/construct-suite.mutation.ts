/**
 * The construct tests as one jest test file, for `npm run mutate:constructs` only (stryker.constructs.jest.config.js
 * runs it; `npm test` runs each file on its own, as usual). Stryker's jest runner runs, for each mutant, every test
 * file related to the mutated file, and jest loads cdktf, the providers and the library afresh for each test file:
 * that load, not the tests, was most of the time per mutant. Here it happens once per mutant, and
 * bail-environment.js stops at the first failing test.
 *
 * Each file is required inside a `describe` named for it (see suite below), so its hooks stay its own and its test names stay unique
 * (Stryker identifies tests by full name). The requires are written out, because jest finds the test files related
 * to a mutated file (`--findRelatedTests`) by reading literal `require` calls; test/mutation/suite-complete.test.ts keeps
 * the list complete.
 * The two example tests compare snapshots, which jest keys by test file, so they run as files of their own.
 */
// Test files are loaded only when a run wants their tests, so by require; jest finds related tests through literal requires.
/* eslint-disable @typescript-eslint/no-require-imports */

/**
 * The test name pattern of this run (bail-environment.js passes it on): for a mutant, Stryker's jest runner names
 * the tests that cover it, each by full name, which here begins with its file. A file none of them is in is not
 * loaded at all, so a mutant costs the files that test it rather than all of them. Without a pattern (Stryker's
 * first run, which measures coverage), every file is loaded.
 */
const pattern = (globalThis as { constructSuiteTestNamePattern?: string }).constructSuiteTestNamePattern;
const named = pattern === undefined ? undefined : pattern.replace(/\\(.)/g, '$1');

/**
 * Requires a test file inside a `describe` named for it, when this run wants any of its tests. Most construct test
 * files synthesize their stacks while they load (in `describe` bodies), which Stryker counts as "static" coverage: a
 * mutant that breaks that synthesis makes the file fail to load. Run on its own, such a file fails (`npm test` reports
 * it); here the error becomes the failure of a test named for the file, so the mutant counts as killed rather than as
 * a runtime error of the whole suite, and the other files still run.
 */
function suite(file: string, load: () => void): void {
  if (named !== undefined && !named.includes(`${file} `)) return;
  describe(file, () => {
    try {
      load();
    } catch (error) {
      test('loads and synthesizes its stacks', () => {
        throw error;
      });
    }
  });
}

suite('test/acknowledgements.test.ts', () => { require('../acknowledgements.test'); });
suite('test/adopt.test.ts', () => { require('../adopt.test'); });
suite('test/clouds/aws-identities.test.ts', () => { require('../clouds/aws-identities.test'); });
suite('test/clouds/aws-run-role-policies.test.ts', () => { require('../clouds/aws-run-role-policies.test'); });
suite('test/clouds/azure-identities.test.ts', () => { require('../clouds/azure-identities.test'); });
suite('test/clouds/gcp-identities.test.ts', () => { require('../clouds/gcp-identities.test'); });
suite('test/clouds/missing-required-props.test.ts', () => { require('../clouds/missing-required-props.test'); });
suite('test/clouds/plan-broader-than-apply.test.ts', () => { require('../clouds/plan-broader-than-apply.test'); });
suite('test/constructs/app-collisions.test.ts', () => { require('../constructs/app-collisions.test'); });
suite('test/constructs/aws-secrets-engine.test.ts', () => { require('../constructs/aws-secrets-engine.test'); });
suite('test/constructs/azure-secrets-engine.test.ts', () => { require('../constructs/azure-secrets-engine.test'); });
suite('test/constructs/boundary-methods.test.ts', () => { require('../constructs/boundary-methods.test'); });
suite('test/constructs/boundary.test.ts', () => { require('../constructs/boundary.test'); });
suite('test/constructs/configurations.test.ts', () => { require('../constructs/configurations.test'); });
suite('test/constructs/creation-sites.test.ts', () => { require('../constructs/creation-sites.test'); });
suite('test/constructs/credential-variable-set.test.ts', () => { require('../constructs/credential-variable-set.test'); });
suite('test/constructs/determinism.test.ts', () => { require('../constructs/determinism.test'); });
suite('test/constructs/facade-checks.test.ts', () => { require('../constructs/facade-checks.test'); });
suite('test/constructs/gcp-secrets-engine.test.ts', () => { require('../constructs/gcp-secrets-engine.test'); });
suite('test/constructs/grant-overlaps.test.ts', () => { require('../constructs/grant-overlaps.test'); });
suite('test/constructs/jwt-auth-mount.test.ts', () => { require('../constructs/jwt-auth-mount.test'); });
suite('test/constructs/module-test-grant.test.ts', () => { require('../constructs/module-test-grant.test'); });
suite('test/constructs/module-test-grant-literals.test.ts', () => { require('../constructs/module-test-grant-literals.test'); });
suite('test/constructs/name-spelling.test.ts', () => { require('../constructs/name-spelling.test'); });
suite('test/constructs/optional-peer-missing.test.ts', () => { require('../constructs/optional-peer-missing.test'); });
suite('test/constructs/prefix-and-ids.test.ts', () => { require('../constructs/prefix-and-ids.test'); });
suite('test/constructs/product-name.test.ts', () => { require('../constructs/product-name.test'); });
suite('test/constructs/references-refused.test.ts', () => { require('../constructs/references-refused.test'); });
suite('test/constructs/role-names-and-metadata-keys.test.ts', () => { require('../constructs/role-names-and-metadata-keys.test'); });
suite('test/constructs/setting-grammar.test.ts', () => { require('../constructs/setting-grammar.test'); });
suite('test/constructs/shared-settings.test.ts', () => { require('../constructs/shared-settings.test'); });
suite('test/constructs/shared-settings-rules.test.ts', () => { require('../constructs/shared-settings-rules.test'); });
suite('test/constructs/stack-deployment-grant.test.ts', () => { require('../constructs/stack-deployment-grant.test'); });
suite('test/constructs/tree-checks-whole-app.test.ts', () => { require('../constructs/tree-checks-whole-app.test'); });
suite('test/constructs/tree-checks.test.ts', () => { require('../constructs/tree-checks.test'); });
suite('test/constructs/trust-chain.test.ts', () => { require('../constructs/trust-chain.test'); });
suite('test/constructs/trust-accessors-and-id-overlaps.test.ts', () => { require('../constructs/trust-accessors-and-id-overlaps.test'); });
suite('test/constructs/trust-settings.test.ts', () => { require('../constructs/trust-settings.test'); });
suite('test/constructs/validation.test.ts', () => { require('../constructs/validation.test'); });
suite('test/constructs/variable-set-on-its-own.test.ts', () => { require('../constructs/variable-set-on-its-own.test'); });
suite('test/constructs/workload-role.test.ts', () => { require('../constructs/workload-role.test'); });
suite('test/constructs/workspace-grant.test.ts', () => { require('../constructs/workspace-grant.test'); });
suite('test/constructs/workspace-selector.test.ts', () => { require('../constructs/workspace-selector.test'); });
suite('test/consumer/consumer.test.ts', () => { require('../consumer/consumer.test'); });
suite('test/logical-ids.test.ts', () => { require('../logical-ids.test'); });
suite('test/pipeline-policy.test.ts', () => { require('../pipeline-policy.test'); });
suite('test/pipeline-skip-child-token.test.ts', () => { require('../pipeline-skip-child-token.test'); });
suite('test/properties/mixed-cases.test.ts', () => { require('../properties/mixed-cases.test'); });

/**
 * Test files of the construct folders this suite leaves out, each with the reason (test/mutation/suite-complete.test.ts,
 * part of `npm test`, reads this list and keeps the suite complete).
 */
export const LEFT_OUT: Record<string, string> = {
  'test/clouds/optional-peers.test.ts': 'runs a child Node process on the built package, which per-test coverage cannot see',
  'test/constructs/creation-sites-source-maps.test.ts':
    'runs apps in child Node processes (source maps through Node.js, the built package), which per-test coverage cannot see',
  'test/constructs/multi-stack-layout.test.ts':
    'runs the README block through the TypeScript compiler when loaded; app-collisions.test.ts asserts the collisions it shows',
  'test/warning-ids.test.ts': 'scans the library source for warn() ids, and Stryker rewrites that source around every mutant',
};
