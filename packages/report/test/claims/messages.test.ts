/**
 * Name and subject checks: the exact sentences users read, the values untyped callers (JavaScript, Python) may pass,
 * and the boundaries of each rule.
 */
import { projectNameProblem, vaultNameProblem } from '../../src/claims/names';
import { MAX_STACK_SUBJECT_LENGTH, stackPartProblem, stackSubjectLengthProblem } from '../../src/claims/stacks';
import { parseWorkspaceRunSubject } from '../../src/claims/subject';

const PROJECT_RULE = 'project names are 3 to 40 characters of ASCII letters, digits, spaces, "-" and "_", with no space at either end';

describe('project names', () => {
  test('a short name: the rule and how to find the real name', () => {
    expect(projectNameProblem('ab')).toBe(
      `HCP Terraform project name "ab" is 2 characters long; ${PROJECT_RULE}, so use the project name exactly as HCP Terraform shows it ` +
        '(the default project is "Default Project")',
    );
  });

  test('a name that is not a string', () => {
    expect(projectNameProblem(null as unknown as string)).toBe('HCP Terraform project name must be a string but got null; pass the name as a literal string');
    expect(projectNameProblem(7 as unknown as string)).toBe('HCP Terraform project name must be a string but got number; pass the name as a literal string');
  });
});

describe('Vault names', () => {
  test('the rule for mount paths mentions segments; the rule for other names does not', () => {
    expect(vaultNameProblem('mount path', 'a b')).toBe(
      'Vault mount path "a b" contains " ", which is not allowed; a Vault mount path is 1 to 128 characters of ASCII letters, digits, "_", "." and "-", ' +
        'in segments joined by single "/", so remove or replace that character',
    );
    expect(vaultNameProblem('role name', 'a/b')).toBe(
      'Vault role name "a/b" contains "/", which is not allowed; a Vault role name is 1 to 128 characters of ASCII letters, digits, "_", "." and "-", ' +
        'so remove or replace that character',
    );
  });

  test('a name that is not a string', () => {
    expect(vaultNameProblem('role name', 5 as unknown as string)).toBe('Vault role name must be a string but got number; pass the name as a literal string');
  });

  test('only a leading "Vault" (and the spaces after it) is taken as already part of the label', () => {
    expect(vaultNameProblem('Vault  mount path', 'a/b')).toBeUndefined();
    expect(vaultNameProblem('mount vault path', 'a/b')).toMatch(/^Vault mount vault path "a\/b" contains "\/"/);
    expect(vaultNameProblem('policy name of the vault run', '')).toMatch(/^Vault policy name of the vault run "" is empty/);
    expect(vaultNameProblem('vault role name', '')).toMatch(/^vault role name "" is empty; a vault role name is 1 to 128/);
  });

  test('a role or policy name never holds "/", whatever its ends', () => {
    expect(vaultNameProblem('role name', '/a')).toMatch(/contains "\/", which is not allowed/);
    expect(vaultNameProblem('policy name', 'a//b')).toMatch(/contains "\/", which is not allowed/);
    expect(vaultNameProblem('policy name', '..')).toMatch(/has the segment "\.\."/);
  });
});

describe('Stacks', () => {
  test('part names are described as the part, not as a workspace', () => {
    expect(stackPartProblem('Stack', 'a b')).toMatch(/^HCP Terraform Stack name "a b" contains " ", which is not allowed; Stack names are 1 to 90 characters /);
    expect(stackPartProblem('deployment', 'x'.repeat(91))).toMatch(/ is 91 characters long; deployment names are 1 to 90 characters /);
    expect(stackPartProblem('registry module', 'vpc')).toBeUndefined();
  });

  test('a subject of exactly the documented limit is accepted, one more is not', () => {
    expect(stackSubjectLengthProblem('s'.repeat(MAX_STACK_SUBJECT_LENGTH))).toBeUndefined();
    expect(stackSubjectLengthProblem('s'.repeat(MAX_STACK_SUBJECT_LENGTH + 1))).toMatch(/is 128 characters long; HCP Terraform documents a limit of 127/);
  });
});

test('a subject that is not a string parses to nothing', () => {
  expect(parseWorkspaceRunSubject(42 as unknown as string)).toBeUndefined();
  expect(parseWorkspaceRunSubject(undefined as unknown as string)).toBeUndefined();
});
