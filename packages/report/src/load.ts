/**
 * Reading hand-written Terraform the way Terraform reads it, as far as that is possible without a plan, into the
 * one flat JSON document the report judges:
 *
 * - Several directories or files given together form one configuration (the Vault half and the HCP Terraform half
 *   of a split setup join).
 * - Input variables take their values as Terraform assigns them, later sources winning: the `default`, then
 *   `terraform.tfvars`, `terraform.tfvars.json`, `*.auto.tfvars` and `*.auto.tfvars.json` in lexical order, then
 *   each `--var-file`, then each `--var`
 *   (https://developer.hashicorp.com/terraform/language/values/variables#variable-definition-precedence).
 *   Environment variables (`TF_VAR_name`) are not read: a report should not depend on the shell it runs in.
 * - `count` and `for_each` over values known without a plan make one block per instance, addressed `type.name[0]`
 *   or `type.name["key"]`, with `count.index`, `each.key` and `each.value` substituted
 *   (https://developer.hashicorp.com/terraform/language/meta-arguments/count,
 *   https://developer.hashicorp.com/terraform/language/meta-arguments/for_each).
 * - Local modules (`source = "./…"` or `"../…"`) are read with their inputs and outputs; their blocks get addresses
 *   `module.name.type.name` (https://developer.hashicorp.com/terraform/language/modules/sources#local-paths).
 *   Remote modules (registry, git, archives) are not fetched: each is listed as not read.
 *
 * Whatever cannot be evaluated is returned as a note naming what is missing, never dropped in silence.
 */
import { PROVIDER_DEFAULTS } from './catalogue';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultHclParser, HclParser, isTerraformFile, mergeModuleFiles, ModuleFile } from './hcl';
import {
  Deferred,
  evaluate,
  followLocal,
  forced,
  hclText,
  isKnown,
  Node,
  parseExpression,
  parseTemplate,
  Scope,
  settle,
  SyntaxProblem,
  Unknown,
  unknownIn,
  Value,
  variablesOf,
} from './hcl-expression';

/** How to read a configuration. */
export interface LoadOptions {
  /** `--var name=value`, in the order given (later wins). */
  readonly variables?: Readonly<Record<string, string>>;
  /** `--var-file` paths, in the order given. */
  readonly varFiles?: readonly string[];
  /**
   * Use variables' declared defaults.
   *
   * @default true
   */
  readonly useVariableDefaults?: boolean;
  /** The HCL parser (defaults to `@cdktf/hcl2json`). */
  readonly parseHcl?: HclParser;
}

/** A configuration read for the report. */
export interface LoadedConfiguration {
  /** One flat Terraform JSON document: every module instance's blocks at their full addresses. */
  readonly json: Record<string, unknown>;
  /** Root input variables with a string, number or bool value (tfvars, var files, `--var`), for the resolver. */
  readonly variables: Record<string, string>;
  /** Values taken as given while expanding (variable defaults `count`, `for_each` or module inputs needed). */
  readonly assumptions: string[];
  /** What could not be read, and why; each names the variables or sources that would resolve it. */
  readonly notes: string[];
  /** The variable definition files that were loaded, in the order applied. */
  readonly variableFiles: string[];
  /** The directories and files read as the root module, in the order given, as absolute paths. */
  readonly roots: string[];
  /** Where each block of {@link json} is declared, by its full address: for locations in code scanning. */
  readonly origins: ReadonlyMap<string, BlockOrigin>;
}

/** Where a block is declared: the module directory, and its address within that module (`type.name`, `data.type.name`). */
export interface BlockOrigin {
  /** The absolute path of the module directory (or of the directory a file given alone was read from). */
  readonly dir: string;
  /** The file, when a `.tf` file was given alone (the other files of its directory were not read). */
  readonly file?: string;
  readonly address: string;
}

