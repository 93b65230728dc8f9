/**
 * A small, strict reader for Vault ACL policies written in HCL.
 *
 * It understands what real policies contain: `path "…" { … }` blocks with the
 * keys Vault accepts, string lists, nested maps (for the *_parameters keys),
 * numbers, booleans and the three comment styles. Anything else — unknown keys,
 * heredocs, interpolation functions, bad punctuation — is a `PolicyParseError`.
 */
import { VAULT_CAPABILITIES, isVaultCapability } from './document';
import { parseVaultDuration } from '../catalogue/durations';

export interface ParsedPolicyRule {
  /** Path as Vault stores it (one leading "/" removed). */
  readonly path: string;
  /** Capabilities in first-seen order, merged across blocks for the same path. */
  readonly capabilities: readonly string[];
  /** Other keys that appeared in the block(s), e.g. `allowed_parameters`. */
  readonly otherKeys: readonly string[];
}

export interface ParsedPolicy {
  readonly rules: readonly ParsedPolicyRule[];
  /** The optional top-level `name = "…"`. */
  readonly name?: string;
}

/** Thrown for any malformed policy text; `line` is 1-based. */
export class PolicyParseError extends Error {
  public readonly line: number;

  constructor(line: number, detail: string) {
    super(`Vault policy, line ${line}: ${detail}`);
    this.name = 'PolicyParseError';
    this.line = line;
  }
}

// ---------------------------------------------------------------------------
// Tokens

type TokenKind = 'string' | 'ident' | 'number' | 'punct' | 'invalid' | 'eof';

interface Token {
  readonly kind: TokenKind;
  /** Decoded value for strings, source text for everything else. */
  readonly text: string;
  readonly line: number;
}

const PUNCTUATION = '{}[]=,:';
const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[A-Za-z0-9_.-]/;
const NUMBER_AT = /-?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

function readString(src: string, start: number, line: number): { value: string; end: number } {
  let value = '';
  let i = start + 1;
  for (;;) {
    if (i >= src.length) throw new PolicyParseError(line, 'unterminated string: missing closing \'"\'');
    const ch = src[i];
    if (ch === '"') return { value, end: i + 1 };
    if (ch === '\n') throw new PolicyParseError(line, 'unterminated string: a quoted string may not span lines');
    if (ch !== '\\') {
      value += ch;
      i++;
      continue;
    }
    const esc = src[i + 1];
    switch (esc) {
      case 'n': value += '\n'; i += 2; break;
      case 't': value += '\t'; i += 2; break;
      case 'r': value += '\r'; i += 2; break;
      case '"': value += '"'; i += 2; break;
      case '\\': value += '\\'; i += 2; break;
      case 'u':
      case 'U': {
        const width = esc === 'u' ? 4 : 8;
        const hex = src.slice(i + 2, i + 2 + width);
        const codePoint = /^[0-9A-Fa-f]+$/.test(hex) && hex.length === width ? parseInt(hex, 16) : NaN;
        if (!(codePoint <= 0x10ffff)) {
          throw new PolicyParseError(line, `invalid \\${esc} escape in string: expected ${width} hex digits`);
        }
        value += String.fromCodePoint(codePoint);
        i += 2 + width;
        break;
      }
      default:
        throw new PolicyParseError(line, `invalid escape sequence ${JSON.stringify('\\' + (esc ?? ''))} in string`);
    }
  }
}

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let i = src.startsWith('\uFEFF') ? 1 : 0;
  while (i < src.length) {
    const ch = src[i];
    if (ch === '\n') {
      line++;
      i++;
    } else if (ch === ' ' || ch === '\t' || ch === '\r') {
      i++;
    } else if (ch === '#' || (ch === '/' && src[i + 1] === '/')) {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (ch === '/' && src[i + 1] === '*') {
      const close = src.indexOf('*/', i + 2);
      if (close < 0) throw new PolicyParseError(line, 'unterminated /* comment');
      for (let j = i; j < close; j++) if (src[j] === '\n') line++;
      i = close + 2;
    } else if (ch === '"') {
      const { value, end } = readString(src, i, line);
      tokens.push({ kind: 'string', text: value, line });
      i = end;
    } else if (PUNCTUATION.includes(ch)) {
      tokens.push({ kind: 'punct', text: ch, line });
      i++;
    } else if (IDENT_START.test(ch)) {
      let j = i + 1;
      while (j < src.length && IDENT_PART.test(src[j])) j++;
      tokens.push({ kind: 'ident', text: src.slice(i, j), line });
      i = j;
    } else {
      NUMBER_AT.lastIndex = i;
      const match = NUMBER_AT.exec(src);
      if (match !== null) {
        tokens.push({ kind: 'number', text: match[0], line });
        i += match[0].length;
      } else {
        const cp = src.codePointAt(i) ?? 0;
        const text = String.fromCodePoint(cp);
        tokens.push({ kind: 'invalid', text, line });
        i += text.length;
      }
    }
  }
  tokens.push({ kind: 'eof', text: '', line });
  return tokens;
}

