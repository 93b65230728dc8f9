/**
 * The policy reader's finer rules: string escapes, values, durations, every path key, and the exact message and line
 * of each error.
 */
import { PolicyParseError, parsePolicy } from '../../src/policy/parse';

function errorOf(text: string): PolicyParseError {
  try {
    parsePolicy(text);
  } catch (e) {
    if (e instanceof PolicyParseError) return e;
    throw e;
  }
  throw new Error(`no error for ${JSON.stringify(text)}`);
}

const pathOf = (text: string) => parsePolicy(text).rules.map((r) => r.path);

describe('strings', () => {
  test('decodes every escape HCL allows', () => {
    expect(pathOf('path "a\\tb\\rc\\"d\\\\e\\nf" {}')).toEqual(['a\tb\rc"d\\e\nf']);
    expect(pathOf('path "\\u00e9\\u00C9x" {}')).toEqual(['éÉx']);
    expect(pathOf('path "\\U0001F600/x" {}')).toEqual(['😀/x']);
  });

  test.each([
    ['a non-hex digit', 'path "\\u00g9" {}', 'invalid \\u escape in string: expected 4 hex digits'],
    ['too few digits', 'path "\\u12" {}', 'invalid \\u escape in string: expected 4 hex digits'],
    ['beyond Unicode', 'path "\\U00110000" {}', 'invalid \\U escape in string: expected 8 hex digits'],
    ['an 8-digit escape cut short', 'path "\\U0001F60" {}', 'invalid \\U escape in string: expected 8 hex digits'],
    ['a 4-digit escape cut short by the end of the input', 'path "\\u12', 'invalid \\u escape in string: expected 4 hex digits'],
    ['an unknown escape', 'path "a\\q" {}', 'invalid escape sequence "\\\\q" in string'],
    ['a backslash at the end of the input', 'path "a\\', 'invalid escape sequence "\\\\" in string'],
    ['no closing quote', 'path "a', 'unterminated string: missing closing \'"\''],
    ['a line break inside', 'path "a\nb" {}', 'unterminated string: a quoted string may not span lines'],
  ])('refuses %s', (_label, text, message) => {
    const error = errorOf(text);
    expect(error.message).toBe(`Vault policy, line 1: ${message}`);
    expect(error.name).toBe('PolicyParseError');
    expect(error.line).toBe(1);
  });

  test('the largest code point is accepted', () => {
    expect(pathOf('path "\\U0010FFFF" {}')).toEqual(['\u{10FFFF}']);
  });
});

describe('layout', () => {
  test('a byte-order mark, tabs and carriage returns are not content', () => {
    expect(pathOf('\uFEFFpath "a" {\r\n\tcapabilities = ["read"]\r\n}\r\n')).toEqual(['a']);
  });

  test('line numbers count lines inside block comments and after line comments', () => {
    expect(errorOf('/* one\ntwo\nthree */ path "a" {}\n;').line).toBe(4);
    expect(errorOf('# one\n// two\npath "a" { x = 1 }').line).toBe(3);
    expect(errorOf('path "a" {} /* x */ ;').line).toBe(1);
  });

  test('a slash that starts no comment is an unexpected character', () => {
    expect(errorOf('path "a" {}\n/ x').message).toBe(
      'Vault policy, line 2: expected a path block but found unexpected character "/"; only "path" blocks and "name" are allowed at the top level',
    );
  });

  test('an astral character outside a string is reported whole', () => {
    expect(errorOf('path "a" {} 😀').message).toContain('unexpected character "😀"');
  });

  test('keys may be quoted, take ":" for "=", and entries may end with a comma', () => {
    expect(parsePolicy('path "a" { "capabilities": ["read"], comment = "c", }').rules).toEqual([
      { path: 'a', capabilities: ['read'], otherKeys: ['comment'] },
    ]);
  });
});

