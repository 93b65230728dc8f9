/**
 * A small evaluator of Terraform's expression language, for the values Terraform knows without a plan: literals,
 * templates, collections, `for` expressions, conditionals, operators and a set of pure built-in functions
 * (https://developer.hashicorp.com/terraform/language/expressions,
 * https://developer.hashicorp.com/terraform/language/functions). What needs a plan (resource attributes, data
 * sources, impure functions such as `file` or `timestamp`) evaluates to an {@link Unknown} that keeps its
 * expression text and the input variables it waits for; nothing is guessed.
 */

/** A value known without a plan, possibly holding deferred or unknown parts. */
export type Value = null | string | number | boolean | Value[] | { [key: string]: Value } | Deferred | Unknown;

/**
 * A reference the report resolves later, in the flat configuration (a resource attribute such as
 * `module.m.vault_policy.p["x"].name`, or a root input variable). `text` is the reference as written there;
 * `force` evaluates it now when an operator or function needs its value.
 */
export class Deferred {
  /** Whether `text` means the same in the flat configuration (a root variable, root local or block attribute). */
  public readonly keep: boolean;
  /** Whether a known list or map value is written out instead of the reference (variables and locals). */
  public readonly inline: boolean;
  /** Attributes of a whole block (`type.name`), which are references of their own. */
  public readonly attribute?: (name: string) => Value;
  private cached?: { value: Value };
  private computing = false;
  constructor(
    public readonly text: string,
    private readonly compute: () => Value,
    options: {
      keep?: boolean;
      inline?: boolean;
      attribute?: (name: string) => Value;
    } = {}
  ) {
    this.keep = options.keep ?? true;
    this.inline = options.inline ?? false;
    this.attribute = options.attribute;
  }

  /** The value one step down (which may be another reference). */
  public force(): Value {
    if (this.cached) return this.cached.value;
    if (this.computing) return new Unknown(this.text, [`${this.text} refers to itself`]);
    this.computing = true;
    try {
      this.cached = { value: this.compute() };
    } finally {
      this.computing = false;
    }
    return this.cached.value;
  }
}

/** Follows module-internal references (module inputs, locals, outputs) to a value or a flat-configuration reference. */
export function followLocal(value: Value): Value {
  let v = value;
  for (let i = 0; v instanceof Deferred && !v.keep && i < 64; i++) v = v.force();
  return v;
}

/** Follows references until a value that is not one. */
export function settle(value: Value): Value {
  let v = value;
  for (let i = 0; v instanceof Deferred && i < 64; i++) v = v.force();
  return v instanceof Deferred ? new Unknown(v.text, ['the references are too deep']) : v;
}

/** A value that cannot be known without a plan (or without a variable's value). */
export class Unknown {
  constructor(
    /** The expression, written in the flat configuration's terms. */
    public readonly text: string,
    /** Why it is unknown. */
    public readonly reasons: readonly string[],
    /** Root input variables whose values would (help) resolve it. */
    public readonly variables: readonly string[] = [],
    /** For a template with unknown parts: the template with its known parts filled in. */
    public readonly template?: string
  ) {}
}

/** An expression's syntax tree. */
export type Node =
  | { readonly t: 'lit'; readonly v: Value }
  | { readonly t: 'tpl'; readonly parts: ReadonlyArray<string | Node> }
  | { readonly t: 'var'; readonly name: string }
  | { readonly t: 'attr'; readonly obj: Node; readonly name: string }
  | { readonly t: 'index'; readonly obj: Node; readonly key: Node }
  | {
      readonly t: 'splat';
      readonly obj: Node;
      readonly ops: ReadonlyArray<{
        readonly name?: string;
        readonly key?: Node;
      }>;
    }
  | {
      readonly t: 'call';
      readonly name: string;
      readonly args: readonly Node[];
      readonly expand: boolean;
    }
  | { readonly t: 'tuple'; readonly items: readonly Node[] }
  | {
      readonly t: 'object';
      readonly items: ReadonlyArray<readonly [Node, Node]>;
    }
  | {
      readonly t: 'for';
      readonly object: boolean;
      readonly key?: string;
      readonly value: string;
      readonly coll: Node;
      readonly keyExpr?: Node;
      readonly valExpr: Node;
      readonly cond?: Node;
      readonly group: boolean;
    }
  | { readonly t: 'unary'; readonly op: string; readonly x: Node }
  | {
      readonly t: 'bin';
      readonly op: string;
      readonly a: Node;
      readonly b: Node;
    }
  | {
      readonly t: 'cond';
      readonly c: Node;
      readonly a: Node;
      readonly b: Node;
    };

/** Thrown for text the parser does not accept. */
export class SyntaxProblem extends Error {}

