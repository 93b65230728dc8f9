/**
 * The Vault side of a synthesized configuration, indexed the way Vault itself addresses things: by namespace, mount
 * path and name. Namespaces are effective ones: a resource's `namespace` is relative to its provider's `namespace`,
 * as in the Terraform Vault provider.
 */
import { AclRuleInput } from './policy/acl';
import { parsePolicy } from './policy/parse';
import { literalOf, Resolved, sameValue, TerraformBlock, TerraformConfiguration, textOf } from './terraform-json';
import { DEFAULT_ENGINE_MOUNTS, DEFAULT_VAULT_AUTH_PATH, VAULT_OBJECTS } from './catalogue';

/** The root namespace. */
export const ROOT_NAMESPACE: Resolved = { literal: '' };

/** Clouds whose Vault secrets engines HCP Terraform can read credentials from. */
export type Cloud = 'aws' | 'gcp' | 'azure';

/** A Vault JWT auth mount (`vault_jwt_auth_backend`). */
export interface JwtMountInfo {
  readonly block: TerraformBlock;
  readonly namespace: Resolved;
  readonly path: Resolved;
  readonly type: Resolved;
  readonly boundIssuer?: Resolved;
  readonly discoveryUrl?: Resolved;
  readonly jwksUrl?: Resolved;
  /** Whether `jwt_validation_pubkeys` lists any key (undefined when it is not a literal list). */
  readonly hasPubkeys?: boolean;
}

/** A Vault JWT role (`vault_jwt_auth_backend_role`). */
export interface JwtRoleInfo {
  readonly block: TerraformBlock;
  readonly namespace: Resolved;
  readonly name: Resolved;
  readonly mountPath: Resolved;
  /** The mount block the role's `backend` refers to, when it is a reference into this file. */
  readonly mountBlock?: TerraformBlock;
  /** `token_policies` entries, each with the policy block it refers to when it is a reference. */
  readonly policies: ReadonlyArray<{ readonly name: Resolved; readonly block?: TerraformBlock }>;
  readonly noDefaultPolicy: boolean;
}

/** A Vault ACL policy (`vault_policy`). */
export interface PolicyInfo {
  readonly block: TerraformBlock;
  readonly namespace: Resolved;
  /** The name as Vault stores it (lower-cased). */
  readonly name: Resolved;
  /** Rules when the text is a literal and parses. */
  readonly rules?: AclRuleInput[];
  /** Why the rules are not known: the text is not a literal, or does not parse. */
  readonly problem?: string;
}

/** A secrets engine mount. */
export interface EngineMountInfo {
  readonly block: TerraformBlock;
  readonly cloud: Cloud;
  readonly namespace: Resolved;
  readonly path: Resolved;
}

/** A role (or roleset, or static account) of a secrets engine. */
export interface EngineRoleInfo {
  readonly block: TerraformBlock;
  readonly cloud: Cloud;
  /** `role` for AWS and Azure, `roleset` or `static-account` for GCP. */
  readonly kind: 'role' | 'roleset' | 'static-account';
  readonly namespace: Resolved;
  readonly mountPath: Resolved;
  readonly mountBlock?: TerraformBlock;
  readonly name: Resolved;
  /** Every path below the mount that issues this role's credentials (relative to the namespace). */
  readonly credentialPaths: string[];
  /** The ACL capabilities with which a request to those paths issues credentials: see {@link MINTING_CAPABILITIES}. */
  readonly mintingCapabilities: readonly string[];
}

/**
 * Which requests to a credential path issue credentials, by engine: the ACL capability each accepted HTTP method
 * needs. The AWS engine serves `creds/<role>` and `sts/<role>` on GET and on POST/PUT alike (hashicorp/vault
 * `builtin/logical/aws/path_user.go`: read and update operations; the path has no existence check, so a write
 * needs `update`). The GCP engine serves a roleset's or static account's `token` and `key` on GET and on POST/PUT
 * (vault-plugin-secrets-gcp `path_role_set_secrets.go`, `path_static_account_secrets.go`: read and update). The
 * Azure engine serves `creds/<role>` on GET only (vault-plugin-secrets-azure `path_service_principal.go`).
 */
