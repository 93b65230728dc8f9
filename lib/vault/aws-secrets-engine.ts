import { AwsSecretBackend } from '@cdktf/provider-vault/lib/aws-secret-backend';
import { AwsSecretBackendRole } from '@cdktf/provider-vault/lib/aws-secret-backend-role';
import { TerraformVariable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { engineRoleImportId } from '../adoption';
import { vaultNameProblem } from '../claims/names';
import { awsCredentialPath } from '../env/variables';
import { addChecks, isUnresolved, secondsProblem } from '../core/validation';
import { duplicateRoleProblems, engineTtlProblems, mountPathProblems, secretVariableProblem } from './engine-checks';
import { CredentialCloud, ISecretsEngineRole } from './secrets-engine-role';
import { IAM_POLICY_ARN, IAM_ROLE_ARN } from '../core/identifiers';
import { warn } from '../core/warnings';
import { AWS_DEFAULT_MAX_SESSION_SECONDS, runRoleSessionOf } from '../aws/run-role-sessions';
import { AWS_REGION, AWS_TAG_KEY, AWS_TAG_VALUE, IAM_GROUP_NAME, identifierListProblems, identifierMapProblems, identifierProblem, literalText, shown, TOKEN_AUDIENCE } from '../private/boundary';
import { claimName } from '../private/tree-checks';

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
  readonly identityTokenTtl?: number;
}

/** Properties of {@link AwsSecretsEngine}. */
export interface AwsSecretsEngineProps {
  /**
   * Take over the mount that already exists at `path` instead of creating it: a Terraform `import` block with the
   * mount path as id. The first plan updates its settings in place where they differ. Not with `existingMountPath`.
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
   * Reference an engine that already exists at this mount path instead of creating one; no mount resource is
   * created and the credential settings below must be left out.
   *
   * @default - a new mount is created
   */
  readonly existingMountPath?: string;

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
}

/** Properties of an `assumed_role` engine role. */
export interface AwsAssumedRoleProps extends AwsEngineRoleOptions {
  /** IAM roles Vault may assume for this role. The variable set requests one of them per phase. */
  readonly roleArns: string[];
  /**
   * Default STS session length in seconds (900 to 43200).
   *
   * @default - 3600 (Vault's default)
   */
  readonly defaultStsTtl?: number;
  /**
   * Maximum STS session length in seconds (900 to 43200).
   *
   * @default - the IAM role's maximum session duration
   */
  readonly maxStsTtl?: number;
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
  /**
   * IAM groups whose policies Vault adds to the session policies it sends to AWS, next to `policyDocument` and
   * `policyArns` (Vault applies `iam_groups` to every credential type, not only `iam_user`).
   *
   * @see https://developer.hashicorp.com/vault/api-docs/secret/aws#iam_groups
   * @default - none
   */
  readonly iamGroups?: string[];
}

/** Properties of an `iam_user` engine role. */
export interface AwsIamUserProps extends AwsEngineRoleOptions {
  /**
   * IAM groups the generated users join.
   *
   * @default - none
   */
  readonly iamGroups?: string[];
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

/** Properties of a `federation_token` engine role. */
export interface AwsFederationTokenProps extends AwsEngineRoleOptions {
  /**
   * Default STS session length in seconds (900 to 129600).
   *
   * @default - 3600 (Vault's default)
   */
  readonly defaultStsTtl?: number;
  /**
   * Maximum STS session length in seconds (900 to 129600).
   *
   * @default - Vault's mount maximum
   */
  readonly maxStsTtl?: number;
  /**
   * IAM groups whose policies Vault adds to the session policies it sends to AWS, next to `policyDocument` and
   * `policyArns` (Vault applies `iam_groups` to every credential type, not only `iam_user`).
   *
   * @see https://developer.hashicorp.com/vault/api-docs/secret/aws#iam_groups
   * @default - none
   */
  readonly iamGroups?: string[];
}

/** What `sts:AssumeRole` accepts as an external id (the same rule as the AwsRunRole trust condition). */
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;
/** An IAM path: "/" or "/segments/", printable ASCII. */
const IAM_PATH = /^\/([\x21-\x7e]{1,510}\/)?$/;

/**
 * Vault's AWS secrets engine: created here (with static root credentials from sensitive variables, plugin workload
 * identity, or the Vault host's own credentials) or referenced at an existing mount path. Engine roles are added
 * with {@link addAssumedRole}, {@link addIamUser} and {@link addFederationToken}.
 */
export class AwsSecretsEngine extends Construct {
  /** Literal mount path. */
  public readonly mountPath: string;
  /** Mount path reference for dependants. */
  public readonly mountPathReference: string;
  /** Vault Enterprise namespace, if any. */
  public readonly vaultNamespace?: string;
  /** The mount resource; undefined when an existing mount is referenced. */
  public readonly backend?: AwsSecretBackend;
  /** True when the engine signs in to AWS with plugin workload identity, i.e. with role credentials. */
  public readonly usesWorkloadIdentity: boolean;

