import { readFileSync } from 'fs';
import * as path from 'path';
import { TerraformStack, Testing } from 'cdktf';
import { AzureSecretsEngineRoleAssignment, GcpSecretsEngineServiceAccount } from '../../lib';

/**
 * The cloud-side identity constructs load their provider's resource module only when created, so a user without the
 * optional peer package gets an error that names the package and the range to install. test/clouds/optional-peers.test.ts
 * checks this with the packages really absent (in a child process); here the module's loading fails in process, the way
 * Node fails it, so the message and what is passed through stay checked by the construct tests.
 */
const manifest = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { peerDependencies: Record<string, string> };
const peerRanges = manifest.peerDependencies;

/** Node's error for a module it cannot find (what `require` throws when a package is not installed). */
function moduleNotFound(name: string): Error {
  return Object.assign(new Error(`Cannot find module '${name}'\nRequire stack:\n- ${__filename}`), { code: 'MODULE_NOT_FOUND' });
}

/** What creating the construct throws while loading `module` throws `error` (undefined when it does not throw). */
function thrownWhileLoading(module: string, error: Error, create: (stack: TerraformStack) => void): unknown {
  jest.doMock(module, () => {
    throw error;
  });
  try {
    create(new TerraformStack(Testing.app(), 'stack'));
    return undefined;
  } catch (thrown) {
    return thrown;
  } finally {
    jest.dontMock(module);
  }
}

const CONSTRUCTS: Array<[string, string, string, (stack: TerraformStack) => void]> = [
  ['GcpSecretsEngineServiceAccount', '@cdktf/provider-google', 'google', (stack) => new GcpSecretsEngineServiceAccount(stack, 'sa', { project: 'acme-data' })],
  [
    'AzureSecretsEngineRoleAssignment',
    '@cdktf/provider-azurerm',
    'azurerm',
    (stack) => new AzureSecretsEngineRoleAssignment(stack, 'ra', { scope: '/subscriptions/x', principalId: 'y' }),
  ],
];

const MODULE_OF: Record<string, string> = {
  '@cdktf/provider-google': '@cdktf/provider-google/lib/service-account',
  '@cdktf/provider-azurerm': '@cdktf/provider-azurerm/lib/role-assignment',
};

describe('a cloud-side construct whose optional peer provider is not installed', () => {
  test.each(CONSTRUCTS)('%s names the peer %s, its declared range and the install command', (construct, peer, short, create) => {
    const missing = moduleNotFound(MODULE_OF[peer]);
    const thrown = thrownWhileLoading(MODULE_OF[peer], missing, create);
    const range = peerRanges[peer];
    expect(range).toMatch(/^\^\d+\.\d+\.\d+$/);
    expect(thrown).toBeInstanceOf(Error);
    expect((thrown as Error).message).toBe(
      `${construct} creates ${short} resources and needs the optional peer dependency ${peer} (${range}); install it with "npm install ${peer}@${range}"`,
    );
    // The original error stays reachable for whoever debugs the resolution.
    expect((thrown as Error).cause).toBe(missing);
  });

  test('a missing module other than the peer (a dependency the peer needs) is passed through unchanged', () => {
    const missing = moduleNotFound('cdktf/lib/some-internal-module');
    const thrown = thrownWhileLoading(MODULE_OF['@cdktf/provider-google'], missing, CONSTRUCTS[0][3]);
    expect(thrown).toBe(missing);
  });

  test('an installed peer whose module fails to load for another reason is passed through unchanged, not reported as missing', () => {
    const broken = new SyntaxError(`Unexpected token in ${MODULE_OF['@cdktf/provider-google']}/index.js`);
    const thrown = thrownWhileLoading(MODULE_OF['@cdktf/provider-google'], broken, CONSTRUCTS[0][3]);
    expect(thrown).toBe(broken);
  });
});
