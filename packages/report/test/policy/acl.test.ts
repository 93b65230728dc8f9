import {
  AclRuleInput,
  PolicyDocument,
  TOKEN_SELF_RULES,
  evaluateAcl,
  parsePolicy,
  policiesFromDocuments,
  policiesFromParsed,
} from '../../src/policy';
import { seededShuffle } from './shuffle';

type Policy = AclRuleInput[];

const rule = (path: string, ...capabilities: string[]): AclRuleInput => ({ path, capabilities });

interface Case {
  readonly name: string;
  readonly policies: Policy[];
  readonly path: string;
  readonly capability: string;
  readonly allowed: boolean;
  readonly matched?: string;
}

const cases: Case[] = [
  // exact vs glob
  {
    name: 'exact beats glob (exact grants less)',
    policies: [[rule('secret/*', 'read'), rule('secret/foo', 'list')]],
    path: 'secret/foo',
    capability: 'read',
    allowed: false,
    matched: 'secret/foo',
  },
  {
    name: 'exact beats glob (exact grants more)',
    policies: [[rule('secret/*', 'deny'), rule('secret/foo', 'read')]],
    path: 'secret/foo',
    capability: 'read',
    allowed: true,
    matched: 'secret/foo',
  },
  {
    name: 'exact beats segment wildcard',
    policies: [[rule('secret/+', 'read'), rule('secret/foo', 'update')]],
    path: 'secret/foo',
    capability: 'read',
    allowed: false,
    matched: 'secret/foo',
  },

  // prefix globs
  { name: 'secret/* matches deeper paths', policies: [[rule('secret/*', 'read')]], path: 'secret/a/b', capability: 'read', allowed: true, matched: 'secret/*' },
  { name: 'secret/* matches secret/ itself', policies: [[rule('secret/*', 'read')]], path: 'secret/', capability: 'read', allowed: true, matched: 'secret/*' },
  { name: 'secret/* does not match secret', policies: [[rule('secret/*', 'read')]], path: 'secret', capability: 'read', allowed: false },
  {
    name: 'longer prefix beats shorter (deny)',
    policies: [[rule('secret/*', 'read'), rule('secret/restricted/*', 'deny')]],
    path: 'secret/restricted/key',
    capability: 'read',
    allowed: false,
    matched: 'secret/restricted/*',
  },
  {
    name: 'shorter prefix still applies elsewhere',
    policies: [[rule('secret/*', 'read'), rule('secret/restricted/*', 'deny')]],
    path: 'secret/open/key',
    capability: 'read',
    allowed: true,
    matched: 'secret/*',
  },
  {
    name: 'longer prefix beats shorter (grant)',
    policies: [[rule('*', 'deny'), rule('secret/*', 'read')]],
    path: 'secret/x',
    capability: 'read',
    allowed: true,
    matched: 'secret/*',
  },
  { name: 'bare * matches anything', policies: [[rule('*', 'list')]], path: 'sys/mounts', capability: 'list', allowed: true, matched: '*' },

  // aws/sts/x vs aws/sts/xy
  { name: 'aws/sts/x does not grant aws/sts/xy', policies: [[rule('aws/sts/x', 'read')]], path: 'aws/sts/xy', capability: 'read', allowed: false },
  { name: 'aws/sts/x does not grant aws/sts/x/y', policies: [[rule('aws/sts/x', 'read')]], path: 'aws/sts/x/y', capability: 'read', allowed: false },
  { name: 'aws/sts/x grants aws/sts/x', policies: [[rule('aws/sts/x', 'read')]], path: 'aws/sts/x', capability: 'read', allowed: true, matched: 'aws/sts/x' },
  {
    name: 'aws/sts/x* grants aws/sts/xy',
    policies: [[rule('aws/sts/x*', 'read')]],
    path: 'aws/sts/xy',
    capability: 'read',
    allowed: true,
    matched: 'aws/sts/x*',
  },

  // + segment wildcard
  {
    name: '+ matches exactly one segment',
    policies: [[rule('secret/+/config', 'read')]],
    path: 'secret/app/config',
    capability: 'read',
    allowed: true,
    matched: 'secret/+/config',
  },
  { name: '+ does not span two segments', policies: [[rule('secret/+/config', 'read')]], path: 'secret/a/b/config', capability: 'read', allowed: false },
  { name: '+ does not match zero segments', policies: [[rule('secret/+/config', 'read')]], path: 'secret/config', capability: 'read', allowed: false },
  { name: '+ rule without * needs same segment count', policies: [[rule('secret/+', 'read')]], path: 'secret/a/b', capability: 'read', allowed: false },
  {
    name: '+ with trailing * prefix-matches last segment',
    policies: [[rule('secret/+/fo*', 'read')]],
    path: 'secret/a/foo/bar',
    capability: 'read',
    allowed: true,
    matched: 'secret/+/fo*',
  },
  { name: '+/* needs something after the wildcard segment', policies: [[rule('secret/+/*', 'read')]], path: 'secret/a', capability: 'read', allowed: false },
  {
    name: '+/* matches below the wildcard segment',
    policies: [[rule('secret/+/*', 'read')]],
    path: 'secret/a/b/c',
    capability: 'read',
    allowed: true,
    matched: 'secret/+/*',
  },
  { name: 'leading + segment', policies: [[rule('+/creds/ci', 'read')]], path: 'aws-prod/creds/ci', capability: 'read', allowed: true, matched: '+/creds/ci' },

  // priority between + and *
  {
    name: 'same position: + (non-prefix) beats *',
    policies: [[rule('secret/*', 'deny'), rule('secret/+/config', 'read')]],
    path: 'secret/a/config',
    capability: 'read',
    allowed: true,
    matched: 'secret/+/config',
  },
  {
    name: 'later first wildcard wins: secret/a* beats secret/+',
    policies: [[rule('secret/+', 'deny'), rule('secret/a*', 'read')]],
    path: 'secret/ab',
    capability: 'read',
    allowed: true,
    matched: 'secret/a*',
  },
  {
    name: 'later first wildcard wins: foo/bar/+/baz beats foo/+/bar/baz',
    policies: [[rule('foo/+/bar/baz', 'deny'), rule('foo/bar/+/baz', 'read')]],
    path: 'foo/bar/bar/baz',
    capability: 'read',
    allowed: true,
    matched: 'foo/bar/+/baz',
  },
  {
    name: 'non-prefix beats prefix: foo/+/bar over foo/+/ba*',
    policies: [[rule('foo/+/ba*', 'deny'), rule('foo/+/bar', 'read')]],
    path: 'foo/x/bar',
    capability: 'read',
    allowed: true,
    matched: 'foo/+/bar',
  },
  {
    name: 'fewer + segments win',
    policies: [[rule('foo/+/+/baz', 'deny'), rule('foo/+/bar/baz', 'read')]],
    path: 'foo/x/bar/baz',
    capability: 'read',
    allowed: true,
    matched: 'foo/+/bar/baz',
  },
  {
    name: 'longer wildcard path wins',
    policies: [[rule('foo/+/bar/b*', 'deny'), rule('foo/+/bar/ba*', 'read')]],
    path: 'foo/x/bar/baz',
    capability: 'read',
    allowed: true,
    matched: 'foo/+/bar/ba*',
  },
  {
    name: 'lexicographically larger wins the final tie',
    policies: [[rule('foo/+/+/baz', 'deny'), rule('foo/+/bar/+', 'read')]],
    path: 'foo/x/bar/baz',
    capability: 'read',
    allowed: true,
    matched: 'foo/+/bar/+',
  },
  {
    name: 'prefix glob beats + that starts earlier',
    policies: [[rule('secret/+/config', 'deny'), rule('secret/app/*', 'read')]],
    path: 'secret/app/config',
    capability: 'read',
    allowed: true,
    matched: 'secret/app/*',
  },

  // the winner alone decides
  {
    name: 'winning rule without the capability denies',
    policies: [[rule('secret/*', 'read'), rule('secret/+/config', 'list')]],
    path: 'secret/a/config',
    capability: 'read',
    allowed: false,
    matched: 'secret/+/config',
  },

  // merging across policies
  {
    name: 'deny wins when merged (deny second)',
    policies: [[rule('secret/data/x', 'read')], [rule('secret/data/x', 'deny')]],
    path: 'secret/data/x',
    capability: 'read',
    allowed: false,
    matched: 'secret/data/x',
  },
  {
    name: 'deny wins when merged (deny first)',
    policies: [[rule('secret/data/*', 'deny')], [rule('secret/data/*', 'read', 'list')]],
    path: 'secret/data/y',
    capability: 'list',
    allowed: false,
    matched: 'secret/data/*',
  },
  {
    name: 'capabilities union across policies',
    policies: [[rule('kv/a', 'read')], [rule('kv/a', 'update')]],
    path: 'kv/a',
    capability: 'update',
    allowed: true,
    matched: 'kv/a',
  },

  // token self paths
  {
    name: 'lookup-self read',
    policies: [[...TOKEN_SELF_RULES]],
    path: 'auth/token/lookup-self',
    capability: 'read',
    allowed: true,
    matched: 'auth/token/lookup-self',
  },
  {
    name: 'renew-self update',
    policies: [[...TOKEN_SELF_RULES]],
    path: 'auth/token/renew-self',
    capability: 'update',
    allowed: true,
    matched: 'auth/token/renew-self',
  },
  {
    name: 'revoke-self update',
    policies: [[...TOKEN_SELF_RULES]],
    path: 'auth/token/revoke-self',
    capability: 'update',
    allowed: true,
    matched: 'auth/token/revoke-self',
  },
  {
    name: 'lookup-self is read-only',
    policies: [[...TOKEN_SELF_RULES]],
    path: 'auth/token/lookup-self',
    capability: 'update',
    allowed: false,
    matched: 'auth/token/lookup-self',
  },
  { name: 'token create is not granted', policies: [[...TOKEN_SELF_RULES]], path: 'auth/token/create', capability: 'update', allowed: false },

  // request normalisation and list handling
  {
    name: 'leading slashes of the request are ignored',
    policies: [[rule('aws/creds/ci', 'read')]],
    path: '//aws/creds/ci',
    capability: 'read',
    allowed: true,
    matched: 'aws/creds/ci',
  },
  {
    name: 'list with trailing slash uses exact rule without it',
    policies: [[rule('secret/metadata', 'list')]],
    path: 'secret/metadata/',
    capability: 'list',
    allowed: true,
    matched: 'secret/metadata',
  },
  {
    name: 'read does not get the trailing-slash fallback',
    policies: [[rule('secret/metadata', 'read')]],
    path: 'secret/metadata/',
    capability: 'read',
    allowed: false,
  },
  {
    name: 'list tries globs without the trailing slash first',
    policies: [[rule('secret/meta*', 'list'), rule('secret/metadata/*', 'deny')]],
    path: 'secret/metadata/',
    capability: 'list',
    allowed: true,
    matched: 'secret/meta*',
  },
  {
    name: 'sudo is a capability like the others',
    policies: [[rule('sys/audit/*', 'update', 'sudo')]],
    path: 'sys/audit/file',
    capability: 'sudo',
    allowed: true,
    matched: 'sys/audit/*',
  },

  // nothing matches
  { name: 'no rules at all', policies: [], path: 'secret/x', capability: 'read', allowed: false },
];

