/**
 * Applies the Vault side of a synthesized configuration (`cdk.tf.json`) to a real OpenBao server through its HTTP
 * API, making the same calls, with the same transformations, that terraform-provider-vault v5.6.0 makes on
 * `terraform apply` (read from its source: vault/resource_jwt_auth_backend.go, resource_jwt_auth_backend_role.go,
 * resource_policy.go, resource_namespace.go, vault/auth_token.go and internal/provider/meta.go of
 * github.com/hashicorp/terraform-provider-vault at tag v5.6.0). The provider itself is not used: its v5.6.0 release
 * cannot be built here (the Go module proxy answers 403 for it), and the HTTP calls are the part that decides logins.
 *
 * Values are read with the trust report's own {@link TerraformConfiguration} (references, variables and locals
 * resolved as `explain` resolves them). A value that only exists after apply (a data source's id) is written as its
 * expression text, the same text the report compares and its simulated tokens carry.
 *
 * Terraform attribute -> HTTP call, and the transformation (a table, one entry per row):
 *
 * - provider `namespace` + resource `namespace`
 *     -> `X-Vault-Namespace: <provider ns>/<resource ns>` on every call of that resource (meta.go GetNSClient joins
 *        them, slashes trimmed); the root namespace when both are empty.
 * - namespaces the file presumes (a `namespace` no vault_namespace block creates)
 *     -> created first, `POST sys/namespaces/<leaf>` in the parent: they exist in the real Vault, not in a fresh OpenBao.
 * - vault_namespace.path, .namespace, .custom_metadata
 *     -> `POST sys/namespaces/<path>` in the parent namespace, `{custom_metadata}` as given.
 * - vault_jwt_auth_backend.path (default "jwt"), .type (default "jwt"), .description, .local
 *     -> `POST sys/auth/<path>` `{type, description, local}` (EnableAuthWithOptions).
 * - vault_jwt_auth_backend.bound_issuer, .jwt_supported_algs, .default_role, .namespace_in_state (default true),
 *   .oidc_client_id, .oidc_response_mode, .oidc_response_types, .provider_config
 *     -> `POST auth/<path>/config` with each option the configuration sets.
 * - THE ONE SUBSTITUTION: vault_jwt_auth_backend.oidc_discovery_url, .oidc_discovery_ca_pem, .jwks_url, .jwks_ca_pem
 *     -> not sent; `jwt_validation_pubkeys = [<public key of the loopback issuer playing that issuer>]` instead, and
 *        `bound_issuer` kept. OpenBao cannot reach app.terraform.io or a TFE host; the loopback issuer
 *        (test/e2e/loopback-issuer.ts) signs tokens whose `iss` is the address the mount expects.
 * - vault_jwt_auth_backend.tune
 *     -> not sent (listing visibility and lease settings: no effect on a login or an ACL decision).
 * - vault_policy.name, .policy
 *     -> `PUT sys/policies/acl/<name>` `{policy}` (PutPolicy), the text verbatim.
 * - vault_jwt_auth_backend_role.backend (default "jwt", slashes trimmed), .role_name
 *     -> `POST auth/<backend>/role/<role_name>` with the body below (jwtAuthBackendRoleDataToWrite, create).
 * - .bound_claims (a map of strings)
 *     -> each value split on "," and each part trimmed of spaces, into a JSON list; with disable_bound_claims_parsing
 *        one trimmed value in a list. The HTTP API does not split: without this a role would bind the string "a,b".
 * - .bound_audiences, .token_policies, .token_bound_cidrs, .allowed_redirect_uris, .oidc_scopes (sets)
 *     -> JSON lists without duplicates; bound_audiences always sent, the others only when not empty.
 * - .token_ttl, .token_max_ttl, .token_explicit_max_ttl, .token_period, .token_num_uses
 *     -> numbers, sent only when not zero (GetOk).
 * - .token_no_default_policy -> a boolean, sent when set.
 * - .token_type, .role_type, .bound_subject, .bound_claims_type, .groups_claim, .claim_mappings, .max_age,
 *   .alias_metadata -> sent when set, as given.
 * - .user_claim, .user_claim_json_pointer (false), .clock_skew_leeway, .expiration_leeway, .not_before_leeway (0),
 *   .verbose_oidc_logging (false) -> always sent; the defaults in brackets.
 * - vault_aws_secret_backend(_role), vault_gcp_secret_backend, vault_gcp_secret_roleset,
 *   vault_azure_secret_backend(_role)
 *     -> LEFT OUT: OpenBao has no AWS, GCP or Azure secrets engine built in (`POST sys/mounts/aws {"type":"aws"}` ->
 *        400 "plugin not found in the catalog: aws"). Their credential paths are still judged: `sys/capabilities-self`
 *        answers for paths under mounts that do not exist, from the token's policies alone.
 */
