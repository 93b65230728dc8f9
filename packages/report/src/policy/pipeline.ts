/**
 * The Vault policy of the pipeline that applies a trust stack: exactly the API paths the Vault provider calls to
 * create, read, update and delete the objects the stack manages, and nothing else.
 *
 * Facts from the Vault provider's source (hashicorp/terraform-provider-vault, `vault/resource_*.go`,
 * `util/mountutil`, `internal/provider/meta.go`) and Vault's API (`api/sys_policy.go`, `api/sys_mounts.go`):
 * - `vault_jwt_auth_backend` enables, reads and disables the mount at `sys/auth/<path>`, reads and writes its tuning
 *   at `sys/mounts/auth/<path>/tune` and its configuration at `auth/<path>/config`. It reads the mount back with
 *   `GET sys/mounts/auth/<path>` (vault/api `Sys().GetAuth`, which needs no `sudo`); a real OpenBao run of the
 *   provider's calls found that read (test/engines/pipeline.test.ts). Vault requires `sudo` on every
 *   `sys/auth/...` path (https://developer.hashicorp.com/vault/api-docs/system/auth).
 * - `vault_jwt_auth_backend_role` writes, reads and deletes `auth/<mount>/role/<name>`.
 * - `vault_policy` uses `sys/policies/acl/<name>` (never the older `sys/policy/<name>`), reading it before it writes.
 * - Secrets-engine backends mount, read and unmount at `sys/mounts/<path>`, tune at `sys/mounts/<path>/tune`, and
 *   write their configuration below the mount (`config/root` for AWS, `config` for GCP and Azure).
 * - Engine roles write, read and delete `<mount>/roles/<name>` (AWS, Azure), `<mount>/roleset/<name>` and
 *   `<mount>/static-account/<name>` (GCP).
 * - The provider itself reads `auth/token/lookup-self` when it starts. Unless `skip_child_token` is set it also
 *   creates a child token at `auth/token/create`, which this policy deliberately does not allow.
 *
 * Resource namespaces are relative to the namespace of the pipeline token, so each path is prefixed with the
 * resource's namespace: Vault lets a policy in a parent namespace address a child namespace's paths that way.
 */
import { policyPath } from '../catalogue/vault-objects';
import { PolicyDocument, VaultCapability } from './document';

/** An object the trust stack manages in Vault. `namespace` is relative to the pipeline token's namespace. */
export interface ManagedVaultObject {
  /** What the object is. */
  readonly kind: 'auth-mount' | 'jwt-role' | 'policy' | 'secrets-mount' | 'engine-role';
  /** Vault namespace of the object, relative to the pipeline token's namespace; empty or absent for the same one. */
  readonly namespace?: string;
  /**
   * Which object: the mount path for `auth-mount` and `secrets-mount`, the role's API path for `jwt-role`
   * (`auth/<mount>/role/<name>`) and `engine-role` (`aws/roles/deploy`, `gcp/roleset/viewer`), the policy name for
   * `policy` (API paths as the domain catalogue writes them: `jwtRolePath`, `engineRolePath`).
   */
  readonly path: string;
  /** Configuration paths below a secrets mount the provider writes (`config/root`, `config`). */
  readonly configPaths?: readonly string[];
}

/** Create, read, update and delete: what the provider needs on an object it owns. */
const CRUD: readonly VaultCapability[] = ['create', 'read', 'update', 'delete'];
/** Read and write, for configuration and tuning endpoints the provider never deletes. */
const READ_WRITE: readonly VaultCapability[] = ['create', 'read', 'update'];
const TUNE: readonly VaultCapability[] = ['read', 'update'];

/** `<namespace>/<path>`, or the path alone in the token's own namespace. */
export function namespacedPath(namespace: string | undefined, path: string): string {
  const ns = (namespace ?? '').replace(/^\/+|\/+$/g, '');
  const clean = path.replace(/^\/+/, '');
  return ns === '' ? clean : `${ns}/${clean}`;
}

/** The API paths and capabilities the Vault provider needs for one managed object. */
export function pipelineRulesFor(object: ManagedVaultObject): Array<{ path: string; capabilities: readonly VaultCapability[] }> {
  const at = (path: string) => namespacedPath(object.namespace, path);
  const own = object.path.replace(/^\/+|\/+$/g, '');
  switch (object.kind) {
    case 'auth-mount':
      return [
        { path: at(`sys/auth/${own}`), capabilities: [...CRUD, 'sudo'] },
        { path: at(`sys/mounts/auth/${own}`), capabilities: ['read'] },
        { path: at(`sys/mounts/auth/${own}/tune`), capabilities: TUNE },
        { path: at(`auth/${own}/config`), capabilities: READ_WRITE },
      ];
    case 'jwt-role':
      return [{ path: at(own), capabilities: CRUD }];
    case 'policy':
      return [{ path: at(policyPath(own)), capabilities: CRUD }];
    case 'secrets-mount':
      return [
        { path: at(`sys/mounts/${own}`), capabilities: CRUD },
        { path: at(`sys/mounts/${own}/tune`), capabilities: TUNE },
        ...(object.configPaths ?? []).map((config) => ({ path: at(`${own}/${config}`), capabilities: READ_WRITE })),
      ];
    case 'engine-role':
      return [{ path: at(own), capabilities: CRUD }];
  }
}

/**
 * The least-privilege policy of the token that plans and applies a trust stack managing `objects`: the provider's
 * own `auth/token/lookup-self`, plus {@link pipelineRulesFor} of each object. No glob, no segment wildcard.
 */
export function pipelinePolicyDocument(objects: readonly ManagedVaultObject[]): PolicyDocument {
  const document = new PolicyDocument();
  document.addRule('auth/token/lookup-self', ['read']);
  for (const object of objects) {
    for (const rule of pipelineRulesFor(object)) document.addRule(rule.path, rule.capabilities);
  }
  return document;
}
