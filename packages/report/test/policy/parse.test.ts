import { PolicyDocument, PolicyParseError, TOKEN_SELF_RULES, parsePolicy } from '../../src/policy';

describe('parsePolicy', () => {
  test('round-trips rendered documents to the same rules', () => {
    const docs = [
      PolicyDocument.fromRules(TOKEN_SELF_RULES).addRule('aws/sts/deploy', ['read']),
      new PolicyDocument()
        .addRule('secret/+/config', ['read', 'list'])
        .addRule('secret/*', ['deny'])
        .addRule('*', ['list'])
        .addRule('sys/leases/renew', ['update', 'sudo', 'patch', 'recover', 'subscribe']),
      new PolicyDocument().addRule('gcp/roleset/ci/token', ['read']),
    ];
    for (const doc of docs) {
      const parsed = parsePolicy(doc.render());
      expect(parsed.rules).toEqual(doc.rules.map((r) => ({ ...r, otherKeys: [] })));
    }
  });

  test('reads a hand-written policy with comments, maps, TTLs and legacy syntax', () => {
    const text = `
# HCP Terraform run token
// another comment style
/* a block
   comment spanning lines */
path "auth/token/lookup-self" { capabilities = ["read"] }
path "/gcp/roleset/ci/token" {
  capabilities = [
    "read",   # trailing comment
    "update", // trailing comma allowed
  ]
}
path "aws/creds/deploy" {
  capabilities = ["read"]
  required_parameters = ["ttl"]
  allowed_parameters = {
    "ttl" = ["1h", "2h"]
    "*"   = []
  }
  denied_parameters {
    "role_arn" = []
  }
  min_wrapping_ttl = "1s"
  max_wrapping_ttl = "1h30m"
}
path "secret/old" {
  policy = "write"
}
path "identity/entity/id/{{identity.entity.id}}" {
  capabilities = ["read"]
  comment = "templated path, read literally"
}
`;
    expect(parsePolicy(text).rules).toEqual([
      { path: 'auth/token/lookup-self', capabilities: ['read'], otherKeys: [] },
      { path: 'gcp/roleset/ci/token', capabilities: ['read', 'update'], otherKeys: [] },
      {
        path: 'aws/creds/deploy',
        capabilities: ['read'],
        otherKeys: ['required_parameters', 'allowed_parameters', 'denied_parameters', 'min_wrapping_ttl', 'max_wrapping_ttl'],
      },
      { path: 'secret/old', capabilities: ['create', 'read', 'update', 'delete', 'list'], otherKeys: ['policy'] },
      { path: 'identity/entity/id/{{identity.entity.id}}', capabilities: ['read'], otherKeys: ['comment'] },
    ]);
  });

  test('merges capabilities when a path appears in two blocks', () => {
    const parsed = parsePolicy(
      'path "kv/*" { capabilities = ["read"] }\npath "kv/*" { capabilities = ["list", "read"] }\n',
    );
    expect(parsed.rules).toEqual([{ path: 'kv/*', capabilities: ['read', 'list'], otherKeys: [] }]);
  });

  test('strips exactly one leading slash, merging "/x" with "x"', () => {
    const parsed = parsePolicy(
      'path "/a" { capabilities = ["read"] }\npath "a" { capabilities = ["list"] }\npath "//b" { capabilities = ["read"] }',
    );
    expect(parsed.rules.map((r) => [r.path, r.capabilities])).toEqual([
      ['a', ['read', 'list']],
      ['/b', ['read']],
    ]);
  });

  test('decodes string escapes and accepts the top-level name', () => {
    const parsed = parsePolicy('name = "p"\npath "a\\u0062c" { capabilities = ["read"] }');
    expect(parsed.name).toBe('p');
    expect(parsed.rules[0].path).toBe('abc');
  });

  test('an empty policy has no rules', () => {
    expect(parsePolicy('  # nothing here\n').rules).toEqual([]);
  });

  test('a block without capabilities is kept with an empty list', () => {
    expect(parsePolicy('path "a" {}').rules).toEqual([{ path: 'a', capabilities: [], otherKeys: [] }]);
  });
});

describe('parsePolicy errors', () => {
  test.each<[string, string, number, RegExp]>([
    ['unclosed block', 'path "a" {\n  capabilities = ["read"]\n', 1, /unclosed block/],
    ['unquoted label', 'path aws/creds/x {\n  capabilities = ["read"]\n}', 1, /quoted string label/],
    ['double comma in list', 'path "a" {\n  capabilities = ["read",, "list"]\n}', 2, /expected a value but found ","/],
    ['missing comma in list', 'path "a" {\n  capabilities = ["read" "list"]\n}', 2, /expected "," or "\]"/],
    ['unclosed list', 'path "a" {\n  capabilities = ["read"\n', 2, /unclosed list/],
    ['unquoted list item', 'path "a" {\n  capabilities = [read]\n}', 2, /strings must be quoted/],
    ['capabilities not a list', 'path "a" {\n  capabilities = "read"\n}', 2, /must be a list of strings/],
    ['unknown capability', 'path "a" {\n  capabilities = ["reed"]\n}', 2, /unknown capability "reed"/],
    ['unknown key', 'path "a" {\n  capabilities = ["read"]\n  capabilitiez = ["read"]\n}', 3, /unknown key "capabilitiez"/],
    ['duplicate key', 'path "a" {\n  capabilities = ["read"]\n  capabilities = ["list"]\n}', 3, /set twice \(first on line 2\)/],
    ['missing equals', 'path "a" {\n  capabilities ["read"]\n}', 2, /expected "=" after key/],
    ['unknown top-level key', 'paths "a" {}', 1, /only "path" blocks/],
    ['block without label brace', 'path "a" capabilities = ["read"]', 1, /expected "\{"/],
    ['unterminated string', 'path "a {\n}', 1, /unterminated string/],
    ['unterminated comment', 'path "a" {}\n/* open', 2, /unterminated \/\* comment/],
    ['stray character', 'path "a" {\n  capabilities = ["read"]\n} ;', 3, /unexpected character ";"/],
    ['heredoc', 'path "a" {\n  comment = <<EOF\nx\nEOF\n}', 2, /unexpected character "<"/],
    ['invalid escape', 'path "a\\q" {}', 1, /invalid escape/],
    ['plus star', 'path "a/+*" { capabilities = ["read"] }', 1, /"\+\*" is not allowed/],
    ['legacy policy value', 'path "a" {\n  policy = "create"\n}', 2, /policy must be one of/],
    ['bad ttl', 'path "a" {\n  min_wrapping_ttl = "soon"\n}', 2, /not a valid duration/],
    ['max below min ttl', 'path "a" {\n  min_wrapping_ttl = "2h"\n  max_wrapping_ttl = 60\n}', 1, /max_wrapping_ttl cannot be less/],
    ['parameter value not a list', 'path "a" {\n  allowed_parameters = {\n    "ttl" = "1h"\n  }\n}', 3, /must be a list/],
  ])('%s', (_label, text, line, message) => {
    let caught: unknown;
    try {
      parsePolicy(text);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(PolicyParseError);
    const error = caught as PolicyParseError;
    expect(error.line).toBe(line);
    expect(error.message).toContain(`line ${line}:`);
    expect(error.message).toMatch(message);
  });
});
