/**
 * The ACL model's messages, its merge cache, and the list-specific fallbacks, checked decision by decision.
 */
import { AclRuleInput, evaluateAcl } from '../../src/policy/acl';

const rule = (path: string, ...capabilities: string[]): AclRuleInput => ({ path, capabilities });

describe('messages', () => {
  test('an unusable capability names the usable ones (every capability but deny)', () => {
    expect(() => evaluateAcl([], 'a', 'write')).toThrow(
      new Error('cannot evaluate capability "write"; use one of create, read, update, patch, delete, list, sudo, subscribe, recover'),
    );
    expect(() => evaluateAcl([], 'a', 'deny')).toThrow(
      new Error('cannot evaluate capability "deny"; use one of create, read, update, patch, delete, list, sudo, subscribe, recover'),
    );
  });

  test('a rule Vault would refuse', () => {
    expect(() => evaluateAcl([[rule('a/+*', 'read')]], 'a', 'read')).toThrow(new Error('policy path "a/+*": "+*" is rejected by Vault'));
    expect(() => evaluateAcl([[rule('a', 'read', 'reed')]], 'a', 'read')).toThrow(
      new Error('policy path "a": unknown capability "reed"; known: create, read, update, patch, delete, list, sudo, deny, subscribe, recover'),
    );
  });
});

describe('the merge cache follows the policy list', () => {
  test('a policy added to the same list later is taken into account', () => {
    const policies: AclRuleInput[][] = [[rule('a', 'read')]];
    expect(evaluateAcl(policies, 'b', 'read').allowed).toBe(false);
    policies.push([rule('b', 'read')]);
    expect(evaluateAcl(policies, 'b', 'read')).toEqual({ allowed: true, matchedPath: 'b', capabilities: ['read'] });
  });

  test('a policy replaced in place is taken into account', () => {
    const policies: AclRuleInput[][] = [[rule('a', 'read')], [rule('b', 'read')]];
    expect(evaluateAcl(policies, 'b', 'read').allowed).toBe(true);
    policies[1] = [rule('c', 'read')];
    expect(evaluateAcl(policies, 'b', 'read').allowed).toBe(false);
    policies[0] = [rule('b', 'list')];
    expect(evaluateAcl(policies, 'b', 'list').allowed).toBe(true);
  });

  test('the only policy of a list replaced in place is taken into account', () => {
    const policies: AclRuleInput[][] = [[rule('a', 'read')]];
    expect(evaluateAcl(policies, 'a', 'read').allowed).toBe(true);
    policies[0] = [rule('b', 'read')];
    expect(evaluateAcl(policies, 'a', 'read').allowed).toBe(false);
  });

  test('the same list asked twice answers the same', () => {
    const policies = [[rule('kv/*', 'read'), rule('kv/+/x', 'deny')]];
    expect(evaluateAcl(policies, 'kv/a/x', 'read')).toEqual(evaluateAcl(policies, 'kv/a/x', 'read'));
    expect(evaluateAcl(policies, 'kv/a/x', 'read')).toEqual({ allowed: false, matchedPath: 'kv/+/x', capabilities: ['deny'] });
  });
});

