import { namespacedPath, pipelinePolicyDocument, pipelineRulesFor } from '../../src/policy/pipeline';

describe('namespacedPath', () => {
  test('no namespace, or an empty one, leaves the path (without leading slashes)', () => {
    expect(namespacedPath(undefined, 'sys/auth/jwt')).toBe('sys/auth/jwt');
    expect(namespacedPath('', '//sys/auth/jwt')).toBe('sys/auth/jwt');
    expect(namespacedPath('/', 'sys/auth/jwt')).toBe('sys/auth/jwt');
  });

  test('a namespace is trimmed of slashes at both ends and prefixed', () => {
    expect(namespacedPath('team-a', 'sys/auth/jwt')).toBe('team-a/sys/auth/jwt');
    expect(namespacedPath('//team-a/child//', '/sys/auth/jwt')).toBe('team-a/child/sys/auth/jwt');
  });

  test('slashes inside the path and a trailing one are kept', () => {
    expect(namespacedPath('ns', 'aws/roles/x/')).toBe('ns/aws/roles/x/');
  });
});

describe('pipelineRulesFor', () => {
  test('an auth mount: the mount with sudo, its read-back, its tuning and its configuration', () => {
    expect(pipelineRulesFor({ kind: 'auth-mount', namespace: 'ns', path: '/jwt-tfc/' })).toEqual([
      { path: 'ns/sys/auth/jwt-tfc', capabilities: ['create', 'read', 'update', 'delete', 'sudo'] },
      { path: 'ns/sys/mounts/auth/jwt-tfc', capabilities: ['read'] },
      { path: 'ns/sys/mounts/auth/jwt-tfc/tune', capabilities: ['read', 'update'] },
      { path: 'ns/auth/jwt-tfc/config', capabilities: ['create', 'read', 'update'] },
    ]);
  });

  test('every leading and trailing slash of the object path is dropped', () => {
    expect(pipelineRulesFor({ kind: 'policy', path: '//a//' })).toEqual([{ path: 'sys/policies/acl/a', capabilities: ['create', 'read', 'update', 'delete'] }]);
  });

  test('a JWT role, a policy and an engine role: create, read, update and delete on the object', () => {
    const crud = ['create', 'read', 'update', 'delete'];
    expect(pipelineRulesFor({ kind: 'jwt-role', path: 'auth/jwt/role/run' })).toEqual([{ path: 'auth/jwt/role/run', capabilities: crud }]);
    expect(pipelineRulesFor({ kind: 'policy', path: 'tfc-run' })).toEqual([{ path: 'sys/policies/acl/tfc-run', capabilities: crud }]);
    expect(pipelineRulesFor({ kind: 'engine-role', namespace: 'ns', path: '/gcp/roleset/viewer/' })).toEqual([
      { path: 'ns/gcp/roleset/viewer', capabilities: crud },
    ]);
  });

  test('a secrets mount: the mount, its tuning and each configuration path below it', () => {
    expect(pipelineRulesFor({ kind: 'secrets-mount', path: 'aws', configPaths: ['config/root', 'config/lease'] })).toEqual([
      { path: 'sys/mounts/aws', capabilities: ['create', 'read', 'update', 'delete'] },
      { path: 'sys/mounts/aws/tune', capabilities: ['read', 'update'] },
      { path: 'aws/config/root', capabilities: ['create', 'read', 'update'] },
      { path: 'aws/config/lease', capabilities: ['create', 'read', 'update'] },
    ]);
    expect(pipelineRulesFor({ kind: 'secrets-mount', path: 'gcp' })).toHaveLength(2);
  });
});

describe('pipelinePolicyDocument', () => {
  test('the provider\'s token lookup, then every object\'s paths, merged per path', () => {
    const document = pipelinePolicyDocument([
      { kind: 'policy', path: 'a' },
      { kind: 'policy', path: 'a' },
      { kind: 'secrets-mount', namespace: 'ns', path: 'azure', configPaths: ['config'] },
    ]);
    expect(document.rules).toEqual([
      { path: 'auth/token/lookup-self', capabilities: ['read'] },
      { path: 'ns/azure/config', capabilities: ['create', 'read', 'update'] },
      { path: 'ns/sys/mounts/azure', capabilities: ['create', 'read', 'update', 'delete'] },
      { path: 'ns/sys/mounts/azure/tune', capabilities: ['read', 'update'] },
      { path: 'sys/policies/acl/a', capabilities: ['create', 'read', 'update', 'delete'] },
    ]);
  });

  test('with no objects, only the token lookup', () => {
    expect(pipelinePolicyDocument([]).render()).toBe('path "auth/token/lookup-self" {\n  capabilities = ["read"]\n}\n');
  });
});
