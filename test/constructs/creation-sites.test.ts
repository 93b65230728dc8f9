import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vm from 'vm';
import { TfeProvider } from '@cdktf/provider-tfe/lib/provider';
import { VaultProvider } from '@cdktf/provider-vault/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { VaultBackedDynamicCredentials, WorkspaceGrant, WorkspaceGrantOptions, WorkspaceSelector } from '../../lib';
import { CREATION_SITES_FILE } from '../../lib/private/creation-sites';

/**
 * The creation sites synthesis writes beside each stack (`creation-sites.json`, which the trust report reads to put a
 * SARIF result on the line a reviewer edits): which constructs get a site, the file's place and format, and the
 * position of the user's own call, here the calls in this file. Jest runs this file through swc with an inline source
 * map and maps formatted stacks, so the positions are TypeScript ones, as with ts-node. The report's side (SARIF
 * locations) is tested in test/report/sarif.test.ts, which runs an app through tsx.
 */

/** Where this file's line holding `marker` (a comment at its end) calls `token`: 1-based line and column. */
function site(marker: string, token: string): { file: string; line: number; column: number } {
  const lines = fs.readFileSync(__filename, 'utf8').split('\n');
  const index = lines.findIndex((text) => text.endsWith(`// ${marker}`));
  const column = index < 0 ? 0 : lines[index].indexOf(token) + 1;
  if (column === 0) throw new Error(`no line ends with the marker ${marker} and calls ${token}`);
  return { file: path.relative(stackDir('apps'), __filename).split(path.sep).join('/'), line: index + 1, column };
}

let outdir: string;
const stackDir = (stack: string) => path.join(outdir, 'stacks', stack);
const NODE_MODULES = path.resolve(__dirname, '..', '..', 'node_modules');
const TRUST_PROPS = { organization: 'acme', vaultAddress: 'https://vault.example.com' };
/** A TypeScript file beside the stacks, in a directory whose name looks like the end of a stack frame. */
const ODD_TS = path.join('odd:1:2 dir', 'app.ts');
/** A TypeScript file in a directory whose name holds " (", which opens the position in a named frame. */
const PAREN_TS = path.join('odd (dir)', 'app.ts');
let stackTraceLimit: number;
let prepareStackTrace: unknown;

function providers(stack: TerraformStack): void {
  new VaultProvider(stack, 'vault', {});
  new TfeProvider(stack, 'tfe', {});
}

/**
 * Builds and synthesizes the app once, from inside the first test that needs it rather than in `beforeAll`: what a
 * test runs is what `npm run mutate:constructs` counts as covered by it, and code run by `beforeAll` would be covered
 * by no test at all.
 */
let synthesized = false;
function synthesizeOnce(): void {
  if (synthesized) return;
  synthesized = true;
  outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'creation-sites-'));
  const app = new App({ outdir });
  const stack = new TerraformStack(app, 'apps');
  providers(stack);
  stackTraceLimit = Error.stackTraceLimit;
  prepareStackTrace = Error.prepareStackTrace;

  const trust = new VaultBackedDynamicCredentials(stack, 'trust', TRUST_PROPS); // trust
  const read = trust.addAwsSecretsEngine('aws').addAssumedRole('read', { roleArns: ['arn:aws:iam::111111111111:role/app-read'] });
  const options = (name: string): WorkspaceGrantOptions => ({ project: 'Apps', workspaces: WorkspaceSelector.names(name), aws: { plan: read, apply: read } });
  trust.grantWorkspaces('app', options('app')); // app
  trust.grantStackDeployments('net', { project: 'Apps', stack: 'network', deployments: ['staging'], planCredentials: [read], applyCredentials: [read] }); // net
  trust.grantModuleTests('vpc', { module: 'vpc', moduleProvider: 'aws', aws: read }); // vpc
  new WorkspaceGrant(stack, 'direct', { ...options('direct'), ...TRUST_PROPS, authMount: trust.authMount }); // direct
  // An anonymous function: its frame reads `at <file>:<line>:<column>`, without a function name and parentheses.
  (() => trust.grantWorkspaces('anonymous', options('anonymous')))(); // anonymous

  // Frames between the library and the user's call that are not the user's: a builtin (no file, line or column),
  // code from eval or new Function (no file, but a line), a script without a file name (a relative name), and code
  // in node_modules (as the jsii kernel that runs an app written in Python or Java).
  [options('mapped')].map(trust.grantWorkspaces.bind(trust, 'mapped')); // mapped
  const evaluated = new Function('trust', 'options', 'return trust.grantWorkspaces("evaluated", options);');
  evaluated(trust, options('evaluated')); // evaluated
  const script = vm.runInThisContext('(trust, options) => trust.grantWorkspaces("script", options)');
  script(trust, options('script')); // script
  const kernel = vm.runInThisContext('(trust, options) => trust.grantWorkspaces("kernel", options)', { filename: path.join(NODE_MODULES, 'kernel.js') });
  kernel(trust, options('kernel')); // kernel
  // A TypeScript file its loader runs without a source map, in a directory whose name holds what a stack frame's
  // position looks like: the frame, anonymous, reads `at <dir>/odd:1:2 dir/app.ts:1:<column>`, without parentheses.
  const typescript = vm.runInThisContext('(trust, options) => trust.grantWorkspaces("typescript", options)', { filename: path.join(outdir, ODD_TS) });
  typescript(trust, options('typescript'));
  // The same in a directory named `odd (dir)`: the anonymous frame's position holds " (" but is not inside one.
  const parenthesized = vm.runInThisContext('(trust, options) => trust.grantWorkspaces("parenthesized", options)', { filename: path.join(outdir, PAREN_TS) });
  parenthesized(trust, options('parenthesized'));
  // An anonymous frame past line 9 of its file: line and column of two digits and more.
  const laterCode = `${'\n'.repeat(11)}(trust, options) => trust.grantWorkspaces("later", options)`;
  const later = vm.runInThisContext(laterCode, { filename: path.join(outdir, 'later.ts') });
  later(trust, options('later'));

  // A stack whose constructs were all created from code in node_modules, deeper than the frames the library looks
  // at: nothing to record, so no file.
  const other = new TerraformStack(app, 'from-node-modules');
  providers(other);
  const deep = vm.runInThisContext(
    '(function deep(n, Trust, scope, props) { return n === 0 ? new Trust(scope, "trust", props) : deep(n - 1, Trust, scope, props); })',
    { filename: path.join(NODE_MODULES, 'deep.js') },
  );
  deep(20, VaultBackedDynamicCredentials, other, TRUST_PROPS);

  app.synth();
}