describe('decisions', () => {
  test('the deciding rule reports its capabilities in canonical order', () => {
    expect(evaluateAcl([[rule('kv/*', 'list', 'read', 'create')]], 'kv/x', 'update')).toEqual({
      allowed: false,
      matchedPath: 'kv/*',
      capabilities: ['create', 'read', 'list'],
    });
  });

  test('a glob for a path that only shares a prefix of the last segment still matches', () => {
    expect(evaluateAcl([[rule('aws/sts/dep*', 'read')]], 'aws/sts/deploy', 'read').matchedPath).toBe('aws/sts/dep*');
    expect(evaluateAcl([[rule('aws/sts/dep*', 'read')]], 'aws/sts/de', 'read').matchedPath).toBeUndefined();
  });

  test('a segment rule with a glob needs at least as many segments as it has', () => {
    expect(evaluateAcl([[rule('a/+/b/c*', 'read')]], 'a/x/b', 'read').allowed).toBe(false);
    expect(evaluateAcl([[rule('a/+/b/c*', 'read')]], 'a/x/b/c', 'read').allowed).toBe(true);
    expect(evaluateAcl([[rule('a/+/b/c*', 'read')]], 'a/x/b/cd/e', 'read').allowed).toBe(true);
    expect(evaluateAcl([[rule('a/+/b/c*', 'read')]], 'a/x/bb/c', 'read').allowed).toBe(false);
  });

  test('a non-glob segment rule needs the same segments, and a non-last segment is never prefix-matched', () => {
    expect(evaluateAcl([[rule('a/+/b', 'read')]], 'a/x/bb', 'read').allowed).toBe(false);
    expect(evaluateAcl([[rule('a/+/b*', 'read')]], 'a/x/bb', 'read').allowed).toBe(true);
    expect(evaluateAcl([[rule('a/+/b*', 'read')]], 'aa/x/b', 'read').allowed).toBe(false);
    expect(evaluateAcl([[rule('+', 'read')]], 'a', 'read').allowed).toBe(true);
    expect(evaluateAcl([[rule('+', 'read')]], 'a/b', 'read').allowed).toBe(false);
  });

  test('a "+" inside a segment name is a literal character, not a wildcard', () => {
    expect(evaluateAcl([[rule('a+b/c', 'read')]], 'axb/c', 'read').allowed).toBe(false);
    expect(evaluateAcl([[rule('a+b/c', 'read')]], 'a+b/c', 'read').allowed).toBe(true);
    expect(evaluateAcl([[rule('a/b+', 'read')]], 'a/bx', 'read').allowed).toBe(false);
  });

  test('more wildcards lose to fewer at the same first position, in either order', () => {
    expect(evaluateAcl([[rule('a/+/+', 'read'), rule('a/+/c', 'deny')]], 'a/b/c', 'read')).toMatchObject({ matchedPath: 'a/+/c' });
    expect(evaluateAcl([[rule('a/+/c', 'deny'), rule('a/+/+', 'read')]], 'a/b/c', 'read')).toMatchObject({ matchedPath: 'a/+/c' });
  });

  test('at the same first wildcard, fewer "+" segments win even over a longer path', () => {
    // a/+/+/xy* is longer, but has two wildcard segments against one.
    expect(evaluateAcl([[rule('a/+/+/xy*', 'deny'), rule('a/+/b/x*', 'read')]], 'a/q/b/xyz', 'read')).toMatchObject({ allowed: true, matchedPath: 'a/+/b/x*' });
  });

  test('with as many "+" segments, the longer path wins even when it sorts first', () => {
    // "a/+/+/zz/c" sorts before "a/+/b/+/c" ("+" < "b"), but is longer.
    expect(evaluateAcl([[rule('a/+/b/+/c*', 'deny'), rule('a/+/+/zz/c*', 'read')]], 'a/q/b/zz/c', 'read')).toMatchObject({
      allowed: true,
      matchedPath: 'a/+/+/zz/c*',
    });
  });

  test('between two prefix globs the longer wins, in either order', () => {
    expect(evaluateAcl([[rule('a/b*', 'deny'), rule('a/*', 'read')]], 'a/bc', 'read').matchedPath).toBe('a/b*');
    expect(evaluateAcl([[rule('a/*', 'read'), rule('a/b*', 'deny')]], 'a/bc', 'read').matchedPath).toBe('a/b*');
  });

  test('list: the path without its trailing slash is tried against globs before the path itself', () => {
    const policies = [[rule('kv/x*', 'list'), rule('kv/x/*', 'deny')]];
    expect(evaluateAcl(policies, 'kv/x/', 'list')).toEqual({ allowed: true, matchedPath: 'kv/x*', capabilities: ['list'] });
    expect(evaluateAcl(policies, 'kv/x/', 'read')).toEqual({ allowed: false, matchedPath: 'kv/x/*', capabilities: ['deny'] });
  });

  test('list without a trailing slash and no exact rule falls through to the globs', () => {
    expect(evaluateAcl([[rule('kv/*', 'list')]], 'kv/x', 'list')).toEqual({ allowed: true, matchedPath: 'kv/*', capabilities: ['list'] });
  });

  test('list with a trailing slash and no rule for the trimmed path still tries the full path', () => {
    expect(evaluateAcl([[rule('kv/x/*', 'list')]], 'kv/x/', 'list')).toEqual({ allowed: true, matchedPath: 'kv/x/*', capabilities: ['list'] });
  });

  test('an exact rule is never used as a glob, nor a glob as an exact rule', () => {
    expect(evaluateAcl([[rule('kv/x*', 'read')]], 'kv/x*', 'read').matchedPath).toBe('kv/x*');
    expect(evaluateAcl([[rule('kv/x', 'read')]], 'kv/xy', 'read').matchedPath).toBeUndefined();
    expect(evaluateAcl([[rule('kv/x*', 'list')]], 'kv/x*/', 'list').matchedPath).toBe('kv/x*');
  });
});