/** Whether a path is something {@link readTerraformConfiguration} reads: a `.tf` file or a directory of `.tf`/`.tf.json` files. */
export function isTerraformSource(target: string): boolean {
  if (!fs.existsSync(target)) return false;
  if (fs.statSync(target).isDirectory()) return fs.readdirSync(target).some(isTerraformFile);
  // A lone .tf.json file stays a stack of its own (cdktf's output and its metadata); .tf files are HCL modules.
  return target.endsWith('.tf');
}

/** Variable definition files Terraform loads on its own from a root module directory, in the order it applies them. */
export function automaticVariableFiles(dir: string): string[] {
  const names = fs.readdirSync(dir);
  const auto = names.filter((n) => n.endsWith('.auto.tfvars') || n.endsWith('.auto.tfvars.json')).sort();
  return [...['terraform.tfvars', 'terraform.tfvars.json'].filter((n) => names.includes(n)), ...auto].map((n) => path.join(dir, n));
}

type Json = Record<string, unknown>;

interface ParsedModule {
  readonly dir: string;
  readonly json: Json;
  /** The file, when one file was read alone. */
  readonly file?: string;
}

/** Reads one module directory's (or one file's) configuration. */
async function parseModule(files: readonly string[], parser: () => HclParser): Promise<Json> {
  const parsed: ModuleFile[] = [];
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    if (file.endsWith('.json')) {
      try {
        parsed.push({ file, json: JSON.parse(text) });
      } catch (error) {
        throw new Error(`${file} is not valid JSON: ${(error as Error).message}`, { cause: error });
      }
    } else {
      try {
        parsed.push({ file, json: await parser()(path.basename(file), text) });
      } catch (error) {
        throw new Error(`${file} does not parse as HCL: ${(error as Error).message}`, { cause: error });
      }
    }
  }
  return mergeModuleFiles(parsed);
}

function terraformFilesOf(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter(isTerraformFile)
    .sort()
    .map((n) => path.join(dir, n));
}

function asRecord(value: unknown): Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
}

/** A JSON value of the configuration as an expression: strings are templates. */
function nodeOf(value: unknown): Node {
  if (typeof value === 'string') return value.includes('${') || value.includes('%{') ? parseTemplate(value) : { t: 'lit', v: value };
  if (Array.isArray(value)) return { t: 'tuple', items: value.map(nodeOf) };
  if (value !== null && typeof value === 'object')
    return {
      t: 'object',
      items: Object.entries(value).map(([k, v]) => [{ t: 'lit', v: k }, nodeOf(v)] as const),
    };
  return { t: 'lit', v: (value ?? null) as Value };
}

/** Evaluates a JSON value of the configuration; a template that does not parse is unknown, with the reason. */
function evaluateJson(value: unknown, scope: Scope): Value {
  try {
    return evaluate(nodeOf(value), scope);
  } catch (error) {
    if (error instanceof SyntaxProblem) return new Unknown(JSON.stringify(value), [`it does not parse: ${error.message}`]);
    throw error;
  }
}

function isPrimitive(value: Value): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** Escapes literal text so the resolver reads it back as the same text. */
function escapeText(text: string): string {
  return text.replace(/\$\{/g, '$${').replace(/%\{/g, '%%{');
}

/** Writes an evaluated value back as configuration JSON for the resolver. */
function written(value: Value): unknown {
  if (value instanceof Deferred) {
    if (value.keep) {
      const v = settle(value);
      // A root variable or local with a list or map value is written out; references stay references.
      if (value.inline && isKnown(v) && !isPrimitive(v) && v !== null) return written(v);
      return `\${${value.text}}`;
    }
    return written(value.force());
  }
  if (value instanceof Unknown) return value.template ?? `\${${value.text}}`;
  if (typeof value === 'string') return escapeText(value);
  if (Array.isArray(value)) return value.map(written);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, written(v)]));
  return value;
}