  constructor(scope: Construct, id: string, props: AwsSecretsEngineProps = {}) {
    super(scope, id);
    const existing = props.existingMountPath;
    this.mountPath = existing ?? props.path ?? 'aws';
    if (existing === undefined) claimName(this, 'Vault mount', this.mountPath, { namespace: props.vaultNamespace });
    this.vaultNamespace = props.vaultNamespace;
    this.usesWorkloadIdentity = props.workloadIdentity !== undefined;

    addChecks(this, () => this.engineProblems(props));
    if (props.existingMountPath !== undefined && props.adopt) {
      addChecks(this, () => ['adopt imports the mount so that this stack manages it, while existingMountPath leaves it unmanaged; set one of them']);
    }

    if (existing !== undefined) {
      this.mountPathReference = existing;
      return;
    }
    if (props.rootCredentials) {
      warn(
        this,
        'secret-in-state',
        'The AWS secrets engine root secret key will be stored in Terraform state (the Vault provider bindings in use have no write-only secret_key_wo). Protect the state, rotate the key with Vault\'s rotate-root after the first apply, or use workloadIdentity.',
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
      identityTokenTtl: props.workloadIdentity?.identityTokenTtl,
      defaultLeaseTtlSeconds: props.defaultLeaseTtlSeconds,
      maxLeaseTtlSeconds: props.maxLeaseTtlSeconds,
    });
    this.mountPathReference = this.backend.path;
    if (props.adopt) this.backend.importFrom(this.mountPath);
  }

  /** Adds an `assumed_role` engine role. */
  public addAssumedRole(id: string, props: AwsAssumedRoleProps): AwsEngineRole {
    return new AwsEngineRole(this, id, { ...props, credentialType: AwsCredentialType.ASSUMED_ROLE });
  }

  /** Adds an `iam_user` engine role. */
  public addIamUser(id: string, props: AwsIamUserProps): AwsEngineRole {
    return new AwsEngineRole(this, id, { ...props, credentialType: AwsCredentialType.IAM_USER });
  }

  /** Adds a `federation_token` engine role. */
  public addFederationToken(id: string, props: AwsFederationTokenProps): AwsEngineRole {
    return new AwsEngineRole(this, id, { ...props, credentialType: AwsCredentialType.FEDERATION_TOKEN });
  }