const BINARY: ReadonlyArray<readonly string[]> = [['||'], ['&&'], ['==', '!='], ['<=', '>=', '<', '>'], ['+', '-'], ['*', '/', '%']];

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  public parseAll(): Node {
    const node = this.expr();
    this.ws();
    if (this.i < this.s.length) throw new SyntaxProblem(`unexpected "${this.s.slice(this.i, this.i + 10)}"`);
    return node;
  }

  private ws(): void {
    for (;;) {
      while (this.i < this.s.length && /\s/.test(this.s[this.i])) this.i++;
      if (this.s.startsWith('#', this.i) || this.s.startsWith('//', this.i)) {
        while (this.i < this.s.length && this.s[this.i] !== '\n') this.i++;
      } else if (this.s.startsWith('/*', this.i)) {
        const end = this.s.indexOf('*/', this.i + 2);
        this.i = end < 0 ? this.s.length : end + 2;
      } else return;
    }
  }

  private peek(token: string): boolean {
    this.ws();
    return this.s.startsWith(token, this.i);
  }

  private eat(token: string): boolean {
    if (!this.peek(token)) return false;
    this.i += token.length;
    return true;
  }

  private expect(token: string): void {
    if (!this.eat(token)) throw new SyntaxProblem(`expected "${token}" at "${this.s.slice(this.i, this.i + 10)}"`);
  }

  private ident(): string | undefined {
    this.ws();
    const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(this.s.slice(this.i));
    if (!m) return undefined;
    this.i += m[0].length;
    return m[0];
  }

  private keyword(word: string): boolean {
    this.ws();
    const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(this.s.slice(this.i));
    if (m?.[0] !== word) return false;
    this.i += word.length;
    return true;
  }

  public expr(): Node {
    const c = this.binary(0);
    if (this.peek('?')) {
      this.i++;
      const a = this.expr();
      this.expect(':');
      const b = this.expr();
      return { t: 'cond', c, a, b };
    }
    return c;
  }

  private binary(level: number): Node {
    if (level >= BINARY.length) return this.unary();
    let a = this.binary(level + 1);
    for (;;) {
      this.ws();
      const op = BINARY[level].find(
        (o) => this.s.startsWith(o, this.i) && !(o === '<' && this.s.startsWith('<<', this.i)) && !(o === '=' && this.s[this.i + 1] === '>')
      );
      if (op === undefined || (op === '-' && false)) return a;
      this.i += op.length;
      a = { t: 'bin', op, a, b: this.binary(level + 1) };
    }
  }

  private unary(): Node {
    if (this.peek('!') && !this.peek('!=')) {
      this.i++;
      return { t: 'unary', op: '!', x: this.unary() };
    }
    if (this.peek('-')) {
      this.i++;
      return { t: 'unary', op: '-', x: this.unary() };
    }
    return this.postfix(this.primary());
  }

  private postfix(node: Node): Node {
    for (;;) {
      if (this.peek('[*]') || this.peek('.*')) {
        this.i += 3 - (this.s[this.i] === '.' ? 1 : 0);
        const ops: Array<{ name?: string; key?: Node }> = [];
        for (;;) {
          if (this.peek('.') && !this.peek('..')) {
            this.i++;
            const name = this.ident();
            if (name === undefined) throw new SyntaxProblem('expected an attribute name');
            ops.push({ name });
          } else if (this.peek('[') && !this.peek('[*]')) {
            this.i++;
            ops.push({ key: this.expr() });
            this.expect(']');
          } else break;
        }
        node = { t: 'splat', obj: node, ops };
      } else if (this.peek('.') && !this.peek('...')) {
        this.i++;
        this.ws();
        const digits = /^\d+/.exec(this.s.slice(this.i));
        if (digits) {
          this.i += digits[0].length;
          node = {
            t: 'index',
            obj: node,
            key: { t: 'lit', v: Number(digits[0]) },
          };
          continue;
        }
        const name = this.ident();
        if (name === undefined) throw new SyntaxProblem('expected an attribute name');
        node = { t: 'attr', obj: node, name };
      } else if (this.peek('[')) {
        this.i++;
        const key = this.expr();
        this.expect(']');
        node = { t: 'index', obj: node, key };
      } else return node;
    }
  }

  private primary(): Node {
    this.ws();
    const ch = this.s[this.i];
    if (ch === undefined) throw new SyntaxProblem('unexpected end of expression');
    if (ch === '(') {
      this.i++;
      const inner = this.expr();
      this.expect(')');
      return inner;
    }
    if (ch === '"') return this.quoted();
    if (this.s.startsWith('<<', this.i)) return this.heredoc();
    if (/[0-9]/.test(ch)) {
      const m = /^\d+(\.\d+)?([eE][+-]?\d+)?/.exec(this.s.slice(this.i))!;
      this.i += m[0].length;
      return { t: 'lit', v: Number(m[0]) };
    }
    if (ch === '[') return this.tuple();
    if (ch === '{') return this.object();
    const name = this.ident();
    if (name === undefined) throw new SyntaxProblem(`unexpected "${ch}"`);
    if (name === 'true' || name === 'false') return { t: 'lit', v: name === 'true' };
    if (name === 'null') return { t: 'lit', v: null };
    if (this.peek('::')) {
      // Provider-defined functions (provider::name::fn) are not evaluated.
      const start = this.i;
      while (this.i < this.s.length && /[A-Za-z0-9_:]/.test(this.s[this.i])) this.i++;
      return this.call(`${name}${this.s.slice(start, this.i)}`);
    }
    if (this.peek('(')) return this.call(name);
    return { t: 'var', name };
  }

  private call(name: string): Node {
    this.expect('(');
    const args: Node[] = [];
    let expand = false;
    while (!this.peek(')')) {
      args.push(this.expr());
      if (this.eat('...')) expand = true;
      if (!this.eat(',')) break;
    }
    this.expect(')');
    return { t: 'call', name, args, expand };
  }

  private tuple(): Node {
    this.expect('[');
    if (this.keyword('for')) return this.forExpr(false);
    const items: Node[] = [];
    while (!this.peek(']')) {
      items.push(this.expr());
      if (!this.eat(',')) break;
    }
    this.expect(']');
    return { t: 'tuple', items };
  }

  private object(): Node {
    this.expect('{');
    if (this.keyword('for')) return this.forExpr(true);
    const items: Array<readonly [Node, Node]> = [];
    while (!this.peek('}')) {
      const start = this.i;
      let key: Node;
      const name = this.ident();
      if (name !== undefined && (this.peek('=') || this.peek(':')) && !this.peek('==')) key = { t: 'lit', v: name };
      else {
        this.i = start;
        key = this.expr();
      }
      if (!this.eat('=') && !this.eat(':')) throw new SyntaxProblem('expected "=" in an object');
      items.push([key, this.expr()]);
      this.eat(',');
    }
    this.expect('}');
    return { t: 'object', items };
  }

  private forExpr(object: boolean): Node {
    const first = this.ident();
    if (first === undefined) throw new SyntaxProblem('expected a variable after "for"');
    let key: string | undefined;
    let value = first;
    if (this.eat(',')) {
      key = first;
      value = this.ident() ?? '';
    }
    if (!this.keyword('in')) throw new SyntaxProblem('expected "in"');
    const coll = this.expr();
    this.expect(':');
    let keyExpr: Node | undefined;
    let valExpr = this.expr();
    if (object) {
      this.expect('=>');
      keyExpr = valExpr;
      valExpr = this.expr();
    }
    const group = this.eat('...');
    const cond = this.keyword('if') ? this.expr() : undefined;
    this.expect(object ? '}' : ']');
    return {
      t: 'for',
      object,
      key,
      value,
      coll,
      keyExpr,
      valExpr,
      cond,
      group,
    };
  }

  private quoted(): Node {
    this.i++;
    const start = this.i;
    let depth = 0;
    let inner = false;
    while (this.i < this.s.length) {
      const ch = this.s[this.i];
      if (!inner && ch === '\\') {
        this.i += 2;
        continue;
      }
      if ((this.s.startsWith('${', this.i) || this.s.startsWith('%{', this.i)) && !this.s.startsWith('$${', this.i - 1)) {
        depth++;
        inner = true;
        this.i += 2;
        continue;
      }
      if (inner && ch === '"') {
        // A string inside an interpolation: skip it whole.
        this.i++;
        while (this.i < this.s.length && this.s[this.i] !== '"') this.i += this.s[this.i] === '\\' ? 2 : 1;
        this.i++;
        continue;
      }
      if (inner && ch === '{') depth++;
      if (inner && ch === '}') {
        depth--;
        if (depth === 0) inner = false;
      }
      if (!inner && ch === '"') break;
      this.i++;
    }
    const body = this.s.slice(start, this.i);
    this.expect('"');
    return parseTemplate(unescape(body));
  }

  private heredoc(): Node {
    const m = /^<<(-?)([A-Za-z_][A-Za-z0-9_]*)\r?\n/.exec(this.s.slice(this.i));
    if (!m) throw new SyntaxProblem('malformed heredoc');
    this.i += m[0].length;
    const end = new RegExp(`^[ \\t]*${m[2]}[ \\t]*$`, 'm');
    const rest = this.s.slice(this.i);
    const found = end.exec(rest);
    if (!found) throw new SyntaxProblem(`heredoc ${m[2]} is not closed`);
    this.i += found.index + found[0].length;
    return parseTemplate(rest.slice(0, found.index));
  }
}