afterAll(() => {
  if (outdir !== undefined) fs.rmSync(outdir, { recursive: true, force: true });
});

describe('creation sites written at synthesis', () => {
  test('each trust and grant has the position of the call in the user\'s file, relative to the stack directory', () => {
    synthesizeOnce();
    const written = JSON.parse(fs.readFileSync(path.join(stackDir('apps'), CREATION_SITES_FILE), 'utf8'));
    expect(written).toEqual({
      version: 1,
      sites: {
        'apps/trust': site('trust', 'new VaultBackedDynamicCredentials'),
        'apps/trust/app': site('app', 'grantWorkspaces'),
        'apps/trust/net': site('net', 'grantStackDeployments'),
        'apps/trust/vpc': site('vpc', 'grantModuleTests'),
        'apps/direct': site('direct', 'new WorkspaceGrant'),
        'apps/trust/anonymous': site('anonymous', 'grantWorkspaces'),
        'apps/trust/mapped': site('mapped', 'map(trust'),
        'apps/trust/evaluated': site('evaluated', 'evaluated'),
        'apps/trust/script': site('script', 'script'),
        'apps/trust/kernel': site('kernel', 'kernel'),
        'apps/trust/typescript': { file: '../../odd:1:2 dir/app.ts', line: 1, column: '(trust, options) => trust.'.length + 1 },
        'apps/trust/parenthesized': { file: '../../odd (dir)/app.ts', line: 1, column: '(trust, options) => trust.'.length + 1 },
        'apps/trust/later': { file: '../../later.ts', line: 12, column: '(trust, options) => trust.'.length + 1 },
      },
    });
    // The relative path leads from the stack directory to this file.
    for (const [constructPath, entry] of Object.entries<{ file: string }>(written.sites)) {
      const expected = {
        'apps/trust/typescript': path.join(outdir, ODD_TS),
        'apps/trust/parenthesized': path.join(outdir, PAREN_TS),
        'apps/trust/later': path.join(outdir, 'later.ts'),
      }[constructPath];
      expect(path.resolve(stackDir('apps'), entry.file)).toBe(expected ?? __filename);
    }
  });

  test('the file is pretty-printed JSON ending in a newline, beside cdk.tf.json, which it leaves alone', () => {
    synthesizeOnce();
    const text = fs.readFileSync(path.join(stackDir('apps'), CREATION_SITES_FILE), 'utf8');
    expect(text).toBe(JSON.stringify(JSON.parse(text), null, 2) + '\n');
    expect(fs.readdirSync(stackDir('apps')).sort()).toEqual(['cdk.tf.json', CREATION_SITES_FILE]);
    expect(fs.readFileSync(path.join(stackDir('apps'), 'cdk.tf.json'), 'utf8')).not.toContain(path.basename(__filename));
  });

  test('a stack where no site was recorded gets no file', () => {
    synthesizeOnce();
    expect(fs.readdirSync(stackDir('from-node-modules'))).toEqual(['cdk.tf.json']);
  });

  test('recording leaves the app\'s stack trace settings as they were', () => {
    synthesizeOnce();
    expect(Error.stackTraceLimit).toBe(stackTraceLimit);
    expect(Error.prepareStackTrace).toBe(prepareStackTrace);
    // Recorded again here, so that this test runs the recording itself (the app above may have been built by another).
    const before = { limit: Error.stackTraceLimit, prepare: Error.prepareStackTrace };
    const stack = new TerraformStack(new App({ outdir }), 'again');
    providers(stack);
    new VaultBackedDynamicCredentials(stack, 'trust', TRUST_PROPS).grantWorkspaces('again', {
      project: 'Apps', workspaces: WorkspaceSelector.names('again'),
    });
    expect({ limit: Error.stackTraceLimit, prepare: Error.prepareStackTrace }).toEqual(before);
  });
});
