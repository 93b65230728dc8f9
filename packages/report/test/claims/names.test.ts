import {
  MAX_PROJECT_NAME_LENGTH,
  organizationNameProblem,
  projectNameProblem,
  vaultNameProblem,
  workspaceNameProblem,
} from '../../src/claims/names';

/** Every message is one sentence on one line that quotes the value exactly as JSON. */
function expectWellFormed(message: string | undefined, value: string): asserts message is string {
  expect(message).toEqual(expect.any(String));
  const m = message as string;
  expect(m).toContain(JSON.stringify(value));
  expect(m).not.toMatch(/[\r\n]/);
  expect(m).not.toMatch(/[.!?]\s+[A-Z]/); // no second sentence
}

type Bad = readonly [value: string, mustContain: readonly string[]];

describe('organizationNameProblem', () => {
  test.each(['my-org', 'my_org', 'MyOrg', 'a', 'org-123', 'A-b_C-9'])('accepts %j', (v) => {
    expect(organizationNameProblem(v)).toBeUndefined();
  });

  const bad: Bad[] = [
    ['', ['empty', 'letters, digits']],
    ['my*org', ['"*"', 'wildcard', 'widen', 'subject pattern']],
    ['*', ['"*"', 'widen']],
    ['a,b', ['","', 'split', 'break', 'subject pattern']],
    ['my:org', ['":"', 'break the subject pattern']],
    ['my org', ['" "', 'not allowed']],
    [' my-org', ['" "']],
    ['my-org\n', ['"\\n"']],
    ['my"org', ['"\\""']],
    ["my'org", [`"'"`]],
    ['${var.org}', ['"$"']],
    ['orgé', ['"é"']],
    ['org😀', ['"😀"']],
    ['my.org', ['"."']],
    ['my/org', ['"/"']],
  ];
  test.each(bad)('rejects %j', (v, parts) => {
    const message = organizationNameProblem(v);
    expectWellFormed(message, v);
    expect(message).toContain('HCP Terraform organization name');
    expect(message).toContain('only ASCII letters, digits, "-" and "_"');
    expect(message).toContain('use the organization name exactly as HCP Terraform shows it');
    for (const part of parts) expect(message).toContain(part);
  });

  test('names the first offending character', () => {
    expect(organizationNameProblem('a b*c')).toContain('contains " "');
    expect(organizationNameProblem('a*b c')).toContain('contains "*"');
  });

  test('rejects non-strings from untyped callers', () => {
    expect(organizationNameProblem(undefined as unknown as string)).toMatch(/must be a string but got undefined/);
    expect(organizationNameProblem(null as unknown as string)).toMatch(/got null/);
  });
});

describe('projectNameProblem', () => {
  const good = ['Default Project', 'abc', 'a b', 'my-project_1', 'A'.repeat(40), 'x  y', '_-_', '123'];
  test.each(good)('accepts %j', (v) => {
    expect(projectNameProblem(v)).toBeUndefined();
  });

  const bad: Bad[] = [
    ['', ['is 0 characters long']],
    ['ab', ['is 2 characters long', '3 to 40']],
    ['A'.repeat(41), ['is 41 characters long', '3 to 40']],
    [' Default Project', ['starts or ends with a space']],
    ['Default Project ', ['starts or ends with a space']],
    ['   ', ['starts or ends with a space']],
    ['Default*', ['"*"', 'widen']],
    ['a,b', ['","', 'break']],
    ['a:b', ['":"', 'break']],
    ['Proj\nect', ['"\\n"']],
    ['Proj\tect', ['"\\t"']],
    ['Proj"ect', ['"\\""']],
    ['${var.p}', ['"$"']],
    ['Projét', ['"é"']],
  ];
  test.each(bad)('rejects %j', (v, parts) => {
    const message = projectNameProblem(v);
    expectWellFormed(message, v);
    expect(message).toContain('HCP Terraform project name');
    expect(message).toContain('3 to 40 characters of ASCII letters, digits, spaces, "-" and "_"');
    for (const part of parts) expect(message).toContain(part);
  });

  test('agrees with ^[A-Za-z0-9_-][A-Za-z0-9_ -]+[A-Za-z0-9_-]$ plus the 40-character limit on random strings', () => {
    const rule = /^[A-Za-z0-9_-][A-Za-z0-9_ -]+[A-Za-z0-9_-]$/;
    const alphabet = ['a', 'Z', '0', '-', '_', ' ', ' ', '*', ':', 'é', '\n'];
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    let accepted = 0;
    for (let i = 0; i < 5000; i++) {
      const length = Math.floor(next() * 46);
      let v = '';
      for (let j = 0; j < length; j++) v += alphabet[Math.floor(next() * alphabet.length)];
      const expectedOk = rule.test(v) && v.length <= MAX_PROJECT_NAME_LENGTH;
      if (expectedOk) accepted++;
      expect({ v, ok: projectNameProblem(v) === undefined }).toEqual({ v, ok: expectedOk });
    }
    expect(accepted).toBeGreaterThan(20);
  });
});