/** HCL's string escapes (`\n`, `\"`, `\\`, `\uNNNN`) inside a quoted template's literal text. */
function unescape(text: string): string {
  return text.replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (_, e: string) => {
    if (e === 'n') return '\n';
    if (e === 't') return '\t';
    if (e === 'r') return '\r';
    if (e[0] === 'u' || e[0] === 'U') return String.fromCodePoint(parseInt(e.slice(1), 16));
    return e;
  });
}

/** Parses a template (the text of a string, with `${...}` and `%{...}`) into literal text and expressions. */
export function parseTemplate(text: string): Node {
  const parts: Array<string | Node> = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('$${', i) || text.startsWith('%%{', i)) {
      literal += text[i + 1] + '{';
      i += 3;
      continue;
    }
    if (text.startsWith('%{', i)) throw new SyntaxProblem('template directives (%{ ... }) are not evaluated');
    if (text.startsWith('${', i)) {
      const parser = new Parser(text);
      (parser as unknown as { i: number }).i = i + 2;
      const node = parser.expr();
      let j = (parser as unknown as { i: number }).i;
      while (j < text.length && /\s/.test(text[j])) j++;
      if (text[j] === '~') j++;
      if (text[j] !== '}') throw new SyntaxProblem(`interpolation is not closed at "${text.slice(i, i + 20)}"`);
      if (literal !== '') parts.push(literal);
      literal = '';
      parts.push(node);
      i = j + 1;
      continue;
    }
    literal += text[i];
    i++;
  }
  if (literal !== '') parts.push(literal);
  if (parts.length === 0) return { t: 'lit', v: '' };
  if (parts.length === 1 && typeof parts[0] === 'string') return { t: 'lit', v: parts[0] };
  return { t: 'tpl', parts };
}

