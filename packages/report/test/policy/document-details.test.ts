/**
 * The exact sentences of policy-document checks, and the orderings the rendered output depends on.
 */
import { PolicyDocument, VaultCapability, compareCodeUnits, policyNameProblem, policyPathProblem, sortCapabilities } from '../../src/policy/document';

const ALLOWED =
  'Allowed: segments made of letters, digits, "_", "." and "-", joined by single "/" and not starting with "/"; ' +
  'a segment may be exactly "+" (one-segment wildcard) and the path may end with "*" (prefix glob).';

describe('policyPathProblem, word for word', () => {
  test('a value that is not a string', () => {
    expect(policyPathProblem(5 as unknown as string)).toBe(`policy path must be a string, got number. ${ALLOWED}`);
  });

  test.each([
    ['a b', 'segment "a b" contains whitespace " "'],
    ['a/b"', 'segment "b\\"" contains the character "\\""'],
    ['+*', '"+*" is rejected by Vault'],
    ['a/+*', '"+*" is rejected by Vault'],
    ['', 'it is empty'],
    ['/a', 'it starts with "/"'],
    ['a//b', 'it contains an empty segment ("//")'],
    ['a/../b', 'it contains a ".." segment'],
    ['a/*/b', '"*" may only be the last character'],
  ])('%j', (path, reason) => {
    expect(policyPathProblem(path)).toBe(`policy path ${JSON.stringify(path)} is refused: ${reason}. ${ALLOWED}`);
  });

  test('a path of 513 characters names its length and the limit', () => {
    expect(policyPathProblem('a'.repeat(513))).toContain('is refused: it is 513 characters long, the limit is 512.');
  });

  test('a trailing slash, a + segment before it, and a glob after a + segment are fine', () => {
    expect(policyPathProblem('a/')).toBeUndefined();
    expect(policyPathProblem('a/+/')).toBeUndefined();
    expect(policyPathProblem('a/+/b*')).toBeUndefined();
    expect(policyPathProblem('+/*')).toBeUndefined();
  });

  test('a glob whose body starts with "/" is refused like any other', () => {
    expect(policyPathProblem('/*')).toBe(`policy path "/*" is refused: it starts with "/". ${ALLOWED}`);
  });
});

describe('policyNameProblem, word for word', () => {
  test.each([
    [5 as unknown as string, 'policy name must be a string, got number'],
    ['', 'policy name must not be empty'],
    ['A', 'policy name "A" is refused: Vault stores policy names trimmed and lower-cased, use "a"'],
    ['a ', 'policy name "a " is refused: Vault stores policy names trimmed and lower-cased, use "a"'],
    ['root', 'policy name "root" is refused: it is reserved by Vault'],
    ['a b', 'policy name "a b" is refused: use only lower-case letters, digits, "_", "." and "-"'],
    ['a/b', 'policy name "a/b" is refused: use only lower-case letters, digits, "_", "." and "-"'],
  ])('%j', (name, message) => {
    expect(policyNameProblem(name)).toBe(message);
  });

  test('a name with a root prefix or suffix is not reserved', () => {
    expect(policyNameProblem('root-ci')).toBeUndefined();
    expect(policyNameProblem('ci.root')).toBeUndefined();
  });
});

describe('PolicyDocument.validate, word for word', () => {
  test('every kind of problem, in path order', () => {
    const doc = new PolicyDocument()
      .addRule('e', ['x' as VaultCapability])
      .addRule('d', ['deny', 'read', 'list'])
      .addRule('c', [])
      .addRule('a b', ['read']);
    expect(doc.validate()).toEqual([
      `policy path "a b" is refused: segment "a b" contains whitespace " ". ${ALLOWED}`,
      'path "c": no capabilities given',
      'path "d": "deny" cannot be combined with other capabilities (read, list); Vault would ignore them',
      'path "e": unknown capability "x"; known capabilities: create, read, update, patch, delete, list, sudo, deny, subscribe, recover',
    ]);
  });

  test('render lists the problems after a heading', () => {
    expect(() => new PolicyDocument().render()).toThrow(
      new Error('Cannot render Vault policy:\n- the policy has no rules (Vault refuses an empty policy)'),
    );
    expect(() => new PolicyDocument().addRule('c', []).addRule('a b', ['read']).render()).toThrow(
      new Error(
        `Cannot render Vault policy:\n- policy path "a b" is refused: segment "a b" contains whitespace " ". ${ALLOWED}\n- path "c": no capabilities given`,
      ),
    );
  });

  test('two blocks render with one blank line between them', () => {
    expect(new PolicyDocument().addRule('b', ['list']).addRule('a', ['read', 'create']).render()).toBe(
      'path "a" {\n  capabilities = ["create", "read"]\n}\n\npath "b" {\n  capabilities = ["list"]\n}\n',
    );
  });
});

describe('orderings', () => {
  test('compareCodeUnits orders by UTF-16 code units, not by locale', () => {
    expect(compareCodeUnits('a', 'a')).toBe(0);
    expect(compareCodeUnits('B', 'a')).toBe(-1);
    expect(compareCodeUnits('a', 'B')).toBe(1);
    expect(compareCodeUnits('a', 'ab')).toBe(-1);
    expect(['b', 'B', 'a', 'A', 'é'].sort(compareCodeUnits)).toEqual(['A', 'B', 'a', 'b', 'é']);
  });

  test('known capabilities come before unknown ones from either side', () => {
    expect(sortCapabilities(['zzz', 'read'])).toEqual(['read', 'zzz']);
    expect(sortCapabilities(['read', 'zzz'])).toEqual(['read', 'zzz']);
    expect(sortCapabilities(['aaa', 'recover', 'create'])).toEqual(['create', 'recover', 'aaa']);
    expect(sortCapabilities(['b', 'a', 'c'])).toEqual(['a', 'b', 'c']);
  });

  test('rules are sorted by code units: upper case before lower case', () => {
    const doc = new PolicyDocument().addRule('b', ['read']).addRule('B', ['read']).addRule('a', ['read']);
    expect(doc.rules.map((r) => r.path)).toEqual(['B', 'a', 'b']);
  });
});