export const MINTING_CAPABILITIES: Readonly<Record<Cloud, readonly string[]>> = {
  aws: ['read', 'update'],
  gcp: ['read', 'update'],
  azure: ['read'],
};

const ENGINE_MOUNTS: ReadonlyArray<readonly [string, Cloud, string]> = [
  [VAULT_OBJECTS['aws-engine'].resourceType, 'aws', DEFAULT_ENGINE_MOUNTS.aws],
  [VAULT_OBJECTS['gcp-engine'].resourceType, 'gcp', DEFAULT_ENGINE_MOUNTS.gcp],
  [VAULT_OBJECTS['azure-engine'].resourceType, 'azure', DEFAULT_ENGINE_MOUNTS.azure],
];

/** Trims the slashes Vault ignores around a namespace or mount path. */
export function trimSlashes(value: Resolved): Resolved {
  return 'literal' in value ? { literal: value.literal.replace(/^\/+|\/+$/g, '') } : value;
}

/** A namespace for messages: `the root namespace`, `namespace "admin"`, or the expression it stayed as. */
export function describeNamespace(namespace: Resolved): string {
  if ('symbol' in namespace) return `namespace ${namespace.symbol}`;
  return namespace.literal === '' ? 'the root namespace' : `namespace "${namespace.literal}"`;
}

/** Joins a parent namespace and a namespace relative to it. */
export function joinNamespaces(parent: Resolved, child: Resolved): Resolved {
  const p = trimSlashes(parent);
  const c = trimSlashes(child);
  if ('literal' in p && 'literal' in c) return { literal: [p.literal, c.literal].filter((s) => s !== '').join('/') };
  if ('literal' in p && p.literal === '') return c;
  if ('literal' in c && c.literal === '') return p;
  return { symbol: `${textOf(p)}/${textOf(c)}` };
}

/** Everything Vault-side in a configuration, with effective namespaces. */
export class VaultIndex {
  public readonly mounts: JwtMountInfo[];
  public readonly roles: JwtRoleInfo[];
  public readonly policies: PolicyInfo[];
  public readonly engineMounts: EngineMountInfo[];
  public readonly engineRoles: EngineRoleInfo[];
  private roleLookup?: KeyedLookup<JwtRoleInfo>;
  private mountLookup?: KeyedLookup<JwtMountInfo>;
  private policyLookup?: KeyedLookup<PolicyInfo>;
  private engineRoleLookup?: KeyedLookup<EngineRoleInfo>;
  private engineMountLookup?: KeyedLookup<EngineMountInfo>;
  private engineRolesByAddress?: Map<string, EngineRoleInfo>;
  private rolesByAddress?: Map<string, JwtRoleInfo>;
  private readonly memos = new Map<string, unknown>();

  /**
   * The namespace taken for Vault resources whose vault provider sets none (`VAULT_NAMESPACE` in the environment of
   * the Terraform run that applies them, which no file shows): the root namespace, or the one the runs log in to
   * (see {@link unstatedProviderNamespace}). Verdicts that depend on it are conditional ({@link namespaceConditions}).
   */
  public readonly assumedNamespace: string;
  /** The namespace the runs log in to, when {@link assumedNamespace} was taken from it. */
  private readonly runNamespace?: string;
  /** Blocks whose effective namespace starts with {@link assumedNamespace}: their provider sets no namespace. */
  private readonly unstated = new Set<TerraformBlock>();
  private policyByAddress?: Map<string, TerraformBlock>;

