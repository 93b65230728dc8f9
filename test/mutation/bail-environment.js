/**
 * The jest environment of `npm run mutate:constructs` (stryker.constructs.jest.config.js): Node's, plus a bail per
 * test. Jest's own `bail` stops only between test files, and the construct suite runs as one file
 * (construct-suite.mutation.ts), so without this a killed mutant would still run every other test that covers it.
 * After the first failing test of the file, every later test is skipped: one failure is all Stryker needs to count
 * the mutant killed. jest-circus dispatches `test_start` before it decides whether a test is skipped, so marking the
 * test `skip` there takes effect.
 *
 * It also hands the run's test name pattern to the suite, which loads only the files of the tests named, and then
 * lets every test of those files run.
 */
const { TestEnvironment } = require('jest-environment-node');

class BailEnvironment extends TestEnvironment {
  failed = false;

  constructor(config, context) {
    super(config, context);
    this.global.constructSuiteTestNamePattern = config.globalConfig.testNamePattern;
  }

  async handleTestEvent(event, state) {
    // Every test of a loaded file runs, not only those the pattern names. Stryker names the tests whose bodies ran the
    // mutant; a file that synthesized its stacks while loading (static coverage, see construct-suite.mutation.ts) has
    // tests that assert what that synthesis wrote without running it again, and only they can see the mutant.
    if (event.name === 'run_start') state.testNamePattern = null;
    if (event.name === 'test_done' && event.test.errors.length > 0) this.failed = true;
    if (event.name === 'test_start' && this.failed) event.test.mode = 'skip';
  }
}

module.exports = BailEnvironment;