describe('evaluateAcl', () => {
  test.each(cases)('$name', ({ policies, path, capability, allowed, matched }) => {
    const decision = evaluateAcl(policies, path, capability);
    expect(decision.allowed).toBe(allowed);
    expect(decision.matchedPath).toBe(matched);
  });

  test('decisions do not depend on rule or policy order', () => {
    for (const c of cases) {
      const flat = c.policies.flatMap((policy, index) => policy.map((r) => ({ r, index })));
      for (let seed = 1; seed <= 6; seed++) {
        const shuffled = seededShuffle(flat, seed);
        const regrouped = c.policies.map((_p, index) => shuffled.filter((x) => x.index === index).map((x) => x.r));
        const reordered = seededShuffle(regrouped, seed + 100);
        expect([c.name, evaluateAcl(reordered, c.path, c.capability)]).toEqual([
          c.name,
          evaluateAcl(c.policies, c.path, c.capability),
        ]);
      }
    }
  });

  test('reports the merged capabilities of the deciding rule', () => {
    expect(evaluateAcl([[rule('kv/a', 'list')], [rule('kv/a', 'read', 'create')]], 'kv/a', 'read')).toEqual({
      allowed: true,
      matchedPath: 'kv/a',
      capabilities: ['create', 'read', 'list'],
    });
    expect(evaluateAcl([[rule('kv/*', 'read')], [rule('kv/*', 'deny')]], 'kv/a', 'read')).toEqual({
      allowed: false,
      matchedPath: 'kv/*',
      capabilities: ['deny'],
    });
    expect(evaluateAcl([[rule('kv/*', 'read')]], 'other', 'read')).toEqual({ allowed: false, capabilities: [] });
  });

  test('rejects unknown or non-operation capabilities and "+*" paths', () => {
    expect(() => evaluateAcl([[rule('a', 'read')]], 'a', 'write')).toThrow(/cannot evaluate capability "write"/);
    expect(() => evaluateAcl([[rule('a', 'read')]], 'a', 'deny')).toThrow(/cannot evaluate capability "deny"/);
    expect(() => evaluateAcl([[rule('a', 'reed')]], 'a', 'read')).toThrow(/unknown capability "reed"/);
    expect(() => evaluateAcl([[rule('a/+*', 'read')]], 'a/b', 'read')).toThrow(/"\+\*"/);
  });
});

