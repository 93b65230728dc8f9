import type { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import type { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import type { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Construct } from 'constructs';
import { addChecks, isUnresolved, secondsProblem } from '../private/synth-checks';
import { checkStackOf } from '../private/tree-checks';
import { optionalPeerModule } from '../private/optional-peer';
import { AwsSecretsEngineUser } from './iam-user-for-vault-engine';
import { registerRunRoleSession } from '../private/run-role-sessions';
import {
  IAM_POLICY_ARN,
  IAM_PRINCIPAL_ARN,
  EXTERNAL_ID,
  IAM_NAME,
  IAM_PATH,
  IAM_POLICY_NAME,
  AWS_DEFAULT_MAX_SESSION_SECONDS,
} from 'vault-backed-credentials-report/catalogue';
import { literalText } from '../private/terraform-literals';
import { shown } from '../private/errors';

/** Properties of {@link AwsRunRole}. */
export interface AwsRunRoleProps {
  /**
   * The engine's IAM user (static root credentials). The role trusts exactly this user, and the user's policy is
   * extended to let it assume the role. Give this or `trustedPrincipalArn`.
   *
   * @default - none
   */
  readonly engineUser?: AwsSecretsEngineUser;
  /**
   * ARN of the principal the engine acts as, when it is not an {@link AwsSecretsEngineUser} of this stack: the IAM
   * role of plugin workload identity (`AwsEngineWorkloadIdentity.roleArn`) or an IAM user managed elsewhere. Give
   * this or `engineUser`.
   *
   * @default - none
   */
  readonly trustedPrincipalArn?: string;
  /**
   * External id the engine must present (`sts:ExternalId` condition). Pass the same value as the engine role's
   * `externalId` (for example `runRole.externalId`).
   *
   * @default - no external id condition
   */
  readonly externalId?: string;
  /**
   * Also trust `sts:TagSession`, needed when the engine role sets `sessionTags`.
   *
   * @default false
   */
  readonly allowSessionTags?: boolean;
  /**
   * ARNs of managed policies attached to the role.
   *
   * @default - none
   */
  readonly managedPolicyArns?: string[];
  /**
   * Inline policies by name, each a JSON IAM policy document.
   *
   * @default - none
   */
  readonly inlinePolicies?: { [name: string]: string };
  /**
   * Name of the role.
   *
   * @default - a unique name chosen by Terraform
   */
  readonly roleName?: string;
  /**
   * Longest session, in seconds (3600 to 43200). Vault's `max_sts_ttl` cannot exceed it.
   *
   * @default 3600
   */
  readonly maxSessionDurationSeconds?: number;
  /**
   * IAM path of the role.
   *
   * @default "/"
   */
  readonly path?: string;
  /**
   * Permissions boundary of the role.
   *
   * @default - none
   */
  readonly permissionsBoundaryArn?: string;
  /**
   * Description of the role.
   *
   * @default "Assumed by the Vault AWS secrets engine for HCP Terraform runs"
   */
  readonly description?: string;
}


/**
 * An IAM role that HCP Terraform runs act as through an `assumed_role` engine role. Its trust policy admits exactly
 * one principal, the one the Vault AWS secrets engine signs in as, and only with the external id when one is set.
 * Create one per run phase (a read-only role for plan, a broader one for apply) and pass `arn` to
 * `AwsSecretsEngine.addAssumedRole({ roleArns: [role.arn] })` so the ARN flows by reference.
 *
 * Needs `@cdktf/provider-aws`, loaded only when this construct is created.
 */
export class AwsRunRole extends Construct {
  /** The IAM role. */
  public readonly role: IamRole;
  /** ARN of the role (a reference). */
  public readonly arn: string;
  /** External id the trust policy requires, if any. */
  public readonly externalId?: string;
  /** Trust policy document (JSON; the principal is a reference when it comes from this stack). */
  public readonly trustPolicy: string;
  /** Managed policy attachments, in the order of `managedPolicyArns`. */
  public readonly policyAttachments: IamRolePolicyAttachment[];
  /** Inline policies, in name order. */
  public readonly inlinePolicies: IamRolePolicy[];
  /** Longest session AWS grants on this role, in seconds. */
  public readonly maxSessionDurationSeconds: number;
  /** ARNs of the managed policies attached to the role, in the order given. */
  public readonly managedPolicyArns: string[];

  constructor(scope: Construct, id: string, props: AwsRunRoleProps) {
    super(scope, id);
    checkStackOf(this);
    const { IamRole: IamRoleClass } = optionalPeerModule<typeof import('@cdktf/provider-aws/lib/iam-role')>(
      '@cdktf/provider-aws', 'iam-role', 'AwsRunRole',
    );
    const { IamRolePolicy: IamRolePolicyClass } = optionalPeerModule<typeof import('@cdktf/provider-aws/lib/iam-role-policy')>(
      '@cdktf/provider-aws', 'iam-role-policy', 'AwsRunRole',
    );
    const { IamRolePolicyAttachment: AttachmentClass } = optionalPeerModule<typeof import('@cdktf/provider-aws/lib/iam-role-policy-attachment')>(
      '@cdktf/provider-aws', 'iam-role-policy-attachment', 'AwsRunRole',
    );

    const principal = props.engineUser?.userArn ?? props.trustedPrincipalArn ?? '';
    this.externalId = props.externalId;
    const managed = props.managedPolicyArns ?? [];
    const inline = Object.entries(props.inlinePolicies ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

    addChecks(this, () => {
      const problems: string[] = [];
      if ((props.engineUser === undefined) === (props.trustedPrincipalArn === undefined)) {
        problems.push(`the role must trust exactly one principal, the one the Vault AWS secrets engine signs in as; set engineUser or trustedPrincipalArn, ` +
          `not ${props.engineUser ? 'both' : 'neither'}`);
      }
      const arn = props.trustedPrincipalArn;
      if (arn !== undefined && !isUnresolved(arn) && !IAM_PRINCIPAL_ARN.test(arn)) {
        problems.push(`trustedPrincipalArn ${JSON.stringify(arn)} is not an IAM user or role ARN (arn:aws:iam::<12-digit account>:user/<name> or ` +
          `:role/<name>)`);
      }
      if (props.externalId !== undefined && !isUnresolved(props.externalId) && !EXTERNAL_ID.grammar.test(props.externalId)) {
        problems.push(`externalId ${JSON.stringify(props.externalId)} must be 2-1224 letters, digits and + = , . @ : / - _`);
      }
      if (managed.length === 0 && inline.length === 0) {
        problems.push('the role has no policies, so runs that assume it could do nothing; give managedPolicyArns or inlinePolicies');
      }
      for (const policyArn of managed) {
        if (!isUnresolved(policyArn) && !IAM_POLICY_ARN.test(policyArn)) {
          problems.push(`managed policy ARN ${JSON.stringify(policyArn)} is not an IAM policy ARN (arn:aws:iam::<account or "aws">:policy/<name>)`);
        }
      }
      for (const [name, document] of inline) {
        if (!IAM_POLICY_NAME.grammar.test(name)) {
          problems.push(`inlinePolicies key ${shown(name)} is not an inline policy name (1-128 letters, digits and + = , . @ _ -)`);
        }
        if (!isUnresolved(document)) {
          try {
            JSON.parse(document);
          } catch {
            problems.push(`inlinePolicies value of ${shown(name)}, ${shown(document)}, is not valid JSON; pass an IAM policy document (for example ` +
              `JSON.stringify({...}))`);
          }
        }
      }
      if (props.roleName !== undefined && !isUnresolved(props.roleName) && !IAM_NAME.grammar.test(props.roleName)) {
        problems.push(`roleName ${JSON.stringify(props.roleName)} is not an IAM role name (1-64 letters, digits and + = , . @ _ -)`);
      }
      if (props.path !== undefined && !isUnresolved(props.path) && !IAM_PATH.grammar.test(props.path)) {
        problems.push(`path ${JSON.stringify(props.path)} is not an IAM path; it must start and end with "/", e.g. "/vault/"`);
      }
      if (props.permissionsBoundaryArn !== undefined && !isUnresolved(props.permissionsBoundaryArn) && !IAM_POLICY_ARN.test(props.permissionsBoundaryArn)) {
        problems.push(`permissionsBoundaryArn ${JSON.stringify(props.permissionsBoundaryArn)} is not an IAM policy ARN (arn:aws:iam::<account or ` +
          `"aws">:policy/<name>)`);
      }
      const duration = secondsProblem('maxSessionDurationSeconds', props.maxSessionDurationSeconds, 3600, 43200);
      if (duration) problems.push(duration);
      return problems;
    });

    const actions = props.allowSessionTags ? ['sts:AssumeRole', 'sts:TagSession'] : ['sts:AssumeRole'];
    this.trustPolicy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'VaultSecretsEngine',
          Effect: 'Allow',
          Principal: { AWS: principal },
          Action: actions,
          ...(props.externalId !== undefined ? { Condition: { StringEquals: { 'sts:ExternalId': props.externalId } } } : {}),
        },
      ],
    });
    this.role = new IamRoleClass(this, 'role', {
      name: props.roleName,
      path: props.path,
      description: literalText(props.description) ?? 'Assumed by the Vault AWS secrets engine for HCP Terraform runs',
      assumeRolePolicy: this.trustPolicy,
      maxSessionDuration: props.maxSessionDurationSeconds,
      permissionsBoundary: props.permissionsBoundaryArn,
    });
    this.arn = this.role.arn;
    this.maxSessionDurationSeconds = props.maxSessionDurationSeconds ?? AWS_DEFAULT_MAX_SESSION_SECONDS;
    this.managedPolicyArns = [...managed];
    registerRunRoleSession(this, this.arn, {
      path: this.node.path,
      maxSessionDurationSeconds: this.maxSessionDurationSeconds,
      managedPolicyArns: this.managedPolicyArns,
    });
    this.policyAttachments = managed.map(
      (policyArn, index) => new AttachmentClass(this, `managed-${index}`, { role: this.role.name, policyArn }),
    );
    this.inlinePolicies = inline.map(
      ([name, policy], index) => new IamRolePolicyClass(this, `inline-${index}`, { name, role: this.role.name, policy: literalText(policy) }),
    );
    props.engineUser?.allowAssumeRole(this.arn, props.allowSessionTags);
  }
}
