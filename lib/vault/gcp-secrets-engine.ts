import { GcpSecretBackend } from '@cdktf/provider-vault/lib/gcp-secret-backend';
import { GcpSecretRoleset } from '@cdktf/provider-vault/lib/gcp-secret-roleset';
import { GcpSecretStaticAccount } from '@cdktf/provider-vault/lib/gcp-secret-static-account';
import { ITerraformDependable, TerraformVariable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { ConstructorHandOver } from '../private/constructor-hand-over';
import { vaultNameProblem } from 'vault-backed-credentials-report/claims';
import { addChecks, isUnresolved } from '../private/synth-checks';
import { gcpCredentialPath, GcpAuthTypeName } from 'vault-backed-credentials-report/env';
import { duplicateRoleProblems, engineTtlProblems, mountPathProblems, secretVariableProblem } from '../private/engine-checks';
import { CredentialCloud, ISecretsEngineRole } from './secrets-engine-role';
import { warn } from '../private/warnings';
import { identifierProblem } from '../private/identifier-checks';
import { literalText } from '../private/terraform-literals';
import { claimEngineRole, claimSecretsMount } from '../private/tree-checks';
import { TOKEN_AUDIENCE, importIdOf, GCP_PROJECT_ID, GCP_ACCESS_TOKEN_SECONDS, DEFAULT_ENGINE_MOUNTS } from 'vault-backed-credentials-report/catalogue';
import { LITERAL_BECAUSE, literalRequired } from '../private/errors';

/** The secret a GCP engine role issues. */
export enum GcpSecretType {
  /**
   * An OAuth2 access token (`<mount>/.../token`). Not renewable and valid for one hour, so a plan or apply that runs
   * longer loses access. Needs `tokenScopes`.
   */
  ACCESS_TOKEN = 'access_token',
  /** A service-account key (`<mount>/.../key`), leased and revoked with the run's Vault token. */
  SERVICE_ACCOUNT_KEY = 'service_account_key',
}

/** The two kinds of GCP engine role HCP Terraform runs can use (it has no auth type for impersonated accounts). */
export enum GcpEngineRoleKind {
  /** A roleset: Vault creates and owns a service account with the roleset's bindings. */
  ROLESET = 'roleset',
  /** A static account: an existing service account Vault issues credentials for. */
  STATIC_ACCOUNT = 'static_account',
}

/**
 * Service-account key JSON passed through the write-only `credentials_wo` argument: Vault receives it, but neither
 * the plan nor the Vault provider's state keeps it. Needs Terraform 1.11 or later. Where the key comes from matters:
 * a key made by `google_service_account_key` in the same configuration (such as
 * {@link GcpSecretsEngineServiceAccount.credentialsJson}) still sits in the Google provider's state as that
 * resource's `private_key`; only a key created outside Terraform and passed as a sensitive variable stays out of
 * state altogether.
 *
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/google_service_account_key
 */
export interface GcpEngineWriteOnlyCredentials {
  /**
   * The key JSON as a reference: a sensitive Terraform variable (`variable.stringValue`) or a key resource
   * attribute (for example {@link GcpSecretsEngineServiceAccount.credentialsJson}). A literal is rejected: it would
   * put the key in source code.
   */
  readonly credentialsJson: string;
  /**
   * Version of the write-only value. Terraform cannot see a write-only value change, so raise this number to make
   * it send a new key.
   *
   * @default 1
   */
  readonly version?: number;
}

/** Plugin workload identity federation (Vault Enterprise 1.17+): Vault impersonates a service account with its own identity token. */
export interface GcpEngineWorkloadIdentity {
  /** Audience of Vault's identity token; an audience the Workload Identity Pool provider accepts. */
  readonly identityTokenAudience: string;
  /** Service account Vault impersonates (for example {@link GcpSecretsEngineServiceAccount.email}). */
  readonly serviceAccountEmail: string;
  /**
   * Lifetime of Vault's identity token in seconds.
   *
   * @default - Vault's default
   */
  readonly identityTokenTtlSeconds?: number;
}

/** A GCP secrets engine mounted and configured outside this stack, for {@link GcpSecretsEngine.fromMountPath}. */
export interface ImportedGcpSecretsEngineProps {
  /** Mount path of the existing engine. */
  readonly mountPath: string;

  /**
   * Vault Enterprise namespace of the engine, relative to the Vault provider's namespace. Must be the namespace of the
   * JWT auth mount whose runs read from it.
   *
   * @default - the Vault provider's namespace
   */
  readonly vaultNamespace?: string;
}

/** Properties of {@link GcpSecretsEngine}: a new mount. Reference an existing one with {@link GcpSecretsEngine.fromMountPath}. */
export interface GcpSecretsEngineProps {
  /**
   * Take over the mount that already exists at `path` instead of creating it: a Terraform `import` block with the
   * mount path as id. The first plan updates its settings in place where they differ.
   *
   * @default false
   */
  readonly adopt?: boolean;

  /**
   * Mount path of the engine.
   *
   * @default "gcp"
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
   * Service-account key JSON from a Terraform variable that must be declared `sensitive: true`. The key lands in
   * Terraform state (the `credentials` argument is stored); prefer `writeOnlyCredentials` or `workloadIdentity`.
   *
   * @default - none
   */
  readonly credentials?: TerraformVariable;

  /**
   * Service-account key JSON through the write-only `credentials_wo` argument, which the Vault provider does not store
   * in state (a key from `google_service_account_key` is still in the Google provider's state).
   *
   * @default - none
   */
  readonly writeOnlyCredentials?: GcpEngineWriteOnlyCredentials;

  /**
   * Plugin workload identity federation: no key at all.
   *
   * @default - not used
   */
  readonly workloadIdentity?: GcpEngineWorkloadIdentity;

  /**
   * Default lease TTL of service-account keys issued through the mount, in seconds.
   *
   * @default - Vault's system default
   */
  readonly defaultLeaseTtlSeconds?: number;

  /**
   * Maximum lease TTL of service-account keys issued through the mount, in seconds.
   *
   * @default - Vault's system maximum
   */
  readonly maxLeaseTtlSeconds?: number;

  /**
   * Resources the mount is created after (its `depends_on`), typically the project roles of the service account it
   * acts as, so that Vault writes rolesets only once it may: `dependsOn: engineAccount.projectRoles` (see
   * {@link GcpSecretsEngineServiceAccount}). Pass the resources themselves: Terraform accepts only static
   * references in `depends_on` and refuses a `${...}` string such as a resource's `fqn`.
   *
   * @default - none
   */
  readonly dependsOn?: ITerraformDependable[];

  /**
   * Description of the mount.
   *
   * @default "GCP credentials for HCP Terraform runs"
   */
  readonly description?: string;
}

/** One IAM binding of a roleset or static account: the roles its service account holds on one resource. */
export interface GcpBinding {
  /**
   * Full resource name, e.g. `//cloudresourcemanager.googleapis.com/projects/my-project`.
   */
  readonly resource: string;
  /** Roles granted on the resource, e.g. `roles/viewer` or `projects/my-project/roles/custom`. */
  readonly roles: string[];
}

/** Options shared by rolesets and static accounts. */
export interface GcpEngineRoleOptions {
  /**
   * Take over the engine role that already exists under this name instead of creating it: a Terraform `import` block
   * with id `<mount>/roleset/<name>` or `<mount>/static-account/<name>`. Give `name` the existing role's name.
   *
   * @default false
   */
  readonly adopt?: boolean;

  /**
   * Name of the roleset or static account inside the engine.
   *
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * The secret runs receive.
   *
   * @default GcpSecretType.ACCESS_TOKEN
   */
  readonly secretType?: GcpSecretType;
  /**
   * OAuth scopes of issued access tokens, e.g. `https://www.googleapis.com/auth/cloud-platform`. Required for
   * `ACCESS_TOKEN`, not allowed for `SERVICE_ACCOUNT_KEY`.
   *
   * @default - none
   */
  readonly tokenScopes?: string[];
}

/** Properties of a roleset. */
export interface GcpRolesetProps extends GcpEngineRoleOptions {
  /** Project the roleset's service account is created in. */
  readonly project: string;
  /** IAM bindings of the roleset's service account; at least one. */
  readonly bindings: GcpBinding[];
}

/** Properties of a static account. */
export interface GcpStaticAccountProps extends GcpEngineRoleOptions {
  /** Existing service account Vault issues credentials for (for example a `google_service_account` email reference). */
  readonly serviceAccountEmail: string;
  /**
   * IAM bindings Vault manages on the service account's behalf.
   *
   * @default - none: the account keeps the roles it already has
   */
  readonly bindings?: GcpBinding[];
}

const SERVICE_ACCOUNT_EMAIL = /^[a-z0-9][a-z0-9._-]*@[a-z0-9][a-z0-9.-]*\.gserviceaccount\.com$/;
const GCP_ROLE = /^(roles\/[A-Za-z0-9_.]+|(projects|organizations)\/[A-Za-z0-9_.:-]+\/roles\/[A-Za-z0-9_.]+)$/;
const OAUTH_SCOPE = /^https:\/\/www\.googleapis\.com\/auth\/[A-Za-z0-9._/-]+$/;
const BASIC_ROLES = ['roles/owner', 'roles/editor'];

/** The attributes {@link GcpSecretsEngine.fromMountPath} hands to the constructor. */
const imports = new ConstructorHandOver<ImportedGcpSecretsEngineProps>();

/**
 * Vault's GCP secrets engine: created here (with a service-account key from a sensitive variable, a key through the
 * write-only argument, plugin workload identity, or the Vault host's own credentials), or an existing mount referenced
 * with {@link fromMountPath}. Rolesets and static accounts are added with {@link addRoleset} and
 * {@link addStaticAccount}. Needs only `@cdktf/provider-vault`.
 *
 * @example
 * // The engine's key reaches Vault through the write-only argument, so it never lands in state.
 * const gcpKey = new TerraformVariable(this, 'gcp_engine_key', { type: 'string', sensitive: true });
 * const gcp = trust.addGcpSecretsEngine('gcp', { writeOnlyCredentials: { credentialsJson: gcpKey.stringValue } });
 * const viewer = gcp.addRoleset('viewer', {
 *   project: 'acme-network',
 *   secretType: GcpSecretType.ACCESS_TOKEN,
 *   tokenScopes: ['https://www.googleapis.com/auth/cloud-platform'],
 *   bindings: [{ resource: '//cloudresourcemanager.googleapis.com/projects/acme-network', roles: ['roles/viewer'] }],
 * });
 */
export class GcpSecretsEngine extends Construct {
  /**
   * References a GCP secrets engine that is mounted and configured outside this stack: no mount resource is created,
   * and rolesets and static accounts added to it are written into the existing mount.
   */
  public static fromMountPath(scope: Construct, id: string, props: ImportedGcpSecretsEngineProps): GcpSecretsEngine {
    return imports.run(props, () => new GcpSecretsEngine(scope, id));
  }

  /** Literal mount path. */
  public readonly mountPath: string;
  /** Mount path reference for dependants. */
  public readonly mountPathReference: string;
  /** Vault Enterprise namespace, if any. */
  public readonly vaultNamespace?: string;
  /** The mount resource; undefined for an engine referenced with {@link fromMountPath}. */
  public readonly backend?: GcpSecretBackend;

  constructor(scope: Construct, id: string, props: GcpSecretsEngineProps = {}) {
    super(scope, id);
    const imported = imports.take();
    if (imported !== undefined) {
      this.mountPath = imported.mountPath;
      this.mountPathReference = imported.mountPath;
      this.vaultNamespace = imported.vaultNamespace;
      addChecks(this, () => this.mountProblems());
      return;
    }
    this.mountPath = props.path ?? DEFAULT_ENGINE_MOUNTS.gcp;
    claimSecretsMount(this, 'gcp-engine', this.mountPath, props.vaultNamespace);
    this.vaultNamespace = props.vaultNamespace;
    addChecks(this, () => [...this.mountProblems(), ...this.engineProblems(props)]);

    if (props.credentials) {
      warn(
        this,
        'secret-in-state',
        'The GCP secrets engine service-account key will be stored in Terraform state (the credentials argument is persisted). Protect the state, or pass ' +
          'the key through writeOnlyCredentials (Terraform 1.11+) or use workloadIdentity.',
      );
    }
    const writeOnly = props.writeOnlyCredentials;
    this.backend = new GcpSecretBackend(this, 'backend', {
      path: this.mountPath,
      namespace: props.vaultNamespace,
      description: literalText(props.description) ?? 'GCP credentials for HCP Terraform runs',
      credentials: props.credentials?.stringValue,
      credentialsWo: writeOnly?.credentialsJson,
      credentialsWoVersion: writeOnly ? writeOnly.version ?? 1 : undefined,
      identityTokenAudience: props.workloadIdentity?.identityTokenAudience,
      serviceAccountEmail: props.workloadIdentity?.serviceAccountEmail,
      identityTokenTtl: props.workloadIdentity?.identityTokenTtlSeconds,
      defaultLeaseTtlSeconds: props.defaultLeaseTtlSeconds,
      maxLeaseTtlSeconds: props.maxLeaseTtlSeconds,
      dependsOn: props.dependsOn,
    });
    this.mountPathReference = this.backend.path;
    if (props.adopt) this.backend.importFrom(this.mountPath);
  }

  /** Adds a roleset: Vault creates a service account holding `bindings` and issues its tokens or keys. */
  public addRoleset(id: string, props: GcpRolesetProps): GcpRoleset {
    return new GcpRoleset(this, id, props);
  }

  /** Adds a static account: Vault issues tokens or keys for an existing service account. */
  public addStaticAccount(id: string, props: GcpStaticAccountProps): GcpStaticAccount {
    return new GcpStaticAccount(this, id, props);
  }

  /** Problems of the mount path and of the roles written into it, created or referenced. */
  private mountProblems(): string[] {
    return [...mountPathProblems('GCP secrets engine', this.mountPath), ...duplicateRoleProblems(this, this.mountPath)];
  }

  private engineProblems(props: GcpSecretsEngineProps): string[] {
    const problems: string[] = [];
    const chosen = [
      props.credentials ? 'credentials' : undefined,
      props.writeOnlyCredentials ? 'writeOnlyCredentials' : undefined,
      props.workloadIdentity ? 'workloadIdentity' : undefined,
    ].filter((c): c is string => c !== undefined);
    if (chosen.length > 1) {
      problems.push(`${chosen.join(' and ')} are mutually exclusive; choose one way for Vault to authenticate to Google Cloud`);
    }
    const secret = secretVariableProblem('service-account key', props.credentials);
    if (secret) problems.push(secret);
    const writeOnly = props.writeOnlyCredentials;
    if (writeOnly) {
      if (!isUnresolved(writeOnly.credentialsJson)) {
        problems.push('writeOnlyCredentials.credentialsJson is a literal string; a service-account key must never appear in source code, so pass a sensitive ' +
          'variable (variable.stringValue) or a key resource attribute');
      }
      const version = writeOnly.version ?? 1;
      if (!Number.isInteger(version) || version < 1) {
        problems.push(`writeOnlyCredentials.version ${JSON.stringify(version)} must be a whole number of 1 or more; raise it whenever the key changes`);
      }
    }
    const email = props.workloadIdentity?.serviceAccountEmail;
    if (email !== undefined && !isUnresolved(email) && !SERVICE_ACCOUNT_EMAIL.test(email)) {
      problems.push(`workloadIdentity.serviceAccountEmail ${JSON.stringify(email)} is not a service-account email (<name>@<project>.iam.gserviceaccount.com)`);
    }
    const audience = props.workloadIdentity?.identityTokenAudience;
    if (audience !== undefined && !isUnresolved(audience) && audience.trim() === '') {
      problems.push('workloadIdentity.identityTokenAudience is empty; use an audience your Workload Identity Pool provider accepts');
    } else {
      const p = identifierProblem('workloadIdentity.identityTokenAudience', audience, TOKEN_AUDIENCE.grammar, TOKEN_AUDIENCE.rule);
      if (p) problems.push(p);
    }
    problems.push(...engineTtlProblems({ ...props, identityTokenTtlSeconds: props.workloadIdentity?.identityTokenTtlSeconds }));
    return problems;
  }
}

/**
 * A roleset or static account of the Vault GCP secrets engine, and the path runs read to use it. Create one with
 * {@link GcpSecretsEngine.roleset} or {@link GcpSecretsEngine.staticAccount}.
 */
export abstract class GcpEngineRole extends Construct implements ISecretsEngineRole {
  public readonly cloud: CredentialCloud = CredentialCloud.GCP;
  public readonly roleName: string;
  public abstract readonly roleNameReference: string;
  public readonly mountPath: string;
  public readonly mountPathReference: string;
  public readonly vaultNamespace?: string;
  public readonly credentialPath: string;
  /** HCP Terraform's auth type: `roleset/access_token`, `static_account/service_account_key`, ... */
  public readonly credentialType: string;
  /** Roleset or static account. */
  public readonly kind: GcpEngineRoleKind;
  /** The secret the role issues. */
  public readonly secretType: GcpSecretType;
  /** The engine the role belongs to. */
  public readonly engine: GcpSecretsEngine;

  protected constructor(engine: GcpSecretsEngine, id: string, kind: GcpEngineRoleKind, options: GcpEngineRoleOptions) {
    super(engine, id);
    this.engine = engine;
    this.kind = kind;
    this.roleName = options.name ?? id;
    this.secretType = options.secretType ?? GcpSecretType.ACCESS_TOKEN;
    this.mountPath = engine.mountPath;
    this.mountPathReference = engine.mountPathReference;
    this.vaultNamespace = engine.vaultNamespace;
    this.credentialType = `${kind}/${this.secretType}`;
    this.credentialPath = gcpCredentialPath(this.mountPath, this.credentialType as GcpAuthTypeName, this.roleName);
    // Rolesets and static accounts have separate name spaces in one mount.
    const roleset = kind === GcpEngineRoleKind.ROLESET;
    claimEngineRole(this, engine, engine.mountPath, engine.vaultNamespace, roleset ? 'gcp-roleset' : 'gcp-static-account', this.roleName, {
      child: roleset ? 'roleset' : 'static-account',
      field: roleset ? 'roleset' : 'static_account',
    });
  }
}

/** A roleset of the Vault GCP secrets engine. */
export class GcpRoleset extends GcpEngineRole {
  public readonly roleNameReference: string;
  /** The roleset resource. */
  public readonly resource: GcpSecretRoleset;

  constructor(engine: GcpSecretsEngine, id: string, props: GcpRolesetProps) {
    super(engine, id, GcpEngineRoleKind.ROLESET, props);
    const what = `roleset ${JSON.stringify(this.roleName)}`;
    addChecks(this, () => {
      const problems = commonRoleProblems(what, this.roleName, this.secretType, props.tokenScopes, props.bindings ?? []);
      if ((props.bindings ?? []).length === 0) {
        problems.push(`${what} has no bindings; Vault gives a roleset's service account only the roles in its bindings, so add at least one { resource, ` +
          `roles } (for example the project with roles/viewer)`);
      }
      if (isUnresolved(props.project)) {
        // A reference (e.g. google_project.x.project_id) is fine.
      } else if (!GCP_PROJECT_ID.grammar.test(props.project ?? '')) {
        problems.push(`${what} project ${JSON.stringify(props.project)} is not a GCP project id (6-30 lower-case letters, digits and "-", starting with a ` +
          `letter)`);
      }
      return problems;
    });
    this.resource = new GcpSecretRoleset(this, 'roleset', {
      backend: engine.mountPathReference,
      namespace: engine.vaultNamespace,
      roleset: this.roleName,
      project: props.project,
      secretType: this.secretType,
      tokenScopes: props.tokenScopes,
      binding: (props.bindings ?? []).map((b) => ({ resource: b.resource, roles: [...b.roles] })),
    });
    this.roleNameReference = this.resource.roleset;
    if (props.adopt) this.resource.importFrom(importIdOf('gcp-roleset', this.mountPath, this.roleName));
    warnBasicRoles(this, props.bindings ?? []);
  }
}

/** A static account of the Vault GCP secrets engine. */
export class GcpStaticAccount extends GcpEngineRole {
  public readonly roleNameReference: string;
  /** The static account resource. */
  public readonly resource: GcpSecretStaticAccount;

  constructor(engine: GcpSecretsEngine, id: string, props: GcpStaticAccountProps) {
    super(engine, id, GcpEngineRoleKind.STATIC_ACCOUNT, props);
    const what = `static account ${JSON.stringify(this.roleName)}`;
    addChecks(this, () => {
      const problems = commonRoleProblems(what, this.roleName, this.secretType, props.tokenScopes, props.bindings ?? []);
      const email = props.serviceAccountEmail;
      if (!isUnresolved(email) && !SERVICE_ACCOUNT_EMAIL.test(email ?? '')) {
        problems.push(`${what} serviceAccountEmail ${JSON.stringify(email)} is not a service-account email (<name>@<project>.iam.gserviceaccount.com)`);
      }
      return problems;
    });
    const bindings = props.bindings ?? [];
    this.resource = new GcpSecretStaticAccount(this, 'static-account', {
      backend: engine.mountPathReference,
      namespace: engine.vaultNamespace,
      staticAccount: this.roleName,
      serviceAccountEmail: props.serviceAccountEmail,
      secretType: this.secretType,
      tokenScopes: props.tokenScopes,
      binding: bindings.length > 0 ? bindings.map((b) => ({ resource: b.resource, roles: [...b.roles] })) : undefined,
    });
    this.roleNameReference = this.resource.staticAccount;
    if (props.adopt) this.resource.importFrom(importIdOf('gcp-static-account', this.mountPath, this.roleName));
    warnBasicRoles(this, bindings);
  }
}

/** A full resource name; no braces, since `${` or `%{` in it would be a Terraform template. */
const GCP_FULL_RESOURCE_NAME = /^\/\/[a-z0-9.-]+\.googleapis\.com\/[^\s{}]+$/;

function commonRoleProblems(what: string, name: string, secretType: GcpSecretType, tokenScopes: string[] | undefined, bindings: GcpBinding[]): string[] {
  const problems: string[] = [];
  if (isUnresolved(name)) {
    problems.push(literalRequired(`the name of ${what}`, 'string', LITERAL_BECAUSE.policyPath));
  } else {
    const p = vaultNameProblem('GCP engine role name', name);
    if (p) problems.push(p);
  }
  const scopes = tokenScopes ?? [];
  if (secretType === GcpSecretType.ACCESS_TOKEN && scopes.length === 0) {
    problems.push(`${what} issues access_token but has no tokenScopes; Vault cannot mint a token without scopes, so add one such as ` +
      `"https://www.googleapis.com/auth/cloud-platform"`);
  }
  if (secretType === GcpSecretType.SERVICE_ACCOUNT_KEY && scopes.length > 0) {
    problems.push(`${what} issues service_account_key, which has no scopes; remove tokenScopes or use GcpSecretType.ACCESS_TOKEN`);
  }
  for (const scope of scopes) {
    if (!isUnresolved(scope) && !OAUTH_SCOPE.test(scope)) {
      problems.push(`${what} token scope ${JSON.stringify(scope)} is not a Google OAuth scope URL such as "https://www.googleapis.com/auth/cloud-platform"`);
    }
  }
  bindings.forEach((binding, index) => {
    if (!isUnresolved(binding.resource) && !GCP_FULL_RESOURCE_NAME.test(binding.resource ?? '')) {
      problems.push(`${what} binding ${index} resource ${JSON.stringify(binding.resource)} is not a full resource name such as ` +
        `"//cloudresourcemanager.googleapis.com/projects/my-project"`);
    }
    if ((binding.roles ?? []).length === 0) {
      problems.push(`${what} binding ${index} (${JSON.stringify(binding.resource)}) grants no roles; list at least one role such as "roles/viewer"`);
    }
    for (const role of binding.roles ?? []) {
      if (!isUnresolved(role) && !GCP_ROLE.test(role)) {
        problems.push(`${what} role ${JSON.stringify(role)} is not a GCP role name ("roles/<name>" or "projects/<id>/roles/<name>")`);
      }
    }
  });
  return problems;
}

/**
 * Rule `gcp-access-token-one-hour`: GCP access tokens issued by Vault last one hour and can be neither renewed nor
 * extended, so a run configured to last longer (a Vault token that may be renewed past an hour, `tokenMaxTtlSeconds` above
 * 3600) loses its Google credentials mid-run. HashiCorp advises weighing each credential type's limits; service
 * account keys are leased and renewable. Returns the warning, or undefined.
 *
 * @see https://developer.hashicorp.com/vault/api-docs/secret/gcp (access tokens: one-hour TTL, not renewable)
 * @see https://developer.hashicorp.com/terraform/cloud-docs/dynamic-provider-credentials/vault-backed/gcp-configuration
 */
export function gcpAccessTokenWarning(credentials: readonly ISecretsEngineRole[], tokenMaxTtl: number | undefined): string | undefined {
  if (tokenMaxTtl === undefined || Token.isUnresolved(tokenMaxTtl) || tokenMaxTtl <= GCP_ACCESS_TOKEN_SECONDS) return undefined;
  const tokens = [
    ...new Set(credentials
      .filter((c) => c.cloud === CredentialCloud.GCP && c.credentialType.endsWith(`/${GcpSecretType.ACCESS_TOKEN}`))
      .map((c) => c.credentialPath)),
  ];
  if (tokens.length === 0) return undefined;
  return `tokenMaxTtlSeconds is ${tokenMaxTtl} s, so runs may last longer than an hour, but the GCP access tokens (${tokens.join(', ')}) last one hour and ` +
    `cannot be renewed: Google calls fail after the first hour. Keep runs under an hour, or use a service_account_key secret type for long runs`;
}

function warnBasicRoles(scope: Construct, bindings: GcpBinding[]): void {
  const basic = [...new Set(bindings.flatMap((b) => b.roles ?? []).filter((role) => BASIC_ROLES.includes(role)))];
  if (basic.length > 0) {
    warn(
      scope,
      'gcp-basic-role',
      `bindings grant the basic role(s) ${basic.map((r) => JSON.stringify(r)).join(', ')}, which cover nearly every service in the resource; grant ` +
        `predefined roles for the services the runs manage instead`,
    );
  }
}