  constructor(public readonly config: TerraformConfiguration) {
    const unstated = unstatedProviderNamespace(config);
    this.assumedNamespace = unstated?.namespace ?? '';
    this.runNamespace = unstated?.run;
    this.mounts = config.resourcesOfType('vault_jwt_auth_backend').map((block) => ({
      block,
      namespace: this.namespaceOf(block),
      path: this.mountPath(block.body.path, DEFAULT_VAULT_AUTH_PATH),
      type: config.resolve(block.body.type) ?? { literal: 'jwt' },
      boundIssuer: config.resolve(block.body.bound_issuer),
      discoveryUrl: config.resolve(block.body.oidc_discovery_url),
      jwksUrl: config.resolve(block.body.jwks_url),
      hasPubkeys: hasPubkeys(block.body.jwt_validation_pubkeys),
    }));
    this.roles = config.resourcesOfType('vault_jwt_auth_backend_role').map((block) => ({
      block,
      namespace: this.namespaceOf(block),
      name: config.resolve(block.body.role_name) ?? { symbol: `${block.address}.role_name` },
      mountPath: this.mountPath(block.body.backend, DEFAULT_VAULT_AUTH_PATH),
      mountBlock: config.referencedBlock(block.body.backend),
      policies: (Array.isArray(block.body.token_policies) ? block.body.token_policies : []).map((item: unknown) => ({
        name: lowerCase(config.resolve(item) ?? { symbol: String(item) }),
        block: config.referencedBlock(item),
      })),
      noDefaultPolicy: literalOf(config.resolve(block.body.token_no_default_policy)) === 'true',
    }));
    this.policies = config.resourcesOfType('vault_policy').map((block) => this.policyInfo(block));
    this.engineMounts = [];
    for (const [type, cloud, defaultPath] of ENGINE_MOUNTS) {
      for (const block of config.resourcesOfType(type)) {
        this.engineMounts.push({ block, cloud, namespace: this.namespaceOf(block), path: this.mountPath(block.body.path, defaultPath) });
      }
    }
    for (const block of config.resourcesOfType('vault_mount')) {
      const type = literalOf(config.resolve(block.body.type));
      if (type === 'aws' || type === 'gcp' || type === 'azure') {
        this.engineMounts.push({ block, cloud: type, namespace: this.namespaceOf(block), path: this.mountPath(block.body.path, type) });
      }
    }
    this.engineRoles = [
      ...config.resourcesOfType('vault_aws_secret_backend_role').map((b) => this.engineRole(b, 'aws', 'role', b.body.name, 'aws')),
      ...config.resourcesOfType('vault_gcp_secret_roleset').map((b) => this.engineRole(b, 'gcp', 'roleset', b.body.roleset, 'gcp')),
      ...config.resourcesOfType('vault_gcp_secret_static_account').map((b) => this.engineRole(b, 'gcp', 'static-account', b.body.static_account, 'gcp')),
      ...config.resourcesOfType('vault_azure_secret_backend_role').map((b) => this.engineRole(b, 'azure', 'role', b.body.role, 'azure')),
    ];
  }

  /** The effective namespace of a Vault resource: its provider's namespace joined with its own. */
  public namespaceOf(block: TerraformBlock): Resolved {
    const provider = this.config.providerOf(block, 'vault');
    const providerNamespace = provider ? this.config.resolve(provider.body.namespace) : undefined;
    const ownNamespace = this.config.resolve(block.body.namespace);
    if (providerNamespace === undefined) this.unstated.add(block);
    if (providerNamespace === undefined && this.assumedNamespace !== '') {
      this.config.assumptions.add(
        `VAULT_NAMESPACE = "${this.assumedNamespace}" where the Vault side is applied: its vault provider sets no namespace, so the ` +
          `provider takes VAULT_NAMESPACE from Terraform's environment, which no file shows; the runs log in to namespace ` +
          `"${this.runNamespace}" (TFC_VAULT_NAMESPACE), which that value puts the Vault side in, and the verdicts that depend on it are conditional`,
      );
    } else if (providerNamespace === undefined && ownNamespace === undefined) {
      // The provider falls back to VAULT_NAMESPACE from Terraform's environment, which no file shows (HCP Vault
      // clusters need "admin"): registry.terraform.io/providers/hashicorp/vault, argument `namespace`.
      this.config.assumptions.add(
        'the root namespace for Vault resources that set no namespace: neither they nor their vault provider set `namespace`, and a ' +
          'VAULT_NAMESPACE in Terraform\'s environment (HCP Vault uses "admin") would move them',
      );
    }
    return joinNamespaces(providerNamespace ?? { literal: this.assumedNamespace }, ownNamespace ?? ROOT_NAMESPACE);
  }

