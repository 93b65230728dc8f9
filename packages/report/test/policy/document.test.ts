import {
  PolicyDocument,
  TOKEN_SELF_RULES,
  VAULT_CAPABILITIES,
  VaultCapability,
  policyNameProblem,
  policyPathProblem,
  sortCapabilities,
} from '../../src/policy';
import { seededShuffle } from './shuffle';

describe('PolicyDocument.render', () => {
  test('renders the exact HCL text for a small document', () => {
    const doc = new PolicyDocument()
      .addRule('secret/*', ['update', 'read'])
      .addRule('auth/token/lookup-self', ['read']);
    expect(doc.render()).toBe(
      'path "auth/token/lookup-self" {\n' +
        '  capabilities = ["read"]\n' +
        '}\n' +
        '\n' +
        'path "secret/*" {\n' +
        '  capabilities = ["read", "update"]\n' +
        '}\n',
    );
  });

  test('a single rule renders a single block with no trailing blank line', () => {
    expect(new PolicyDocument().addRule('aws/sts/deploy', ['read']).render()).toBe(
      'path "aws/sts/deploy" {\n  capabilities = ["read"]\n}\n',
    );
  });

  test('merges capabilities for a path added twice', () => {
    const doc = new PolicyDocument().addRule('kv/data/app', ['read']).addRule('kv/data/app', ['list', 'read']);
    expect(doc.rules).toEqual([{ path: 'kv/data/app', capabilities: ['read', 'list'] }]);
  });

  test('rules are sorted by path and capabilities follow VAULT_CAPABILITIES order', () => {
    const doc = new PolicyDocument()
      .addRule('z/path', ['recover', 'create', 'sudo', 'patch'])
      .addRule('a/path', ['list', 'delete', 'update', 'read', 'subscribe']);
    expect(doc.rules).toEqual([
      { path: 'a/path', capabilities: ['read', 'update', 'delete', 'list', 'subscribe'] },
      { path: 'z/path', capabilities: ['create', 'patch', 'sudo', 'recover'] },
    ]);
  });

  test('output is byte-identical whatever order rules and capabilities are added in', () => {
    const additions: Array<[string, VaultCapability[]]> = [
      ['auth/token/lookup-self', ['read']],
      ['auth/token/renew-self', ['update']],
      ['auth/token/revoke-self', ['update']],
      ['aws/sts/deploy', ['read', 'update']],
      ['aws/creds/deploy', ['read']],
      ['secret/+/config', ['list', 'read']],
      ['secret/data/*', ['read']],
      ['secret/data/*', ['list']],
      ['gcp/roleset/ci/token', ['read']],
      ['Secret/Upper', ['create', 'delete']],
    ];
    const baseline = new PolicyDocument();
    for (const [path, caps] of additions) baseline.addRule(path, caps);
    const expected = baseline.render();
    expect(expected.split('path "').length - 1).toBe(9);

    for (let seed = 1; seed <= 25; seed++) {
      const doc = new PolicyDocument();
      for (const [path, caps] of seededShuffle(additions, seed)) {
        doc.addRule(path, seededShuffle(caps, seed * 7919));
      }
      expect(doc.render()).toBe(expected);
    }
  });

  test('fromRules builds the same document as addRule', () => {
    const doc = PolicyDocument.fromRules([...TOKEN_SELF_RULES, { path: 'secret/*', capabilities: ['read'] }]);
    const manual = new PolicyDocument()
      .addRule('secret/*', ['read'])
      .addRule('auth/token/revoke-self', ['update'])
      .addRule('auth/token/lookup-self', ['read'])
      .addRule('auth/token/renew-self', ['update']);
    expect(doc.render()).toBe(manual.render());
  });

  test('TOKEN_SELF_RULES are the three documented token self paths', () => {
    expect(TOKEN_SELF_RULES).toEqual([
      { path: 'auth/token/lookup-self', capabilities: ['read'] },
      { path: 'auth/token/renew-self', capabilities: ['update'] },
      { path: 'auth/token/revoke-self', capabilities: ['update'] },
    ]);
  });
});