import { literalOf, Resolved, TerraformBlock, TerraformConfiguration, textOf } from '../../packages/report/src/terraform-json';
import { OpenBaoApi } from './openbao-api';

/** Vault resource types whose engines OpenBao does not have: not applied, listed in the result. */
export const CLOUD_ENGINE_TYPES = [
  'vault_aws_secret_backend',
  'vault_aws_secret_backend_role',
  'vault_gcp_secret_backend',
  'vault_gcp_secret_roleset',
  'vault_gcp_secret_static_account',
  'vault_gcp_secret_impersonated_account',
  'vault_azure_secret_backend',
  'vault_azure_secret_backend_role',
];
const APPLIED_TYPES = ['vault_namespace', 'vault_jwt_auth_backend', 'vault_policy', 'vault_jwt_auth_backend_role'];

/** What was written. */
export interface AppliedVault {
  readonly namespaces: string[];
  /** `namespace|path` of every JWT mount, with the issuer whose key it trusts. */
  readonly mounts: Array<{ namespace: string; path: string; boundIssuer?: string; keyIssuer: string }>;
  readonly policies: Array<{ namespace: string; name: string }>;
  readonly roles: Array<{ namespace: string; mountPath: string; name: string; address: string; body: Record<string, unknown> }>;
  /** Blocks not applied, by type: the cloud engines. */
  readonly leftOut: Record<string, number>;
  /** HTTP calls made. */
  readonly calls: number;
}

/** The key a mount trusts, by the issuer its configuration names (`bound_issuer`, else `oidc_discovery_url`). */
export type KeyFor = (issuer: string) => string;

const trim = (s: string) => s.replace(/^\/+|\/+$/g, '');

/** One HTTP call the provider makes, in the namespace of its resource. */
export interface ProviderCall {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly namespace: string;
  readonly body?: unknown;
}

/**
 * The calls terraform-provider-vault makes for one resource: on create (the write, then the read-back every Create
 * function ends with), on an in-place update (write, read-back) and on destroy.
 */
export interface ResourceCalls {
  readonly address: string;
  readonly type: string;
  readonly create: ProviderCall[];
  readonly update: ProviderCall[];
  readonly destroy: ProviderCall[];
}

/** Everything applying the Vault side takes: the namespaces it presumes, and the calls per resource in apply order. */
export interface VaultPlan {
  /** Namespaces the file presumes exist (created by root before anything else), parents first. */
  readonly presumedNamespaces: string[];
  /** Namespaces vault_namespace blocks create. */
  readonly managedNamespaces: string[];
  readonly resources: ResourceCalls[];
  readonly mounts: AppliedVault['mounts'];
  readonly policies: AppliedVault['policies'];
  readonly roles: AppliedVault['roles'];
  readonly leftOut: Record<string, number>;
}