describe('adapters', () => {
  const doc = PolicyDocument.fromRules(TOKEN_SELF_RULES)
    .addRule('secret/*', ['read'])
    .addRule('secret/+/config', ['list'])
    .addRule('aws/sts/deploy', ['read', 'update']);
  const probes: Array<[string, string]> = [
    ['auth/token/renew-self', 'update'],
    ['secret/a/config', 'read'],
    ['secret/a/config', 'list'],
    ['secret/a/b', 'read'],
    ['aws/sts/deploy', 'update'],
    ['aws/sts/deploy2', 'read'],
  ];

  test('rendered → parsed policies decide exactly like the document', () => {
    const fromText = policiesFromParsed([parsePolicy(doc.render())]);
    const fromDoc = policiesFromDocuments([doc]);
    const expectedAllowed = [true, false, true, true, true, false];
    probes.forEach(([path, cap], i) => {
      const viaText = evaluateAcl(fromText, path, cap);
      expect(viaText).toEqual(evaluateAcl(fromDoc, path, cap));
      expect([path, cap, viaText.allowed]).toEqual([path, cap, expectedAllowed[i]]);
    });
  });

  test('a parsed policy with a leading-slash path grants the stripped path (GCP example)', () => {
    const parsed = parsePolicy('path "/gcp/roleset/ci/token" {\n  capabilities = ["read"]\n}\n');
    expect(evaluateAcl(policiesFromParsed([parsed]), 'gcp/roleset/ci/token', 'read')).toMatchObject({
      allowed: true,
      matchedPath: 'gcp/roleset/ci/token',
    });
  });

  test('legacy policy = "read" grants read and list but not update', () => {
    const acl = policiesFromParsed([parsePolicy('path "old/*" { policy = "read" }')]);
    expect(evaluateAcl(acl, 'old/x', 'read').allowed).toBe(true);
    expect(evaluateAcl(acl, 'old/x', 'list').allowed).toBe(true);
    expect(evaluateAcl(acl, 'old/x', 'update').allowed).toBe(false);
  });
});