/** Parses one expression (what `${...}` holds, or a `--var` value). */
export function parseExpression(text: string): Node {
  return new Parser(text).parseAll();
}

/** Whether a value is fully known (no deferred or unknown part). */
export function isKnown(value: Value): boolean {
  if (value instanceof Unknown || value instanceof Deferred) return false;
  if (Array.isArray(value)) return value.every(isKnown);
  if (value !== null && typeof value === 'object') return Object.values(value).every(isKnown);
  return true;
}

/** The value with deferred parts forced; unknown parts stay. */
export function forced(value: Value): Value {
  if (value instanceof Deferred) return forced(settle(value));
  if (Array.isArray(value)) return value.map(forced);
  if (value !== null && typeof value === 'object' && !(value instanceof Unknown)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, forced(v)]));
  }
  return value;
}

/** The first unknown part of a value, if any. */
export function unknownIn(value: Value): Unknown | undefined {
  if (value instanceof Unknown) return value;
  if (Array.isArray(value)) return value.map(unknownIn).find((u) => u !== undefined);
  if (value !== null && typeof value === 'object' && !(value instanceof Deferred)) {
    return Object.values(value)
      .map(unknownIn)
      .find((u) => u !== undefined);
  }
  return undefined;
}

/** Every root variable an unknown value waits for. */
export function variablesOf(value: Value): string[] {
  const out = new Set<string>();
  const walk = (v: Value): void => {
    if (v instanceof Unknown) v.variables.forEach((x) => out.add(x));
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object' && !(v instanceof Deferred)) Object.values(v).forEach(walk);
  };
  walk(value);
  return [...out].sort();
}