/** Rewrites one attribute of a block body in a scope: templates keep their known parts as text. */
function rewrite(value: unknown, scope: Scope): unknown {
  if (typeof value === 'string') {
    if (!value.includes('${') && !value.includes('%{')) return value;
    let node: Node;
    try {
      node = parseTemplate(value);
    } catch {
      return value;
    }
    if (node.t !== 'tpl') return written(evaluate(node, scope));
    if (node.parts.length === 1 && typeof node.parts[0] !== 'string') return written(evaluate(node.parts[0], scope));
    return node.parts
      .map((part) => {
        if (typeof part === 'string') return escapeText(part);
        const v = evaluate(part, scope);
        const f = followLocal(v);
        if (isPrimitive(f)) return escapeText(String(f));
        if (f instanceof Unknown && f.template !== undefined) return f.template;
        const w = written(f);
        return typeof w === 'string' && w.startsWith('${') ? w : `\${${hclText(f)}}`;
      })
      .join('');
  }
  if (Array.isArray(value)) return value.map((v) => rewrite(v, scope));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewrite(v, scope)]));
  return value;
}

/** Whether an evaluated value holds a part the resolver could not read either (references are fine). */
function holdsUnknown(value: Value): boolean {
  if (value instanceof Unknown) return true;
  if (value instanceof Deferred) return value.keep ? false : holdsUnknown(value.force());
  if (Array.isArray(value)) return value.some(holdsUnknown);
  if (value !== null && typeof value === 'object') return Object.values(value).some(holdsUnknown);
  return false;
}

/**
 * A root block's body as the resolver should see it: each string with interpolations is evaluated, and replaced
 * only when that gives something fully readable (module outputs, functions, `for` expressions); otherwise it stays
 * as written, so the resolver (and the patterns it knows) see the original text.
 */
function improved(value: unknown, scope: Scope): unknown {
  if (typeof value === 'string') {
    if (!value.includes('${')) return value;
    let node: Node;
    try {
      node = parseTemplate(value);
    } catch {
      return value;
    }
    const parts = node.t === 'tpl' ? node.parts : [node];
    if (parts.some((p) => typeof p !== 'string' && holdsUnknown(evaluate(p, scope)))) return value;
    return rewrite(value, scope);
  }
  if (Array.isArray(value)) return value.map((v) => improved(v, scope));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, improved(v, scope)]));
  return value;
}

/** Instance keys of a block: `[undefined]` without `count`/`for_each`; the note says why when they are unknown. */
type Instances =
  | {
      readonly keys: Array<{
        key?: string | number;
        each?: { key: Value; value: Value };
      }>;
    }
  | { readonly unknown: string };

