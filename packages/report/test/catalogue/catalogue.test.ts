/** The domain catalogue: its values, and that nothing outside it restates a default, a grammar or a duration parser. */
import * as fs from 'fs';
import * as path from 'path';
import {
  DEFAULT_ENGINE_MOUNTS,
  DEFAULT_HCP_TERRAFORM_HOSTNAME,
  describeSeconds,
  EXTERNAL_ID,
  GCP_PROJECT_ID,
  GCP_SCOPED_PROJECT_ID,
  IAM_PATH,
  importIdOf,
  engineRolePath,
  parseVaultDuration,
  VAULT_OBJECTS,
  vaultObjectOfResource,
} from '../../src/catalogue';

describe('parseVaultDuration: the one duration parser', () => {
  test.each([
    ['3600', 3600],
    ['0', 0],
    ['90m', 5400],
    ['1h30m', 5400],
    ['1.5h', 5400],
    ['2d', 172800],
    ['1d12h', 129600],
    ['500ms', 0.5],
    [' 20m ', 1200],
  ])('%j is %d seconds', (text, seconds) => {
    expect(parseVaultDuration(text)).toBe(seconds);
  });

  test.each(['', '-5', '1 hour', 'h', '10x', '1h 30m', '1h30', '${var.ttl}'])('%j is not a duration', (text) => {
    expect(parseVaultDuration(text)).toBeUndefined();
  });

  test('describeSeconds writes seconds and the Go form', () => {
    expect(describeSeconds(5400)).toBe('5400 s (1h30m)');
    expect(describeSeconds(0)).toBe('0 s (0s)');
  });
});

describe('Vault objects', () => {
  test('import ids as the Vault provider documents them', () => {
    expect(importIdOf('jwt-auth-mount', '/jwt/')).toBe('jwt');
    expect(importIdOf('jwt-role', 'jwt', 'tfc-net-plan')).toBe('auth/jwt/role/tfc-net-plan');
    expect(importIdOf('policy', 'ignored', 'tfc-net-plan')).toBe('tfc-net-plan');
    expect(importIdOf('aws-role', 'aws/', 'deploy')).toBe('aws/roles/deploy');
    expect(importIdOf('gcp-roleset', 'gcp', 'viewer')).toBe('gcp/roleset/viewer');
    expect(importIdOf('gcp-static-account', 'gcp', 'ci')).toBe('gcp/static-account/ci');
    expect(importIdOf('azure-role', 'azure', 'reader')).toBe('azure/roles/reader');
    expect(() => importIdOf('jwt-role', 'jwt')).toThrow('a jwt-role needs a name');
  });

  test('each resource type names one kind, and each engine its default mount', () => {
    const types = Object.values(VAULT_OBJECTS).map((o) => o.resourceType);
    expect(new Set(types).size).toBe(types.length);
    expect(vaultObjectOfResource('vault_gcp_secret_static_account')?.kind).toBe('gcp-static-account');
    expect(vaultObjectOfResource('vault_kv_secret_v2')).toBeUndefined();
    expect(DEFAULT_ENGINE_MOUNTS).toEqual({ aws: 'aws', gcp: 'gcp', azure: 'azure' });
    expect(VAULT_OBJECTS['jwt-auth-mount'].defaultMount).toBe('jwt');
    expect(engineRolePath('azure-role', '/team/azure/', 'r')).toBe('team/azure/roles/r');
  });
});

describe('grammars', () => {
  test.each([
    [IAM_PATH.grammar, ['/', '/vault/', '/a/b/'], ['', 'vault', '/vault', 'vault/', '/a b/', `/${'x'.repeat(511)}/`]],
    [EXTERNAL_ID.grammar, ['ab', 'tfc:acme:network', 'a'.repeat(1224)], ['a', 'with space', '${x}', 'a'.repeat(1225)]],
    [GCP_PROJECT_ID.grammar, ['acme-data', 'a12345'], ['Acme-data', 'acme', 'example.com:acme-data', 'acme-data-']],
    [GCP_SCOPED_PROJECT_ID.grammar, ['acme-data', 'example.com:acme-data'], ['example.com:', 'Acme']],
  ])('%s', (grammar, accepted, refused) => {
    for (const value of accepted) expect({ value, ok: grammar.test(value) }).toEqual({ value, ok: true });
    for (const value of refused) expect({ value, ok: grammar.test(value) }).toEqual({ value, ok: false });
  });
});

/**
 * One home per fact: source files outside the catalogue must not restate what it holds. Each pattern matches a way the
 * fact was written before it moved here.
 */
describe('nothing outside the catalogue restates a default, a grammar or a duration parser', () => {
  const root = path.resolve(__dirname, '..', '..', '..', '..');
  const catalogue = path.join(root, 'packages', 'report', 'src', 'catalogue');
  const sources = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) return full === catalogue ? [] : sources(full);
      return e.name.endsWith('.ts') ? [full] : [];
    });
  const files = [...sources(path.join(root, 'lib')), ...sources(path.join(root, 'packages', 'report', 'src'))];
  // Code only: comments and TSDoc may name a default in words.
  const code = (file: string) =>
    fs
      .readFileSync(file, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/(^|[^:])\/\/.*$/gm, '$1');
  const restated: Array<[string, RegExp]> = [
    ['the HCP Terraform hostname', new RegExp(`'${DEFAULT_HCP_TERRAFORM_HOSTNAME.replace(/\./g, '\\.')}'`)],
    ['a default engine mount', /\?\? '(aws|gcp|azure|jwt)'|\bpath: '(aws|gcp|azure|jwt)'/],
    ['the external-id grammar', /\[\\w\+=,\.@:\/-\]\{2,1224\}/],
    ['the IAM path grammar', /\\x21-\\x7e/],
    ['the GCP project-id grammar', /\[a-z0-9-\]\{4,28\}/],
    ['a duration unit table', /\bms: 0\.001\b|\['ms', 1e-3\]/],
  ];

  test('the check looks at the library and the report sources', () => {
    expect(files.length).toBeGreaterThan(80);
  });

  test.each(restated)('%s', (_what, pattern) => {
    const found = files.filter((file) => pattern.test(code(file))).map((file) => path.relative(root, file));
    expect(found).toEqual([]);
  });

  test('the patterns find what they look for (in the catalogue itself)', () => {
    const own = fs.readdirSync(catalogue).map((f) => code(path.join(catalogue, f))).join('\n');
    for (const [what, pattern] of restated.filter(([w]) => w !== 'a default engine mount' && w !== 'the HCP Terraform hostname')) {
      expect({ what, found: pattern.test(own) }).toEqual({ what, found: true });
    }
  });
});