/** The provider's calls for the Vault side of `config` (see the table above); `keyFor` gives a mount's key. */
export function vaultPlan(config: TerraformConfiguration, keyFor: KeyFor): VaultPlan {
  const text = (block: TerraformBlock, attribute: string): string | undefined => textOf(config.resolve(block.body[attribute]));
  const literal = (block: TerraformBlock, attribute: string): string | undefined => {
    const resolved: Resolved | undefined = config.resolve(block.body[attribute]);
    if (resolved !== undefined && !('literal' in resolved)) {
      throw new Error(`${block.address}.${attribute} is not known before apply (${textOf(resolved)}); the engine suite cannot write it`);
    }
    return literalOf(resolved);
  };
  const namespaceOf = (block: TerraformBlock): string => {
    const provider = config.providerOf(block, 'vault');
    const parent = provider ? literalOfProvider(config, provider.body.namespace, block) : '';
    const own = trim(literal(block, 'namespace') ?? '');
    return [trim(parent), own].filter((s) => s !== '').join('/');
  };

  const leftOut: Record<string, number> = {};
  for (const block of config.resources) {
    if (!block.type.startsWith('vault_') || APPLIED_TYPES.includes(block.type)) continue;
    if (!CLOUD_ENGINE_TYPES.includes(block.type))
      throw new Error(`${block.address}: the engine suite does not apply ${block.type} (add its mapping to test/engines/apply-vault.ts)`);
    leftOut[block.type] = (leftOut[block.type] ?? 0) + 1;
  }

  const resources: ResourceCalls[] = [];
  // Namespaces created by vault_namespace blocks; every other namespace a resource lives in is presumed to exist.
  const managed = new Set<string>();
  for (const block of config.resourcesOfType('vault_namespace')) {
    const parent = namespaceOf(block);
    const path = trim(literal(block, 'path') ?? '');
    managed.add([parent, path].filter((s) => s !== '').join('/'));
    const metadata = block.body.custom_metadata;
    const body = metadata && typeof metadata === 'object' ? { custom_metadata: metadata } : undefined;
    const read: ProviderCall = { method: 'GET', path: `sys/namespaces/${path}`, namespace: parent };
    resources.push({
      address: block.address,
      type: block.type,
      create: [{ method: 'POST', path: `sys/namespaces/${path}`, namespace: parent, body }, read],
      update: [{ method: 'POST', path: `sys/namespaces/${path}`, namespace: parent, body }, read],
      destroy: [{ method: 'DELETE', path: `sys/namespaces/${path}`, namespace: parent }],
    });
  }
  const presumed: string[] = [];
  for (const type of APPLIED_TYPES) {
    for (const block of config.resourcesOfType(type)) {
      const parts = namespaceOf(block)
        .split('/')
        .filter((p) => p !== '');
      for (let i = 1; i <= parts.length; i++) {
        const ns = parts.slice(0, i).join('/');
        if (!managed.has(ns) && !presumed.includes(ns)) presumed.push(ns);
      }
    }
  }

  const mounts: AppliedVault['mounts'] = [];
  for (const block of config.resourcesOfType('vault_jwt_auth_backend')) {
    const namespace = namespaceOf(block);
    const path = literal(block, 'path') ?? 'jwt';
    const configuration: Record<string, unknown> = { namespace_in_state: true };
    for (const option of ['oidc_client_id', 'oidc_response_mode', 'bound_issuer', 'default_role', 'namespace_in_state']) {
      const value = literal(block, option);
      if (value !== undefined) configuration[option] = option === 'namespace_in_state' ? value === 'true' : value;
    }
    for (const option of ['oidc_response_types', 'jwt_supported_algs']) {
      if (Array.isArray(block.body[option])) configuration[option] = (block.body[option] as unknown[]).map((v) => textOf(config.resolve(v)));
    }
    if (block.body.provider_config !== undefined) configuration.provider_config = block.body.provider_config;
    // The substitution: the issuer's published keys (discovery or JWKS URL) become the loopback issuer's public key.
    const boundIssuer = literal(block, 'bound_issuer');
    const keyIssuer = boundIssuer ?? text(block, 'oidc_discovery_url') ?? text(block, 'jwks_url');
    if (keyIssuer === undefined) throw new Error(`${block.address} names no issuer (bound_issuer, oidc_discovery_url or jwks_url)`);
    configuration.jwt_validation_pubkeys = [keyFor(keyIssuer)];
    const enable = { type: literal(block, 'type') ?? 'jwt', description: literal(block, 'description') ?? '', local: literal(block, 'local') === 'true' };
    // jwtAuthBackendRead: GetAuthMount (GET sys/mounts/auth/<path>), the config, and authMountTuneGet (MountConfig).
    const read: ProviderCall[] = [
      { method: 'GET', path: `sys/mounts/auth/${path}`, namespace },
      { method: 'GET', path: `auth/${path}/config`, namespace },
      { method: 'GET', path: `sys/mounts/auth/${path}/tune`, namespace },
    ];
    const writeConfig: ProviderCall = { method: 'POST', path: `auth/${path}/config`, namespace, body: configuration };
    resources.push({
      address: block.address,
      type: block.type,
      create: [{ method: 'POST', path: `sys/auth/${path}`, namespace, body: enable }, writeConfig, ...read],
      update: [writeConfig, ...read],
      destroy: [{ method: 'DELETE', path: `sys/auth/${path}`, namespace }],
    });
    mounts.push({ namespace, path, boundIssuer, keyIssuer });
  }

  const policies: AppliedVault['policies'] = [];
  for (const block of config.resourcesOfType('vault_policy')) {
    const namespace = namespaceOf(block);
    const name = literal(block, 'name');
    const policy = literal(block, 'policy');
    if (name === undefined || policy === undefined) throw new Error(`${block.address} has no name or policy`);
    const write: ProviderCall = { method: 'PUT', path: `sys/policies/acl/${name}`, namespace, body: { policy } };
    const read: ProviderCall = { method: 'GET', path: `sys/policies/acl/${name}`, namespace };
    resources.push({
      address: block.address,
      type: block.type,
      create: [write, read],
      update: [write, read],
      destroy: [{ method: 'DELETE', path: `sys/policies/acl/${name}`, namespace }],
    });
    policies.push({ namespace, name });
  }

  const roles: AppliedVault['roles'] = [];
  for (const block of config.resourcesOfType('vault_jwt_auth_backend_role')) {
    const namespace = namespaceOf(block);
    const mountPath = trim(literal(block, 'backend') ?? 'jwt');
    const name = trim(literal(block, 'role_name') ?? '');
    const body = roleBody(config, block);
    const path = `auth/${mountPath}/role/${name}`;
    const write: ProviderCall = { method: 'POST', path, namespace, body };
    const read: ProviderCall = { method: 'GET', path, namespace };
    resources.push({
      address: block.address,
      type: block.type,
      create: [write, read],
      update: [write, read],
      destroy: [{ method: 'DELETE', path, namespace }],
    });
    roles.push({ namespace, mountPath, name, address: block.address, body });
  }
  return { presumedNamespaces: presumed, managedNamespaces: [...managed], resources, mounts, policies, roles, leftOut };
}