  /**
   * The condition a verdict carries when it rests on blocks placed in {@link assumedNamespace} while the file does not
   * say it: empty when the namespace taken is the root (the provider's default) or no block given rests on it.
   */
  public namespaceConditions(blocks: ReadonlyArray<TerraformBlock | undefined>): NamespaceCondition[] {
    if (this.assumedNamespace === '' || !blocks.some((b) => b !== undefined && this.unstated.has(b))) return [];
    const value = this.assumedNamespace;
    return [{ claim: 'VAULT_NAMESPACE', values: [value], glob: false, text: `VAULT_NAMESPACE is "${value}" where the Vault side is applied` }];
  }

  /** The `vault_policy` blocks at these addresses (addresses of other blocks are skipped). */
  public policyBlocks(addresses: readonly string[]): TerraformBlock[] {
    this.policyByAddress ??= new Map(this.policies.map((p) => [p.block.address, p.block]));
    const byAddress = this.policyByAddress;
    return addresses.flatMap((address) => byAddress.get(address) ?? []);
  }

  /** JWT roles at `namespace` / `auth/<mountPath>` / `name`: those that certainly are, and those that might be. */
  public rolesAt(namespace: Resolved, mountPath: Resolved, name: Resolved): Matches<JwtRoleInfo> {
    this.roleLookup ??= new KeyedLookup(this.roles, (r) => [r.namespace, r.mountPath, r.name]);
    return this.roleLookup.at([namespace, mountPath, name]);
  }

  /** JWT auth mounts at `namespace` / `auth/<path>`. */
  public mountsAt(namespace: Resolved, path: Resolved): Matches<JwtMountInfo> {
    this.mountLookup ??= new KeyedLookup(this.mounts, (m) => [m.namespace, m.path]);
    return this.mountLookup.at([namespace, path]);
  }

  /** Policies named `name` (compared lower-cased, as Vault stores them) in `namespace`. */
  public policiesAt(namespace: Resolved, name: Resolved): Matches<PolicyInfo> {
    this.policyLookup ??= new KeyedLookup(this.policies, (p) => [p.namespace, p.name]);
    return this.policyLookup.at([namespace, lowerCase(name)]);
  }

  /** Secrets engine roles of a cloud at `namespace` / `<mountPath>` / `name` of one kind. */
  public engineRolesAt(cloud: Cloud, kind: EngineRoleInfo['kind'], namespace: Resolved, mountPath: Resolved, name: Resolved): Matches<EngineRoleInfo> {
    this.engineRoleLookup ??= new KeyedLookup(this.engineRoles, (r) => [{ literal: `${r.cloud}/${r.kind}` }, r.namespace, r.mountPath, r.name]);
    return this.engineRoleLookup.at([{ literal: `${cloud}/${kind}` }, namespace, mountPath, name]);
  }

  /** Secrets engine mounts of a cloud at `namespace` / `<path>`. */
  public engineMountsAt(cloud: Cloud, namespace: Resolved, path: Resolved): Matches<EngineMountInfo> {
    this.engineMountLookup ??= new KeyedLookup(this.engineMounts, (m) => [{ literal: m.cloud }, m.namespace, m.path]);
    return this.engineMountLookup.at([{ literal: cloud }, namespace, path]);
  }

  /** The secrets engine role at an address. */
  public engineRoleByAddress(address: string): EngineRoleInfo | undefined {
    this.engineRolesByAddress ??= new Map(this.engineRoles.map((r) => [r.block.address, r]));
    return this.engineRolesByAddress.get(address);
  }

  /** The JWT role at an address. */
  public roleByAddress(address: string): JwtRoleInfo | undefined {
    this.rolesByAddress ??= new Map(this.roles.map((r) => [r.block.address, r]));
    return this.rolesByAddress.get(address);
  }