describe('policyPathProblem', () => {
  test.each([
    'secret',
    'secret/data/app',
    'secret/*',
    '*',
    'secret/+/config',
    '+/config',
    '+',
    'secret/+/conf*',
    'secret/+/*',
    'secret/',
    'aws/sts/x*',
    'a-b_c.d/E9',
    'x'.repeat(512),
  ])('accepts %j', (path) => {
    expect(policyPathProblem(path)).toBeUndefined();
  });

  test.each<[string, string, string]>([
    ['empty', '', 'empty'],
    ['too long', 'x'.repeat(513), '513 characters'],
    ['double quote', 'secret/"x', 'the character "\\""'],
    ['backslash', 'secret\\x', 'the character "\\\\"'],
    ['dollar (interpolation)', 'secret/${var.x}', 'the character "$"'],
    ['percent (template directive)', 'secret/%{x}', 'the character "%"'],
    ['open brace (identity template)', 'secret/{{identity.entity.id}}', 'the character "{"'],
    ['close brace', 'secret/x}', 'the character "}"'],
    ['space', 'secret/a b', 'whitespace " "'],
    ['tab', 'secret/a\tb', 'whitespace "\\t"'],
    ['newline', 'secret/a\n}', 'whitespace "\\n"'],
    ['hash (comment)', 'secret/#x', 'the character "#"'],
    ['comma', 'secret/a,b', 'the character ","'],
    ['dot-dot segment', 'secret/../sys', 'a ".." segment'],
    ['dot segment', 'secret/./x', 'a "." segment'],
    ['double slash', 'secret//x', 'empty segment'],
    ['leading slash', '/secret/x', 'starts with "/"'],
    ['star not at end', 'secret/*/x', '"*" may only be the last character'],
    ['double star', 'secret/**', '"*" may only be the last character'],
    ['plus inside a segment', 'secret/a+b', 'the character "+"'],
    ['plus star', 'secret/+*', '"+*"'],
    ['non-ASCII', 'secret/ä', 'the character "ä"'],
  ])('refuses %s', (_label, path, reason) => {
    const problem = policyPathProblem(path);
    expect(problem).toBeDefined();
    expect(problem).toContain(JSON.stringify(path));
    expect(problem).toContain(reason);
    expect(problem).toContain('Allowed:');
  });
});

describe('PolicyDocument.validate', () => {
  test('a valid document has no problems', () => {
    expect(PolicyDocument.fromRules(TOKEN_SELF_RULES).validate()).toEqual([]);
  });

  test('reports an empty document', () => {
    expect(new PolicyDocument().validate()).toEqual([expect.stringContaining('no rules')]);
  });

  test('reports every problem, one per issue', () => {
    const doc = new PolicyDocument()
      .addRule('ok/path', ['read'])
      .addRule('bad path', ['read'])
      .addRule('empty/caps', [])
      .addRule('unknown/cap', ['read', 'reed' as VaultCapability])
      .addRule('deny/mixed', ['deny'])
      .addRule('deny/mixed', ['read']);
    const problems = doc.validate();
    expect(problems).toHaveLength(4);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('"bad path"'),
        expect.stringMatching(/"empty\/caps": no capabilities/),
        expect.stringMatching(/"unknown\/cap": unknown capability "reed"/),
        expect.stringMatching(/"deny\/mixed": "deny" cannot be combined .*read/),
      ]),
    );
  });

  test('deny alone is fine', () => {
    expect(new PolicyDocument().addRule('sys/*', ['deny']).validate()).toEqual([]);
  });

  test('an empty list followed by a real one merges into a valid rule', () => {
    expect(new PolicyDocument().addRule('a', []).addRule('a', ['read']).validate()).toEqual([]);
  });
});

describe('PolicyDocument.render refuses bad input', () => {
  test.each<[string, PolicyDocument, RegExp]>([
    ['injection via the path', new PolicyDocument().addRule('x" {}\npath "sys/*', ['sudo']), /refused/],
    ['empty capability list', new PolicyDocument().addRule('a/b', []), /no capabilities/],
    ['unknown capability', new PolicyDocument().addRule('a/b', ['write' as VaultCapability]), /unknown capability "write"/],
    ['deny plus read', new PolicyDocument().addRule('a/b', ['deny', 'read']), /"deny" cannot be combined/],
    ['no rules', new PolicyDocument(), /no rules/],
  ])('%s', (_label, doc, message) => {
    expect(() => doc.render()).toThrow(message);
    expect(() => doc.render()).toThrow(/^Cannot render Vault policy:\n- /);
  });

  test('the error lists all problems', () => {
    const doc = new PolicyDocument().addRule('a b', ['read']).addRule('c', []);
    let message = '';
    try {
      doc.render();
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message.split('\n- ')).toHaveLength(3);
  });
});

describe('capability helpers', () => {
  test('sortCapabilities de-duplicates and orders canonically, unknowns last', () => {
    expect(sortCapabilities(['zzz', 'list', 'read', 'aaa', 'read', 'create'])).toEqual([
      'create',
      'read',
      'list',
      'aaa',
      'zzz',
    ]);
    expect(sortCapabilities([...VAULT_CAPABILITIES].reverse())).toEqual([...VAULT_CAPABILITIES]);
  });
});

describe('policyNameProblem', () => {
  test.each(['default-aws', 'tfc.run_policy', 'a1'])('accepts %j', (name) => {
    expect(policyNameProblem(name)).toBeUndefined();
  });

  test.each<[string, RegExp]>([
    ['', /empty/],
    ['TFC-Policy', /lower-cased, use "tfc-policy"/],
    [' padded', /trimmed/],
    ['root', /reserved/],
    ['has space', /only lower-case letters/],
    ['slash/name', /only lower-case letters/],
  ])('refuses %j', (name, reason) => {
    expect(policyNameProblem(name)).toMatch(reason);
  });
});