describe('top-level name', () => {
  test.each([
    ['a number', 'name = 1', 1, 'name must be a quoted string'],
    ['set twice', 'name = "a"\n\nname = "b"', 3, 'name is set twice (first on line 1)'],
    ['no "="', 'name "a"', 1, 'expected "=" after name but found string "a"'],
  ])('refuses %s', (_label, text, line, message) => {
    expect(errorOf(text).message).toBe(`Vault policy, line ${line}: ${message}`);
  });

  test('absent, it is left out of the result', () => {
    expect(parsePolicy('path "a" {}')).toStrictEqual({ rules: [{ path: 'a', capabilities: [], otherKeys: [] }] });
    expect(parsePolicy('path "a" {}\nname = "n"')).toStrictEqual({ rules: [{ path: 'a', capabilities: [], otherKeys: [] }], name: 'n' });
  });
});

describe('path keys', () => {
  test('every list-valued key Vault knows is accepted and reported', () => {
    expect(parsePolicy('path "a" { mfa_methods = ["x"] subscribe_event_types = ["*"] required_parameters = [] }').rules[0].otherKeys).toEqual([
      'mfa_methods',
      'subscribe_event_types',
      'required_parameters',
    ]);
  });

  test('a control group is a block, in either form', () => {
    expect(parsePolicy('path "a" { control_group = { max_ttl = "1h" } }').rules[0].otherKeys).toEqual(['control_group']);
    expect(parsePolicy('path "a" {\n  control_group {\n    max_ttl = 3600\n  }\n}').rules[0].otherKeys).toEqual(['control_group']);
  });

  test('values of every kind: numbers with exponents, negative numbers, booleans, nested maps', () => {
    expect(parsePolicy('path "a" { control_group = { x = 1e3, y = -2.5E-1, z = false, w = true, v = { u = [] } } }').rules).toHaveLength(1);
  });

  test('legacy policies expand as Vault does', () => {
    const capabilitiesOf = (policy: string) => parsePolicy(`path "a" { policy = "${policy}" }`).rules[0].capabilities;
    expect(capabilitiesOf('deny')).toEqual(['deny']);
    expect(capabilitiesOf('read')).toEqual(['read', 'list']);
    expect(capabilitiesOf('write')).toEqual(['create', 'read', 'update', 'delete', 'list']);
    expect(capabilitiesOf('sudo')).toEqual(['create', 'read', 'update', 'delete', 'list', 'sudo']);
  });

  test('capabilities repeated within a block are kept once', () => {
    expect(parsePolicy('path "a" { capabilities = ["read", "list", "read"] }').rules[0].capabilities).toEqual(['read', 'list']);
  });

  test.each([
    ['a non-string capability', 'path "a" { capabilities = [1] }', 'path "a": capabilities must contain only quoted strings'],
    ['a non-string comment', 'path "a" { comment = 1 }', 'path "a": comment must be a string'],
    ['a non-string legacy policy', 'path "a" { policy = 1 }', 'path "a": policy must be one of "deny", "read", "write", "sudo"'],
    ['a control group that is not a block', 'path "a" { control_group = "x" }', 'path "a": control_group must be a block'],
    ['parameters that are not a map', 'path "a" { allowed_parameters = 1 }', 'path "a": allowed_parameters must be a map of parameter name to list of values'],
    ['denied parameters that are not lists', 'path "a" { denied_parameters = { "x" = 1 } }', 'path "a": denied_parameters: the value for "x" must be a list'],
    ['a required-parameter list of numbers', 'path "a" { required_parameters = [1] }', 'path "a": required_parameters must contain only quoted strings'],
    ['MFA methods that are not a list', 'path "a" { mfa_methods = "x" }', 'path "a": mfa_methods must be a list of strings'],
    ['event types that are not a list', 'path "a" { subscribe_event_types = "x" }', 'path "a": subscribe_event_types must be a list of strings'],
    [
      'an unknown capability',
      'path "a" { capabilities = ["reed"] }',
      'path "a": unknown capability "reed"; known capabilities: create, read, update, patch, delete, list, sudo, deny, subscribe, recover',
    ],
  ])('refuses %s', (_label, text, message) => {
    expect(errorOf(text).message).toBe(`Vault policy, line 1: ${message}`);
  });

  test('an unknown key lists the valid ones', () => {
    expect(errorOf('path "a" { x = 1 }').message).toBe(
      'Vault policy, line 1: path "a": unknown key "x"; valid keys are capabilities, policy, comment, allowed_parameters, denied_parameters, ' +
        'required_parameters, min_wrapping_ttl, max_wrapping_ttl, mfa_methods, control_group, subscribe_event_types',
    );
  });
});