/** Creates namespaces (parents first) with `token`, each in its parent. */
export async function createNamespaces(api: OpenBaoApi, token: string, namespaces: readonly string[]): Promise<void> {
  for (const full of namespaces) {
    const parts = full.split('/');
    await api.must('POST', `sys/namespaces/${parts[parts.length - 1]}`, { token, namespace: parts.slice(0, -1).join('/') });
  }
}

/** Runs provider calls with `token`; the first failure is thrown with OpenBao's answer. */
export async function runCalls(api: OpenBaoApi, token: string, calls: readonly ProviderCall[]): Promise<void> {
  for (const call of calls) await api.must(call.method, call.path, { token, namespace: call.namespace, body: call.body });
}

/** Applies the Vault side with the root token; `keyFor` gives the PEM public key of a mount's loopback issuer. */
export async function applyVaultSide(config: TerraformConfiguration, api: OpenBaoApi, rootToken: string, keyFor: KeyFor): Promise<AppliedVault> {
  const start = api.requests;
  const plan = vaultPlan(config, keyFor);
  await createNamespaces(api, rootToken, plan.presumedNamespaces);
  for (const resource of plan.resources) await runCalls(api, rootToken, resource.create);
  const namespaces = [...plan.presumedNamespaces, ...plan.managedNamespaces];
  return { namespaces, mounts: plan.mounts, policies: plan.policies, roles: plan.roles, leftOut: plan.leftOut, calls: api.requests - start };
}

