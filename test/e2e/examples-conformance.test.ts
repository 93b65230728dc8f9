/**
 * Conformance checks that reach outside our own code, over every example app (and, for policies, over the
 * hand-written fixtures too):
 * - every block and argument exists in the schema the provider packages' jsii assemblies describe, nested blocks
 *   included, and every required argument is present;
 * - every Vault policy parses with HashiCorp's HCL parser (@cdktf/hcl2json) and uses only the keys and capability
 *   names Vault's policy parser knows;
 * - the trust report finds no error in any example.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse } from '@cdktf/hcl2json';
import { explain } from '../../packages/report/src/explain';
import { TerraformConfiguration } from '../../packages/report/src/terraform-json';
import { checkProviderSchemas } from '../support/provider-schema';
import { FIXTURES, HASHICORP_VARIABLES } from '../report/support';
import { SynthesizedExample, synthesizeExamples } from './examples';

jest.setTimeout(120_000);

/** From hashicorp/vault `vault/policy.go` (the HCL keys of a path block and the capability names). */
const VAULT_TOP_LEVEL_KEYS = ['name', 'path'];
const VAULT_PATH_KEYS = [
  'comment', 'policy', 'capabilities', 'allowed_parameters', 'denied_parameters', 'required_parameters',
  'min_wrapping_ttl', 'max_wrapping_ttl', 'mfa_methods', 'control_group', 'subscribe_event_types',
];
const VAULT_CAPABILITIES = ['create', 'read', 'update', 'patch', 'delete', 'list', 'sudo', 'deny', 'subscribe', 'recover'];

let examples: SynthesizedExample[];
beforeAll(() => {
  examples = synthesizeExamples();
});

/** Problems of one policy text, as Vault's parser would see them after HCL parsing. */
async function policyProblems(text: string): Promise<string[]> {
  let parsed: Record<string, unknown>;
  try {
    parsed = (await parse('policy.hcl', text)) as Record<string, unknown>;
  } catch (error) {
    return [`does not parse: ${String(error)}`];
  }
  const problems: string[] = [];
  for (const key of Object.keys(parsed)) if (!VAULT_TOP_LEVEL_KEYS.includes(key)) problems.push(`unknown top-level key ${key}`);
  const paths = (parsed.path ?? {}) as Record<string, Array<Record<string, unknown>>>;
  if (Object.keys(paths).length === 0) problems.push('no path blocks');
  for (const [p, blocks] of Object.entries(paths)) {
    for (const block of blocks) {
      for (const key of Object.keys(block)) if (!VAULT_PATH_KEYS.includes(key)) problems.push(`path "${p}": unknown key ${key}`);
      const capabilities = block.capabilities;
      if (!Array.isArray(capabilities) || capabilities.length === 0) problems.push(`path "${p}": no capabilities list`);
      else for (const c of capabilities) if (!VAULT_CAPABILITIES.includes(c)) problems.push(`path "${p}": unknown capability ${JSON.stringify(c)}`);
    }
  }
  return problems;
}

/** Every vault_policy text of a configuration, resolved as Terraform would before apply. */
function policies(json: unknown, variables?: Record<string, string>): Array<[string, string]> {
  const config = new TerraformConfiguration(json, { variables });
  return config.resourcesOfType('vault_policy').map((block) => {
    const resolved = config.resolve(block.body.policy);
    if (!resolved || !('literal' in resolved)) throw new Error(`${block.address}.policy does not resolve to a literal`);
    return [block.address, resolved.literal];
  });
}

describe('every example app', () => {
  test('is discovered and synthesizes', () => {
    expect(examples.map((e) => e.name)).toContain('examples/main.ts#VaultBackedCredentialsExample');
    for (const example of examples) expect(Object.keys(example.json.resource ?? {}).length).toBeGreaterThan(0);
  });

  test('uses only blocks and arguments its providers define, and sets every required one', () => {
    for (const example of examples)
      expect({ example: example.name, problems: checkProviderSchemas(example.json) }).toEqual({ example: example.name, problems: [] });
  });

  test('writes Vault policies that HCL parses and Vault understands', async () => {
    let count = 0;
    for (const example of examples) {
      for (const [address, text] of policies(example.json)) {
        count++;
        expect({ example: example.name, address, problems: await policyProblems(text) }).toEqual({ example: example.name, address, problems: [] });
      }
    }
    expect(count).toBeGreaterThanOrEqual(3);
  });
});

describe('the trust report on every example app', () => {
  test('finds no error, and every run the variables reach logs in and reads its credentials', () => {
    for (const example of examples) {
      const report = explain(example.json);
      const errors = report.findings.filter((f) => f.severity === 'error').map((f) => `${f.rule} ${f.subject}: ${f.message}`);
      expect({ example: example.name, errors }).toEqual({ example: example.name, errors: [] });
      expect(report.rows.length).toBeGreaterThan(0);
      for (const row of report.rows) {
        expect({ example: example.name, row: `${row.selector.label} ${row.phase}`, login: row.login }).toEqual({
          example: example.name,
          row: `${row.selector.label} ${row.phase}`,
          login: 'admitted',
        });
        for (const cell of row.credentials)
          expect({ path: cell.path, read: cell.read, problems: cell.problems }).toEqual({ path: cell.path, read: 'allowed', problems: [] });
      }
    }
  });
});

describe('hand-written fixtures', () => {
  const files = ['hashicorp-examples', 'sound', 'broken'].flatMap((dir) =>
    fs.readdirSync(path.join(FIXTURES, dir)).filter((f) => f.endsWith('.json')).map((f) => `${dir}/${f}`),
  );

  test.each(files)('%s: its Vault policies parse and use only Vault\'s keys and capabilities', async (file) => {
    const json = JSON.parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8'));
    const texts = policies(json, HASHICORP_VARIABLES);
    expect(texts.length).toBeGreaterThan(0);
    for (const [address, text] of texts) expect({ address, problems: await policyProblems(text) }).toEqual({ address, problems: [] });
  });

  test.each(files)('%s: its Vault and HCP Terraform blocks match the provider schemas', (file) => {
    // Only the vault_* and tfe_* parts: those are what the report reads (the cloud-side parts would load the large
    // AWS and Google schemas for nothing).
    const json = JSON.parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8'));
    const keep = (section: Record<string, unknown> = {}) => Object.fromEntries(Object.entries(section).filter(([type]) => /^(vault|tfe)_/.test(type)));
    const narrowed = {
      resource: keep(json.resource),
      data: keep(json.data),
      provider: Object.fromEntries(Object.entries(json.provider ?? {}).filter(([type]) => type === 'vault' || type === 'tfe')),
    };
    expect(checkProviderSchemas(narrowed)).toEqual([]);
  });

  test('the checks are not vacuous: a bad capability and an unknown key are caught', async () => {
    expect(await policyProblems('path "a" {\n  capabilities = ["reed"]\n  capabilitiez = ["read"]\n}\n')).toEqual([
      'path "a": unknown key capabilitiez',
      'path "a": unknown capability "reed"',
    ]);
    expect((await policyProblems('path "a" {'))[0]).toMatch(/^does not parse/);
    expect(checkProviderSchemas({ resource: { vault_policy: { p: { name: 'x', polcy: 'y' } } } }).map((p) => p.problem)).toEqual(
      expect.arrayContaining([expect.stringMatching(/polcy/), expect.stringMatching(/policy/)]),
    );
  });
});