describe('wrapping TTLs', () => {
  const ttl = (min: string, max: string) => `path "a" {\n  min_wrapping_ttl = ${min}\n  max_wrapping_ttl = ${max}\n}`;

  test.each([
    ['seconds as digits', '"90"', '"1m"'],
    ['fractional minutes', '"1.5m"', '"89s"'],
    ['days', '"1d"', '"23h"'],
    ['milliseconds', '"1ms"', '"999us"'],
    ['microseconds', '"2µs"', '"1999ns"'],
    ['a number of seconds', '61', '"1m"'],
    ['compound durations', '"1h0m1s"', '"3600s"'],
  ])('%s: a maximum below the minimum is refused', (_label, min, max) => {
    expect(errorOf(ttl(min, max)).message).toBe('Vault policy, line 1: path "a": max_wrapping_ttl cannot be less than min_wrapping_ttl');
  });

  test.each([
    ['equal bounds', '"1m"', '60'],
    ['a larger maximum', '"1h"', '"1h0m0.5s"'],
    ['no minimum', '0', '"1s"'],
    ['no maximum', '"1h"', '0'],
    ['surrounding spaces', '" 1h "', '" 2h"'],
  ])('%s are accepted', (_label, min, max) => {
    expect(parsePolicy(ttl(min, max)).rules[0].otherKeys).toEqual(['min_wrapping_ttl', 'max_wrapping_ttl']);
  });

  test.each([
    ['a fraction of a second as a number', '1.5', 'min_wrapping_ttl must be a non-negative whole number of seconds'],
    ['a negative number', '-1', 'min_wrapping_ttl must be a non-negative whole number of seconds'],
    ['an empty string', '""', 'min_wrapping_ttl must not be empty'],
    ['only spaces', '"  "', 'min_wrapping_ttl must not be empty'],
    ['a boolean', 'true', 'min_wrapping_ttl must be a duration string such as "300s" or "1h"'],
    ['an unknown unit', '"5y"', 'min_wrapping_ttl "5y" is not a valid duration'],
    ['a unit without a number', '"h"', 'min_wrapping_ttl "h" is not a valid duration'],
    ['trailing text', '"1hx"', 'min_wrapping_ttl "1hx" is not a valid duration'],
    ['trailing digits without a unit', '"1h30"', 'min_wrapping_ttl "1h30" is not a valid duration'],
  ])('refuses %s', (_label, value, message) => {
    expect(errorOf(`path "a" {\n  min_wrapping_ttl = ${value}\n}`).message).toBe(`Vault policy, line 2: path "a": ${message}`);
  });
});

describe('structure errors', () => {
  test.each([
    ['an unclosed list at the end', 'path "a" {\n capabilities = [\n', 2, 'unclosed list: "[" has no matching "]"'],
    ['an unclosed list after an item', 'path "a" {\n capabilities = ["read",\n', 2, 'unclosed list: "[" has no matching "]"'],
    ['a list item without its list end', 'path "a" {\n capabilities = ["read"', 2, 'unclosed list: "[" has no matching "]"'],
    ['a block where a list item belongs', 'path "a" { capabilities = [ } ', 1, 'expected a value but found "}"'],
    ['no value', 'path "a" { capabilities = }', 1, 'expected a value but found "}"'],
    ['a closing bracket for a value', 'path "a" { capabilities = ] }', 1, 'expected a value but found "]"'],
    ['end of input for a value', 'path "a" { capabilities =', 1, 'expected a value but found end of input'],
    ['a number as a key', 'path "a" { 1 = 2 }', 1, 'expected a key but found number 1'],
    ['a list as a key', 'path "a" { [ }', 1, 'expected a key but found "["'],
    ['a key set twice', 'path "a" {\n capabilities = ["read"]\n capabilities = ["read"] }', 3, 'key "capabilities" is set twice (first on line 2)'],
    ['a path keyword alone', 'path', 1, 'the path must be a quoted string label, e.g. path "secret/*" { … }, but found end of input'],
    ['a path without a block', 'path "a"', 1, 'expected "{" after path "a" but found end of input'],
    ['a string at the top level', '"a"', 1, 'expected a path block but found string "a"; only "path" blocks and "name" are allowed at the top level'],
    ['an unclosed block', '\npath "a" {\n', 2, 'unclosed block: "{" opened on line 2 has no matching "}"'],
    ['an unquoted value', 'path "a" { comment = yes }', 1, 'expected a value but found unquoted word "yes"; strings must be quoted'],
    ['a key without "="', 'path "a" { comment "x" }', 1, 'expected "=" after key "comment" but found string "x"'],
    ['an unterminated comment', 'path "a" {}\n/* open', 2, 'unterminated /* comment'],
  ])('%s', (_label, text, line, message) => {
    const error = errorOf(text);
    expect(error.message).toBe(`Vault policy, line ${line}: ${message}`);
    expect(error.line).toBe(line);
  });
});