/** HCL text of a value (known values as literals, deferred and unknown ones as their expressions). */
export function hclText(value: Value): string {
  if (value instanceof Deferred || value instanceof Unknown) return value.text;
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value).replace(/\$\{/g, '$${').replace(/%\{/g, '%%{');
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(hclText).join(', ')}]`;
  return `{ ${Object.entries(value)
    .map(([k, v]) => `${/^[A-Za-z_][A-Za-z0-9_-]*$/.test(k) ? k : JSON.stringify(k)} = ${hclText(v)}`)
    .join(', ')} }`;
}

/** What names in an expression mean: variables of `for` expressions, `each`, `count`, `var`, `local`, blocks. */
export interface Scope {
  /** The value of a root name (`var`, `local`, `each`, `count`, `module`, `path`, a resource type, `data` ...). */
  lookup(name: string): Value | undefined;
}

/** Unknown, with the unknown operands' reasons and variables. */
function unknownFrom(text: string, operands: readonly Value[], reason?: string): Unknown {
  const unknowns = operands.map(unknownIn).filter((u): u is Unknown => u !== undefined);
  const reasons = [...new Set([...(reason ? [reason] : []), ...unknowns.flatMap((u) => u.reasons)])];
  const variables = [...new Set(unknowns.flatMap((u) => u.variables))].sort();
  return new Unknown(text, reasons, variables);
}

/** Evaluates an expression in a scope. */
export function evaluate(node: Node, scope: Scope): Value {
  switch (node.t) {
    case 'lit':
      return node.v;
    case 'tpl': {
      const values = node.parts.map((p) => (typeof p === 'string' ? p : evaluate(p, scope)));
      if (values.length === 1 && typeof node.parts[0] !== 'string') return values[0];
      let text = '';
      let known = true;
      for (const v of values) {
        const f = settle(v);
        if (typeof f === 'string' || typeof f === 'number' || typeof f === 'boolean') text += String(f);
        else known = false;
      }
      if (known) return text;
      // A template with unknown parts: its text keeps the known parts and the unknown ones as expressions.
      const partial = values
        .map((v) => {
          const f = settle(v);
          const reference = followLocal(v);
          if (typeof f === 'string') return reference instanceof Deferred ? `\${${reference.text}}` : f.replace(/\$\{/g, '$${').replace(/%\{/g, '%%{');
          if (typeof f === 'number' || typeof f === 'boolean') return String(f);
          if (f instanceof Unknown && f.template !== undefined) return f.template;
          return `\${${reference instanceof Deferred ? reference.text : hclText(f)}}`;
        })
        .join('');
      const u = unknownFrom(`"${partial.replace(/"/g, '\\"')}"`, values.map(settle));
      return new Unknown(u.text, u.reasons, u.variables, partial);
    }
    case 'var': {
      const value = scope.lookup(node.name);
      return value === undefined ? new Unknown(node.name, [`${node.name} is not known to the report`]) : value;
    }
    case 'attr':
    case 'index':
      return access(node, scope);
    case 'splat': {
      const obj = force(evaluate(node.obj, scope));
      if (obj instanceof Unknown) return unknownFrom(`${obj.text}[*]`, [obj]);
      const list = obj === null ? [] : Array.isArray(obj) ? obj : typeof obj === 'object' ? [obj] : [obj];
      return list.map((item) => {
        let v: Value = item;
        for (const op of node.ops) v = op.name !== undefined ? getAttribute(v, op.name) : getIndex(v, evaluate(op.key!, scope));
        return v;
      });
    }
    case 'call':
      return call(
        node.name,
        node.args.map((a) => evaluate(a, scope)),
        node.expand
      );
    case 'tuple':
      return node.items.map((n) => evaluate(n, scope));
    case 'object': {
      const out: Record<string, Value> = {};
      for (const [k, v] of node.items) {
        const key = force(evaluate(k, scope));
        if (typeof key !== 'string' && typeof key !== 'number' && typeof key !== 'boolean') return unknownFrom('{ ... }', [key], 'an object key is not known');
        out[String(key)] = evaluate(v, scope);
      }
      return out;
    }
    case 'for':
      return forExpression(node, scope);
    case 'unary': {
      const x = force(evaluate(node.x, scope));
      if (node.op === '!') return typeof x === 'boolean' ? !x : unknownFrom(`!${hclText(x)}`, [x], typeof x === 'object' ? undefined : 'not a bool');
      const n = toNumber(x);
      return n === undefined ? unknownFrom(`-${hclText(x)}`, [x]) : -n;
    }
    case 'bin':
      return binary(node.op, evaluate(node.a, scope), () => evaluate(node.b, scope));
    case 'cond': {
      const c = force(evaluate(node.c, scope));
      const cb = typeof c === 'string' ? (c === 'true' ? true : c === 'false' ? false : undefined) : c;
      if (cb === true) return evaluate(node.a, scope);
      if (cb === false) return evaluate(node.b, scope);
      const a = evaluate(node.a, scope);
      const b = evaluate(node.b, scope);
      return unknownFrom(`${hclText(c)} ? ${hclText(a)} : ${hclText(b)}`, [c], 'the condition is not known');
    }
  }
}

function force(value: Value): Value {
  return settle(value);
}

function access(node: Node & { t: 'attr' | 'index' }, scope: Scope): Value {
  const obj = evaluate(node.obj, scope);
  if (node.t === 'attr') return getAttribute(obj, node.name);
  return getIndex(obj, evaluate(node.key, scope));
}

/** `obj.name`. Deferred references grow (`type.name` + `.attr`) without being forced. */
export function getAttribute(obj: Value, name: string): Value {
  if (obj instanceof Deferred) {
    // Step by step: a block's reference (which knows its attributes) may sit behind another reference.
    let step: Value = obj;
    for (let i = 0; step instanceof Deferred && i < 64; i++) {
      if (step.attribute) return step.attribute(name);
      step = step.force();
    }
    const v = settle(step);
    if (v instanceof Unknown) return new Unknown(`${obj.text}.${name}`, v.reasons, v.variables);
    return getAttribute(v, name);
  }
  if (obj instanceof Unknown) return new Unknown(`${obj.text}.${name}`, obj.reasons, obj.variables);
  if (obj !== null && typeof obj === 'object' && !Array.isArray(obj)) {
    if (Object.prototype.hasOwnProperty.call(obj, name)) return obj[name];
    return new Unknown(`.${name}`, [`the object has no attribute "${name}"`]);
  }
  return new Unknown(`${hclText(obj)}.${name}`, [`${hclText(obj)} has no attributes`]);
}

