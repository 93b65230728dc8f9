/**
 * Reading a synthesized Terraform JSON configuration (`cdk.tf.json`, whoever wrote it): blocks by type, provider
 * configurations, input variables and reference resolution. Pure: no cdktf.
 *
 * Resolution follows what Terraform itself would know before anything is applied: literals, references to literal
 * attributes of other blocks in the file, `local.*` values, and input variables given by the caller (or, unless
 * disabled, their declared defaults). Templates such as `"https://${var.host}"` are resolved when every
 * interpolation in them is. Everything else (function calls, attributes known only after apply, variables without a
 * value) stays symbolic and is never guessed.
 */
import { PROVIDER_DEFAULTS } from './catalogue';

/** One resource or data block. */
export interface TerraformBlock {
  /** `vault_policy.x` or `data.tfe_workspace.y`. */
  readonly address: string;
  readonly type: string;
  readonly name: string;
  readonly body: Readonly<Record<string, unknown>>;
}

/** A value that could be resolved to a literal, or the expression that could not. */
export type Resolved = { readonly literal: string } | { readonly symbol: string };

/** How to read a configuration. */
export interface ConfigurationOptions {
  /** Values of Terraform input variables (`var.<name>`), as `-var name=value` would give them. */
  readonly variables?: Readonly<Record<string, string>>;
  /**
   * Use a variable's declared `default` when no value is given. Each use is recorded in
   * {@link TerraformConfiguration.assumptions}.
   *
   * @default true
   */
  readonly useVariableDefaults?: boolean;
  /**
   * What reading the configuration left unresolved (from {@link loadConfiguration}: unknown `for_each`, remote
   * modules ...); the report lists each as unresolved.
   */
  readonly notes?: readonly string[];
  /** Values taken as given while reading (variable defaults used for `count`, `for_each` or module inputs). */
  readonly assumptions?: readonly string[];
}

/** A provider configuration block (`provider.<type>[i]`). */
export interface ProviderBlock {
  readonly type: string;
  /** The alias, or undefined for the default configuration of that provider. */
  readonly alias?: string;
  readonly body: Readonly<Record<string, unknown>>;
}