describe('paths', () => {
  test('merging two blocks keeps the first block\'s keys first and each once', () => {
    expect(parsePolicy('path "a" { comment = "x" }\npath "a" { capabilities = ["read"] comment = "y" mfa_methods = [] }').rules).toEqual([
      { path: 'a', capabilities: ['read'], otherKeys: ['comment', 'mfa_methods'] },
    ]);
  });

  test('"+*" is refused after the leading slash is removed, and only together', () => {
    expect(errorOf('\n\npath "/+*" {}').message).toBe('Vault policy, line 3: path "/+*": "+*" is not allowed');
    expect(pathOf('path "+/*" {}\npath "a+" {}')).toEqual(['+/*', 'a+']);
  });
});

describe('HCL1 labelled blocks, as in Vault control groups', () => {
  const controlGroup = [
    'path "secret/data/payroll" {',
    '  capabilities = ["read"]',
    '  control_group = {',
    '    max_ttl = "4h"',
    '    factor "managers" {',
    '      identity {',
    '        group_names = ["managers"]',
    '        approvals = 1',
    '      }',
    '    }',
    '    factor "security" {',
    '      identity { group_names = ["security"] }',
    '    }',
    '  }',
    '}',
  ].join('\n');

  test('a control group with two labelled factors parses, its path keeps its capabilities', () => {
    const [rule] = parsePolicy(controlGroup).rules;
    expect(rule).toStrictEqual(expect.objectContaining({ path: 'secret/data/payroll', capabilities: ['read'], otherKeys: ['control_group'] }));
  });

  test('the same factor label twice is refused, naming the line', () => {
    const twice = controlGroup.replace('factor "security"', 'factor "managers"');
    expect(() => parsePolicy(twice)).toThrow(/line 11: block factor "managers" is defined twice/);
  });

  test('a labelled block and a plain key of the same name still collide', () => {
    expect(() => parsePolicy('path "a" { capabilities = ["read"]\n control_group { x = 1 }\n control_group "b" { y = 2 } }')).toThrow(/key "control_group" is set twice/);
  });
});

describe('edges of the input', () => {
  test('a # comment that ends the input without a newline is a comment', () => {
    expect(parsePolicy('path "a" { capabilities = ["read"] } # no newline after this').rules.map((r) => r.path)).toStrictEqual(['a']);
  });

  test('"/*/" opens a comment and does not close it', () => {
    expect(() => parsePolicy('path "a" { capabilities = ["read"] } /*/ x')).toThrow(/line 1: unterminated \/\* comment/);
    expect(parsePolicy('path "a" { capabilities = ["read"] } /*/ x */').rules).toHaveLength(1);
  });

  test('a key that ends the input is reported as such', () => {
    expect(() => parsePolicy('path "a" { capabilities = ["read"] } name')).toThrow(/expected "=" after name but found end of input/);
  });

  test('a quoted "]" inside a list is a string, not the end of the list', () => {
    expect(() => parsePolicy('path "a" { capabilities = ["read", "]"] }')).toThrow(/path "a": unknown capability "\]"/);
  });

  test('max_wrapping_ttl that is not a duration is named in the message', () => {
    expect(() => parsePolicy('path "a" { capabilities = ["read"]\n max_wrapping_ttl = "x" }')).toThrow(/path "a": max_wrapping_ttl "x" is not a valid duration/);
  });
});