function literalOfProvider(config: TerraformConfiguration, value: unknown, block: TerraformBlock): string {
  const resolved = config.resolve(value);
  if (resolved !== undefined && !('literal' in resolved)) throw new Error(`the namespace of ${block.address}'s vault provider is not a literal`);
  return literalOf(resolved) ?? '';
}

/** The body of `POST auth/<backend>/role/<name>`, as jwtAuthBackendRoleDataToWrite(create = true) builds it. */
export function roleBody(config: TerraformConfiguration, block: TerraformBlock): Record<string, unknown> {
  const body = block.body;
  // Values known only after apply keep their expression text (see the file comment).
  const value = (v: unknown): string | undefined => textOf(config.resolve(v));
  const list = (attribute: string): string[] => (Array.isArray(body[attribute]) ? [...new Set((body[attribute] as unknown[]).map((v) => value(v) ?? ''))] : []);
  const data: Record<string, unknown> = {};

  // updateTokenFields(create = true): GetOk, so zero values and empty sets are not sent.
  for (const attribute of ['token_bound_cidrs', 'token_policies']) if (list(attribute).length > 0) data[attribute] = list(attribute);
  for (const attribute of ['token_explicit_max_ttl', 'token_max_ttl', 'token_period', 'token_ttl', 'token_num_uses']) {
    const n = Number(value(body[attribute]) ?? 0);
    if (n !== 0) data[attribute] = n;
  }
  if (body.token_no_default_policy !== undefined) data.token_no_default_policy = value(body.token_no_default_policy) === 'true';
  if (value(body.token_type)) data.token_type = value(body.token_type);
  if (body.alias_metadata !== undefined) data.alias_metadata = body.alias_metadata;

  data.bound_audiences = list('bound_audiences');
  data.user_claim = value(body.user_claim) ?? '';
  data.user_claim_json_pointer = value(body.user_claim_json_pointer) === 'true';
  const maxAge = Number(value(body.max_age) ?? 0);
  if (maxAge !== 0) data.max_age = maxAge;
  if (list('allowed_redirect_uris').length > 0) data.allowed_redirect_uris = list('allowed_redirect_uris');
  if (value(body.role_type) !== undefined) data.role_type = value(body.role_type);
  if (value(body.bound_subject) !== undefined) data.bound_subject = value(body.bound_subject);
  if (list('oidc_scopes').length > 0) data.oidc_scopes = list('oidc_scopes');
  if (value(body.bound_claims_type) !== undefined) data.bound_claims_type = value(body.bound_claims_type);

  // bound_claims: strings.Split(value, ",") and strings.TrimSpace on each part, unless disable_bound_claims_parsing.
  const noSplit = value(body.disable_bound_claims_parsing) === 'true';
  const boundClaims: Record<string, string[]> = {};
  const raw = body.bound_claims && typeof body.bound_claims === 'object' ? (body.bound_claims as Record<string, unknown>) : {};
  for (const [claim, v] of Object.entries(raw)) {
    const text = value(v) ?? '';
    boundClaims[claim] = noSplit ? [text.trim()] : text.split(',').map((part) => part.trim());
  }
  data.bound_claims = boundClaims;

  if (body.claim_mappings && typeof body.claim_mappings === 'object') {
    data.claim_mappings = Object.fromEntries(Object.entries(body.claim_mappings as Record<string, unknown>).map(([k, v]) => [k, value(v)]));
  }
  if (value(body.groups_claim) !== undefined) data.groups_claim = value(body.groups_claim);
  for (const attribute of ['clock_skew_leeway', 'expiration_leeway', 'not_before_leeway']) data[attribute] = Number(value(body[attribute]) ?? 0);
  data.verbose_oidc_logging = value(body.verbose_oidc_logging) === 'true';
  return data;
}