function instancesOf(body: Json, scope: Scope, what: string): Instances {
  if (body.count !== undefined) {
    const count = forced(evaluateJson(body.count, scope));
    const n = typeof count === 'number' ? count : typeof count === 'string' && /^\d+$/.test(count) ? Number(count) : undefined;
    if (n === undefined)
      return {
        unknown: `${what}: count = ${hclText(count)} is not known without a plan${why(count)}`,
      };
    return { keys: Array.from({ length: n }, (_, i) => ({ key: i })) };
  }
  if (body.for_each !== undefined) {
    const raw = evaluateJson(body.for_each, scope);
    const each = forced(raw);
    if (Array.isArray(each) && isKnown(each)) {
      // A literal list: Terraform accepts only a set (toset([...])) or a map, and fails the plan.
      if (!(typeof body.for_each === 'string' && /^\$\{\s*toset\(/.test(body.for_each))) {
        if (Array.isArray(body.for_each))
          return {
            unknown: `${what}: for_each is a list; Terraform accepts only a map or a set (toset([...])), so it fails`,
          };
      }
      const keys = each.map((e) => (isPrimitive(e) ? String(e) : undefined));
      if (keys.some((k) => k === undefined))
        return {
          unknown: `${what}: for_each holds elements that are not strings`,
        };
      return {
        keys: [...new Set(keys as string[])].map((k) => ({
          key: k,
          each: { key: k, value: k },
        })),
      };
    }
    if (each !== null && typeof each === 'object' && !Array.isArray(each) && !(each instanceof Unknown)) {
      // Map keys are known even when values are not: the values stay symbolic.
      return {
        keys: Object.keys(each).map((k) => ({
          key: k,
          each: {
            key: k,
            value: ((raw instanceof Deferred ? each : raw) as Record<string, Value>)[k],
          },
        })),
      };
    }
    return {
      unknown: `${what}: for_each = ${hclText(raw instanceof Deferred ? raw : each)} is not known without a plan${why(each)}`,
    };
  }
  return { keys: [{}] };
}

/** ` (needs var.a, var.b)` or ` (reason)` for an unknown value. */
function why(value: Value): string {
  const vars = variablesOf(value);
  if (vars.length > 0) return `; it needs ${vars.map((v) => `var.${v}`).join(', ')} (set ${vars.map((v) => `--var ${v}=…`).join(' ')})`;
  const unknown = unknownIn(value);
  return unknown && unknown.reasons.length > 0 ? `: ${unknown.reasons[0]}` : '';
}

function indexText(key: string | number | undefined): string {
  if (key === undefined) return '';
  return typeof key === 'number' ? `[${key}]` : `[${JSON.stringify(key)}]`;
}

/** Which provider configuration (root terms) each provider name a module uses stands for. */
type ProviderMap = ReadonlyMap<string, string>;

/** Builds the flat configuration. */
class Flattener {
  public readonly out: Json = {};
  public readonly notes: string[] = [];
  public readonly assumptions = new Set<string>();
  private readonly origins = new Map<string, string>();
  /** Where each emitted block is declared. */
  public readonly declared = new Map<string, BlockOrigin>();
  /** Bodies to write once every module has been read. */
  public readonly pending: Array<() => void> = [];
  private readonly parsedModules = new Map<string, Promise<Json>>();
  private parser?: HclParser;

  constructor(private readonly rootValues: ReadonlyMap<string, Value>, private readonly options: LoadOptions) {}

  public hcl(): HclParser {
    this.parser ??= this.options.parseHcl ?? defaultHclParser();
    return this.parser;
  }

  public moduleAt(dir: string): Promise<Json> {
    let found = this.parsedModules.get(dir);
    if (!found) {
      found = parseModule(terraformFilesOf(dir), () => this.hcl());
      this.parsedModules.set(dir, found);
    }
    return found;
  }

  /** The value of a root variable (assumptions recorded when a default is forced). */
  private rootVariable(declarations: Json, name: string): Deferred {
    return new Deferred(
      `var.${name}`,
      () => {
        if (this.rootValues.has(name)) return this.rootValues.get(name)!;
        const declared = asRecord(declarations[name]);
        if (this.options.useVariableDefaults !== false && declared.default !== undefined) {
          const value = evaluateJson(declared.default, EMPTY_SCOPE);
          this.assumptions.add(`var.${name} = ${isPrimitive(value) ? JSON.stringify(String(value)) : hclText(value)} (its default; pass a value to override)`);
          return value;
        }
        return new Unknown(`var.${name}`, [`var.${name} has no value`], [name]);
      },
      { keep: true, inline: true }
    );
  }

  /** Reads one module instance (the root is prefix ""). */
  public async instance(
    dir: string,
    json: Json,
    prefix: string,
    inputs: ((name: string) => Value | undefined) | undefined,
    providers: ProviderMap,
    file?: string
  ): Promise<Record<string, Value>> {
    const declarations = asRecord(json.variable);
    const isRoot = inputs === undefined;
    const vars: Record<string, Value> = {};
    for (const name of Object.keys(declarations)) {
      if (isRoot) vars[name] = this.rootVariable(declarations, name);
      else {
        vars[name] = new Deferred(
          `${prefix}var.${name}`,
          () => {
            const given = inputs(name);
            if (given !== undefined) return given;
            const declared = asRecord(declarations[name]);
            if (declared.default !== undefined) return evaluateJson(declared.default, EMPTY_SCOPE);
            return new Unknown(`${prefix}var.${name}`, [`${prefix.slice(0, -1)}: input ${name} is not set and has no default`]);
          },
          { keep: false }
        );
      }
    }
    const localsJson = asRecord(Array.isArray(json.locals) ? Object.assign({}, ...json.locals.map(asRecord)) : json.locals);
    const locals: Record<string, Value> = {};
    const moduleValues: Record<string, Value> = {};
    const blocks: Record<string, Record<string, Value>> = {};
    const data: Record<string, Record<string, Value>> = {};
    const scope: Scope = {
      lookup: (name) => {
        switch (name) {
          case 'var':
            return vars;
          case 'local':
            return locals;
          case 'module':
            return moduleValues;
          case 'data':
            return data;
          case 'path':
            return {
              module: path.relative(process.cwd(), dir) || '.',
              root: '.',
              cwd: '.',
            };
          case 'terraform':
            return { workspace: 'default' };
          default:
            return blocks[name];
        }
      },
    };
    for (const [name, expression] of Object.entries(localsJson)) {
      locals[name] = new Deferred(`${prefix}local.${name}`, () => evaluateJson(expression, scope), { keep: isRoot, inline: true });
    }

    // A provider configured inside a module (legacy): hoisted to the root under an alias of its own, and used by
    // the module's blocks (https://developer.hashicorp.com/terraform/language/modules/develop/providers).
    const effectiveProviders = new Map(providers);
    if (!isRoot) {
      for (const [type, configs] of Object.entries(asRecord(json.provider))) {
        for (const config of Array.isArray(configs) ? configs : [configs]) {
          const body = rewrite(asRecord(config), scope) as Json;
          const local = typeof body.alias === 'string' ? `${type}.${body.alias}` : type;
          const alias = `${prefix.replace(/[^A-Za-z0-9_]+/g, '_')}${typeof body.alias === 'string' ? body.alias : 'default'}`;
          const providersOut = asRecord((this.out.provider ??= {}));
          providersOut[type] = [...((providersOut[type] as unknown[]) ?? []), { ...body, alias }];
          effectiveProviders.set(local, `${type}.${alias}`);
        }
      }
    }

    // Blocks: registered first, lazily, so references between blocks (and from modules) work in any order; their
    // instances are computed on first use, and bodies are written after every module has been read.
    for (const [section, table, addressPrefix] of [
      ['resource', blocks, ''],
      ['data', data, 'data.'],
    ] as const) {
      for (const [type, byName] of Object.entries(asRecord(json[section]))) {
        for (const [name, rawBody] of Object.entries(asRecord(byName))) {
          const body = asRecord(rawBody);
          const base = `${prefix}${addressPrefix}${type}.${name}`;
          const origin: BlockOrigin = { dir, address: `${addressPrefix}${type}.${name}`, ...(file === undefined ? {} : { file }) };
          const typeTable = (table[type] ??= {}) as Record<string, Value>;
          if (isRoot && body.count === undefined && body.for_each === undefined) {
            typeTable[name] = this.blockValue(base, body, scope);
            // Root blocks are kept as written where the resolver reads them itself (variables, references).
            this.pending.push(() => this.emit(section, type, name, improved(body, scope) as Json, base, origin));
            continue;
          }
          let memo:
            | Array<{
                address: string;
                key?: string | number;
                scope: Scope;
                value: Value;
              }>
            | string
            | undefined;
          const expand = (): typeof memo => {
            if (memo !== undefined) return memo;
            const instances = instancesOf(body, scope, base);
            if ('unknown' in instances) return (memo = instances.unknown);
            memo = instances.keys.map((instance) => {
              const address = `${base}${indexText(instance.key)}`;
              const inner: Scope = {
                lookup: (n) =>
                  n === 'each' && instance.each
                    ? instance.each
                    : n === 'count' && body.count !== undefined
                    ? { index: instance.key as number }
                    : scope.lookup(n),
              };
              return {
                address,
                key: instance.key,
                scope: inner,
                value: this.blockValue(address, body, inner),
              };
            });
            return memo;
          };
          typeTable[name] = new Deferred(
            base,
            () => {
              const instances = expand()!;
              if (typeof instances === 'string') return new Unknown(base, [`the instances of ${base} are not known`]);
              if (body.count !== undefined) return instances.map((i) => i.value);
              if (body.for_each !== undefined) return Object.fromEntries(instances.map((i) => [String(i.key), i.value]));
              return instances[0].value;
            },
            { keep: true }
          );
          this.pending.push(() => {
            const instances = expand()!;
            if (typeof instances === 'string') {
              if (readsType(type, section)) this.notes.push(`${instances}; its instances were not read`);
              // Kept once, unexpanded, so what the report reads of it stays visible (and patterns it knows still match).
              const kept = isRoot ? body : this.mapProvider(rewrite(body, scope) as Json, type, effectiveProviders);
              this.emit(section, type, `${prefix}${name}`, kept, base, origin);
              return;
            }
            const { count: _c, for_each: _f, ...rest } = body;
            void _c;
            void _f;
            for (const instance of instances) {
              this.emit(
                section,
                type,
                `${prefix}${name}${indexText(instance.key)}`,
                this.mapProvider(rewrite(rest, instance.scope) as Json, type, effectiveProviders),
                instance.address,
                origin
              );
            }
          });
        }
      }
    }

    // Modules.
    for (const [name, rawCall] of Object.entries(asRecord(json.module))) {
      const callBody = asRecord(rawCall);
      const source = typeof callBody.source === 'string' ? callBody.source : undefined;
      const base = `${prefix}module.${name}`;
      if (source === undefined || !(source.startsWith('./') || source.startsWith('../'))) {
        this.notes.push(
          `${base}: source ${JSON.stringify(
            source ?? '(none)'
          )} is a remote module (registry, git or archive); the report does not fetch it, so whatever it creates was not read`
        );
        moduleValues[name] = new Unknown(base, [`${base} is a remote module`]);
        continue;
      }
      const childDir = path.resolve(dir, source);
      let childJson: Json;
      try {
        if (!fs.existsSync(childDir) || !fs.statSync(childDir).isDirectory()) throw new Error(`${childDir} is not a directory`);
        childJson = await this.moduleAt(childDir);
      } catch (error) {
        this.notes.push(`${base}: the local module ${source} could not be read (${(error as Error).message}); whatever it creates was not read`);
        moduleValues[name] = new Unknown(base, [`${base} could not be read`]);
        continue;
      }
      const instances = instancesOf(callBody, scope, base);
      if ('unknown' in instances) {
        this.notes.push(`${instances.unknown}; the module's blocks were not read`);
        moduleValues[name] = new Unknown(base, [`the instances of ${base} are not known`]);
        continue;
      }
      const childProviders = this.childProviders(callBody, effectiveProviders);
      const outputs: Record<string, Value> = {};
      const list: Value[] = [];
      for (const instance of instances.keys) {
        const childPrefix = `${base}${indexText(instance.key)}.`;
        const inner: Scope = {
          lookup: (n) =>
            n === 'each' && instance.each ? instance.each : n === 'count' && callBody.count !== undefined ? { index: instance.key as number } : scope.lookup(n),
        };
        const inputs = (input: string): Value | undefined =>
          input in callBody && !META_ARGUMENTS.has(input) ? evaluateJson(callBody[input], inner) : undefined;
        const childOutputs = await this.instance(childDir, childJson, childPrefix, inputs, childProviders);
        if (instance.key === undefined) Object.assign(outputs, childOutputs);
        else if (callBody.count !== undefined) list.push(childOutputs);
        else outputs[String(instance.key)] = childOutputs;
      }
      moduleValues[name] = callBody.count !== undefined ? list : outputs;
    }

    if (isRoot) {
      // The root module's own declarations stay for the resolver: variables, locals, providers, the rest as read.
      for (const section of Object.keys(json)) {
        if (section === 'resource' || section === 'data' || section === 'module') continue;
        if (section === 'locals') this.out.locals = [...(Array.isArray(this.out.locals) ? this.out.locals : []), localsJson];
        else if (section === 'provider') {
          const providersOut = asRecord((this.out.provider ??= {}));
          for (const [type, configs] of Object.entries(asRecord(json.provider)))
            providersOut[type] = [...((providersOut[type] as unknown[]) ?? []), ...(Array.isArray(configs) ? configs : [configs])];
        } else if (section === '//') {
          // The comment property: acknowledgements an ejected stack carries (see mergeModuleFiles) are kept.
          const acknowledgements = asRecord(json['//']).acknowledgements;
          if (Array.isArray(acknowledgements)) {
            const comment = asRecord((this.out['//'] ??= {}));
            comment.acknowledgements = [...(Array.isArray(comment.acknowledgements) ? comment.acknowledgements : []), ...acknowledgements];
          }
        } else if (section === 'variable' || section === 'output') {
          const target = asRecord((this.out[section] ??= {}));
          for (const [k, v] of Object.entries(asRecord(json[section]))) if (!(k in target)) target[k] = v;
        } else {
          // terraform, moved, import, check ...: kept as mergeModuleFiles keeps them.
          this.out[section] = [...(Array.isArray(this.out[section]) ? (this.out[section] as unknown[]) : []), ...(json[section] as unknown[])];
        }
      }
    }
    const outputs: Record<string, Value> = {};
    for (const [name, body] of Object.entries(asRecord(json.output))) {
      outputs[name] = new Deferred(`${prefix}output.${name}`, () => evaluateJson(asRecord(body).value, scope), { keep: false });
    }
    return outputs;
  }

  /** The provider configurations a child module instance uses: `providers = { vault = vault.x }`, else inherited. */
  private childProviders(callBody: Json, parent: ProviderMap): ProviderMap {
    const map = new Map(parent);
    for (const [local, ref] of Object.entries(asRecord(callBody.providers))) {
      const text = typeof ref === 'string' ? ref.replace(/^\$\{\s*(.*?)\s*\}$/, '$1') : '';
      map.set(local, parent.get(text) ?? text);
    }
    return map;
  }

  private mapProvider(body: Json, type: string, providers: ProviderMap): Json {
    const local = typeof body.provider === 'string' ? body.provider.replace(/^\$\{\s*(.*?)\s*\}$/, '$1') : type.split('_')[0];
    const mapped = providers.get(local) ?? local;
    if (mapped.includes('.')) return { ...body, provider: mapped };
    const { provider: _p, ...rest } = body;
    void _p;
    return rest;
  }

  /** A block instance as a value: its attributes are references the resolver follows (`address.attribute`). */
  private blockValue(address: string, body: Json, scope: Scope): Value {
    const attributes = (name: string): Value =>
      new Deferred(
        `${address}.${name}`,
        () => {
          if (body[name] !== undefined) return evaluateJson(body[name], scope);
          const fallback = PROVIDER_DEFAULTS[address.replace(/^(module\.[^.]+(\[[^\]]*\])?\.)*(data\.)?/, '').split('.')[0]]?.[name];
          if (fallback !== undefined) return fallback;
          const when = /(^|\.)data\./.test(address) ? 'is read from the provider during a plan' : 'is known only after apply';
          return new Unknown(`${address}.${name}`, [`${address}.${name} ${when}`]);
        },
        { keep: true }
      );
    return new Deferred(address, () => new Unknown(address, [`${address} is a whole block`]), { keep: true, attribute: attributes });
  }

  private emit(section: 'resource' | 'data', type: string, key: string, body: Json, address: string, origin: BlockOrigin): void {
    if (this.origins.has(address)) {
      this.notes.push(`${address} is declared in more than one of the configurations read together; only the first was read`);
      return;
    }
    this.origins.set(address, key);
    this.declared.set(address, { ...origin, dir: path.resolve(origin.dir) });
    const table = asRecord((this.out[section] ??= {}));
    const byType = asRecord((table[type] ??= {}));
    byType[key] = body;
  }
}

const EMPTY_SCOPE: Scope = { lookup: () => undefined };
const META_ARGUMENTS = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);