/** `obj[key]`. */
export function getIndex(obj: Value, rawKey: Value): Value {
  const key = force(rawKey);
  const target = force(obj);
  if (target instanceof Unknown || key instanceof Unknown) {
    const text = `${obj instanceof Deferred || obj instanceof Unknown ? obj.text : hclText(target)}[${hclText(key)}]`;
    return unknownFrom(text, [target, key]);
  }
  if (Array.isArray(target)) {
    const n = toNumber(key);
    if (n !== undefined && n >= 0 && n < target.length) return target[n];
    return new Unknown(`[${hclText(key)}]`, [`index ${hclText(key)} is out of range`]);
  }
  if (target !== null && typeof target === 'object' && (typeof key === 'string' || typeof key === 'number')) {
    if (Object.prototype.hasOwnProperty.call(target, String(key))) return (target as Record<string, Value>)[String(key)];
    return new Unknown(`[${hclText(key)}]`, [`the map has no element ${hclText(key)}`]);
  }
  return new Unknown(`[${hclText(key)}]`, ['cannot index this value']);
}

function toNumber(value: Value): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
  return undefined;
}

function sameKnown(a: Value, b: Value): boolean {
  if (typeof a === 'number' || typeof b === 'number') {
    const x = toNumber(a);
    const y = toNumber(b);
    if (typeof a !== typeof b) return false;
    return x === y;
  }
  return JSON.stringify(a) === JSON.stringify(b);
}

function binary(op: string, rawA: Value, lazyB: () => Value): Value {
  const a = forced(rawA);
  if (op === '&&' && a === false) return false;
  if (op === '||' && a === true) return true;
  const b = forced(lazyB());
  const text = `${hclText(rawA)} ${op} ${hclText(b)}`;
  if (!isKnown(a) || !isKnown(b)) {
    // null compares known even against an unknown value of another kind only in Terraform's type checker; here it stays unknown.
    return unknownFrom(text, [a, b]);
  }
  switch (op) {
    case '==':
      return sameKnown(a, b);
    case '!=':
      return !sameKnown(a, b);
    case '&&':
    case '||':
      if (typeof a !== 'boolean' || typeof b !== 'boolean') return new Unknown(text, [`${op} needs bools`]);
      return op === '&&' ? a && b : a || b;
    default: {
      const x = toNumber(a);
      const y = toNumber(b);
      if (x === undefined || y === undefined) return new Unknown(text, [`${op} needs numbers`]);
      switch (op) {
        case '+':
          return x + y;
        case '-':
          return x - y;
        case '*':
          return x * y;
        case '/':
          return x / y;
        case '%':
          return x % y;
        case '<':
          return x < y;
        case '>':
          return x > y;
        case '<=':
          return x <= y;
        default:
          return x >= y;
      }
    }
  }
}

function forExpression(node: Node & { t: 'for' }, scope: Scope): Value {
  // The collection is settled, its elements are not: they may be references to blocks.
  const coll = settle(evaluate(node.coll, scope));
  if (coll instanceof Unknown) return unknownFrom(`[for ... in ${coll.text}]`, [coll], 'the collection of a for expression is not known');
  if (coll === null || typeof coll !== 'object' || coll instanceof Unknown) return new Unknown('[for ...]', ['a for expression needs a collection']);
  const entries: Array<[Value, Value]> = Array.isArray(coll) ? coll.map((v, i) => [i, v]) : Object.entries(coll);
  const tuple: Value[] = [];
  const object: Record<string, Value> = {};
  for (const [k, v] of entries) {
    const inner: Scope = {
      lookup: (name) => (name === node.value ? v : name === node.key ? k : scope.lookup(name)),
    };
    if (node.cond) {
      const c = forced(evaluate(node.cond, inner));
      if (c === false) continue;
      if (c !== true) return unknownFrom('[for ... if ...]', [c], 'the condition of a for expression is not known');
    }
    const value = evaluate(node.valExpr, inner);
    if (!node.object) {
      tuple.push(value);
      continue;
    }
    const key = forced(evaluate(node.keyExpr!, inner));
    if (typeof key !== 'string' && typeof key !== 'number' && typeof key !== 'boolean')
      return unknownFrom('{for ...}', [key], 'a key of a for expression is not known');
    if (node.group) object[String(key)] = [...((object[String(key)] as Value[] | undefined) ?? []), value];
    else object[String(key)] = value;
  }
  return node.object ? object : tuple;
}