describe('workspaceNameProblem', () => {
  test.each(['my-workspace', 'ws_1', 'a', 'A'.repeat(90), 'vault-backed-aws-auth'])('accepts %j', (v) => {
    expect(workspaceNameProblem(v)).toBeUndefined();
  });

  const bad: Bad[] = [
    ['', ['empty']],
    ['A'.repeat(91), ['is 91 characters long']],
    ['prod-*', ['"*"', 'widen']],
    ['a,b', ['","', 'break']],
    ['a:b', ['":"', 'break']],
    ['my ws', ['" "']],
    [' ws', ['" "']],
    ['ws\n', ['"\\n"']],
    ['w"s', ['"\\""']],
    ['${var.ws}', ['"$"']],
    ['wsé', ['"é"']],
    ['w.s', ['"."']],
  ];
  test.each(bad)('rejects %j', (v, parts) => {
    const message = workspaceNameProblem(v);
    expectWellFormed(message, v);
    expect(message).toContain('HCP Terraform workspace name');
    expect(message).toContain('1 to 90 characters of ASCII letters, digits, "-" and "_"');
    for (const part of parts) expect(message).toContain(part);
  });
});

describe('vaultNameProblem', () => {
  const good: ReadonlyArray<readonly [string, string]> = [
    ['mount path', 'jwt'],
    ['mount path', 'tfc/jwt'],
    ['mount path', 'a/b/c.d-e_f'],
    ['mount path', 'a'.repeat(128)],
    ['role name', 'tfc-role'],
    ['Vault role name', 'tfc.role_1'],
    ['policy name', 'tfc-policy'],
    ['role name', '...'],
    ['mount path', 'a/.b/c..'],
  ];
  test.each(good)('accepts %s %j', (kind, v) => {
    expect(vaultNameProblem(kind, v)).toBeUndefined();
  });

  const bad: ReadonlyArray<readonly [kind: string, value: string, mustContain: readonly string[]]> = [
    ['mount path', '', ['empty']],
    ['role name', '', ['empty']],
    ['mount path', 'a'.repeat(129), ['129 characters long', 'shorten']],
    ['policy name', 'p'.repeat(129), ['129 characters long']],
    ['mount path', '/jwt', ['starts or ends with "/"']],
    ['mount path', 'jwt/', ['starts or ends with "/"']],
    ['mount path', 'a//b', ['"//"']],
    ['mount path', '.', ['segment "."']],
    ['mount path', 'a/../b', ['segment ".."']],
    ['role name', '..', ['segment ".."']],
    ['role name', '.', ['segment "."']],
    ['role name', 'a/b', ['"/"', 'not allowed']],
    ['policy name', 'tfc policy', ['" "']],
    ['role name', 'role*', ['"*"']],
    ['role name', 'a,b', ['","']],
    ['role name', 'a:b', ['":"']],
    ['role name', 'role\n', ['"\\n"']],
    ['role name', 'ro"le', ['"\\""']],
    ['role name', '${var.role}', ['"$"']],
    ['role name', 'rôle', ['"ô"']],
    ['mount path', ' jwt', ['" "']],
  ];
  test.each(bad)('rejects %s %j', (kind, v, parts) => {
    const message = vaultNameProblem(kind, v);
    expectWellFormed(message, v);
    for (const part of parts) expect(message).toContain(part);
  });

  test('uses kind in the message, adding "Vault" only when missing', () => {
    expect(vaultNameProblem('role name', '')).toMatch(/^Vault role name "" /);
    expect(vaultNameProblem('Vault role name', '')).toMatch(/^Vault role name "" /);
    expect(vaultNameProblem('policy name', 'a b')).toMatch(/^Vault policy name "a b" /);
    expect(vaultNameProblem('mount path', '/x')).toMatch(/^Vault mount path "\/x" /);
  });

  test('"/" is allowed only for mount paths', () => {
    expect(vaultNameProblem('mount path', 'a/b')).toBeUndefined();
    expect(vaultNameProblem('Vault mount path', 'a/b')).toBeUndefined();
    expect(vaultNameProblem('policy name', 'a/b')).toContain('"/"');
    expect(vaultNameProblem('role name', 'a/b')).toContain('"/"');
  });
});