/** Whether the report reads blocks of a type (so an unread instance matters). */
function readsType(type: string, section: 'resource' | 'data'): boolean {
  if (section === 'data') return type === 'vault_policy_document';
  return type.startsWith('vault_') || (type.startsWith('tfe_') && type !== 'tfe_workspace_variable_set');
}

/** Parses a variable definitions file (`.tfvars` is HCL, `.tfvars.json` JSON) into raw values. */
async function readVariableFile(file: string, parser: () => HclParser): Promise<Json> {
  const text = fs.readFileSync(file, 'utf8');
  if (file.endsWith('.json')) {
    try {
      return asRecord(JSON.parse(text));
    } catch (error) {
      throw new Error(`${file} is not valid JSON: ${(error as Error).message}`, { cause: error });
    }
  }
  try {
    return await parser()(path.basename(file).replace(/\.tfvars$/, '.tf'), text);
  } catch (error) {
    throw new Error(`${file} does not parse as HCL: ${(error as Error).message}`, { cause: error });
  }
}

/** A `--var` value: Terraform reads it as an HCL expression when the variable's type is not a string. */
function commandLineValue(text: string, declaration: Json | undefined): Value {
  const type = typeof declaration?.type === 'string' ? declaration.type.replace(/^\$\{(.*)\}$/, '$1').trim() : undefined;
  if (type === undefined || type === 'string') {
    if (!/^\s*[[{]/.test(text)) return text;
  }
  try {
    return forced(evaluate(parseExpression(text), EMPTY_SCOPE));
  } catch {
    return text;
  }
}

/**
 * Reads directories and `.tf` / `.tf.json` files as one configuration. Throws for unreadable input (a file that
 * does not parse); everything merely unknown comes back in {@link LoadedConfiguration.notes}.
 */
export async function readTerraformConfiguration(targets: readonly string[], options: LoadOptions = {}): Promise<LoadedConfiguration> {
  const parserBox: { parser?: HclParser } = {};
  const parser = (): HclParser => (parserBox.parser ??= options.parseHcl ?? defaultHclParser());
  const roots: ParsedModule[] = [];
  const variableFiles: string[] = [];
  for (const target of targets) {
    if (!fs.existsSync(target)) throw new Error(`${target} does not exist`);
    if (fs.statSync(target).isDirectory()) {
      const files = terraformFilesOf(target);
      if (files.length === 0) throw new Error(`${target} has no .tf or .tf.json files`);
      roots.push({ dir: target, json: await parseModule(files, parser) });
      variableFiles.push(...automaticVariableFiles(target));
    } else {
      roots.push({
        dir: path.dirname(target),
        file: path.resolve(target),
        json: await parseModule([target], parser),
      });
    }
  }
  variableFiles.push(...(options.varFiles ?? []));
  const declarations: Json = {};
  for (const root of roots) for (const [k, v] of Object.entries(asRecord(root.json.variable))) if (!(k in declarations)) declarations[k] = v;

  const values = new Map<string, Value>();
  const notes: string[] = [];
  for (const file of variableFiles) {
    for (const [name, raw] of Object.entries(await readVariableFile(file, parser))) {
      values.set(name, forced(evaluateJson(raw, EMPTY_SCOPE)));
      if (!(name in declarations)) notes.push(`${path.basename(file)} sets ${name}, which no variable block declares; Terraform warns and ignores it`);
    }
  }
  for (const [name, text] of Object.entries(options.variables ?? {})) values.set(name, commandLineValue(text, asRecord(declarations[name])));

  const flattener = new Flattener(values, {
    ...options,
    parseHcl: (file, text) => parser()(file, text),
  });
  for (const root of roots) await flattener.instance(root.dir, root.json, '', undefined, new Map(), root.file);
  for (const emit of flattener.pending) emit();
  const variables: Record<string, string> = {};
  for (const [name, value] of values) if (isPrimitive(value)) variables[name] = String(value);
  return {
    json: flattener.out,
    variables,
    assumptions: [...flattener.assumptions],
    notes: [...notes, ...flattener.notes],
    variableFiles,
    roots: roots.map((r) => r.file ?? path.resolve(r.dir)),
    origins: flattener.declared,
  };
}