/** Functions that read files, the clock, or randomness: their results are not known to the report. */
const IMPURE = new Set([
  'file',
  'filebase64',
  'templatefile',
  'fileexists',
  'fileset',
  'timestamp',
  'uuid',
  'bcrypt',
  'plantimestamp',
  'filemd5',
  'filesha256',
]);

/**
 * Functions that only rearrange collections: they work on lists and maps whose elements are not known yet, and keep
 * those elements (references stay references).
 */
const STRUCTURAL = new Set(['flatten', 'concat', 'merge', 'keys', 'values', 'length', 'lookup', 'element', 'tolist', 'tomap', 'zipmap', 'coalescelist', 'one']);

/** The value with its outer collections settled (for flatten, nested lists too); elements are left as they are. */
function settleStructure(value: Value, deep: boolean): Value {
  const v = settle(value);
  if (Array.isArray(v)) return deep ? v.map((x) => (Array.isArray(settle(x)) ? settleStructure(x, true) : x)) : v;
  return v;
}

function call(name: string, rawArgs: Value[], expand: boolean): Value {
  if (STRUCTURAL.has(name)) {
    let args = rawArgs.map((a) => settleStructure(a, name === 'flatten'));
    if (expand && args.length > 0 && Array.isArray(args[args.length - 1])) args = [...args.slice(0, -1), ...(args[args.length - 1] as Value[])];
    const text = `${name}(${rawArgs.map(hclText).join(', ')}${expand ? '...' : ''})`;
    const unknownArg = args.find((a) => a instanceof Unknown);
    // lookup's key and zipmap's keys must be known; so must every argument that is not a collection.
    const keysKnown = name === 'lookup' ? isKnown(forced(args[1])) : name === 'zipmap' ? isKnown(forced(args[0])) : true;
    if (unknownArg === undefined && keysKnown) {
      try {
        const result = FUNCTIONS[name](args);
        if (result !== undefined) return result;
      } catch {
        return new Unknown(text, [`${name}() failed`]);
      }
    }
    if (unknownArg === undefined && keysKnown) return new Unknown(text, [`${name}() got arguments it does not accept`]);
    return unknownFrom(text, args);
  }
  let args = rawArgs.map(forced);
  if (expand && args.length > 0) {
    const last = args[args.length - 1];
    if (Array.isArray(last)) args = [...args.slice(0, -1), ...last];
  }
  const text = `${name}(${rawArgs.map(hclText).join(', ')}${expand ? '...' : ''})`;
  if (IMPURE.has(name)) return unknownFrom(text, args, `${name}() reads something outside the configuration`);
  if (name === 'try') {
    const first = args.find(
      (a) => !(a instanceof Unknown) || a.reasons.every((r) => r.startsWith('the map has no') || r.startsWith('the object has no')) === false
    );
    return first === undefined ? unknownFrom(text, args) : first;
  }
  if (name === 'can') return !(args[0] instanceof Unknown);
  const fn = FUNCTIONS[name];
  if (fn === undefined) return unknownFrom(text, args, `the report does not evaluate ${name}()`);
  if (!args.every(isKnown)) return unknownFrom(text, args);
  try {
    const result = fn(args);
    return result === undefined ? new Unknown(text, [`${name}() got arguments it does not accept`]) : result;
  } catch {
    return new Unknown(text, [`${name}() failed`]);
  }
}