  /**
   * A value computed once per key for this configuration (token policies per role and namespace, role models): the
   * report asks the same question for every run, so it is answered once.
   */
  public memo<T>(key: string, compute: () => T): T {
    if (this.memos.has(key)) return this.memos.get(key) as T;
    const value = compute();
    this.memos.set(key, value);
    return value;
  }

  private mountPath(value: unknown, fallback: string): Resolved {
    return trimSlashes(this.config.resolve(value) ?? { literal: fallback });
  }

  private policyInfo(block: TerraformBlock): PolicyInfo {
    const base = {
      block,
      namespace: this.namespaceOf(block),
      name: lowerCase(this.config.resolve(block.body.name) ?? { symbol: `${block.address}.name` }),
    };
    const resolved = this.config.resolve(block.body.policy);
    const text = literalOf(resolved);
    if (text === undefined) {
      const symbol = resolved && textOf(resolved);
      const shown = symbol !== undefined && symbol !== block.body.policy ? `: ${symbol}` : '';
      return { ...base, problem: `${block.address}.policy is not a literal in this file${shown}` };
    }
    try {
      return { ...base, rules: parsePolicy(text).rules.map((rule) => ({ path: rule.path, capabilities: [...rule.capabilities] })) };
    } catch (error) {
      return { ...base, problem: `${block.address}.policy does not parse: ${(error as Error).message}` };
    }
  }

  private engineRole(block: TerraformBlock, cloud: Cloud, kind: EngineRoleInfo['kind'], nameValue: unknown, defaultMount: string): EngineRoleInfo {
    const mountPath = this.mountPath(block.body.backend, defaultMount);
    const name = this.config.resolve(nameValue) ?? { symbol: `${block.address}.name` };
    const mount = literalOf(mountPath);
    const role = literalOf(name);
    let credentialPaths: string[] = [];
    if (mount !== undefined && role !== undefined) {
      if (cloud === 'aws') {
        // Vault's AWS engine issues credentials of any type at both endpoints (legacy roles aside).
        credentialPaths = [`${mount}/creds/${role}`, `${mount}/sts/${role}`];
      } else if (cloud === 'azure') {
        credentialPaths = [`${mount}/creds/${role}`];
      } else {
        const secretType = literalOf(this.config.resolve(block.body.secret_type)) ?? (block.body.secret_type === undefined ? 'access_token' : undefined);
        const endpoints = secretType === 'access_token' ? ['token'] : secretType === 'service_account_key' ? ['key'] : ['token', 'key'];
        credentialPaths = endpoints.map((e) => `${mount}/${kind}/${role}/${e}`);
        // The engine still serves a roleset's credentials at the deprecated `token/<roleset>` and `key/<roleset>`
        // (vault-plugin-secrets-gcp `path_role_set_secrets.go`), so a policy granting those grants the same.
        if (kind === 'roleset') credentialPaths.push(...endpoints.map((e) => `${mount}/${e}/${role}`));
      }
    }
    return {
      block,
      cloud,
      kind,
      namespace: this.namespaceOf(block),
      mountPath,
      mountBlock: this.config.referencedBlock(block.body.backend),
      name,
      credentialPaths,
      mintingCapabilities: MINTING_CAPABILITIES[cloud],
    };
  }
}

/**
 * A verdict's condition on where Vault resources without a stated namespace are applied: the shape of a login
 * condition (`LoginCondition` of the simulation), with `VAULT_NAMESPACE` in place of a token claim.
 */
export interface NamespaceCondition {
  readonly claim: 'VAULT_NAMESPACE';
  readonly values: string[];
  readonly glob: false;
  readonly text: string;
}

/** The literal values of `TFC_VAULT_NAMESPACE[_TAG]` that `tfe_variable` blocks of a configuration set, trimmed. */
function runNamespaces(config: TerraformConfiguration): Array<string | undefined> {
  const out: Array<string | undefined> = [];
  for (const block of config.resourcesOfType('tfe_variable')) {
    const key = literalOf(config.resolve(block.body.key));
    if (key === undefined || !/^TFC_VAULT_NAMESPACE(?:_[A-Za-z0-9_]+)?$/.test(key)) continue;
    const value = config.resolve(block.body.value);
    out.push(value === undefined ? undefined : literalOf(trimSlashes(value)));
  }
  return out;
}

