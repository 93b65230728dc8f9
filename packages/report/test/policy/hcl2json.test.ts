/**
 * Cross-check against HashiCorp's real HCL parser (Go, compiled to WASM) so
 * that what we render is exactly what a Vault-side HCL reader would see.
 */
import { parse } from '@cdktf/hcl2json';
import { PolicyDocument, PolicyParseError, TOKEN_SELF_RULES, parsePolicy } from '../../src/policy';

jest.setTimeout(30_000);

const documents: Array<[string, PolicyDocument]> = [
  ['token self paths + aws', PolicyDocument.fromRules(TOKEN_SELF_RULES).addRule('aws/sts/deploy-role', ['read'])],
  [
    'wildcards and every capability',
    new PolicyDocument()
      .addRule('secret/+/config', ['read', 'list'])
      .addRule('secret/data/*', ['create', 'read', 'update', 'patch', 'delete', 'list'])
      .addRule('sys/*', ['deny'])
      .addRule('sys/leases/renew', ['update', 'sudo', 'subscribe', 'recover'])
      .addRule('*', ['list']),
  ],
  ['dots, dashes, underscores', new PolicyDocument().addRule('gcp-prod/roleset/ci_runner.v2/token', ['read'])],
];

describe('rendered policies through @cdktf/hcl2json', () => {
  test.each(documents)('%s parses to exactly the intended path blocks', async (_label, doc) => {
    const parsed = await parse('policy.hcl', doc.render());
    const expected: Record<string, Array<{ capabilities: string[] }>> = {};
    for (const rule of doc.rules) expected[rule.path] = [{ capabilities: [...rule.capabilities] }];
    // toStrictEqual: no extra top-level keys, no extra keys inside a block, one block per path.
    expect(parsed).toStrictEqual({ path: expected });
  });
});

describe('our parser agrees with hcl2json on hand-written policies', () => {
  const accepted = [
    'path "a/*" { capabilities = ["read"] }',
    '# c\npath "b" {\n  capabilities = ["read", "list",]\n}\n// d\npath "c/+/x" {\n  capabilities = ["update"]\n  min_wrapping_ttl = "5m"\n}\n',
    'path "d" {\n  capabilities = ["read"]\n  allowed_parameters = {\n    "ttl" = ["1h"]\n  }\n}\n',
  ];

  test.each(accepted)('same paths and capabilities for %j', async (text) => {
    const real = (await parse('policy.hcl', text)) as { path: Record<string, Array<Record<string, unknown>>> };
    const fromReal = Object.entries(real.path).map(([path, blocks]) => ({
      path,
      capabilities: blocks.flatMap((b) => b.capabilities as string[]),
      otherKeys: blocks.flatMap((b) => Object.keys(b).filter((k) => k !== 'capabilities')),
    }));
    expect(parsePolicy(text).rules).toEqual(fromReal);
  });

  const malformed: Array<[string, string]> = [
    ['unclosed block', 'path "a" {\n  capabilities = ["read"]\n'],
    ['unquoted label', 'path aws/creds/x {\n  capabilities = ["read"]\n}'],
    ['bad list', 'path "a" {\n  capabilities = ["read",, "list"]\n}'],
  ];

  test.each(malformed)('both reject: %s', async (_label, text) => {
    await expect(parse('policy.hcl', text)).rejects.toBeDefined();
    expect(() => parsePolicy(text)).toThrow(PolicyParseError);
  });
});
