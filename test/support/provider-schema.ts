/**
 * Offline provider-schema check for synthesized CDKTF stacks (`cdk.tf.json`).
 *
 * Terraform is not available in tests, so the schema comes from the jsii
 * assemblies (`.jsii`) that ship with each installed `@cdktf/provider-*`
 * package:
 *
 * - A resource, data-source or provider class has a `docs.summary` of the form
 *   `Represents a {@link https://registry.terraform.io/providers/<ns>/<name>/<ver>/docs/resources/<x> <tf_type>}`
 *   (`/docs/data-sources/<x>` for data sources, plain `/docs` for the provider).
 *   The link text is the Terraform type name.
 * - Its initializer's third parameter is the config struct. That is usually
 *   `<Class>Config`, but not always (aws `Wafv2WebAclAssociationConfigA`), so
 *   the parameter's type is used instead of the name.
 * - Each struct property's docs contain a link ending in `#<terraform_name>`.
 *   That anchor is used, not camelCase → snake_case, which is wrong for
 *   renamed properties (`krb5ConfPath` → `krb5conf_path`, `equalTo` → `equals`,
 *   `selfAttribute` → `self`, `fetchUserData` → `get_user_data`, ...). The
 *   conversion is only a fallback for a property with no link.
 * - A property whose type is (a list of, or a union with) another struct is a
 *   nested block, and its keys are checked against that struct. A property of
 *   collection kind `map` is a map argument, and its keys are not checked.
 *
 * An assembly is loaded only when the checked stack uses that provider, and is
 * turned into a compact schema that is cached for the rest of the process (the
 * raw assembly is then released).
 *
 * What this cannot see: provider-side validation (ConflictsWith, ExactlyOneOf,
 * enum values, value formats) and attribute value types beyond "block vs
 * scalar".
 */
import * as fs from 'fs';
import * as path from 'path';

/** One schema violation in a synthesized stack. */
export interface SchemaProblem {
  /**
   * Terraform address of the offending block: `resource.<type>.<name>`,
   * `data.<type>.<name>`, `provider.<name>` (`provider.<name>.<alias>` for an
   * aliased provider), or a top-level key.
   */
  readonly address: string;
  /** What is wrong. Nested paths are written `block[0].argument`. */
  readonly problem: string;
}

// ---------------------------------------------------------------------------
// Compact schema model
// ---------------------------------------------------------------------------

interface BlockSchema {
  /** jsii fqn of the struct the block was built from. */
  readonly fqn: string;
  /** Arguments and nested blocks by Terraform name. */
  readonly args: Map<string, ArgSchema>;
}

type ArgSchema =
  | { readonly kind: 'attribute'; readonly required: boolean; readonly scalar: boolean }
  | { readonly kind: 'map'; readonly required: boolean }
  | { readonly kind: 'block'; readonly required: boolean; readonly block: BlockSchema };

interface ProviderSchema {
  /** Package name, e.g. `@cdktf/provider-vault`. */
  readonly packageName: string;
  readonly packageVersion: string;
  /** Provider type name, e.g. `vault`. */
  readonly providerName: string;
  readonly provider: BlockSchema | undefined;
  readonly resources: Map<string, BlockSchema>;
  readonly dataSources: Map<string, BlockSchema>;
}

interface ProviderPackage {
  readonly packageName: string;
  readonly packageVersion: string;
  readonly dir: string;
  /** Provider type name (last segment of the registry source), e.g. `vault`. */
  readonly providerName: string;
  /** Normalized registry source, e.g. `registry.terraform.io/hashicorp/vault`. */
  readonly source: string | undefined;
}

// ---------------------------------------------------------------------------
// jsii assembly reading
// ---------------------------------------------------------------------------

interface JsiiTypeRef {
  readonly primitive?: string;
  readonly fqn?: string;
  readonly collection?: { readonly kind: 'array' | 'map'; readonly elementtype: JsiiTypeRef };
  readonly union?: { readonly types: readonly JsiiTypeRef[] };
}

interface JsiiDocs {
  readonly summary?: string;
  readonly remarks?: string;
}

interface JsiiProperty {
  readonly name: string;
  readonly optional?: boolean;
  readonly static?: boolean;
  readonly docs?: JsiiDocs;
  readonly type: JsiiTypeRef;
}