/**
 * Where Vault resources whose vault provider sets no namespace are taken to be. The provider then uses
 * VAULT_NAMESPACE from the environment of the Terraform run that applies them (registry.terraform.io/providers/
 * hashicorp/vault, argument `namespace`; a resource's own `namespace` is relative to it), which no file shows. When
 * the runs of the configuration all log in to one namespace (TFC_VAULT_NAMESPACE, a literal) and every such resource
 * can be there for one VAULT_NAMESPACE only, that namespace is taken, so that what the file does not say yields
 * conditional verdicts rather than refusals; otherwise the root namespace, the provider's default.
 */
function unstatedProviderNamespace(config: TerraformConfiguration): { namespace: string; run: string } | undefined {
  const namespaces = runNamespaces(config);
  const wanted = [...new Set(namespaces)];
  if (wanted.length !== 1 || wanted[0] === undefined || wanted[0] === '') return undefined;
  const run = wanted[0];
  const candidates = new Set<string>();
  for (const type of UNSTATED_NAMESPACE_TYPES) {
    for (const block of config.resourcesOfType(type)) {
      const provider = config.providerOf(block, 'vault');
      if (provider && provider.body.namespace !== undefined) continue;
      const own = config.resolve(block.body.namespace);
      const relative = own === undefined ? '' : literalOf(trimSlashes(own));
      if (relative === undefined) continue;
      if (relative === run) candidates.add('');
      else if (relative === '') candidates.add(run);
      else if (run.endsWith(`/${relative}`)) candidates.add(run.slice(0, -(relative.length + 1)));
    }
  }
  const namespace = candidates.size === 1 ? [...candidates][0] : '';
  return namespace === '' ? undefined : { namespace, run };
}

/** The Vault resource types a run's login and credential read rest on. */
const UNSTATED_NAMESPACE_TYPES = [
  'vault_jwt_auth_backend',
  'vault_jwt_auth_backend_role',
  'vault_policy',
  ...ENGINE_MOUNTS.map(([type]) => type),
  'vault_mount',
  'vault_aws_secret_backend_role',
  'vault_gcp_secret_roleset',
  'vault_gcp_secret_static_account',
  'vault_azure_secret_backend_role',
];

/** Blocks that certainly match a look-up, and blocks that might (some compared value is unresolved). */
export interface Matches<T> {
  readonly definite: T[];
  readonly possible: T[];
}

/**
 * {@link matches} over items keyed by several resolved values, without scanning every item: items whose values are
 * all literals are found by their joined key; only the items with some unresolved value are compared one by one.
 * The answer is the same as comparing every item, in the same order.
 */
class KeyedLookup<T> {
  private readonly byKey = new Map<string, Array<{ item: T; order: number }>>();
  private readonly symbolic: Array<{ item: T; order: number }> = [];

  constructor(private readonly items: readonly T[], private readonly keyOf: (item: T) => Resolved[]) {
    items.forEach((item, order) => {
      const key = literalKey(keyOf(item));
      if (key === undefined) {
        this.symbolic.push({ item, order });
        return;
      }
      const list = this.byKey.get(key);
      if (list) list.push({ item, order });
      else this.byKey.set(key, [{ item, order }]);
    });
  }

  public at(wanted: Resolved[]): Matches<T> {
    const key = literalKey(wanted);
    const compare = (item: T) => this.keyOf(item).map((value, i) => sameValue(value, wanted[i]));
    if (key === undefined) return matches(this.items, compare);
    const exact = this.byKey.get(key) ?? [];
    if (this.symbolic.length === 0) return { definite: exact.map((e) => e.item), possible: [] };
    // Items with unresolved values can still be definite (the same expression on both sides cannot happen here, as
    // the wanted values are literals) or possible; merge them back in file order.
    const others = this.symbolic.filter((e) => !compare(e.item).includes(false));
    const all = [...exact, ...others].sort((a, b) => a.order - b.order);
    return matches(all.map((e) => e.item), compare);
  }
}