const str = (v: Value): string => (v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
const list = (v: Value): Value[] => (Array.isArray(v) ? v : v !== null && typeof v === 'object' ? Object.values(v) : []);
const unique = (values: Value[]): Value[] => {
  const seen = new Set<string>();
  return values.filter((v) => {
    const key = JSON.stringify(v);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};

/** The pure built-in functions the report evaluates. Sets are lists of unique, sorted elements, as Terraform orders them. */
const FUNCTIONS: Readonly<Record<string, (args: Value[]) => Value | undefined>> = {
  toset: ([v]) =>
    Array.isArray(v)
      ? unique(v.map((x) => (typeof x === 'number' || typeof x === 'boolean' ? String(x) : x))).sort((a, b) => str(a).localeCompare(str(b)))
      : undefined,
  tolist: ([v]) => list(v),
  tomap: ([v]) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? v : undefined),
  tostring: ([v]) => (typeof v === 'object' && v !== null ? undefined : v === null ? null : String(v)),
  tonumber: ([v]) => toNumber(v),
  tobool: ([v]) => (v === true || v === 'true' ? true : v === false || v === 'false' ? false : undefined),
  lower: ([v]) => str(v).toLowerCase(),
  upper: ([v]) => str(v).toUpperCase(),
  title: ([v]) => str(v).replace(/\b\w/g, (c) => c.toUpperCase()),
  trimspace: ([v]) => str(v).trim(),
  trim: ([v, cut]) => {
    const chars = [...str(cut)];
    let s = str(v);
    while (s.length > 0 && chars.includes(s[0])) s = s.slice(1);
    while (s.length > 0 && chars.includes(s[s.length - 1])) s = s.slice(0, -1);
    return s;
  },
  trimprefix: ([v, p]) => (str(v).startsWith(str(p)) ? str(v).slice(str(p).length) : str(v)),
  trimsuffix: ([v, p]) => (str(p) !== '' && str(v).endsWith(str(p)) ? str(v).slice(0, -str(p).length) : str(v)),
  replace: ([v, from, to]) => {
    const f = str(from);
    if (f.length > 1 && f.startsWith('/') && f.endsWith('/')) return str(v).replace(new RegExp(f.slice(1, -1), 'g'), str(to).replace(/\$\{(\d+)\}/g, '$$$1'));
    return str(v).split(f).join(str(to));
  },
  format: ([f, ...rest]) => {
    let i = 0;
    return str(f).replace(/%(%|[-+# 0]*\d*(?:\.\d+)?[sdvqft])/g, (_m: string, spec: string) => {
      if (spec === '%') return '%';
      const v = rest[i++];
      if (spec.endsWith('q')) return JSON.stringify(str(v));
      if (spec.endsWith('d')) return String(Math.trunc(toNumber(v) ?? NaN));
      return str(v);
    });
  },
  join: ([sep, ...lists]) => lists.flatMap(list).map(str).join(str(sep)),
  split: ([sep, v]) => str(v).split(str(sep)),
  concat: (lists) => lists.flatMap(list),
  flatten: ([v]) => {
    const flat = (x: Value): Value[] => (Array.isArray(x) ? x.flatMap(flat) : [x]);
    return flat(v);
  },
  distinct: ([v]) => unique(list(v)),
  compact: ([v]) => list(v).filter((x) => x !== null && x !== ''),
  merge: (maps) => Object.assign({}, ...maps.filter((m) => m !== null)),
  keys: ([v]) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.keys(v).sort() : undefined),
  values: ([v]) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.keys(v)
          .sort()
          .map((k) => (v as Record<string, Value>)[k])
      : undefined,
  lookup: ([m, k, d]) =>
    m !== null && typeof m === 'object' && !Array.isArray(m) && Object.prototype.hasOwnProperty.call(m, str(k)) ? (m as Record<string, Value>)[str(k)] : d,
  length: ([v]) => (typeof v === 'string' ? [...v].length : list(v).length),
  contains: ([l, v]) => list(l).some((x) => sameKnown(x, v)),
  element: ([l, i]) => {
    const items = list(l);
    return items.length === 0 ? undefined : items[(toNumber(i) ?? 0) % items.length];
  },
  coalesce: (args) => args.find((a) => a !== null && a !== '') ?? undefined,
  coalescelist: (args) => args.find((a) => Array.isArray(a) && a.length > 0) ?? undefined,
  zipmap: ([k, v]) => Object.fromEntries(list(k).map((key, i) => [str(key), list(v)[i]])),
  jsonencode: ([v]) => JSON.stringify(v),
  jsondecode: ([v]) => JSON.parse(str(v)) as Value,
  min: (args) => Math.min(...args.map((a) => toNumber(a) ?? NaN)),
  max: (args) => Math.max(...args.map((a) => toNumber(a) ?? NaN)),
  abs: ([v]) => Math.abs(toNumber(v) ?? NaN),
  setunion: (sets) => unique(sets.flatMap(list)).sort((a, b) => str(a).localeCompare(str(b))),
  setsubtract: ([a, b]) => list(a).filter((x) => !list(b).some((y) => sameKnown(x, y))),
  setproduct: (sets) => sets.reduce<Value[][]>((acc, set) => acc.flatMap((prefix) => list(set).map((x) => [...prefix, x])), [[]]),
  startswith: ([v, p]) => str(v).startsWith(str(p)),
  endswith: ([v, p]) => str(v).endsWith(str(p)),
  substr: ([v, o, l]) => {
    const s = [...str(v)];
    const off = toNumber(o) ?? 0;
    const len = toNumber(l) ?? -1;
    return s.slice(off, len < 0 ? undefined : off + len).join('');
  },
  range: (args) => {
    const [start, end, step] = args.length === 1 ? [0, toNumber(args[0]) ?? 0, 1] : [toNumber(args[0]) ?? 0, toNumber(args[1]) ?? 0, toNumber(args[2]) ?? 1];
    const out: number[] = [];
    for (let x = start; step > 0 ? x < end : x > end; x += step) out.push(x);
    return out;
  },
  one: ([v]) => {
    const items = list(v);
    return items.length === 0 ? null : items.length === 1 ? items[0] : undefined;
  },
};