function describe(token: Token): string {
  switch (token.kind) {
    case 'eof': return 'end of input';
    case 'string': return `string ${JSON.stringify(token.text)}`;
    case 'ident': return `unquoted word ${JSON.stringify(token.text)}`;
    case 'number': return `number ${token.text}`;
    case 'punct': return `"${token.text}"`;
    case 'invalid': return `unexpected character ${JSON.stringify(token.text)}`;
  }
}

// ---------------------------------------------------------------------------
// Generic values

type Value =
  | { readonly kind: 'string'; readonly value: string; readonly line: number }
  | { readonly kind: 'number'; readonly value: number; readonly line: number }
  | { readonly kind: 'bool'; readonly value: boolean; readonly line: number }
  | { readonly kind: 'list'; readonly items: readonly Value[]; readonly line: number }
  | { readonly kind: 'object'; readonly entries: readonly Entry[]; readonly line: number };

interface Entry {
  readonly key: string;
  readonly line: number;
  readonly value: Value;
}

class Parser {
  private position = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  public peek(): Token {
    return this.tokens[this.position];
  }

  public next(): Token {
    const token = this.tokens[this.position];
    if (token.kind !== 'eof') this.position++;
    return token;
  }

  public atEnd(): boolean {
    return this.peek().kind === 'eof';
  }

  public isPunct(token: Token, text: string): boolean {
    return token.kind === 'punct' && token.text === text;
  }

  public fail(token: Token, message: string): never {
    throw new PolicyParseError(token.line, message);
  }

  public value(): Value {
    const token = this.next();
    switch (token.kind) {
      case 'string':
        return { kind: 'string', value: token.text, line: token.line };
      case 'number':
        return { kind: 'number', value: Number(token.text), line: token.line };
      case 'ident':
        if (token.text === 'true' || token.text === 'false') {
          return { kind: 'bool', value: token.text === 'true', line: token.line };
        }
        return this.fail(token, `expected a value but found ${describe(token)}; strings must be quoted`);
      case 'punct':
        if (token.text === '[') return this.list(token);
        if (token.text === '{') return this.object(token);
        break;
      default:
        break;
    }
    return this.fail(token, `expected a value but found ${describe(token)}`);
  }

  private list(open: Token): Value {
    const items: Value[] = [];
    for (;;) {
      const token = this.peek();
      if (this.isPunct(token, ']')) {
        this.next();
        return { kind: 'list', items, line: open.line };
      }
      if (token.kind === 'eof') this.fail(open, 'unclosed list: "[" has no matching "]"');
      items.push(this.value());
      const separator = this.next();
      if (this.isPunct(separator, ']')) return { kind: 'list', items, line: open.line };
      if (separator.kind === 'eof') this.fail(open, 'unclosed list: "[" has no matching "]"');
      if (!this.isPunct(separator, ',')) {
        this.fail(separator, `expected "," or "]" in list but found ${describe(separator)}`);
      }
    }
  }

