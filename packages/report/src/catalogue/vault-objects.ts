/**
 * The Vault objects of a Vault-backed trust, each described once: the Terraform resource type that manages it, the
 * mount path it defaults to, the id `terraform import` takes, the API path the provider writes, and for engine roles
 * the path a run reads its credentials from. Constructs, the pipeline policy, adoption, the collision checks and the
 * report read this table; nothing else restates a default mount, an import id or an API path.
 *
 * Facts from the Terraform Vault provider (hashicorp/terraform-provider-vault `vault/resource_*.go`: a mount's id is its
 * path; roles are imported by their API path) and Vault's API docs (developer.hashicorp.com/vault/api-docs: JWT auth
 * roles at `auth/<mount>/role/<name>`, ACL policies at `sys/policies/acl/<name>`, AWS roles at `<mount>/roles/<name>`
 * read through `<mount>/creds/<name>` (iam_user) or `<mount>/sts/<name>` (assumed_role, federation_token), GCP
 * rolesets at `<mount>/roleset/<name>` read through `…/token` or `…/key`, static accounts at
 * `<mount>/static-account/<name>`, Azure roles at `<mount>/roles/<name>` read through `<mount>/creds/<name>`).
 */
import { DEFAULT_VAULT_AUTH_PATH } from './defaults';

/** The kinds of Vault object a trust manages. */
export type VaultObjectKind =
  | 'jwt-auth-mount'
  | 'jwt-role'
  | 'policy'
  | 'aws-engine'
  | 'aws-role'
  | 'gcp-engine'
  | 'gcp-roleset'
  | 'gcp-static-account'
  | 'azure-engine'
  | 'azure-role';

/** One kind of Vault object. */
export interface VaultObject {
  readonly kind: VaultObjectKind;
  /** The Terraform resource type of the Vault provider that manages it. */
  readonly resourceType: string;
  /** For mounts: the path Vault and the provider use when none is given. */
  readonly defaultMount?: string;
  /** For engine roles: the API segment below the mount (`roles`, `roleset`, `static-account`). */
  readonly roleSegment?: string;
  /** For engine mounts: configuration paths below the mount that the provider writes. */
  readonly configPaths?: readonly string[];
}

/** The clouds whose secrets engines a trust can mount. */
export type EngineCloud = 'aws' | 'gcp' | 'azure';

/** The mount path of each cloud's secrets engine when none is given (Vault's and the provider's default). */
export const DEFAULT_ENGINE_MOUNTS: Readonly<Record<EngineCloud, string>> = Object.freeze({ aws: 'aws', gcp: 'gcp', azure: 'azure' });

const table: readonly VaultObject[] = [
  { kind: 'jwt-auth-mount', resourceType: 'vault_jwt_auth_backend', defaultMount: DEFAULT_VAULT_AUTH_PATH },
  { kind: 'jwt-role', resourceType: 'vault_jwt_auth_backend_role', roleSegment: 'role' },
  { kind: 'policy', resourceType: 'vault_policy' },
  {
    kind: 'aws-engine',
    resourceType: 'vault_aws_secret_backend',
    defaultMount: DEFAULT_ENGINE_MOUNTS.aws,
    configPaths: ['config/root'],
  },
  { kind: 'aws-role', resourceType: 'vault_aws_secret_backend_role', roleSegment: 'roles' },
  {
    kind: 'gcp-engine',
    resourceType: 'vault_gcp_secret_backend',
    defaultMount: DEFAULT_ENGINE_MOUNTS.gcp,
    configPaths: ['config'],
  },
  { kind: 'gcp-roleset', resourceType: 'vault_gcp_secret_roleset', roleSegment: 'roleset' },
  { kind: 'gcp-static-account', resourceType: 'vault_gcp_secret_static_account', roleSegment: 'static-account' },
  {
    kind: 'azure-engine',
    resourceType: 'vault_azure_secret_backend',
    defaultMount: DEFAULT_ENGINE_MOUNTS.azure,
    configPaths: ['config'],
  },
  { kind: 'azure-role', resourceType: 'vault_azure_secret_backend_role', roleSegment: 'roles' },
];

/** Every Vault object kind, by kind. */
export const VAULT_OBJECTS: Readonly<Record<VaultObjectKind, VaultObject>> = Object.freeze(
  Object.fromEntries(table.map((object) => [object.kind, object])) as Record<VaultObjectKind, VaultObject>,
);

/** The object kind a Vault provider resource type manages, or undefined. */
export function vaultObjectOfResource(resourceType: string): VaultObject | undefined {
  return table.find((object) => object.resourceType === resourceType);
}

/** A mount path without leading or trailing slashes, as Vault stores it. */
export function trimPath(path: string): string {
  return path.replace(/^\/+|\/+$/g, '');
}

/** The API path (and import id) of a JWT role: `auth/<mount>/role/<name>`. */
export function jwtRolePath(mountPath: string, roleName: string): string {
  return `auth/${trimPath(mountPath)}/role/${roleName}`;
}

/** The API path of an ACL policy: `sys/policies/acl/<name>` (the provider never uses the older `sys/policy/<name>`). */
export function policyPath(name: string): string {
  return `sys/policies/acl/${name}`;
}

/** The API path (and import id) of an engine role: `<mount>/roles/<name>`, `<mount>/roleset/<name>`, … */
export function engineRolePath(kind: 'aws-role' | 'gcp-roleset' | 'gcp-static-account' | 'azure-role', mountPath: string, name: string): string {
  return `${trimPath(mountPath)}/${VAULT_OBJECTS[kind].roleSegment}/${name}`;
}

/**
 * The import id of an object, as the Vault provider documents it: the path for mounts, the API path for roles, the
 * name for policies.
 */
export function importIdOf(kind: VaultObjectKind, mountPath: string, name?: string): string {
  switch (kind) {
    case 'jwt-auth-mount':
    case 'aws-engine':
    case 'gcp-engine':
    case 'azure-engine':
      return trimPath(mountPath);
    case 'jwt-role':
      return jwtRolePath(mountPath, required(kind, name));
    case 'policy':
      return required(kind, name);
    default:
      return engineRolePath(kind, mountPath, required(kind, name));
  }
}

function required(kind: VaultObjectKind, name: string | undefined): string {
  if (name === undefined) throw new Error(`a ${kind} needs a name`);
  return name;
}

/**
 * The Vault provider's defaults for the attributes the report follows when a block leaves them out (a mount's `path`,
 * the JWT mount's `type`), by resource type (registry.terraform.io/providers/hashicorp/vault, argument references).
 */
const providerDefaults: Record<string, Readonly<Record<string, string>>> = {
  [VAULT_OBJECTS['jwt-auth-mount'].resourceType]: { path: DEFAULT_VAULT_AUTH_PATH, type: 'jwt' },
  [VAULT_OBJECTS['aws-engine'].resourceType]: { path: DEFAULT_ENGINE_MOUNTS.aws },
  [VAULT_OBJECTS['gcp-engine'].resourceType]: { path: DEFAULT_ENGINE_MOUNTS.gcp },
  [VAULT_OBJECTS['azure-engine'].resourceType]: { path: DEFAULT_ENGINE_MOUNTS.azure },
};
export const PROVIDER_DEFAULTS: Readonly<Record<string, Readonly<Record<string, string>>>> = Object.freeze(providerDefaults);