  private engineProblems(props: AwsSecretsEngineProps): string[] {
    const problems: string[] = [];
    problems.push(...mountPathProblems('AWS secrets engine', this.mountPath));
    problems.push(...duplicateRoleProblems(this, this.mountPath));
    const configuresMount =
      props.rootCredentials || props.workloadIdentity || props.region !== undefined || props.path !== undefined ||
      props.defaultLeaseTtlSeconds !== undefined || props.maxLeaseTtlSeconds !== undefined || props.description !== undefined;
    if (props.existingMountPath !== undefined && configuresMount) {
      problems.push(`existingMountPath ${JSON.stringify(props.existingMountPath)} references a mount that is managed elsewhere; remove path, region, credentials and TTL settings, or drop existingMountPath to create the mount here`);
    }
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
      problems.push(`workloadIdentity.identityTokenAudience ${JSON.stringify(audience)} is empty; use the audience of the IAM OIDC provider that trusts Vault (for example "sts.amazonaws.com")`);
    }
    problems.push(...engineTtlProblems({ ...props, identityTokenTtl: props.workloadIdentity?.identityTokenTtl }));
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
}

/** Properties of {@link AwsEngineRole}; use the engine's helper methods rather than building these. */
export interface AwsEngineRoleProps extends AwsEngineRoleOptions {
  /** Credential type of the role. */
  readonly credentialType: AwsCredentialType;
  /**
   * IAM roles to assume (`assumed_role` only).
   *
   * @default - none
   */
  readonly roleArns?: string[];
  /**
   * Default STS TTL in seconds (`assumed_role`, `federation_token`).
   *
   * @default - Vault's default
   */
  readonly defaultStsTtl?: number;
  /**
   * Maximum STS TTL in seconds (`assumed_role`, `federation_token`).
   *
   * @default - Vault's default
   */
  readonly maxStsTtl?: number;
  /**
   * External id (`assumed_role`).
   *
   * @default - none
   */
  readonly externalId?: string;
  /**
   * Session tags (`assumed_role`).
   *
   * @default - none
   */
  readonly sessionTags?: { [key: string]: string };
  /**
   * IAM groups: joined by `iam_user` users; for `assumed_role` and `federation_token` their policies are added to
   * the session policies.
   *
   * @see https://developer.hashicorp.com/vault/api-docs/secret/aws#iam_groups
   * @default - none
   */
  readonly iamGroups?: string[];
  /**
   * IAM tags (`iam_user`).
   *
   * @default - none
   */
  readonly iamTags?: { [key: string]: string };
  /**
   * Permissions boundary (`iam_user`).
   *
   * @default - none
   */
  readonly permissionsBoundaryArn?: string;
  /**
   * IAM user path (`iam_user`).
   *
   * @default "/"
   */
  readonly userPath?: string;
}

/** A role of the Vault AWS secrets engine, and the path runs read to use it. */
export class AwsEngineRole extends Construct implements ISecretsEngineRole {
  public readonly cloud = CredentialCloud.AWS;
  public readonly roleName: string;
  public readonly roleNameReference: string;
  public readonly mountPath: string;
  public readonly mountPathReference: string;
  public readonly vaultNamespace?: string;
  public readonly credentialPath: string;
  public readonly credentialType: string;
  /** IAM role ARNs of an `assumed_role` role (empty otherwise). */
  public readonly roleArns: string[];
  /** The engine the role belongs to. */
  public readonly engine: AwsSecretsEngine;
  /** The role resource. */
  public readonly resource: AwsSecretBackendRole;

  constructor(engine: AwsSecretsEngine, id: string, props: AwsEngineRoleProps) {
    super(engine, id);
    this.engine = engine;
    this.roleName = props.name ?? id;
    claimName(this, 'secrets-engine role', this.roleName, { namespace: engine.vaultNamespace, mount: engine.mountPath }, engine);
    this.mountPath = engine.mountPath;
    this.mountPathReference = engine.mountPathReference;
    this.vaultNamespace = engine.vaultNamespace;
    this.credentialType = props.credentialType;
    this.roleArns = [...(props.roleArns ?? [])];
    this.credentialPath = awsCredentialPath(this.mountPath, props.credentialType, this.roleName);

    addChecks(this, () => [...this.roleProblems(props), ...this.sessionProblems(props)]);
    this.warnAboutSessions(props);

    this.resource = new AwsSecretBackendRole(this, 'role', {
      backend: engine.mountPathReference,
      name: this.roleName,
      namespace: engine.vaultNamespace,
      credentialType: props.credentialType,
      roleArns: this.roleArns.length > 0 ? this.roleArns : undefined,
      policyArns: props.policyArns,
      policyDocument: literalText(props.policyDocument),
      defaultStsTtl: props.defaultStsTtl,
      maxStsTtl: props.maxStsTtl,
      externalId: props.externalId,
      sessionTags: props.sessionTags,
      iamGroups: props.iamGroups,
      iamTags: props.iamTags,
      permissionsBoundaryArn: props.permissionsBoundaryArn,
      userPath: props.userPath,
    });
    this.roleNameReference = this.resource.name;
    if (props.adopt) this.resource.importFrom(engineRoleImportId(this.mountPath, 'roles', this.roleName));
  }

