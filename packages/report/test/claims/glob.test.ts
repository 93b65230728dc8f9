import { globMatch } from '../../src/claims/glob';

type Row = readonly [pattern: string, subject: string, expected: boolean];

describe('globMatch: go-glob glob_test.go vectors', () => {
  const unicodeSubject = 'this is a ϗѾ test';
  const matching = ['*test', 'this*', 'this*test', '*is *', '*is*a*', '**test**', '**is**a***test*', '* *', '*', '**********', '*Ѿ*', '*is a ϗѾ *'];
  test.each(matching)('%j matches "this is a ϗѾ test"', (pattern) => {
    expect(globMatch(pattern, unicodeSubject)).toBe(true);
  });

  const asciiSubject = 'this is a test';
  const plainMatching = ['*test', 'this*', '*is *', '*is*a*', '**test**', '**is**a***test*', 'this is a test'];
  test.each(plainMatching)('%j matches "this is a test"', (pattern) => {
    expect(globMatch(pattern, asciiSubject)).toBe(true);
  });

  const notMatching = ['test*', '*is', '*no*', ' ', '* ', ' *', '*ʤ*', 'this*this is a test'];
  test.each(notMatching)('%j does not match "this is a test"', (pattern) => {
    expect(globMatch(pattern, asciiSubject)).toBe(false);
  });

  const empty: Row[] = [
    ['', '', true],
    ['', 'test', false],
    ['test', '', false],
    ['*', '', true],
    ['**', '', true],
    ['***', '', true],
    ['******************************', '', true],
    ['*test*', '', false],
    ['*x', '', false],
    ['x*', '', false],
    ['x*x', '', false],
  ];
  test.each(empty)('empty cases: %j vs %j -> %s', (pattern, subject, expected) => {
    expect(globMatch(pattern, subject)).toBe(expected);
  });

  test('a million stars still match only what they should (upstream TestEmptySubject)', () => {
    const stars = '*'.repeat(1_000_000);
    expect(globMatch(stars, '')).toBe(true);
    expect(globMatch(stars + 'x', '')).toBe(false);
    expect(globMatch('x' + stars, '')).toBe(false);
    expect(globMatch('x' + stars + 'x', '')).toBe(false);
    expect(globMatch('x' + stars + 'x', 'xx')).toBe(true);
  });

  const readme: Row[] = [
    ['*World!', 'Hello, World!', true],
    ['Hello,*', 'Hello, World!', true],
    ['*ello,*', 'Hello, World!', true],
    ['World!', 'Hello, World!', false],
    ['/home/*', '/home/ryanuber/.bashrc', true],
  ];
  test.each(readme)('README example %j vs %j -> %s', (pattern, subject, expected) => {
    expect(globMatch(pattern, subject)).toBe(expected);
  });
});

describe('globMatch: vault-plugin-auth-jwt claims_test.go glob vectors on strings', () => {
  const rows: Row[] = [
    ['4*', '42', true],
    ['4*', 'd42', false],
    ['*2', '42x', false],
    ['4*d', '42x', false],
    ['42*', '42x', true],
    ['4*d', '43x', false],
    ['42*', '43x', false],
    ['*@*.com', 'test@example.com', true],
    ['r*@*.com', 'test@example.com', false],
  ];
  test.each(rows)('%j vs %j -> %s', (pattern, subject, expected) => {
    expect(globMatch(pattern, subject)).toBe(expected);
  });
});

describe('globMatch: HCP Terraform sub vectors (facts 6.2, every row)', () => {
  const dp = 'organization:my-org:project:Default Project';
  const rows: Row[] = [
    [`${dp}:workspace:my-ws:run_phase:*`, `${dp}:workspace:my-ws:run_phase:plan`, true],
    [`${dp}:workspace:my-ws:run_phase:*`, `${dp}:workspace:my-ws:run_phase:apply`, true],
    [`${dp}:workspace:my-ws:run_phase:*`, `${dp}:workspace:my-ws-2:run_phase:plan`, false],
    [`${dp}:workspace:my-ws:run_phase:apply`, `${dp}:workspace:my-ws:run_phase:plan`, false],
    ['organization:my-org:project:*:workspace:my-ws:run_phase:*', 'organization:my-org:project:Other Proj:workspace:my-ws:run_phase:apply', true],
    [`${dp}:workspace:*:run_phase:*`, 'organization:my-org:project:Default Project Two:workspace:x:run_phase:plan', false],
    ['organization:my-org:*', 'organization:my-org-evil:project:p:workspace:w:run_phase:plan', false],
    ['organization:my-org*', 'organization:my-org-evil:project:p:workspace:w:run_phase:plan', true],
    [`${dp}:workspace:prod-*:run_phase:*`, `${dp}:workspace:prod-api:run_phase:apply`, true],
    [`${dp}:workspace:prod-*:run_phase:*`, `${dp}:workspace:preprod-api:run_phase:apply`, false],
    [`${dp}:workspace:my-ws:run_phase:*`, 'organization:my-org:project:default project:workspace:my-ws:run_phase:plan', false],
    [`${dp}:workspace:my-ws:run_phase:?lan`, `${dp}:workspace:my-ws:run_phase:plan`, false],
    [`${dp}:workspace:my-ws`, `${dp}:workspace:my-ws:run_phase:plan`, false],
    ['organization:my-org:project:*:stack:my-stack:*', 'organization:my-org:project:p:stack:my-stack:deployment:prod:operation:apply', true],
  ];
  test.each(rows)('%j vs %j -> %s', (pattern, subject, expected) => {
    expect(globMatch(pattern, subject)).toBe(expected);
  });

  test('only * is special: ?, [, \\ and regex characters are literal', () => {
    expect(globMatch('run_phase:?lan', 'run_phase:?lan')).toBe(true);
    expect(globMatch('[ab]', 'a')).toBe(false);
    expect(globMatch('[ab]', '[ab]')).toBe(true);
    expect(globMatch('a\\*b', 'a\\xyzb')).toBe(true); // backslash is literal, the star still a wildcard
    expect(globMatch('a\\*b', 'a*b')).toBe(false);
    expect(globMatch('a.c', 'abc')).toBe(false);
    expect(globMatch('a+', 'aa')).toBe(false);
    expect(globMatch('^a$', '^a$')).toBe(true);
  });
});

describe('globMatch agrees with the anchored-regex reading of the pattern', () => {
  // Deterministic PRNG (mulberry32) so any failure is reproducible.
  function prng(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  function reference(pattern: string, subject: string): boolean {
    const body = pattern
      .split('*')
      .map((piece) => piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('[\\s\\S]*');
    return new RegExp(`^${body}$`).test(subject);
  }
  test('20000 random pattern/subject pairs', () => {
    const rand = prng(20240601);
    const pick = (alphabet: string, max: number) => {
      const n = Math.floor(rand() * (max + 1));
      let s = '';
      for (let i = 0; i < n; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
      return s;
    };
    const mismatches: string[] = [];
    let matches = 0;
    for (let i = 0; i < 20000; i++) {
      const pattern = pick('ab:*', 7);
      const subject = pick('ab:', 8);
      const expected = reference(pattern, subject);
      if (expected) matches++;
      if (globMatch(pattern, subject) !== expected) mismatches.push(`${JSON.stringify(pattern)} vs ${JSON.stringify(subject)}`);
    }
    expect(mismatches).toEqual([]);
    // The sample must exercise both outcomes to mean anything.
    expect(matches).toBeGreaterThan(1000);
    expect(matches).toBeLessThan(19000);
  });
});