function literalKey(values: Resolved[]): string | undefined {
  const parts: string[] = [];
  for (const value of values) {
    if (!('literal' in value)) return undefined;
    parts.push(value.literal);
  }
  return parts.join('\u0000');
}

function matches<T>(items: readonly T[], compare: (item: T) => Array<boolean | undefined>): Matches<T> {
  const definite: T[] = [];
  const possible: T[] = [];
  for (const item of items) {
    const results = compare(item);
    if (results.every((r) => r === true)) definite.push(item);
    else if (!results.includes(false)) possible.push(item);
  }
  return { definite, possible };
}

/** Whether `jwt_validation_pubkeys` lists any key: false when absent, undefined when it is not a literal list. */
function hasPubkeys(value: unknown): boolean | undefined {
  if (value === undefined) return false;
  return Array.isArray(value) ? value.length > 0 : undefined;
}

function lowerCase(value: Resolved): Resolved {
  return 'literal' in value ? { literal: value.literal.trim().toLowerCase() } : value;
}

/**
 * Why Vault cannot verify any token on a JWT auth mount, or cannot verify tokens from `issuer`: Vault's JWT
 * configuration takes exactly one key source (`oidc_discovery_url`, `jwks_url` or `jwt_validation_pubkeys`) and
 * refuses a configuration with none or several (vault-plugin-auth-jwt `path_config.go`). With OIDC discovery, Vault
 * fetches `<url>/.well-known/openid-configuration` and requires the document's issuer to equal the URL, so HCP
 * Terraform's discovery document (issuer `https://<host>`, no trailing slash) works only at exactly that URL; keys
 * fetched from another host do not verify tokens signed by `issuer`. Undefined when nothing is wrong or the file
 * does not say; `issuer` undefined checks the mount alone.
 */
export function mountKeySourceProblem(mount: JwtMountInfo, issuer?: string): string | undefined {
  const present = (value: Resolved | undefined): boolean => value !== undefined && !('literal' in value && value.literal === '');
  const sources = [
    present(mount.discoveryUrl) ? 'oidc_discovery_url' : undefined,
    present(mount.jwksUrl) ? 'jwks_url' : undefined,
    mount.hasPubkeys === true ? 'jwt_validation_pubkeys' : undefined,
  ].filter((s): s is string => s !== undefined);
  if (mount.hasPubkeys === undefined) return undefined;
  if (sources.length === 0) {
    return `${mount.block.address} has no key source (oidc_discovery_url, jwks_url or jwt_validation_pubkeys), so Vault cannot verify any token`;
  }
  if (sources.length > 1) {
    return `${mount.block.address} sets ${sources.join(' and ')}; Vault accepts exactly one key source and refuses this mount configuration`;
  }
  const discovery = mount.discoveryUrl && literalOf(mount.discoveryUrl);
  if (discovery !== undefined) {
    if (discovery.endsWith('/') && !(issuer ?? '').endsWith('/')) {
      return (
        `${mount.block.address}.oidc_discovery_url "${discovery}" ends with "/", but the discovery document's issuer does not; ` +
        'Vault refuses the mount configuration'
      );
    }
    if (issuer !== undefined && discovery.replace(/\/+$/, '') !== issuer.replace(/\/+$/, '')) {
      return `${mount.block.address}.oidc_discovery_url "${discovery}" is not the tokens' issuer "${issuer}"; the keys found there do not verify them`;
    }
  }
  const jwks = mount.jwksUrl && literalOf(mount.jwksUrl);
  if (jwks !== undefined && issuer !== undefined && originOf(jwks) !== originOf(issuer)) {
    return `${mount.block.address}.jwks_url "${jwks}" is not on the tokens' issuer ${issuer}; the keys found there do not verify them`;
  }
  return undefined;
}

function originOf(url: string): string {
  const match = /^([a-z]+:\/\/[^/]+)/i.exec(url);
  return (match ? match[1] : url).toLowerCase();
}