  /** The STS TTLs this role sets, by name, for the session checks. */
  private stsTtls(props: AwsEngineRoleProps): Array<[string, number]> {
    if (props.credentialType !== AwsCredentialType.ASSUMED_ROLE) return [];
    return (
      [
        ['defaultStsTtl', props.defaultStsTtl],
        ['maxStsTtl', props.maxStsTtl],
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
  private sessionProblems(props: AwsEngineRoleProps): string[] {
    const problems: string[] = [];
    for (const arn of this.roleArns) {
      const session = runRoleSessionOf(this, arn);
      if (!session) continue;
      for (const [name, ttl] of this.stsTtls(props)) {
        if (ttl > session.maxSessionDurationSeconds) {
          problems.push(
            `${name} ${ttl} exceeds the maximum session of run role ${session.path} (${session.maxSessionDurationSeconds} s): AWS refuses to assume a role for longer than that, so credential requests would fail. Set maxSessionDurationSeconds of the run role to at least ${ttl}, or lower ${name}`,
          );
        }
      }
    }
    return problems;
  }

  /** Warns when an STS TTL exceeds AWS's default one-hour session for a role ARN this stack does not build. */
  private warnAboutSessions(props: AwsEngineRoleProps): void {
    const unknown = this.roleArns.filter((arn) => runRoleSessionOf(this, arn) === undefined);
    if (unknown.length === 0) return;
    for (const [name, ttl] of this.stsTtls(props)) {
      if (ttl > AWS_DEFAULT_MAX_SESSION_SECONDS) {
        warn(
          this,
          'sts-ttl-exceeds-role-session',
          `${name} is ${ttl} s, above AWS's default maximum session of ${AWS_DEFAULT_MAX_SESSION_SECONDS} s; unless the IAM role (${unknown.map((a) => (isUnresolved(a) ? 'a referenced role' : a)).join(', ')}) has its maximum session duration raised to at least ${ttl} s, AWS refuses the session and runs get no credentials`,
        );
      }
    }
  }

  private roleProblems(props: AwsEngineRoleProps): string[] {
    const problems: string[] = [];
    const type = props.credentialType;
    if (isUnresolved(this.roleName)) {
      problems.push('the engine role name must be a literal string: it becomes part of a Vault policy path');
    } else {
      const p = vaultNameProblem('Vault role name', this.roleName);
      if (p) problems.push(p);
    }
    if (type === AwsCredentialType.ASSUMED_ROLE) {
      if (this.roleArns.length === 0) {
        problems.push('an assumed_role engine role needs at least one IAM role ARN in roleArns; add the ARN of the role runs should assume');
      }
    } else if (this.roleArns.length > 0) {
      problems.push(`roleArns apply only to assumed_role roles; remove them from this ${type} role`);
    }
    for (const arn of this.roleArns) {
      if (!isUnresolved(arn) && !IAM_ROLE_ARN.test(arn)) {
        problems.push(`role ARN ${JSON.stringify(arn)} is not an IAM role ARN (arn:aws:iam::<12-digit account>:role/<name>)`);
      }
    }
    for (const arn of props.policyArns ?? []) {
      if (!isUnresolved(arn) && !IAM_POLICY_ARN.test(arn)) {
        problems.push(`policy ARN ${JSON.stringify(arn)} is not an IAM policy ARN (arn:aws:iam::<account or "aws">:policy/<name>)`);
      }
    }
    if (type !== AwsCredentialType.ASSUMED_ROLE && !props.policyDocument && (props.policyArns ?? []).length === 0) {
      problems.push(`${type === AwsCredentialType.IAM_USER ? 'an' : 'a'} ${type} engine role needs policyDocument or policyArns: they define what the issued credentials may do`);
    }
    if (props.policyDocument !== undefined && !isUnresolved(props.policyDocument)) {
      try {
        JSON.parse(props.policyDocument);
      } catch {
        problems.push(`policyDocument ${shown(props.policyDocument)} is not valid JSON; pass a JSON IAM policy document (for example JSON.stringify({...}))`);
      }
    }
    const stsMax = type === AwsCredentialType.FEDERATION_TOKEN ? 129600 : 43200;
    if (type === AwsCredentialType.IAM_USER && (props.defaultStsTtl !== undefined || props.maxStsTtl !== undefined)) {
      problems.push('defaultStsTtl and maxStsTtl apply only to assumed_role and federation_token roles');
    }
    for (const p of [
      secondsProblem('defaultStsTtl', props.defaultStsTtl, 900, stsMax),
      secondsProblem('maxStsTtl', props.maxStsTtl, 900, stsMax),
    ]) {
      if (p) problems.push(p);
    }
    if (props.defaultStsTtl !== undefined && props.maxStsTtl !== undefined && props.defaultStsTtl > props.maxStsTtl) {
      problems.push(`defaultStsTtl (${props.defaultStsTtl}) exceeds maxStsTtl (${props.maxStsTtl}); lower the default or raise the maximum`);
    }
    if (props.externalId !== undefined && !isUnresolved(props.externalId) && !EXTERNAL_ID.test(props.externalId)) {
      problems.push(`externalId ${JSON.stringify(props.externalId)} must be 2-1224 letters, digits and + = , . @ : / - _ (what sts:AssumeRole accepts)`);
    }
    if (props.permissionsBoundaryArn !== undefined && !isUnresolved(props.permissionsBoundaryArn) && !IAM_POLICY_ARN.test(props.permissionsBoundaryArn)) {
      problems.push(`permissionsBoundaryArn ${JSON.stringify(props.permissionsBoundaryArn)} is not an IAM policy ARN (arn:aws:iam::<account or "aws">:policy/<name>)`);
    }
    if (props.userPath !== undefined && !isUnresolved(props.userPath) && !IAM_PATH.test(props.userPath)) {
      problems.push(`userPath ${JSON.stringify(props.userPath)} is not an IAM path; it must start and end with "/", e.g. "/vault/"`);
    }
    problems.push(...identifierMapProblems('sessionTags', props.sessionTags, AWS_TAG_KEY, AWS_TAG_VALUE));
    problems.push(...identifierMapProblems('iamTags', props.iamTags, AWS_TAG_KEY, AWS_TAG_VALUE));
    problems.push(...identifierListProblems('iamGroups', props.iamGroups, IAM_GROUP_NAME.grammar, IAM_GROUP_NAME.rule));
    if (type !== AwsCredentialType.ASSUMED_ROLE && (props.externalId !== undefined || props.sessionTags !== undefined)) {
      problems.push('externalId and sessionTags apply only to assumed_role roles');
    }
    // iam_groups is not among these: Vault adds the groups' policies to the session policies of the STS types.
    if (type !== AwsCredentialType.IAM_USER &&
      (props.iamTags !== undefined || props.permissionsBoundaryArn !== undefined || props.userPath !== undefined)) {
      problems.push('iamTags, permissionsBoundaryArn and userPath apply only to iam_user roles');
    }
    if (type === AwsCredentialType.FEDERATION_TOKEN && this.engine.usesWorkloadIdentity) {
      problems.push(
        `federationToken ${JSON.stringify(this.roleName)} cannot work on an engine that uses workloadIdentity: Vault then holds role credentials, and AWS refuses sts:GetFederationToken to role credentials. Use assumedRole on this engine, or a federation_token role on an engine whose rootCredentials belong to an IAM user`,
      );
    }
    return problems;
  }
}