interface JsiiType {
  readonly kind: 'class' | 'interface' | 'enum';
  readonly fqn: string;
  readonly datatype?: boolean;
  readonly base?: string;
  readonly interfaces?: readonly string[];
  readonly docs?: JsiiDocs;
  readonly properties?: readonly JsiiProperty[];
  readonly initializer?: { readonly parameters?: readonly { readonly name: string; readonly type: JsiiTypeRef }[] };
}

const CLASS_LINK = /\{@link\s+(\S+)\s+([^}\s]+)\s*\}/;
const PROP_LINK = /\{@link\s+\S+#([A-Za-z0-9_-]+)[\s}]/;
const DOCS_PATH = /\/docs(?:\/(resources|data-sources)\/([A-Za-z0-9_-]+))?\/?$/;
const TF_NAME = /^[a-z0-9][a-z0-9_-]*$/;

function camelToSnake(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

function terraformNameOf(prop: JsiiProperty): string {
  const text = `${prop.docs?.summary ?? ''} ${prop.docs?.remarks ?? ''}`;
  const m = PROP_LINK.exec(text);
  return m ? m[1] : camelToSnake(prop.name);
}

class AssemblyReader {
  private readonly blocks = new Map<string, BlockSchema>();

  constructor(private readonly types: Readonly<Record<string, JsiiType>>) {}

  /** The compact schema of a struct, with nested structs built recursively (memoized by fqn). */
  block(fqn: string): BlockSchema {
    const cached = this.blocks.get(fqn);
    if (cached) return cached;
    const block: BlockSchema = { fqn, args: new Map() };
    // Registered before recursing, so a self-referencing struct cannot loop.
    this.blocks.set(fqn, block);
    for (const prop of this.structProperties(fqn, new Set())) {
      if (prop.static) continue;
      block.args.set(terraformNameOf(prop), this.arg(prop.type, !prop.optional));
    }
    return block;
  }

  /** Own properties plus those inherited from structs in this assembly (cdktf meta-arguments are handled separately). */
  private structProperties(fqn: string, seen: Set<string>): JsiiProperty[] {
    const type = this.types[fqn];
    if (!type || seen.has(fqn)) return [];
    seen.add(fqn);
    const props = [...(type.properties ?? [])];
    for (const parent of type.interfaces ?? []) props.push(...this.structProperties(parent, seen));
    return props;
  }

  private isStruct(fqn: string | undefined): fqn is string {
    return fqn !== undefined && this.types[fqn]?.datatype === true;
  }

  private arg(ref: JsiiTypeRef, required: boolean): ArgSchema {
    const struct = this.structIn(ref);
    if (struct) return { kind: 'block', required, block: this.block(struct) };
    if (this.isMap(ref)) return { kind: 'map', required };
    return { kind: 'attribute', required, scalar: this.isScalar(ref) };
  }

  /** The struct fqn a type reference carries as a block: `S`, `S[]`, `IResolvable | S[]`. */
  private structIn(ref: JsiiTypeRef): string | undefined {
    if (this.isStruct(ref.fqn)) return ref.fqn;
    if (ref.collection?.kind === 'array') return this.structIn(ref.collection.elementtype);
    for (const member of ref.union?.types ?? []) {
      const found = this.structIn(member);
      if (found) return found;
    }
    return undefined;
  }

  private isMap(ref: JsiiTypeRef): boolean {
    if (ref.collection?.kind === 'map') return true;
    return (ref.union?.types ?? []).some((member) => this.isMap(member));
  }

  /** True for string/number/boolean (optionally `| IResolvable`): a JSON object or array is then wrong. */
  private isScalar(ref: JsiiTypeRef): boolean {
    if (ref.primitive) return ['string', 'number', 'boolean', 'date'].includes(ref.primitive);
    if (ref.union) {
      const members = ref.union.types.filter((member) => member.fqn !== 'cdktf.IResolvable');
      return members.length > 0 && members.every((member) => this.isScalar(member));
    }
    return false;
  }
}

function buildSchema(pkg: ProviderPackage): ProviderSchema {
  const assemblyPath = path.join(pkg.dir, '.jsii');
  const assembly = JSON.parse(fs.readFileSync(assemblyPath, 'utf8')) as { types?: Record<string, JsiiType> };
  const types = assembly.types ?? {};
  const reader = new AssemblyReader(types);
  const resources = new Map<string, BlockSchema>();
  const dataSources = new Map<string, BlockSchema>();
  let provider: BlockSchema | undefined;

  for (const type of Object.values(types)) {
    if (type.kind !== 'class') continue;
    const link = CLASS_LINK.exec(type.docs?.summary ?? '');
    if (!link) continue;
    const docsPath = DOCS_PATH.exec(link[1]);
    if (!docsPath) continue;
    const config = (type.initializer?.parameters ?? []).find((p) => p.name === 'config')?.type.fqn;
    if (!config || !types[config]?.datatype) continue;

    const [, section, slug] = docsPath;
    if (!section) {
      if (type.base === 'cdktf.TerraformProvider' || provider === undefined) provider = reader.block(config);
      continue;
    }
    // The link text is the full type name; fall back to `<provider>_<slug>` if it is not one.
    const tfType = TF_NAME.test(link[2]) ? link[2] : `${pkg.providerName}_${slug}`;
    (section === 'resources' ? resources : dataSources).set(tfType, reader.block(config));
  }

  return {
    packageName: pkg.packageName,
    packageVersion: pkg.packageVersion,
    providerName: pkg.providerName,
    provider,
    resources,
    dataSources,
  };
}

// ---------------------------------------------------------------------------
// Provider package discovery and caching
// ---------------------------------------------------------------------------

function normalizeSource(source: string): string {
  const parts = source.trim().toLowerCase().split('/');
  if (parts.length === 1) return `registry.terraform.io/hashicorp/${parts[0]}`;
  if (parts.length === 2) return `registry.terraform.io/${parts[0]}/${parts[1]}`;
  return parts.join('/');
}

let packagesCache: ProviderPackage[] | undefined;

/** Every `@cdktf/provider-*` package in the node_modules directories above this file (nearest first wins). */
function providerPackages(): ProviderPackage[] {
  if (packagesCache) return packagesCache;
  const found = new Map<string, ProviderPackage>();
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const scope = path.join(dir, 'node_modules', '@cdktf');
    let entries: string[];
    try {
      entries = fs.readdirSync(scope);
    } catch {
      entries = [];
    }
    for (const entry of entries) {
      if (!entry.startsWith('provider-') || found.has(entry)) continue;
      const pkgDir = path.join(scope, entry);
      let manifest: { name?: string; version?: string; cdktf?: { provider?: { name?: string } } };
      try {
        manifest = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
      } catch {
        continue;
      }
      if (!fs.existsSync(path.join(pkgDir, '.jsii'))) continue; // e.g. provider-generator, provider-schema
      const registryName = manifest.cdktf?.provider?.name;
      found.set(entry, {
        packageName: manifest.name ?? `@cdktf/${entry}`,
        packageVersion: manifest.version ?? 'unknown',
        dir: pkgDir,
        providerName: registryName ? registryName.split('/').pop()!.toLowerCase() : entry.slice('provider-'.length),
        source: registryName ? normalizeSource(registryName) : undefined,
      });
    }
    if (path.dirname(dir) === dir) break;
  }
  packagesCache = [...found.values()];
  return packagesCache;
}

const schemaCache = new Map<string, ProviderSchema>();

function schemaFor(pkg: ProviderPackage): ProviderSchema {
  let schema = schemaCache.get(pkg.dir);
  if (!schema) {
    schema = readStoredSchema(pkg) ?? storeSchema(pkg, buildSchema(pkg));
    schemaCache.set(pkg.dir, schema);
  }
  return schema;
}

// ---------------------------------------------------------------------------
// Schemas stored between processes
// ---------------------------------------------------------------------------
//
// The assemblies of the big providers are 88 to 131 MB of JSON; each jest test file is its own module registry, so
// reading them per file cost a few seconds of CPU each. The compact schema (a few MB) is written once to
// node_modules/.cache/provider-schemas, named by package, version and the assembly's size and modification time, and
// read from there by every later process. A changed or reinstalled package gets a new name, so a stored schema is
// never stale; a file that cannot be read is rebuilt from the assembly.

/** A block as stored: arguments by Terraform name, nested blocks by fqn. */
interface StoredBlock {
  readonly [name: string]: { readonly kind: ArgSchema['kind']; readonly required: boolean; readonly scalar?: boolean; readonly block?: string };
}

interface StoredSchema {
  readonly blocks: Readonly<Record<string, StoredBlock>>;
  readonly provider?: string;
  readonly resources: Readonly<Record<string, string>>;
  readonly dataSources: Readonly<Record<string, string>>;
}

const STORE_DIR = path.resolve(__dirname, '..', '..', 'node_modules', '.cache', 'provider-schemas');

function storedSchemaFile(pkg: ProviderPackage): string {
  const assembly = fs.statSync(path.join(pkg.dir, '.jsii'));
  const name = `${pkg.packageName.replace(/[@/]/g, '_')}@${pkg.packageVersion}-${assembly.size}-${Math.trunc(assembly.mtimeMs)}.json`;
  return path.join(STORE_DIR, name);
}

function readStoredSchema(pkg: ProviderPackage): ProviderSchema | undefined {
  let stored: StoredSchema;
  try {
    stored = JSON.parse(fs.readFileSync(storedSchemaFile(pkg), 'utf8')) as StoredSchema;
  } catch {
    return undefined;
  }
  const blocks = new Map<string, BlockSchema>(Object.keys(stored.blocks).map((fqn) => [fqn, { fqn, args: new Map() }]));
  const blockOf = (fqn: string): BlockSchema => {
    const block = blocks.get(fqn);
    if (!block) throw new Error(`stored provider schema of ${pkg.packageName} names an unknown block ${fqn}`);
    return block;
  };
  for (const [fqn, args] of Object.entries(stored.blocks)) {
    for (const [name, arg] of Object.entries(args)) {
      const schema: ArgSchema = arg.kind === 'block' ? { kind: 'block', required: arg.required, block: blockOf(arg.block!) }
        : arg.kind === 'map' ? { kind: 'map', required: arg.required } : { kind: 'attribute', required: arg.required, scalar: arg.scalar === true };
      blockOf(fqn).args.set(name, schema);
    }
  }
  const byType = (entries: Readonly<Record<string, string>>) => new Map(Object.entries(entries).map(([type, fqn]) => [type, blockOf(fqn)]));
  return {
    packageName: pkg.packageName,
    packageVersion: pkg.packageVersion,
    providerName: pkg.providerName,
    provider: stored.provider === undefined ? undefined : blockOf(stored.provider),
    resources: byType(stored.resources),
    dataSources: byType(stored.dataSources),
  };
}

function storeSchema(pkg: ProviderPackage, schema: ProviderSchema): ProviderSchema {
  const blocks: Record<string, StoredBlock> = {};
  const visit = (block: BlockSchema): string => {
    if (blocks[block.fqn] !== undefined) return block.fqn;
    const args: Record<string, StoredBlock[string]> = {};
    blocks[block.fqn] = args;
    for (const [name, arg] of block.args) {
      args[name] = arg.kind === 'block' ? { kind: 'block', required: arg.required, block: visit(arg.block) }
        : arg.kind === 'map' ? { kind: 'map', required: arg.required } : { kind: 'attribute', required: arg.required, scalar: arg.scalar };
    }
    return block.fqn;
  };
  const byType = (entries: Map<string, BlockSchema>) => Object.fromEntries([...entries].map(([type, block]) => [type, visit(block)]));
  const stored: StoredSchema = {
    blocks,
    provider: schema.provider === undefined ? undefined : visit(schema.provider),
    resources: byType(schema.resources),
    dataSources: byType(schema.dataSources),
  };
  // Written under a temporary name and renamed, so a process reading in parallel sees the whole file or none.
  const file = storedSchemaFile(pkg);
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(STORE_DIR, { recursive: true });
    fs.writeFileSync(temporary, JSON.stringify(stored));
    fs.renameSync(temporary, file);
  } catch {
    // A read-only node_modules only costs the next process the rebuild.
    fs.rmSync(temporary, { force: true });
  }
  return schema;
}