const REFERENCE = /^[A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z_][A-Za-z0-9_-]*)+$/;
/** A reference with instance keys (`vault_policy.p["x"].name`, `module.m[0].vault_policy.p.name`). */
const INDEXED_REFERENCE = /^[A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z_][A-Za-z0-9_-]*|\[(?:"[^"\\]*"|\d+)\])*\.[A-Za-z_][A-Za-z0-9_-]*$/;
/** The module path at the start of a flat block name (`module.a.module.b["k"].name`). */
const MODULE_PREFIX = /^((?:module\.[A-Za-z_][A-Za-z0-9_-]*(?:\[(?:"[^"\\]*"|\d+)\])?\.)+)(.+)$/;
const MAX_DEPTH = 12;

/** One piece of a Terraform template string. */
type TemplatePart = { readonly text: string } | { readonly expression: string } | { readonly directive: true };

/**
 * Splits a Terraform string template into literal text and `${...}` interpolations. `$${` and `%%{` are the escapes
 * for a literal `${` and `%{`. A `%{...}` directive makes the whole template unresolvable.
 */
export function splitTemplate(value: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let text = '';
  let i = 0;
  while (i < value.length) {
    if (value.startsWith('$${', i) || value.startsWith('%%{', i)) {
      text += value[i + 1] + '{';
      i += 3;
      continue;
    }
    if (value.startsWith('${', i) || value.startsWith('%{', i)) {
      const close = closingBrace(value, i + 2);
      if (close < 0) {
        // Unbalanced: Terraform would reject it; keep it as text so it never resolves to something cleaner.
        return [{ directive: true }];
      }
      if (text !== '') parts.push({ text });
      text = '';
      if (value[i] === '%') parts.push({ directive: true });
      else parts.push({ expression: value.slice(i + 2, close).trim() });
      i = close + 1;
      continue;
    }
    text += value[i];
    i++;
  }
  if (text !== '') parts.push({ text });
  return parts;
}

/** Index of the `}` closing an interpolation that starts at `from`, skipping nested braces and quoted strings. */
function closingBrace(value: string, from: number): number {
  let depth = 0;
  let quoted = false;
  for (let i = from; i < value.length; i++) {
    const ch = value[i];
    if (quoted) {
      if (ch === '\\') i++;
      else if (ch === '"') quoted = false;
      continue;
    }
    if (ch === '"') quoted = true;
    else if (ch === '{') depth++;
    else if (ch === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/** A parsed `cdk.tf.json` with lookups by address. */
export class TerraformConfiguration {
  public readonly resources: TerraformBlock[] = [];
  public readonly dataSources: TerraformBlock[] = [];
  public readonly providers: ProviderBlock[] = [];
  /** Things taken as given while resolving values, such as variable defaults. */
  public readonly assumptions = new Set<string>();
  /** Input variables a value needed that have no value (none given, no default): `var.<name>`. */
  public readonly missingVariables = new Set<string>();
  /** What reading the configuration left unresolved (see {@link ConfigurationOptions.notes}). */
  public readonly notes: readonly string[];
  /** The top-level `"//"` property (cdktf's metadata, acknowledgements), which Terraform ignores; empty when absent. */
  public readonly comment: Readonly<Record<string, unknown>>;
  private readonly byAddress = new Map<string, TerraformBlock>();
  /** Blocks by type (resources and data sources apart), so type look-ups do not scan the whole file. */
  private readonly resourcesByType = new Map<string, TerraformBlock[]>();
  private readonly dataByType = new Map<string, TerraformBlock[]>();
  /** Memo of {@link resolve} for strings with interpolations: resolution depends only on the file and the options. */
  private readonly resolved = new Map<string, Resolved | undefined>();
  /** Memo of {@link referencedBlock}. */
  private readonly referenced = new Map<string, TerraformBlock | undefined>();
  private readonly variables: Readonly<Record<string, unknown>>;
  private readonly locals: Readonly<Record<string, unknown>>;
  private readonly options: ConfigurationOptions;

  constructor(json: unknown, options: ConfigurationOptions = {}) {
    const root = (typeof json === 'string' ? JSON.parse(json) : json) as Record<string, unknown>;
    if (!root || typeof root !== 'object' || Array.isArray(root)) {
      throw new Error('a Terraform JSON configuration must be a JSON object');
    }
    this.options = options;
    this.notes = [...(options.notes ?? [])];
    for (const assumption of options.assumptions ?? []) this.assumptions.add(assumption);
    this.comment = asRecord(root['//']);
    this.collect(root.resource, '', this.resources);
    this.collect(root.data, 'data.', this.dataSources);
    this.variables = asRecord(root.variable);
    this.locals = mergeLocals(root.locals);
    for (const [type, configs] of Object.entries(asRecord(root.provider))) {
      for (const body of Array.isArray(configs) ? configs : [configs]) {
        const record = asRecord(body);
        const alias = typeof record.alias === 'string' ? record.alias : undefined;
        this.providers.push({ type, alias, body: record });
      }
    }
  }

  /** Resource blocks of one type. */
  public resourcesOfType(type: string): TerraformBlock[] {
    return [...(this.resourcesByType.get(type) ?? [])];
  }

  /** Data blocks of one type. */
  public dataOfType(type: string): TerraformBlock[] {
    return [...(this.dataByType.get(type) ?? [])];
  }

  /** The block at an address (`type.name` or `data.type.name`). */
  public block(address: string): TerraformBlock | undefined {
    return this.byAddress.get(address);
  }

  /**
   * The provider configuration a block uses: its `provider` meta-argument (`vault.secondary`, also written
   * `${vault.secondary}`), or the default configuration of the provider its type belongs to.
   */
  public providerOf(block: TerraformBlock, providerType: string): ProviderBlock | undefined {
    const meta = typeof block.body.provider === 'string' ? block.body.provider.replace(/^\$\{(.*)\}$/, '$1') : undefined;
    const alias = meta !== undefined && meta.includes('.') ? meta.slice(meta.indexOf('.') + 1) : undefined;
    return this.providers.find((p) => p.type === providerType && p.alias === alias);
  }

  /**
   * Resolves an attribute value. Literals stay as they are; references, templates, locals and variables are followed
   * as far as the file allows. Anything else comes back as a symbol holding the original expression.
   */
  public resolve(value: unknown, depth = 0): Resolved | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') return { literal: String(value) };
    if (!value.includes('${') && !value.includes('%{')) return { literal: value };
    if (depth > 0) return this.resolveTemplate(value, depth);
    if (this.resolved.has(value)) return this.resolved.get(value);
    const result = this.resolveTemplate(value, depth);
    this.resolved.set(value, result);
    return result;
  }

  private resolveTemplate(value: string, depth: number): Resolved | undefined {
    const parts = splitTemplate(value);
    let out = '';
    let unknown: Array<Resolved | undefined> | undefined;
    for (const [i, part] of parts.entries()) {
      if ('directive' in part) return { symbol: value };
      if ('text' in part) {
        out += part.text;
        continue;
      }
      const resolved = depth > MAX_DEPTH ? undefined : this.resolveExpression(part.expression, depth + 1);
      if (resolved === undefined || !('literal' in resolved)) {
        // A whole-string reference that leads to another expression keeps the deeper symbol; it says more.
        if (parts.length === 1) return resolved !== undefined ? resolved : { symbol: value };
        (unknown ??= [])[i] = resolved;
        continue;
      }
      out += resolved.literal;
    }
    if (unknown === undefined) return { literal: out };
    return { symbol: this.partialTemplate(parts, depth) };
  }

  /**
   * A template with some parts unknown, its known parts filled in: the symbol then shows what is known
   * (`organization:${var.org}:project:Default Project:...`) and exactly which expressions are missing.
   */
  private partialTemplate(parts: readonly TemplatePart[], depth: number): string {
    const escape = (text: string): string => text.replace(/\$\{/g, '$${').replace(/%\{/g, '%%{');
    let partial = '';
    for (const part of parts) {
      if ('text' in part) partial += escape(part.text);
      else if ('expression' in part) {
        const resolved = depth > MAX_DEPTH ? undefined : this.resolveExpression(part.expression, depth + 1);
        partial += resolved !== undefined && 'literal' in resolved ? escape(resolved.literal) : `\${${part.expression}}`;
      }
    }
    return partial;
  }

  /** The block and attribute a reference such as `vault_policy.x.name` points at, if that block is in this file. */
  public referenceTarget(expression: string): { block: TerraformBlock; attribute: string } | undefined {
    if (expression.includes('[') || expression.startsWith('module.')) {
      // An instance (`type.name["key"].attr`) or a module's block: the address is all but the last attribute.
      const dot = expression.lastIndexOf('.');
      const block = dot > 0 ? this.byAddress.get(expression.slice(0, dot)) : undefined;
      return block ? { block, attribute: expression.slice(dot + 1) } : undefined;
    }
    const parts = expression.split('.');
    const isData = parts[0] === 'data';
    const head = isData ? 3 : 2;
    if (parts.length !== head + 1) return undefined;
    const block = this.byAddress.get(parts.slice(0, head).join('.'));
    return block ? { block, attribute: parts[head] } : undefined;
  }

  /**
   * The block a whole-string reference (`${type.name.attr}`) points at, when the value is exactly such a reference
   * to a block of this file.
   */
  public referencedBlock(value: unknown): TerraformBlock | undefined {
    if (typeof value !== 'string') return undefined;
    if (this.referenced.has(value)) return this.referenced.get(value);
    const match = /^\$\{\s*([^{}]+?)\s*\}$/.exec(value);
    const block = match ? this.referenceTarget(match[1])?.block : undefined;
    this.referenced.set(value, block);
    return block;
  }

  private resolveExpression(expression: string, depth: number): Resolved | undefined {
    let target: { block: TerraformBlock; attribute: string } | undefined;
    if (!REFERENCE.test(expression)) {
      if (!INDEXED_REFERENCE.test(expression)) return undefined;
      target = this.referenceTarget(expression);
    } else {
      const parts = expression.split('.');
      if (parts[0] === 'var' && parts.length === 2) return this.variable(parts[1]);
      if (parts[0] === 'local' && parts.length === 2) {
        return Object.prototype.hasOwnProperty.call(this.locals, parts[1]) ? this.resolve(this.locals[parts[1]], depth) : undefined;
      }
      target = this.referenceTarget(expression);
    }
    if (!target) return undefined;
    if (target.block.address.replace(/^(module\.[^.[]+(\[[^\]]*\])?\.)+/, '').startsWith('data.') && target.block.type === 'vault_policy_document' && target.attribute === 'hcl') {
      return this.renderPolicyDocument(target.block, depth);
    }
    const attribute = target.block.body[target.attribute] ?? PROVIDER_DEFAULTS[target.block.type]?.[target.attribute];
    if (attribute === undefined || (typeof attribute === 'object' && attribute !== null)) return undefined;
    return this.resolve(attribute, depth);
  }

  /**
   * The `hcl` a `data "vault_policy_document"` computes from its `rule` blocks, as far as the ACL needs it: each
   * rule's path and capabilities (parameter constraints and wrapping TTLs do not decide which paths are reachable,
   * and the report does not model them). Unknown when a path or capability is not a literal; the symbol says which.
   */
  private renderPolicyDocument(block: TerraformBlock, depth: number): Resolved {
    const rules = Array.isArray(block.body.rule) ? block.body.rule : block.body.rule === undefined ? [] : [block.body.rule];
    let text = '';
    for (const [i, raw] of rules.entries()) {
      const rule = asRecord(raw);
      const path = this.resolve(rule.path, depth);
      const capabilities = Array.isArray(rule.capabilities) ? rule.capabilities.map((c: unknown) => this.resolve(c, depth)) : undefined;
      if (!path || !('literal' in path) || !capabilities || capabilities.some((c: Resolved | undefined) => !c || !('literal' in c))) {
        return { symbol: `\${${block.address}.hcl} (rule ${i + 1}: its path or capabilities are not literals)` };
      }
      const caps = capabilities.map((c: Resolved | undefined) => JSON.stringify((c as { literal: string }).literal)).join(', ');
      text += `path ${JSON.stringify(path.literal)} {\n  capabilities = [${caps}]\n}\n`;
    }
    return { literal: text };
  }

  private variable(name: string): Resolved | undefined {
    const given = this.options.variables?.[name];
    if (given !== undefined) return { literal: given };
    if (this.options.useVariableDefaults === false) {
      this.missingVariables.add(name);
      return undefined;
    }
    const declared = asRecord(this.variables[name]);
    const value = declared.default;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      this.assumptions.add(`var.${name} = ${JSON.stringify(String(value))} (its default; pass a value to override)`);
      return { literal: String(value) };
    }
    // No value at all (a list or map default is a value, just not one a string can take).
    if (declared.default === undefined || declared.default === null) this.missingVariables.add(name);
    return undefined;
  }

  private collect(section: unknown, prefix: string, into: TerraformBlock[]): void {
    for (const [type, blocks] of Object.entries(asRecord(section))) {
      for (const [key, body] of Object.entries(asRecord(blocks))) {
        // Blocks of local modules come flattened with their module path before the name (see load.ts).
        const inModule = key.startsWith('module.') ? MODULE_PREFIX.exec(key) : null;
        const [modulePath, name] = inModule ? [inModule[1], inModule[2]] : ['', key];
        const block: TerraformBlock = { address: `${modulePath}${prefix}${type}.${name}`, type, name, body: asRecord(body) };
        into.push(block);
        this.byAddress.set(block.address, block);
        const byType = prefix === '' ? this.resourcesByType : this.dataByType;
        const list = byType.get(type);
        if (list) list.push(block);
        else byType.set(type, [block]);
      }
    }
  }
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** `locals` is an object in cdktf output, or a list of objects in hand-written JSON. */
function mergeLocals(value: unknown): Record<string, unknown> {
  if (Array.isArray(value)) return Object.assign({}, ...value.map(asRecord));
  return asRecord(value);
}

/** The input variables (`var.<name>`) an unresolved value still refers to. */
export function variablesIn(value: Resolved | undefined): string[] {
  if (value === undefined || 'literal' in value) return [];
  return [...new Set([...value.symbol.matchAll(/(?<![\w.])var\.([A-Za-z_][A-Za-z0-9_-]*)/g)].map((m) => m[1]))].sort();
}

/** The literal of a resolved value, or undefined when it stayed symbolic. */
export function literalOf(value: Resolved | undefined): string | undefined {
  return value !== undefined && 'literal' in value ? value.literal : undefined;
}

/** The text of a resolved value: the literal, or the expression it stayed as. */
export function textOf(value: Resolved | undefined): string | undefined {
  if (value === undefined) return undefined;
  return 'literal' in value ? value.literal : value.symbol;
}

/**
 * Whether two resolved values are equal: `true` or `false` when both are literals, `true` when both are the same
 * unresolved expression (it evaluates to the same value twice), and `undefined` when it cannot be known.
 */
export function sameValue(a: Resolved, b: Resolved): boolean | undefined {
  if ('literal' in a && 'literal' in b) return a.literal === b.literal;
  if ('symbol' in a && 'symbol' in b && a.symbol === b.symbol) return true;
  return undefined;
}
