import { AzureSecretBackend } from '@cdktf/provider-vault/lib/azure-secret-backend';
import { AzureSecretBackendRole } from '@cdktf/provider-vault/lib/azure-secret-backend-role';
import { TerraformVariable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { ConstructorHandOver } from '../private/constructor-hand-over';
import { vaultNameProblem } from 'vault-backed-credentials-report/claims';
import { addChecks, isUnresolved, secondsProblem } from '../private/synth-checks';
import { azureCredentialPath } from 'vault-backed-credentials-report/env';
import { duplicateRoleProblems, engineTtlProblems, mountPathProblems, secretVariableProblem } from '../private/engine-checks';
import { CredentialCloud, ISecretsEngineRole } from './secrets-engine-role';
import { GUID, AZURE_ENVIRONMENT, TOKEN_AUDIENCE, DEFAULT_ENGINE_MOUNTS } from 'vault-backed-credentials-report/catalogue';
import { warn } from '../private/warnings';
import { identifierProblem } from '../private/identifier-checks';
import { literalText } from '../private/terraform-literals';
import { claimEngineRole, claimSecretsMount } from '../private/tree-checks';
import { LITERAL_BECAUSE, literalRequired } from '../private/errors';

/** Client id and secret of the service principal the Azure secrets engine acts as. */
export interface AzureEngineClientCredentials {
  /** Application (client) id of the engine's service principal. */
  readonly clientId: string;
  /**
   * Variable holding the client secret; it must be declared `sensitive: true`. The secret lands in Terraform state:
   * the pinned Vault provider bindings have no write-only `client_secret_wo`.
   */
  readonly clientSecret: TerraformVariable;
}

/** Plugin workload identity federation (Vault Enterprise 1.17+): Vault signs in as an application with its own identity token. */
export interface AzureEngineWorkloadIdentity {
  /** Application (client) id whose federated credential trusts Vault's identity token. */
  readonly clientId: string;
  /** Audience of Vault's identity token; the federated credential's audience (usually `api://AzureADTokenExchange`). */
  readonly identityTokenAudience: string;
  /**
   * Lifetime of Vault's identity token in seconds.
   *
   * @default - Vault's default
   */
  readonly identityTokenTtlSeconds?: number;
}

/** An Azure secrets engine mounted and configured outside this stack, for {@link AzureSecretsEngine.fromMountPath}. */
export interface ImportedAzureSecretsEngineProps {
  /** Mount path of the existing engine. */
  readonly mountPath: string;

  /** Subscription the existing engine works in. Runs receive it as `ARM_SUBSCRIPTION_ID` unless a grant names another. */
  readonly subscriptionId: string;

  /** Microsoft Entra tenant of the existing engine's service principal. Runs receive it as `ARM_TENANT_ID`. */
  readonly tenantId: string;

  /**
   * Vault Enterprise namespace of the engine, relative to the Vault provider's namespace. Must be the namespace of the
   * JWT auth mount whose runs read from it.
   *
   * @default - the Vault provider's namespace
   */
  readonly vaultNamespace?: string;
}

/** Properties of {@link AzureSecretsEngine}: a new mount. Reference an existing one with {@link AzureSecretsEngine.fromMountPath}. */
export interface AzureSecretsEngineProps {
  /**
   * Take over the mount that already exists at `path` instead of creating it: a Terraform `import` block with the
   * mount path as id. The first plan updates its settings in place where they differ.
   *
   * @default false
   */
  readonly adopt?: boolean;

  /**
   * Subscription the engine works in. Runs receive it as `ARM_SUBSCRIPTION_ID` unless a grant names another.
   */
  readonly subscriptionId: string;

  /** Microsoft Entra tenant of the engine's service principal. Runs receive it as `ARM_TENANT_ID`. */
  readonly tenantId: string;

  /**
   * Mount path of the engine.
   *
   * @default "azure"
   */
  readonly path?: string;

  /**
   * Vault Enterprise namespace of the engine and its roles. Must be the namespace of the JWT auth mount whose runs
   * read from it.
   *
   * @default - the Vault provider's namespace
   */
  readonly vaultNamespace?: string;

  /**
   * Client id and client secret (from a sensitive variable) of the engine's service principal. The secret lands in
   * Terraform state; prefer `workloadIdentity` where Vault Enterprise supports it.
   *
   * @default - none: Vault uses workload identity or the managed identity of its host
   */
  readonly clientCredentials?: AzureEngineClientCredentials;

  /**
   * Plugin workload identity federation: no client secret at all.
   *
   * @default - not used
   */
  readonly workloadIdentity?: AzureEngineWorkloadIdentity;

  /**
   * Azure cloud, e.g. `AzureUSGovernmentCloud`.
   *
   * @default - Vault's default, "AzurePublicCloud"
   */
  readonly environment?: string;

  /**
   * Default lease TTL of issued credentials, in seconds.
   *
   * @default - Vault's system default
   */
  readonly defaultLeaseTtlSeconds?: number;

  /**
   * Maximum lease TTL of issued credentials, in seconds.
   *
   * @default - Vault's system maximum
   */
  readonly maxLeaseTtlSeconds?: number;

  /**
   * Description of the mount.
   *
   * @default "Azure credentials for HCP Terraform runs"
   */
  readonly description?: string;
}

/** An Azure RBAC role that dynamic service principals receive at one scope. */
export interface AzureRbacRole {
  /** Scope of the assignment, e.g. `/subscriptions/<id>/resourceGroups/<group>`. */
  readonly scope: string;
  /**
   * Role by display name, e.g. `Reader` (looked up case-insensitively; must match exactly one role). Give this or
   * `roleId`.
   *
   * @default - none
   */
  readonly roleName?: string;
  /**
   * Role by definition id, e.g. `/subscriptions/<id>/providers/Microsoft.Authorization/roleDefinitions/<guid>`.
   * Give this or `roleName`.
   *
   * @default - none
   */
  readonly roleId?: string;
}

/** Properties of an {@link AzureEngineRole}. */
export interface AzureEngineRoleProps {
  /**
   * Not supported: `true` fails synthesis. The Vault provider imports `vault_azure_secret_backend_role` without
   * reading `role` and `backend` back (hashicorp/terraform-provider-vault `vault/resource_azure_secret_backend_role.go`,
   * v5.6.0 to v5.9.0: a pass-through importer, and a read that sets only the TTLs, the application and the role
   * lists), and both force replacement, so an imported role would be destroyed and re-created by the first apply.
   * Leave it unset and give `name` the existing role's name instead: the provider writes the role with Vault's
   * create-or-update call, so the first apply overwrites the existing role in place.
   *
   * @default false
   */
  readonly adopt?: boolean;

  /**
   * Role name inside the engine.
   *
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * Azure roles Vault assigns to each dynamic service principal.
   *
   * @default - none
   */
  readonly azureRoles?: AzureRbacRole[];
  /**
   * Names of Microsoft Entra groups each dynamic service principal joins.
   *
   * @default - none
   */
  readonly azureGroups?: string[];
  /**
   * Object id of an existing application: Vault adds a client secret to it instead of creating a service principal
   * (and `azureRoles` would be ignored, so they are rejected).
   *
   * @default - a new service principal per lease
   */
  readonly applicationObjectId?: string;
  /**
   * Default lease of the credentials, in seconds (Vault's `ttl` of the role; 1 to 31,536,000).
   *
   * @default - the mount's default lease
   */
  readonly ttlSeconds?: number;
  /**
   * Longest lease of the credentials, in seconds (Vault's `max_ttl` of the role; 1 to 31,536,000).
   *
   * @default - the mount's maximum lease
   */
  readonly maxTtlSeconds?: number;
  /**
   * Delete applications permanently when the lease ends, instead of leaving them in the Entra recycle bin.
   *
   * @default false
   */
  readonly permanentlyDelete?: boolean;
  /**
   * Description of the role.
   *
   * @default - none
   */
  readonly description?: string;
}

/** The subscription and tenant runs receive must be GUIDs, for a new engine and an imported one alike. */
function azureIdProblems(props: { readonly subscriptionId: string; readonly tenantId: string }): string[] {
  const problems: string[] = [];
  for (const [what, value] of [['subscriptionId', props.subscriptionId], ['tenantId', props.tenantId]] as const) {
    if (value === undefined || value === null || (!isUnresolved(value) && !GUID.test(value))) {
      problems.push(`${what} ${JSON.stringify(value)} is not a GUID such as "00000000-0000-0000-0000-000000000000"; copy it from the Azure portal`);
    }
  }
  return problems;
}

const ROLE_DEFINITION_ID = /^(\/subscriptions\/[0-9a-fA-F-]{36})?\/providers\/Microsoft\.Authorization\/roleDefinitions\/[0-9a-fA-F-]{36}$/;

/** The attributes {@link AzureSecretsEngine.fromMountPath} hands to the constructor. */
const imports = new ConstructorHandOver<ImportedAzureSecretsEngineProps>();

/**
 * Vault's Azure secrets engine: created here (with a client secret from a sensitive variable, plugin workload
 * identity, or the Vault host's managed identity), or an existing mount referenced with {@link fromMountPath}. Roles
 * are added with {@link addRole}. Needs only `@cdktf/provider-vault`.
 *
 * @example
 * // On plugin workload identity: Vault holds no client secret.
 * const azure = trust.addAzureSecretsEngine('azure', {
 *   subscriptionId: '00000000-0000-4000-8000-000000000001',
 *   tenantId: '00000000-0000-4000-8000-000000000002',
 *   workloadIdentity: { clientId: '00000000-0000-4000-8000-000000000003', identityTokenAudience: 'api://AzureADTokenExchange' },
 * });
 * const reader = azure.addRole('reader', {
 *   azureRoles: [{ roleName: 'Reader', scope: '/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/network' }],
 *   ttlSeconds: 3600,
 * });
 */
export class AzureSecretsEngine extends Construct {
  /**
   * References an Azure secrets engine that is mounted and configured outside this stack: no mount resource is
   * created, and roles added to it are written into the existing mount.
   */
  public static fromMountPath(scope: Construct, id: string, props: ImportedAzureSecretsEngineProps): AzureSecretsEngine {
    return imports.run(props, () => new AzureSecretsEngine(scope, id, { subscriptionId: props.subscriptionId, tenantId: props.tenantId }));
  }

  /** Literal mount path. */
  public readonly mountPath: string;
  /** Mount path reference for dependants. */
  public readonly mountPathReference: string;
  /** Vault Enterprise namespace, if any. */
  public readonly vaultNamespace?: string;
  /** Subscription id for runs (a reference to the mount's when this stack creates it). */
  public readonly subscriptionId: string;
  /** Tenant id for runs (a reference to the mount's when this stack creates it). */
  public readonly tenantId: string;
  /** The mount resource; undefined for an engine referenced with {@link fromMountPath}. */
  public readonly backend?: AzureSecretBackend;

  constructor(scope: Construct, id: string, props: AzureSecretsEngineProps) {
    super(scope, id);
    const imported = imports.take();
    if (imported !== undefined) {
      this.mountPath = imported.mountPath;
      this.mountPathReference = imported.mountPath;
      this.vaultNamespace = imported.vaultNamespace;
      this.subscriptionId = imported.subscriptionId;
      this.tenantId = imported.tenantId;
      addChecks(this, () => [...this.mountProblems(), ...azureIdProblems(imported)]);
      return;
    }
    this.mountPath = props.path ?? DEFAULT_ENGINE_MOUNTS.azure;
    claimSecretsMount(this, 'azure-engine', this.mountPath, props.vaultNamespace);
    this.vaultNamespace = props.vaultNamespace;
    addChecks(this, () => [...this.mountProblems(), ...azureIdProblems(props), ...this.engineProblems(props)]);

    if (props.clientCredentials) {
      warn(
        this,
        'secret-in-state',
        'The Azure secrets engine client secret will be stored in Terraform state (the Vault provider bindings in use have no write-only client_secret_wo). ' +
          'Protect the state, rotate the secret with Vault\'s rotate-root after the first apply, or use workloadIdentity.',
      );
    }
    this.backend = new AzureSecretBackend(this, 'backend', {
      path: this.mountPath,
      namespace: props.vaultNamespace,
      description: literalText(props.description) ?? 'Azure credentials for HCP Terraform runs',
      subscriptionId: props.subscriptionId,
      tenantId: props.tenantId,
      clientId: props.clientCredentials?.clientId ?? props.workloadIdentity?.clientId,
      clientSecret: props.clientCredentials?.clientSecret.stringValue,
      identityTokenAudience: props.workloadIdentity?.identityTokenAudience,
      identityTokenTtl: props.workloadIdentity?.identityTokenTtlSeconds,
      environment: props.environment,
      defaultLeaseTtlSeconds: props.defaultLeaseTtlSeconds,
      maxLeaseTtlSeconds: props.maxLeaseTtlSeconds,
    });
    this.mountPathReference = this.backend.path;
    if (props.adopt) this.backend.importFrom(this.mountPath);
    this.subscriptionId = this.backend.subscriptionId;
    this.tenantId = this.backend.tenantId;
  }

  /** Adds a role: dynamic service principals with `azureRoles`/`azureGroups`, or secrets on an existing application. */
  public addRole(id: string, props: AzureEngineRoleProps): AzureEngineRole {
    return new AzureEngineRole(this, id, props);
  }

  /** Problems of the mount path and of the roles written into it, created or referenced. */
  private mountProblems(): string[] {
    return [...mountPathProblems('Azure secrets engine', this.mountPath), ...duplicateRoleProblems(this, this.mountPath)];
  }

  private engineProblems(props: AzureSecretsEngineProps): string[] {
    const problems: string[] = [];
    if (props.clientCredentials && props.workloadIdentity) {
      problems.push('clientCredentials and workloadIdentity are mutually exclusive; choose one way for Vault to sign in to Azure');
    }
    const secret = secretVariableProblem('client secret', props.clientCredentials?.clientSecret);
    if (secret) problems.push(secret);
    const audience = props.workloadIdentity?.identityTokenAudience;
    if (audience !== undefined && !isUnresolved(audience) && audience.trim() === '') {
      problems.push(`workloadIdentity.identityTokenAudience ${JSON.stringify(audience)} is empty; use the audience of the federated credential that trusts ` +
        `Vault (usually "api://AzureADTokenExchange")`);
    } else {
      const p = identifierProblem('workloadIdentity.identityTokenAudience', audience, TOKEN_AUDIENCE.grammar, TOKEN_AUDIENCE.rule);
      if (p) problems.push(p);
    }
    const environment = identifierProblem('environment', props.environment, AZURE_ENVIRONMENT.grammar, AZURE_ENVIRONMENT.rule);
    if (environment) problems.push(environment);
    const clientId = props.clientCredentials?.clientId ?? props.workloadIdentity?.clientId;
    if (clientId !== undefined && !isUnresolved(clientId) && !GUID.test(clientId)) {
      problems.push(`client id ${JSON.stringify(clientId)} is not a GUID; use the application (client) id of the engine's service principal`);
    }
    problems.push(...engineTtlProblems({ ...props, identityTokenTtlSeconds: props.workloadIdentity?.identityTokenTtlSeconds }));
    return problems;
  }
}

/** A role of the Vault Azure secrets engine, and the path runs read to use it (`<mount>/creds/<role>`). */
export class AzureEngineRole extends Construct implements ISecretsEngineRole {
  public readonly cloud: CredentialCloud = CredentialCloud.AZURE;
  public readonly roleName: string;
  public readonly roleNameReference: string;
  public readonly mountPath: string;
  public readonly mountPathReference: string;
  public readonly vaultNamespace?: string;
  public readonly credentialPath: string;
  /** `dynamic_service_principal` or `existing_service_principal` (informational; HCP Terraform has no Azure auth type). */
  public readonly credentialType: string;
  /** Whether each lease creates a new service principal (true unless `applicationObjectId` is set). */
  public readonly createsServicePrincipals: boolean;
  /** The engine the role belongs to. */
  public readonly engine: AzureSecretsEngine;
  /** The role resource. */
  public readonly resource: AzureSecretBackendRole;

  constructor(engine: AzureSecretsEngine, id: string, props: AzureEngineRoleProps) {
    super(engine, id);
    this.engine = engine;
    this.roleName = props.name ?? id;
    claimEngineRole(this, engine, engine.mountPath, engine.vaultNamespace, 'azure-role', this.roleName, { child: 'role', field: 'role' });
    this.mountPath = engine.mountPath;
    this.mountPathReference = engine.mountPathReference;
    this.vaultNamespace = engine.vaultNamespace;
    this.createsServicePrincipals = props.applicationObjectId === undefined;
    this.credentialType = this.createsServicePrincipals ? 'dynamic_service_principal' : 'existing_service_principal';
    this.credentialPath = azureCredentialPath(this.mountPath, this.roleName);

    addChecks(this, () => this.roleProblems(props));

    const roles = props.azureRoles ?? [];
    const groups = props.azureGroups ?? [];
    this.resource = new AzureSecretBackendRole(this, 'role', {
      backend: engine.mountPathReference,
      namespace: engine.vaultNamespace,
      role: this.roleName,
      description: literalText(props.description),
      azureRoles: roles.length > 0 ? roles.map((r) => ({ scope: literalText(r.scope), roleName: literalText(r.roleName), roleId: r.roleId })) : undefined,
      azureGroups: groups.length > 0 ? groups.map((groupName) => ({ groupName: literalText(groupName) })) : undefined,
      applicationObjectId: props.applicationObjectId,
      ttl: props.ttlSeconds === undefined ? undefined : String(props.ttlSeconds),
      maxTtl: props.maxTtlSeconds === undefined ? undefined : String(props.maxTtlSeconds),
      permanentlyDelete: props.permanentlyDelete,
    });
    this.roleNameReference = this.resource.role;
  }

  private roleProblems(props: AzureEngineRoleProps): string[] {
    const problems: string[] = [];
    const what = `Azure role ${JSON.stringify(this.roleName)}`;
    if (isUnresolved(this.roleName)) {
      problems.push(literalRequired('the Azure engine role name', 'string', LITERAL_BECAUSE.policyPath));
    } else {
      const p = vaultNameProblem('Vault role name', this.roleName);
      if (p) problems.push(p);
    }
    if (props.adopt) {
      problems.push(
        `${what} sets adopt, which the Vault provider cannot do without replacing it: importing vault_azure_secret_backend_role leaves ` +
          '"role" and "backend" empty in state and both force replacement, so the first apply would destroy and re-create the role; ' +
          'remove adopt and keep name equal to the existing role\'s name (the provider\'s create-or-update write then overwrites it in place)',
      );
    }
    const roles = props.azureRoles ?? [];
    const groups = props.azureGroups ?? [];
    if (roles.length === 0 && groups.length === 0 && props.applicationObjectId === undefined) {
      problems.push(`${what} has neither azureRoles, azureGroups nor applicationObjectId, so its credentials could do nothing; give the roles (with scopes) ` +
        `or groups the service principal needs, or the object id of an existing application`);
    }
    if (props.applicationObjectId !== undefined && roles.length > 0) {
      problems.push(`${what} sets applicationObjectId, and Vault ignores azureRoles for an existing application; assign its roles in Azure and remove ` +
        `azureRoles, or drop applicationObjectId`);
    }
    if (props.applicationObjectId !== undefined && !isUnresolved(props.applicationObjectId) && !GUID.test(props.applicationObjectId)) {
      problems.push(`${what} applicationObjectId ${JSON.stringify(props.applicationObjectId)} is not a GUID; use the application's object id (not its ` +
        `client id)`);
    }
    roles.forEach((role, index) => {
      const label = `${what} azureRoles[${index}]`;
      if (role.scope === undefined || role.scope === null || (!isUnresolved(role.scope) && !role.scope.startsWith('/'))) {
        problems.push(`${label} scope ${JSON.stringify(role.scope)} is not an Azure resource id; use e.g. "/subscriptions/<id>/resourceGroups/<group>"`);
      }
      const byName = role.roleName !== undefined;
      const byId = role.roleId !== undefined;
      if (byName === byId) {
        problems.push(`${label} must name the role exactly one way: set roleName (e.g. "Reader") or roleId, not ${byName ? 'both' : 'neither'}`);
      }
      if (byId && !isUnresolved(role.roleId!) && !ROLE_DEFINITION_ID.test(role.roleId!)) {
        problems.push(`${label} roleId ${JSON.stringify(role.roleId)} is not a role definition id ` +
          `(/subscriptions/<id>/providers/Microsoft.Authorization/roleDefinitions/<guid>)`);
      }
    });
    groups.forEach((group, index) => {
      if (!isUnresolved(group) && group.trim() === '') {
        problems.push(`${what} azureGroups[${index}] is empty; give the display name of a Microsoft Entra group`);
      }
    });
    for (const [field, value] of [['ttlSeconds', props.ttlSeconds], ['maxTtlSeconds', props.maxTtlSeconds]] as const) {
      const problem = secondsProblem(`${what} ${field}`, value, 1, 31536000);
      if (problem) problems.push(problem);
    }
    const { ttlSeconds: ttl, maxTtlSeconds: max } = props;
    if (ttl !== undefined && max !== undefined && !Token.isUnresolved(ttl) && !Token.isUnresolved(max) && ttl > max) {
      problems.push(`${what} ttlSeconds (${ttl}) exceeds maxTtlSeconds (${max}); lower ttlSeconds or raise maxTtlSeconds`);
    }
    return problems;
  }
}

