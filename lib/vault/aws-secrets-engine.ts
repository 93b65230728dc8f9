import { AwsSecretBackend } from '@cdktf/provider-vault/lib/aws-secret-backend';
import { AwsSecretBackendRole } from '@cdktf/provider-vault/lib/aws-secret-backend-role';
import { TerraformVariable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { ConstructorHandOver } from '../private/constructor-hand-over';
import { vaultNameProblem } from 'vault-backed-credentials-report/claims';
import { awsCredentialPath } from 'vault-backed-credentials-report/env';
import { addChecks, isUnresolved, secondsProblem } from '../private/synth-checks';
import { duplicateRoleProblems, engineTtlProblems, mountPathProblems, secretVariableProblem } from '../private/engine-checks';
import { CredentialCloud, ISecretsEngineRole } from './secrets-engine-role';
import {
  IAM_POLICY_ARN,
  IAM_ROLE_ARN,
  AWS_REGION,
  AWS_TAG_KEY,
  AWS_TAG_VALUE,
  IAM_GROUP_NAME,
  TOKEN_AUDIENCE,
  importIdOf,
  EXTERNAL_ID,
  IAM_PATH,
  AWS_DEFAULT_MAX_SESSION_SECONDS,
  DEFAULT_ENGINE_MOUNTS,
  AWS_LONGEST_STS_SECONDS,
  AWS_LONGEST_FEDERATION_TOKEN_SECONDS,
} from 'vault-backed-credentials-report/catalogue';
import { warn } from '../private/warnings';
import { runRoleSessionOf } from '../private/run-role-sessions';
import { identifierListProblems, identifierMapProblems, identifierProblem } from '../private/identifier-checks';
import { literalText } from '../private/terraform-literals';
import { LITERAL_BECAUSE, literalRequired, shown } from '../private/errors';
import { claimEngineRole, claimSecretsMount } from '../private/tree-checks';

/** Credential types of the Vault AWS secrets engine that HCP Terraform runs can use. */
export enum AwsCredentialType {
  /** `sts:AssumeRole` into one of the role's IAM roles; read from `<mount>/sts/<role>`. */
  ASSUMED_ROLE = 'assumed_role',
  /** A new IAM user per lease; read from `<mount>/creds/<role>`. Needs a sleep for IAM eventual consistency. */
  IAM_USER = 'iam_user',
  /**
   * `sts:GetFederationToken` for the engine's own IAM user; read from `<mount>/sts/<role>`. The engine must sign in
   * to AWS as an IAM user: AWS refuses GetFederationToken to the temporary credentials of a role, so an engine on
   * plugin workload identity (or on the instance role of its host) cannot issue these.
   *
   * @see https://developer.hashicorp.com/vault/docs/secrets/aws (STS federation tokens need IAM user credentials)
   */
  FEDERATION_TOKEN = 'federation_token',
}

/** Root credentials of the AWS secrets engine, delivered as Terraform variables. */
export interface AwsEngineRootCredentials {
  /** Variable holding the access key id. */
  readonly accessKeyId: TerraformVariable;
  /** Variable holding the secret access key; it must be declared `sensitive: true`. */
  readonly secretAccessKey: TerraformVariable;
}

/** Plugin workload identity federation: Vault assumes `roleArn` with its own identity token, holding no AWS keys. */
export interface AwsEngineWorkloadIdentity {
  /** Audience of the identity token Vault presents to AWS STS. */
  readonly identityTokenAudience: string;
  /** IAM role Vault assumes with that token. */
  readonly roleArn: string;
  /**
   * Lifetime of Vault's identity token in seconds.
   *
   * @default - Vault's default
   */
  readonly identityTokenTtlSeconds?: number;
}

/** Properties of {@link AwsSecretsEngine}: a new mount. Reference an existing one with {@link AwsSecretsEngine.fromMountPath}. */
export interface AwsSecretsEngineProps {
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
   * @default "aws"
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
   * AWS region the engine talks to.
   *
   * @default - Vault's default (us-east-1)
   */
  readonly region?: string;

  /**
   * Static root credentials. The secret lands in Terraform state: the pinned Vault provider bindings have no
   * write-only variant for it. Prefer `workloadIdentity` where Vault Enterprise supports it.
   *
   * @default - none: Vault uses workload identity or the credentials of its own host
   */
  readonly rootCredentials?: AwsEngineRootCredentials;

  /**
   * Plugin workload identity federation (Vault Enterprise 1.16+).
   *
   * @default - not used
   */
  readonly workloadIdentity?: AwsEngineWorkloadIdentity;

  /**
   * Default lease TTL of credentials issued through the mount, in seconds.
   *
   * @default - Vault's system default
   */
  readonly defaultLeaseTtlSeconds?: number;

  /**
   * Maximum lease TTL of credentials issued through the mount, in seconds.
   *
   * @default - Vault's system maximum
   */
  readonly maxLeaseTtlSeconds?: number;

  /**
   * Description of the mount.
   *
   * @default "AWS credentials for HCP Terraform runs"
   */
  readonly description?: string;
}

/** An AWS secrets engine mounted and configured outside this stack, for {@link AwsSecretsEngine.fromMountPath}. */
export interface ImportedAwsSecretsEngineProps {
  /** Mount path of the existing engine. */
  readonly mountPath: string;

  /**
   * Vault Enterprise namespace of the engine, relative to the Vault provider's namespace. Must be the namespace of the
   * JWT auth mount whose runs read from it.
   *
   * @default - the Vault provider's namespace
   */
  readonly vaultNamespace?: string;

  /**
   * Whether the existing engine signs in to AWS with plugin workload identity (role credentials). AWS refuses
   * `sts:GetFederationToken` to role credentials, so `addFederationToken` is refused on such an engine.
   *
   * @default false
   */
  readonly usesWorkloadIdentity?: boolean;
}

/** Options shared by every AWS engine role. */
export interface AwsEngineRoleOptions {
  /**
   * Take over the engine role that already exists under this name instead of creating it: a Terraform `import` block
   * with id `<mount>/roles/<name>`. Give `name` the existing role's name.
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
   * IAM policy document (JSON) that the issued credentials are limited to.
   *
   * @default - none
   */
  readonly policyDocument?: string;

  /**
   * ARNs of IAM managed policies that the issued credentials are limited to.
   *
   * @default - none
   */
  readonly policyArns?: string[];

  /**
   * IAM groups. An `iam_user` role's users join them; for `assumed_role` and `federation_token` roles Vault adds the
   * groups' policies to the session policies it sends to AWS, next to `policyDocument` and `policyArns`.
   *
   * @see https://developer.hashicorp.com/vault/api-docs/secret/aws#iam_groups
   * @default - none
   */
  readonly iamGroups?: string[];
}

/** Properties of an {@link AwsAssumedRole}: Vault assumes one of `roleArns` for each credential request. */
export interface AwsAssumedRoleProps extends AwsEngineRoleOptions {
  /** IAM roles Vault may assume for this role. The variable set requests one of them per phase. */
  readonly roleArns: string[];
  /**
   * Default STS session length in seconds (900 to 43200).
   *
   * @default - 3600 (Vault's default)
   */
  readonly ttlSeconds?: number;
  /**
   * Maximum STS session length in seconds (900 to 43200).
   *
   * @default - the IAM role's maximum session duration
   */
  readonly maxTtlSeconds?: number;
  /**
   * External id Vault passes when assuming the role.
   *
   * @default - none
   */
  readonly externalId?: string;
  /**
   * Session tags Vault sets on the assumed-role session.
   *
   * @default - none
   */
  readonly sessionTags?: { [key: string]: string };
}

/** Properties of an {@link AwsIamUserRole}: Vault creates an IAM user per lease. */
export interface AwsIamUserRoleProps extends AwsEngineRoleOptions {
  /**
   * Tags on the generated IAM users.
   *
   * @default - none
   */
  readonly iamTags?: { [key: string]: string };
  /**
   * Permissions boundary of the generated users.
   *
   * @default - none
   */
  readonly permissionsBoundaryArn?: string;
  /**
   * IAM path of the generated users.
   *
   * @default "/"
   */
  readonly userPath?: string;
}

/** Properties of an {@link AwsFederationTokenRole}: Vault calls `sts:GetFederationToken` as its own IAM user. */
export interface AwsFederationTokenRoleProps extends AwsEngineRoleOptions {
  /**
   * Default STS session length in seconds (900 to 129600).
   *
   * @default - 3600 (Vault's default)
   */
  readonly ttlSeconds?: number;
  /**
   * Maximum STS session length in seconds (900 to 129600).
   *
   * @default - Vault's mount maximum
   */
  readonly maxTtlSeconds?: number;
}

/** What `sts:AssumeRole` accepts as an external id (the same rule as the AwsRunRole trust condition). */
/** An IAM path: "/" or "/segments/", printable ASCII. */

/** The attributes {@link AwsSecretsEngine.fromMountPath} hands to the constructor. */
const imports = new ConstructorHandOver<ImportedAwsSecretsEngineProps>();

/**
 * Vault's AWS secrets engine: created here (with static root credentials from sensitive variables, plugin workload
 * identity, or the Vault host's own credentials), or an existing mount referenced with {@link fromMountPath}. Engine
 * roles are added with {@link addAssumedRole}, {@link addIamUser} and {@link addFederationToken}.
 *
 * @example
 * // On plugin workload identity: Vault holds no long-lived AWS key.
 * const aws = trust.addAwsSecretsEngine('aws', {
 *   workloadIdentity: { identityTokenAudience: 'sts.amazonaws.com', roleArn: 'arn:aws:iam::111111111111:role/vault-engine' },
 * });
 * const readOnly = aws.addAssumedRole('network-read-only', { roleArns: ['arn:aws:iam::111111111111:role/network-read-only'] });
 */
export class AwsSecretsEngine extends Construct {
  /**
   * References an AWS secrets engine that is mounted and configured outside this stack: no mount resource is created,
   * and roles added to it are written into the existing mount.
   */
  public static fromMountPath(scope: Construct, id: string, props: ImportedAwsSecretsEngineProps): AwsSecretsEngine {
    return imports.run(props, () => new AwsSecretsEngine(scope, id));
  }

  /** Literal mount path. */
  public readonly mountPath: string;
  /** Mount path reference for dependants. */
  public readonly mountPathReference: string;
  /** Vault Enterprise namespace, if any. */
  public readonly vaultNamespace?: string;
  /** The mount resource; undefined for an engine referenced with {@link fromMountPath}. */
  public readonly backend?: AwsSecretBackend;
  /** True when the engine signs in to AWS with plugin workload identity, i.e. with role credentials. */
  public readonly usesWorkloadIdentity: boolean;

  constructor(scope: Construct, id: string, props: AwsSecretsEngineProps = {}) {
    super(scope, id);
    const imported = imports.take();
    if (imported !== undefined) {
      this.mountPath = imported.mountPath;
      this.mountPathReference = imported.mountPath;
      this.vaultNamespace = imported.vaultNamespace;
      this.usesWorkloadIdentity = imported.usesWorkloadIdentity ?? false;
      addChecks(this, () => this.mountProblems());
      return;
    }
    this.mountPath = props.path ?? DEFAULT_ENGINE_MOUNTS.aws;
    claimSecretsMount(this, 'aws-engine', this.mountPath, props.vaultNamespace);
    this.vaultNamespace = props.vaultNamespace;
    this.usesWorkloadIdentity = props.workloadIdentity !== undefined;
    addChecks(this, () => [...this.mountProblems(), ...engineProblems(props)]);

    if (props.rootCredentials) {
      warn(
        this,
        'secret-in-state',
        'The AWS secrets engine root secret key will be stored in Terraform state (the Vault provider bindings in use have no write-only secret_key_wo). ' +
          'Protect the state, rotate the key with Vault\'s rotate-root after the first apply, or use workloadIdentity.',
      );
    }
    this.backend = new AwsSecretBackend(this, 'backend', {
      path: this.mountPath,
      namespace: props.vaultNamespace,
      description: literalText(props.description) ?? 'AWS credentials for HCP Terraform runs',
      region: props.region,
      accessKey: props.rootCredentials?.accessKeyId.stringValue,
      secretKey: props.rootCredentials?.secretAccessKey.stringValue,
      identityTokenAudience: props.workloadIdentity?.identityTokenAudience,
      roleArn: props.workloadIdentity?.roleArn,
      identityTokenTtl: props.workloadIdentity?.identityTokenTtlSeconds,
      defaultLeaseTtlSeconds: props.defaultLeaseTtlSeconds,
      maxLeaseTtlSeconds: props.maxLeaseTtlSeconds,
    });
    this.mountPathReference = this.backend.path;
    if (props.adopt) this.backend.importFrom(this.mountPath);
  }

  /** Adds an `assumed_role` engine role: Vault assumes one of `roleArns` for each credential request. */
  public addAssumedRole(id: string, props: AwsAssumedRoleProps): AwsAssumedRole {
    return new AwsAssumedRole(this, id, props);
  }

  /** Adds an `iam_user` engine role: Vault creates an IAM user per lease. */
  public addIamUser(id: string, props: AwsIamUserRoleProps): AwsIamUserRole {
    return new AwsIamUserRole(this, id, props);
  }

  /** Adds a `federation_token` engine role: Vault calls `sts:GetFederationToken` as its own IAM user. */
  public addFederationToken(id: string, props: AwsFederationTokenRoleProps): AwsFederationTokenRole {
    return new AwsFederationTokenRole(this, id, props);
  }

  /** Problems of the mount path and of the roles written into it, created or referenced. */
  private mountProblems(): string[] {
    return [...mountPathProblems('AWS secrets engine', this.mountPath), ...duplicateRoleProblems(this, this.mountPath)];
  }
}

/** Problems of the settings of a new mount. */
function engineProblems(props: AwsSecretsEngineProps): string[] {
  const problems: string[] = [];
  if (props.rootCredentials && props.workloadIdentity) {
    problems.push('rootCredentials and workloadIdentity are mutually exclusive; choose one way for Vault to authenticate to AWS');
  }
  const secret = secretVariableProblem('secret access key', props.rootCredentials?.secretAccessKey);
  if (secret) problems.push(secret);
  if (props.workloadIdentity && !isUnresolved(props.workloadIdentity.roleArn) && !IAM_ROLE_ARN.test(props.workloadIdentity.roleArn)) {
    problems.push(`workloadIdentity.roleArn ${JSON.stringify(props.workloadIdentity.roleArn)} is not an IAM role ARN (arn:aws:iam::<account>:role/<name>)`);
  }
  const audience = props.workloadIdentity?.identityTokenAudience;
  if (audience !== undefined && !isUnresolved(audience) && audience.trim() === '') {
    problems.push(`workloadIdentity.identityTokenAudience ${JSON.stringify(audience)} is empty; use the audience of the IAM OIDC provider that trusts Vault ` +
      `(for example "sts.amazonaws.com")`);
  }
  problems.push(...engineTtlProblems({ ...props, identityTokenTtlSeconds: props.workloadIdentity?.identityTokenTtlSeconds }));
  for (const p of [
    identifierProblem('region', props.region, AWS_REGION.grammar, AWS_REGION.rule),
    audience !== undefined && audience.trim() !== ''
      ? identifierProblem('workloadIdentity.identityTokenAudience', audience, TOKEN_AUDIENCE.grammar, TOKEN_AUDIENCE.rule)
      : undefined,
  ]) {
    if (p) problems.push(p);
  }
  return problems;
}

/** STS session lengths of a role, checked against the range its credential type allows. */
function stsTtlProblems(ttlSeconds: number | undefined, maxTtlSeconds: number | undefined, max: number): string[] {
  const problems: string[] = [];
  for (const p of [secondsProblem('ttlSeconds', ttlSeconds, 900, max), secondsProblem('maxTtlSeconds', maxTtlSeconds, 900, max)]) {
    if (p) problems.push(p);
  }
  if (ttlSeconds !== undefined && maxTtlSeconds !== undefined && ttlSeconds > maxTtlSeconds) {
    problems.push(`ttlSeconds (${ttlSeconds}) exceeds maxTtlSeconds (${maxTtlSeconds}); lower the default or raise the maximum`);
  }
  return problems;
}

/**
 * A role of the Vault AWS secrets engine, and the path runs read to use it. Each credential type has its own class,
 * built through the engine: {@link AwsSecretsEngine.addAssumedRole}, {@link AwsSecretsEngine.addIamUser} and
 * {@link AwsSecretsEngine.addFederationToken}.
 */
export abstract class AwsEngineRole extends Construct implements ISecretsEngineRole {
  public readonly cloud = CredentialCloud.AWS;
  public readonly roleName: string;
  public readonly roleNameReference: string;
  public readonly mountPath: string;
  public readonly mountPathReference: string;
  public readonly vaultNamespace?: string;
  public readonly credentialPath: string;
  public readonly credentialType: string;
  /** IAM role ARNs Vault may assume: those of an {@link AwsAssumedRole}, empty for the other credential types. */
  public readonly roleArns: string[];
  /** The engine the role belongs to. */
  public readonly engine: AwsSecretsEngine;
  /** The role resource. */
  public readonly resource: AwsSecretBackendRole;

  protected constructor(engine: AwsSecretsEngine, id: string, credentialType: AwsCredentialType, options: AwsEngineRoleOptions, roleArns: string[]) {
    super(engine, id);
    this.engine = engine;
    this.roleName = options.name ?? id;
    claimEngineRole(this, engine, engine.mountPath, engine.vaultNamespace, 'aws-role', this.roleName, { child: 'role', field: 'name' });
    this.mountPath = engine.mountPath;
    this.mountPathReference = engine.mountPathReference;
    this.vaultNamespace = engine.vaultNamespace;
    this.credentialType = credentialType;
    this.roleArns = [...roleArns];
    this.credentialPath = awsCredentialPath(this.mountPath, credentialType, this.roleName);
    addChecks(this, () => this.commonProblems(credentialType, options));

    this.resource = new AwsSecretBackendRole(this, 'role', {
      backend: engine.mountPathReference,
      name: this.roleName,
      namespace: engine.vaultNamespace,
      credentialType,
      roleArns: this.roleArns.length > 0 ? this.roleArns : undefined,
      policyArns: options.policyArns,
      policyDocument: literalText(options.policyDocument),
      iamGroups: options.iamGroups,
    });
    this.roleNameReference = this.resource.name;
    if (options.adopt) this.resource.importFrom(importIdOf('aws-role', this.mountPath, this.roleName));
  }

  private commonProblems(type: AwsCredentialType, options: AwsEngineRoleOptions): string[] {
    const problems: string[] = [];
    if (isUnresolved(this.roleName)) {
      problems.push(literalRequired('the engine role name', 'string', LITERAL_BECAUSE.policyPath));
    } else {
      const p = vaultNameProblem('Vault role name', this.roleName);
      if (p) problems.push(p);
    }
    for (const arn of options.policyArns ?? []) {
      if (!isUnresolved(arn) && !IAM_POLICY_ARN.test(arn)) {
        problems.push(`policy ARN ${JSON.stringify(arn)} is not an IAM policy ARN (arn:aws:iam::<account or "aws">:policy/<name>)`);
      }
    }
    if (type !== AwsCredentialType.ASSUMED_ROLE && !options.policyDocument && (options.policyArns ?? []).length === 0) {
      problems.push(`${type === AwsCredentialType.IAM_USER ? 'an' : 'a'} ${type} engine role needs policyDocument or policyArns: they define what the issued ` +
        `credentials may do`);
    }
    if (options.policyDocument !== undefined && !isUnresolved(options.policyDocument)) {
      try {
        JSON.parse(options.policyDocument);
      } catch {
        problems.push(`policyDocument ${shown(options.policyDocument)} is not valid JSON; pass a JSON IAM policy document (for example JSON.stringify({...}))`);
      }
    }
    problems.push(...identifierListProblems('iamGroups', options.iamGroups, IAM_GROUP_NAME.grammar, IAM_GROUP_NAME.rule));
    return problems;
  }
}

/**
 * An `assumed_role` role of the Vault AWS secrets engine: Vault assumes one of its IAM roles and hands the run the
 * session's credentials, read from `<mount>/sts/<role>`.
 */
export class AwsAssumedRole extends AwsEngineRole {
  constructor(engine: AwsSecretsEngine, id: string, props: AwsAssumedRoleProps) {
    super(engine, id, AwsCredentialType.ASSUMED_ROLE, props, props.roleArns ?? []);
    if (props.ttlSeconds !== undefined) this.resource.defaultStsTtl = props.ttlSeconds;
    if (props.maxTtlSeconds !== undefined) this.resource.maxStsTtl = props.maxTtlSeconds;
    if (props.externalId !== undefined) this.resource.externalId = props.externalId;
    if (props.sessionTags !== undefined) this.resource.sessionTags = props.sessionTags;
    addChecks(this, () => [...this.roleProblems(props), ...this.sessionProblems(props)]);
    this.warnAboutSessions(props);
  }

  /** The STS TTLs this role sets, by name, for the session checks. */
  private stsTtls(props: AwsAssumedRoleProps): Array<[string, number]> {
    return (
      [
        ['ttlSeconds', props.ttlSeconds],
        ['maxTtlSeconds', props.maxTtlSeconds],
      ] as Array<[string, number | undefined]>
    ).filter((entry): entry is [string, number] => entry[1] !== undefined && !Token.isUnresolved(entry[1]));
  }

  /**
   * An STS TTL above the maximum session of a run role built in this stack: Vault asks AWS for a session that long
   * and AWS refuses AssumeRole, so every credential request fails.
   *
   * @see https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html (DurationSeconds above the role's
   *   maximum session duration fails)
   * @see https://developer.hashicorp.com/vault/api-docs/secret/aws#default_sts_ttl
   */
  private sessionProblems(props: AwsAssumedRoleProps): string[] {
    const problems: string[] = [];
    for (const arn of this.roleArns) {
      const session = runRoleSessionOf(this, arn);
      if (!session) continue;
      for (const [name, ttl] of this.stsTtls(props)) {
        if (ttl > session.maxSessionDurationSeconds) {
          problems.push(
            `${name} ${ttl} exceeds the maximum session of run role ${session.path} (${session.maxSessionDurationSeconds} s): AWS refuses to assume a role ` +
              `for longer than that, so credential requests would fail. Set maxSessionDurationSeconds of the run role to at least ${ttl}, or lower ${name}`,
          );
        }
      }
    }
    return problems;
  }

  /** Warns when an STS TTL exceeds AWS's default one-hour session for a role ARN this stack does not build. */
  private warnAboutSessions(props: AwsAssumedRoleProps): void {
    const unknown = this.roleArns.filter((arn) => runRoleSessionOf(this, arn) === undefined);
    if (unknown.length === 0) return;
    for (const [name, ttl] of this.stsTtls(props)) {
      if (ttl > AWS_DEFAULT_MAX_SESSION_SECONDS) {
        warn(
          this,
          'sts-ttl-exceeds-role-session',
          `${name} is ${ttl} s, above AWS's default maximum session of ${AWS_DEFAULT_MAX_SESSION_SECONDS} s; unless the IAM role ` +
            `(${unknown.map((a) => (isUnresolved(a) ? 'a referenced role' : a)).join(', ')}) has its maximum session duration raised to at least ${ttl} s, ` +
              `AWS refuses the session and runs get no credentials`,
        );
      }
    }
  }

  private roleProblems(props: AwsAssumedRoleProps): string[] {
    const problems: string[] = [];
    if (this.roleArns.length === 0) {
      problems.push('an assumed_role engine role needs at least one IAM role ARN in roleArns; add the ARN of the role runs should assume');
    }
    for (const arn of this.roleArns) {
      if (!isUnresolved(arn) && !IAM_ROLE_ARN.test(arn)) {
        problems.push(`role ARN ${JSON.stringify(arn)} is not an IAM role ARN (arn:aws:iam::<12-digit account>:role/<name>)`);
      }
    }
    problems.push(...stsTtlProblems(props.ttlSeconds, props.maxTtlSeconds, AWS_LONGEST_STS_SECONDS));
    if (props.externalId !== undefined && !isUnresolved(props.externalId) && !EXTERNAL_ID.grammar.test(props.externalId)) {
      problems.push(`externalId ${JSON.stringify(props.externalId)} must be 2-1224 letters, digits and + = , . @ : / - _ (what sts:AssumeRole accepts)`);
    }
    problems.push(...identifierMapProblems('sessionTags', props.sessionTags, AWS_TAG_KEY, AWS_TAG_VALUE));
    return problems;
  }
}

/**
 * An `iam_user` role of the Vault AWS secrets engine: Vault creates an IAM user per lease, read from
 * `<mount>/creds/<role>`. New IAM users take a few seconds to become usable, so grants that use one emit a sleep.
 */
export class AwsIamUserRole extends AwsEngineRole {
  constructor(engine: AwsSecretsEngine, id: string, props: AwsIamUserRoleProps) {
    super(engine, id, AwsCredentialType.IAM_USER, props, []);
    if (props.iamTags !== undefined) this.resource.iamTags = props.iamTags;
    if (props.permissionsBoundaryArn !== undefined) this.resource.permissionsBoundaryArn = props.permissionsBoundaryArn;
    if (props.userPath !== undefined) this.resource.userPath = props.userPath;
    addChecks(this, () => {
      const problems: string[] = [];
      if (props.permissionsBoundaryArn !== undefined && !isUnresolved(props.permissionsBoundaryArn) && !IAM_POLICY_ARN.test(props.permissionsBoundaryArn)) {
        problems.push(`permissionsBoundaryArn ${JSON.stringify(props.permissionsBoundaryArn)} is not an IAM policy ARN (arn:aws:iam::<account or ` +
          `"aws">:policy/<name>)`);
      }
      if (props.userPath !== undefined && !isUnresolved(props.userPath) && !IAM_PATH.grammar.test(props.userPath)) {
        problems.push(`userPath ${JSON.stringify(props.userPath)} is not an IAM path; it must start and end with "/", e.g. "/vault/"`);
      }
      problems.push(...identifierMapProblems('iamTags', props.iamTags, AWS_TAG_KEY, AWS_TAG_VALUE));
      return problems;
    });
  }
}

/**
 * A `federation_token` role of the Vault AWS secrets engine: Vault calls `sts:GetFederationToken` as the engine's
 * own IAM user, read from `<mount>/sts/<role>`. The engine must sign in to AWS as an IAM user: AWS refuses
 * GetFederationToken to the temporary credentials of a role, so an engine on plugin workload identity cannot issue
 * these.
 *
 * @see https://developer.hashicorp.com/vault/docs/secrets/aws (STS federation tokens need IAM user credentials)
 */
export class AwsFederationTokenRole extends AwsEngineRole {
  constructor(engine: AwsSecretsEngine, id: string, props: AwsFederationTokenRoleProps) {
    super(engine, id, AwsCredentialType.FEDERATION_TOKEN, props, []);
    if (props.ttlSeconds !== undefined) this.resource.defaultStsTtl = props.ttlSeconds;
    if (props.maxTtlSeconds !== undefined) this.resource.maxStsTtl = props.maxTtlSeconds;
    addChecks(this, () => {
      const problems = stsTtlProblems(props.ttlSeconds, props.maxTtlSeconds, AWS_LONGEST_FEDERATION_TOKEN_SECONDS);
      if (engine.usesWorkloadIdentity) {
        problems.push(
          `federation token role ${JSON.stringify(this.roleName)} cannot work on an engine that uses workloadIdentity: Vault then holds role credentials, ` +
            `and AWS refuses sts:GetFederationToken to role credentials. Use addAssumedRole on this engine, or a federation_token role on an engine whose ` +
              `rootCredentials belong to an IAM user`,
        );
      }
      return problems;
    });
  }
}