  /** Parses the inside of `{ … }`; the opening brace has been consumed. */
  public object(open: Token): Value & { kind: 'object' } {
    const entries: Entry[] = [];
    const seen = new Map<string, number>();
    // Labelled blocks by key: `factor "a" { … } factor "b" { … }` is one `factor` object with entries a and b.
    const labelled = new Map<string, Entry[]>();
    for (;;) {
      const token = this.next();
      if (this.isPunct(token, '}')) return { kind: 'object', entries, line: open.line };
      if (token.kind === 'eof') {
        this.fail(open, `unclosed block: "{" opened on line ${open.line} has no matching "}"`);
      }
      if (token.kind !== 'ident' && token.kind !== 'string') {
        this.fail(token, `expected a key but found ${describe(token)}`);
      }

      const after = this.next();
      if (after.kind === 'string' && this.isPunct(this.peek(), '{')) {
        // HCL1 labelled block (Vault's control_group `factor "name" { … }`): `key = { "label" = { … } }`.
        const body = this.object(this.next());
        const blocks = labelled.get(token.text);
        if (blocks !== undefined) {
          if (blocks.some((b) => b.key === after.text)) {
            this.fail(after, `block ${token.text} ${JSON.stringify(after.text)} is defined twice`);
          }
          blocks.push({ key: after.text, line: after.line, value: body });
        } else {
          this.claimKey(seen, token);
          const group: Entry[] = [{ key: after.text, line: after.line, value: body }];
          labelled.set(token.text, group);
          entries.push({ key: token.text, line: token.line, value: { kind: 'object', entries: group, line: token.line } });
        }
        if (this.isPunct(this.peek(), ',')) this.next();
        continue;
      }
      this.claimKey(seen, token);
      let value: Value;
      if (this.isPunct(after, '=') || this.isPunct(after, ':')) {
        value = this.value();
      } else if (this.isPunct(after, '{')) {
        value = this.object(after); // HCL1 block form: `key { … }`
      } else {
        return this.fail(after, `expected "=" after key ${JSON.stringify(token.text)} but found ${describe(after)}`);
      }
      entries.push({ key: token.text, line: token.line, value });
      if (this.isPunct(this.peek(), ',')) this.next();
    }
  }

  /** A key may appear once per object (labelled blocks of one key excepted). */
  private claimKey(seen: Map<string, number>, token: Token): void {
    const earlier = seen.get(token.text);
    if (earlier !== undefined) {
      this.fail(token, `key ${JSON.stringify(token.text)} is set twice (first on line ${earlier})`);
    }
    seen.set(token.text, token.line);
  }
}

// ---------------------------------------------------------------------------
// Vault semantics

const PATH_KEYS: readonly string[] = [
  'capabilities',
  'policy',
  'comment',
  'allowed_parameters',
  'denied_parameters',
  'required_parameters',
  'min_wrapping_ttl',
  'max_wrapping_ttl',
  'mfa_methods',
  'control_group',
  'subscribe_event_types',
];

/** Pre-capabilities policy syntax, `policy = "write"`, as Vault expands it. */
const LEGACY_POLICIES: ReadonlyMap<string, readonly string[]> = new Map([
  ['deny', ['deny']],
  ['read', ['read', 'list']],
  ['write', ['create', 'read', 'update', 'delete', 'list']],
  ['sudo', ['create', 'read', 'update', 'delete', 'list', 'sudo']],
]);


function fail(line: number, message: string): never {
  throw new PolicyParseError(line, message);
}

function stringList(value: Value, what: string): string[] {
  if (value.kind !== 'list') fail(value.line, `${what} must be a list of strings`);
  return value.items.map((item) => {
    if (item.kind !== 'string') fail(item.line, `${what} must contain only quoted strings`);
    return item.value;
  });
}

/** Seconds for a Vault duration: an integer number of seconds or e.g. "1h30m". */
function durationSeconds(value: Value, what: string): number {
  if (value.kind === 'number') {
    if (!Number.isInteger(value.value) || value.value < 0) {
      fail(value.line, `${what} must be a non-negative whole number of seconds`);
    }
    return value.value;
  }
  if (value.kind !== 'string') fail(value.line, `${what} must be a duration string such as "300s" or "1h"`);
  if (value.value.trim().length === 0) fail(value.line, `${what} must not be empty`);
  const seconds = parseVaultDuration(value.value);
  if (seconds === undefined) fail(value.line, `${what} ${JSON.stringify(value.value)} is not a valid duration`);
  return seconds;
}

function parameterMap(value: Value, what: string): void {
  if (value.kind !== 'object') fail(value.line, `${what} must be a map of parameter name to list of values`);
  for (const entry of value.entries) {
    if (entry.value.kind !== 'list') {
      fail(entry.line, `${what}: the value for ${JSON.stringify(entry.key)} must be a list`);
    }
  }
}

interface PathBlock {
  readonly capabilities: string[];
  readonly otherKeys: string[];
}