/** Package names whose assemblies have been loaded in this process (for tests of lazy loading). */
export function loadedProviderPackages(): string[] {
  return [...schemaCache.values()].map((schema) => schema.packageName).sort();
}

// ---------------------------------------------------------------------------
// Checking
// ---------------------------------------------------------------------------

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const METADATA_KEY = '//';
const TOP_LEVEL_KEYS = new Set([
  METADATA_KEY,
  'terraform',
  'provider',
  'resource',
  'data',
  'variable',
  'output',
  'locals',
  'module',
  'import',
  'moved',
  'removed',
  'check',
]);
const RESOURCE_META = new Set(['depends_on', 'count', 'for_each', 'provider', 'lifecycle', 'connection', 'provisioner']);
// Terraform rejects connection/provisioner in data blocks.
const DATA_META = new Set(['depends_on', 'count', 'for_each', 'provider', 'lifecycle']);
const PROVIDER_META = new Set(['alias', 'version']);
const RESOURCE_LIFECYCLE = new Set([
  'create_before_destroy',
  'prevent_destroy',
  'ignore_changes',
  'replace_triggered_by',
  'precondition',
  'postcondition',
]);
// Data sources only support conditions in their lifecycle block.
const DATA_LIFECYCLE = new Set(['precondition', 'postcondition']);
const CONDITION_KEYS = ['condition', 'error_message'];
const DYNAMIC_KEYS = new Set(['for_each', 'iterator', 'labels', 'content']);

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isInterpolation(value: unknown): boolean {
  return typeof value === 'string' && value.includes('${');
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function join(prefix: string, key: string): string {
  return prefix ? `${prefix}.${key}` : key;
}

class Checker {
  readonly problems: SchemaProblem[] = [];
  private readonly requiredProviders: Map<string, string>;

  constructor(private readonly root: JsonObject) {
    this.requiredProviders = new Map();
    const terraform = root.terraform;
    const required = isObject(terraform) ? terraform.required_providers : undefined;
    for (const entry of Array.isArray(required) ? required : [required]) {
      if (!isObject(entry)) continue;
      for (const [local, spec] of Object.entries(entry)) {
        if (isObject(spec) && typeof spec.source === 'string') this.requiredProviders.set(local, normalizeSource(spec.source));
        else if (typeof spec === 'string') this.requiredProviders.set(local, normalizeSource(local));
      }
    }
  }

  run(): SchemaProblem[] {
    for (const key of Object.keys(this.root)) {
      if (!TOP_LEVEL_KEYS.has(key)) this.report(key, `unknown top-level block "${key}"`);
    }
    this.checkProviders(this.root.provider);
    this.checkInstances('resource', this.root.resource);
    this.checkInstances('data', this.root.data);
    return this.problems;
  }

  private report(address: string, problem: string): void {
    this.problems.push({ address, problem });
  }

  /** The installed package for a provider local name (`vault`, `google-beta`, ...). */
  private packageFor(localName: string): ProviderPackage | undefined {
    const packages = providerPackages();
    const source = this.requiredProviders.get(localName);
    if (source) {
      const bySource = packages.find((pkg) => pkg.source === source);
      if (bySource) return bySource;
    }
    return packages.find((pkg) => pkg.providerName === localName.toLowerCase());
  }

  private missingPackage(localName: string): string {
    const source = this.requiredProviders.get(localName);
    return `no installed @cdktf/provider-* package provides provider "${localName}"${source ? ` (${source})` : ''}`;
  }

  private checkProviders(section: Json | undefined): void {
    if (section === undefined) return;
    if (!isObject(section)) {
      this.report('provider', `expected an object, got ${describe(section)}`);
      return;
    }
    for (const [localName, configs] of Object.entries(section)) {
      if (localName === METADATA_KEY) continue;
      const pkg = this.packageFor(localName);
      for (const config of Array.isArray(configs) ? configs : [configs]) {
        const alias = isObject(config) && typeof config.alias === 'string' ? `.${config.alias}` : '';
        const address = `provider.${localName}${alias}`;
        if (!pkg) {
          this.report(address, this.missingPackage(localName));
          continue;
        }
        const schema = schemaFor(pkg).provider;
        if (!schema) {
          this.report(address, `${pkg.packageName} has no provider class in its assembly`);
          continue;
        }
        if (!isObject(config)) {
          this.report(address, `expected an object, got ${describe(config)}`);
          continue;
        }
        this.checkBlock(address, '', config, schema, PROVIDER_META);
      }
    }
  }

  private checkInstances(mode: 'resource' | 'data', section: Json | undefined): void {
    if (section === undefined) return;
    if (!isObject(section)) {
      this.report(mode, `expected an object, got ${describe(section)}`);
      return;
    }
    for (const [tfType, instances] of Object.entries(section)) {
      if (tfType === METADATA_KEY) continue;
      if (!isObject(instances)) {
        this.report(`${mode}.${tfType}`, `expected an object of named instances, got ${describe(instances)}`);
        continue;
      }
      for (const [name, bodies] of Object.entries(instances)) {
        if (name === METADATA_KEY) continue;
        const address = `${mode}.${tfType}.${name}`;
        for (const body of Array.isArray(bodies) ? bodies : [bodies]) {
          if (!isObject(body)) {
            this.report(address, `expected an object, got ${describe(body)}`);
            continue;
          }
          this.checkInstance(mode, tfType, address, body);
        }
      }
    }
  }

  private checkInstance(mode: 'resource' | 'data', tfType: string, address: string, body: JsonObject): void {
    const localName = this.providerLocalName(tfType, body.provider);
    const pkg = this.packageFor(localName);
    if (!pkg) {
      this.report(address, this.missingPackage(localName));
      return;
    }
    const provider = schemaFor(pkg);
    const schema = (mode === 'resource' ? provider.resources : provider.dataSources).get(tfType);
    if (!schema) {
      const kind = mode === 'resource' ? 'resource type' : 'data source type';
      this.report(address, `unknown ${kind} "${tfType}" in ${pkg.packageName} ${pkg.packageVersion}`);
      return;
    }
    this.checkBlock(address, '', body, schema, mode === 'resource' ? RESOURCE_META : DATA_META);
    if (body.lifecycle !== undefined) this.checkLifecycle(address, body.lifecycle, mode === 'resource' ? RESOURCE_LIFECYCLE : DATA_LIFECYCLE);
  }

  /** Local provider name: from the `provider` meta-argument (`vault.alias`, `${vault.alias}`) or the type prefix. */
  private providerLocalName(tfType: string, providerArg: Json | undefined): string {
    if (typeof providerArg === 'string') {
      const m = /^(?:\$\{)?([A-Za-z0-9_-]+)/.exec(providerArg.trim());
      if (m) return m[1];
    }
    const underscore = tfType.indexOf('_');
    return underscore > 0 ? tfType.slice(0, underscore) : tfType;
  }

  /**
   * Check one block body: every key is a meta-argument (top level only), an
   * argument or nested block of `schema`, `dynamic`, or `//`; and every required
   * argument is present (a required nested block may come from `dynamic`).
   */
  private checkBlock(address: string, at: string, body: JsonObject, schema: BlockSchema, meta: ReadonlySet<string>): void {
    const dynamicBlocks = new Set<string>();
    for (const [key, value] of Object.entries(body)) {
      if (key === METADATA_KEY || meta.has(key)) continue;
      const arg = schema.args.get(key);
      if (arg) {
        this.checkValue(address, join(at, key), value, arg);
      } else if (key === 'dynamic') {
        for (const name of this.checkDynamic(address, join(at, key), value, schema)) dynamicBlocks.add(name);
      } else {
        this.report(address, `unknown argument "${join(at, key)}"`);
      }
    }
    for (const [key, arg] of schema.args) {
      if (!arg.required || meta.has(key)) continue;
      const value = body[key];
      if ((value === undefined || value === null) && !dynamicBlocks.has(key)) {
        this.report(address, `missing required argument "${join(at, key)}"`);
      }
    }
  }

  private checkValue(address: string, at: string, value: Json, arg: ArgSchema): void {
    if (value === null || isInterpolation(value)) return;
    switch (arg.kind) {
      case 'map':
        if (!isObject(value)) this.report(address, `"${at}" is a map argument, got ${describe(value)}`);
        return;
      case 'attribute':
        if (arg.scalar && typeof value === 'object') this.report(address, `"${at}" expects a single value, got ${describe(value)}`);
        return;
      case 'block':
        if (isObject(value)) {
          this.checkBlock(address, at, value, arg.block, new Set());
        } else if (Array.isArray(value)) {
          value.forEach((item, index) => {
            const itemAt = `${at}[${index}]`;
            if (isObject(item)) this.checkBlock(address, itemAt, item, arg.block, new Set());
            else if (item !== null && !isInterpolation(item)) {
              this.report(address, `"${itemAt}" is a nested block, got ${describe(item)}`);
            }
          });
        } else {
          this.report(address, `"${at}" is a nested block, got ${describe(value)}`);
        }
        return;
    }
  }

  /** `dynamic: { <block>: { for_each, iterator?, labels?, content } }`; returns the block names it provides. */
  private checkDynamic(address: string, at: string, value: Json, schema: BlockSchema): string[] {
    if (!isObject(value)) {
      this.report(address, `"${at}" expects an object of dynamic blocks, got ${describe(value)}`);
      return [];
    }
    const provided: string[] = [];
    for (const [name, spec] of Object.entries(value)) {
      const specAt = join(at, name);
      const arg = schema.args.get(name);
      if (!arg || arg.kind !== 'block') {
        this.report(address, `unknown nested block "${specAt}"`);
        continue;
      }
      provided.push(name);
      for (const item of Array.isArray(spec) ? spec : [spec]) {
        if (!isObject(item)) {
          this.report(address, `"${specAt}" expects a dynamic block object, got ${describe(item)}`);
          continue;
        }
        for (const key of Object.keys(item)) {
          if (!DYNAMIC_KEYS.has(key) && key !== METADATA_KEY) this.report(address, `unknown argument "${join(specAt, key)}"`);
        }
        if (item.for_each === undefined) this.report(address, `missing required argument "${join(specAt, 'for_each')}"`);
        const content = item.content;
        if (isObject(content)) this.checkBlock(address, join(specAt, 'content'), content, arg.block, new Set());
        else if (content === undefined) this.report(address, `missing required argument "${join(specAt, 'content')}"`);
        else if (!isInterpolation(content)) this.report(address, `"${join(specAt, 'content')}" is a nested block, got ${describe(content)}`);
      }
    }
    return provided;
  }

  private checkLifecycle(address: string, lifecycle: Json, allowed: ReadonlySet<string>): void {
    if (!isObject(lifecycle)) {
      this.report(address, `"lifecycle" is a block, got ${describe(lifecycle)}`);
      return;
    }
    for (const [key, value] of Object.entries(lifecycle)) {
      if (key === METADATA_KEY) continue;
      const at = `lifecycle.${key}`;
      if (!allowed.has(key)) {
        this.report(address, `unknown argument "${at}"`);
      } else if (key === 'precondition' || key === 'postcondition') {
        const conditions = Array.isArray(value) ? value : [value];
        conditions.forEach((condition, index) => {
          const conditionAt = `${at}[${index}]`;
          if (!isObject(condition)) {
            this.report(address, `"${conditionAt}" is a block, got ${describe(condition)}`);
            return;
          }
          for (const conditionKey of Object.keys(condition)) {
            if (!CONDITION_KEYS.includes(conditionKey) && conditionKey !== METADATA_KEY) {
              this.report(address, `unknown argument "${conditionAt}.${conditionKey}"`);
            }
          }
          for (const requiredKey of CONDITION_KEYS) {
            if (condition[requiredKey] === undefined || condition[requiredKey] === null) {
              this.report(address, `missing required argument "${conditionAt}.${requiredKey}"`);
            }
          }
        });
      } else if ((key === 'ignore_changes' || key === 'replace_triggered_by') && !Array.isArray(value)) {
        // ignore_changes may also be the keyword `all` (written "all" or "${all}").
        if (!(key === 'ignore_changes' && (value === 'all' || isInterpolation(value)))) {
          this.report(address, `"${at}" expects a list, got ${describe(value)}`);
        }
      }
    }
  }
}

/**
 * Check a synthesized stack (`Testing.synth` output or parsed `cdk.tf.json`)
 * against the schemas in the installed `@cdktf/provider-*` jsii assemblies.
 * Returns an empty array when every resource, data source and provider block
 * only uses arguments and nested blocks its provider defines and sets every
 * required argument.
 */
export function checkProviderSchemas(synthesized: string | object): SchemaProblem[] {
  const root: unknown = typeof synthesized === 'string' ? JSON.parse(synthesized) : synthesized;
  if (!isObject(root)) return [{ address: '', problem: `expected a Terraform JSON object, got ${describe(root)}` }];
  return new Checker(root).run();
}
