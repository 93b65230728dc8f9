import { AwsSecretBackend } from '@cdktf/provider-vault/lib/aws-secret-backend';
import { AwsSecretBackendRole } from '@cdktf/provider-vault/lib/aws-secret-backend-role';
import { AzureSecretBackend } from '@cdktf/provider-vault/lib/azure-secret-backend';
import { AzureSecretBackendRole } from '@cdktf/provider-vault/lib/azure-secret-backend-role';
import { GcpSecretBackend } from '@cdktf/provider-vault/lib/gcp-secret-backend';
import { GcpSecretRoleset } from '@cdktf/provider-vault/lib/gcp-secret-roleset';
import { GcpSecretStaticAccount } from '@cdktf/provider-vault/lib/gcp-secret-static-account';
import { JwtAuthBackend } from '@cdktf/provider-vault/lib/jwt-auth-backend';
import { JwtAuthBackendRole } from '@cdktf/provider-vault/lib/jwt-auth-backend-role';
import { Policy } from '@cdktf/provider-vault/lib/policy';
import { DefaultTokenResolver, StringConcat, TerraformResource, TerraformStack, Token, Tokenization } from 'cdktf';
import { Construct } from 'constructs';
import { ManagedVaultObject } from '../policy/pipeline';

/** Mount resources and the path each type uses when `path` is not set. */
const MOUNT_TYPES: ReadonlyArray<{ type: new (...args: any[]) => TerraformResource; defaultPath: string; auth: boolean; config?: string }> = [
  { type: JwtAuthBackend, defaultPath: 'jwt', auth: true },
  { type: AwsSecretBackend, defaultPath: 'aws', auth: false, config: 'config/root' },
  { type: GcpSecretBackend, defaultPath: 'gcp', auth: false, config: 'config' },
  { type: AzureSecretBackend, defaultPath: 'azure', auth: false, config: 'config' },
];

/**
 * Every Vault object the resources below `scope` manage, found by walking the construct tree: JWT auth mounts and
 * roles, policies, secrets-engine mounts and their roles. A role's mount is a reference when the same stack creates
 * the mount; it is followed to the mount resource's literal path.
 *
 * @throws when a name, path or namespace is a reference that cannot be followed to a literal
 */
export function managedVaultObjects(scope: Construct): ManagedVaultObject[] {
  const stack = TerraformStack.of(scope);
  const resources = scope.node.findAll().filter((c): c is TerraformResource => c instanceof TerraformResource);
  const literal = (resource: TerraformResource, what: string, value: string | undefined, fallback?: string): string => {
    const v = value ?? fallback;
    if (v === undefined || Token.isUnresolved(v)) {
      throw new Error(
        `${resource.node.path}: its ${what} ${v === undefined ? 'is not set' : 'is a reference'}, so the pipeline policy cannot name the Vault path it manages; give ${what} a literal value`,
      );
    }
    return v;
  };
  const namespaceOf = (resource: TerraformResource & { namespaceInput?: string }): string | undefined => {
    const ns = resource.namespaceInput;
    return ns === undefined || ns === '' ? undefined : literal(resource, 'namespace', ns);
  };

  // Mount path by the reference expression other resources use for it ("${vault_aws_secret_backend.x.path}").
  const mountByReference = new Map<string, string>();
  const objects: ManagedVaultObject[] = [];
  for (const resource of resources) {
    const mountType = MOUNT_TYPES.find((m) => resource instanceof m.type);
    if (mountType === undefined) continue;
    const path = literal(resource, 'path', (resource as unknown as { pathInput?: string }).pathInput, mountType.defaultPath).replace(/^\/+|\/+$/g, '');
    mountByReference.set(`\${${resource.terraformResourceType}.${resource.friendlyUniqueId}.path}`, path);
    objects.push({
      kind: mountType.auth ? 'auth-mount' : 'secrets-mount',
      namespace: namespaceOf(resource),
      path,
      configPaths: mountType.config === undefined ? undefined : [mountType.config],
    });
  }
  const backendOf = (resource: TerraformResource & { backendInput?: string }): string => {
    const value = resource.backendInput;
    if (value !== undefined && Token.isUnresolved(value)) {
      const resolved = Tokenization.resolve(value, { scope: stack, resolver: new DefaultTokenResolver(new StringConcat()) });
      const path = typeof resolved === 'string' ? mountByReference.get(resolved) : undefined;
      if (path !== undefined) return path;
    }
    return literal(resource, 'backend', value).replace(/^\/+|\/+$/g, '');
  };

  for (const resource of resources) {
    if (resource instanceof JwtAuthBackendRole) {
      const name = literal(resource, 'role_name', resource.roleNameInput);
      objects.push({ kind: 'jwt-role', namespace: namespaceOf(resource), path: `${backendOf(resource)}/role/${name}` });
    } else if (resource instanceof Policy) {
      objects.push({ kind: 'policy', namespace: namespaceOf(resource), path: literal(resource, 'name', resource.nameInput) });
    } else if (resource instanceof AwsSecretBackendRole) {
      const name = literal(resource, 'name', resource.nameInput);
      objects.push({ kind: 'engine-role', namespace: namespaceOf(resource), path: `${backendOf(resource)}/roles/${name}` });
    } else if (resource instanceof AzureSecretBackendRole) {
      const name = literal(resource, 'role', resource.roleInput);
      objects.push({ kind: 'engine-role', namespace: namespaceOf(resource), path: `${backendOf(resource)}/roles/${name}` });
    } else if (resource instanceof GcpSecretRoleset) {
      const name = literal(resource, 'roleset', resource.rolesetInput);
      objects.push({ kind: 'engine-role', namespace: namespaceOf(resource), path: `${backendOf(resource)}/roleset/${name}` });
    } else if (resource instanceof GcpSecretStaticAccount) {
      const name = literal(resource, 'static_account', resource.staticAccountInput);
      objects.push({ kind: 'engine-role', namespace: namespaceOf(resource), path: `${backendOf(resource)}/static-account/${name}` });
    }
  }
  return objects;
}