function interpretPathBlock(label: string, body: Value & { kind: 'object' }): PathBlock {
  const capabilities: string[] = [];
  const otherKeys: string[] = [];
  const where = `path ${JSON.stringify(label)}`;
  let minTtl = 0;
  let maxTtl = 0;
  for (const { key, line, value } of body.entries) {
    if (!PATH_KEYS.includes(key)) {
      fail(line, `${where}: unknown key ${JSON.stringify(key)}; valid keys are ${PATH_KEYS.join(', ')}`);
    }
    if (key !== 'capabilities') otherKeys.push(key);
    switch (key) {
      case 'capabilities':
        for (const capability of stringList(value, `${where}: capabilities`)) {
          if (!isVaultCapability(capability)) {
            fail(
              value.line,
              `${where}: unknown capability ${JSON.stringify(capability)}; known capabilities: ${VAULT_CAPABILITIES.join(', ')}`,
            );
          }
          capabilities.push(capability);
        }
        break;
      case 'policy': {
        const legacy = value.kind === 'string' ? LEGACY_POLICIES.get(value.value) : undefined;
        if (legacy === undefined) fail(value.line, `${where}: policy must be one of "deny", "read", "write", "sudo"`);
        capabilities.push(...legacy);
        break;
      }
      case 'comment':
        if (value.kind !== 'string') fail(value.line, `${where}: comment must be a string`);
        break;
      case 'allowed_parameters':
      case 'denied_parameters':
        parameterMap(value, `${where}: ${key}`);
        break;
      case 'required_parameters':
      case 'mfa_methods':
      case 'subscribe_event_types':
        stringList(value, `${where}: ${key}`);
        break;
      case 'min_wrapping_ttl':
        minTtl = durationSeconds(value, `${where}: ${key}`);
        break;
      case 'max_wrapping_ttl':
        maxTtl = durationSeconds(value, `${where}: ${key}`);
        break;
      case 'control_group':
        if (value.kind !== 'object') fail(value.line, `${where}: control_group must be a block`);
        break;
    }
  }
  if (minTtl > 0 && maxTtl > 0 && maxTtl < minTtl) {
    fail(body.line, `${where}: max_wrapping_ttl cannot be less than min_wrapping_ttl`);
  }
  return { capabilities, otherKeys };
}

function pushUnique(target: string[], values: readonly string[]): void {
  for (const value of values) if (!target.includes(value)) target.push(value);
}

/**
 * Parses Vault policy HCL. Blocks for the same path are merged (capability
 * and key union, first-seen order), as Vault does when it builds the ACL.
 */
export function parsePolicy(text: string): ParsedPolicy {
  const parser = new Parser(tokenize(text));
  const merged = new Map<string, PathBlock>();
  let name: string | undefined;
  let nameLine = 0;

  while (!parser.atEnd()) {
    const key = parser.next();
    if (key.kind === 'ident' && key.text === 'name') {
      const eq = parser.next();
      if (!parser.isPunct(eq, '=')) parser.fail(eq, `expected "=" after name but found ${describe(eq)}`);
      const value = parser.value();
      if (value.kind !== 'string') fail(value.line, 'name must be a quoted string');
      if (name !== undefined) fail(key.line, `name is set twice (first on line ${nameLine})`);
      name = value.value;
      nameLine = key.line;
      continue;
    }
    if (key.kind !== 'ident' || key.text !== 'path') {
      parser.fail(key, `expected a path block but found ${describe(key)}; only "path" blocks and "name" are allowed at the top level`);
    }
    const label = parser.next();
    if (label.kind !== 'string') {
      parser.fail(label, `the path must be a quoted string label, e.g. path "secret/*" { … }, but found ${describe(label)}`);
    }
    const open = parser.next();
    if (!parser.isPunct(open, '{')) {
      parser.fail(open, `expected "{" after path ${JSON.stringify(label.text)} but found ${describe(open)}`);
    }
    const block = interpretPathBlock(label.text, parser.object(open));

    // Vault removes exactly one leading "/" (paths start after the API's "/v1/").
    const path = label.text.startsWith('/') ? label.text.slice(1) : label.text;
    if (path.includes('+*')) fail(label.line, `path ${JSON.stringify(label.text)}: "+*" is not allowed`);

    const existing = merged.get(path);
    if (existing === undefined) {
      merged.set(path, { capabilities: [...new Set(block.capabilities)], otherKeys: block.otherKeys });
    } else {
      pushUnique(existing.capabilities, block.capabilities);
      pushUnique(existing.otherKeys, block.otherKeys);
    }
  }

  const rules: ParsedPolicyRule[] = [...merged].map(([path, block]) => ({
    path,
    capabilities: block.capabilities,
    otherKeys: block.otherKeys,
  }));
  return name === undefined ? { rules } : { rules, name };
}
