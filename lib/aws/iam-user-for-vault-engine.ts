import type { IamUser } from '@cdktf/provider-aws/lib/iam-user';
import type { IamUserPolicy } from '@cdktf/provider-aws/lib/iam-user-policy';
import { Lazy } from 'cdktf';
import { Construct } from 'constructs';
import { addChecks, isUnresolved } from '../private/synth-checks';
import { checkStackOf } from '../private/tree-checks';
import { optionalPeerModule } from '../private/optional-peer';
import { IAM_POLICY_ARN, IAM_ROLE_ARN, IAM_NAME, IAM_PATH } from 'vault-backed-credentials-report/catalogue';

/** Properties of {@link AwsSecretsEngineUser}. */
export interface AwsSecretsEngineUserProps {
  /**
   * Name of the IAM user.
   *
   * @default "vault-secrets-engine"
   */
  readonly userName?: string;
  /**
   * IAM path of the user.
   *
   * @default "/"
   */
  readonly path?: string;
  /**
   * Permissions boundary of the user.
   *
   * @default - none
   */
  readonly permissionsBoundaryArn?: string;
  /**
   * IAM roles this stack does not create that the engine must assume (for `assumed_role` engine roles). Roles
   * created with {@link AwsRunRole} and this user as `engineUser` are added automatically.
   *
   * @default - none
   */
  readonly assumableRoleArns?: string[];
}


/**
 * The IAM user the Vault AWS secrets engine signs in as, for engines that use static root credentials.
 *
 * Its inline policy allows exactly two things: managing its own access keys (`iam:GetUser`, `iam:CreateAccessKey`,
 * `iam:DeleteAccessKey`, `iam:ListAccessKeys` on its own ARN, which is what Vault's `rotate-root` needs) and
 * `sts:AssumeRole` on the run roles it hands out. It creates no access key: a key made by Terraform would sit in
 * state. Create the first key once outside Terraform, pass it to {@link AwsSecretsEngine} through sensitive
 * variables, and let Vault rotate it.
 *
 * `iam_user` and `federation_token` engine roles need more permissions than this (creating users, or
 * `sts:GetFederationToken`); attach them to {@link user} yourself.
 *
 * Needs `@cdktf/provider-aws`, loaded only when this construct is created.
 */
export class AwsSecretsEngineUser extends Construct {
  /** The IAM user. */
  public readonly user: IamUser;
  /** The user's inline policy. */
  public readonly policy: IamUserPolicy;
  /** ARN of the user (a reference), the principal run roles trust. */
  public readonly userArn: string;
  /** Name of the user (a reference). */
  public readonly userName: string;
  private readonly assumable: string[];
  private readonly tagSession = new Set<string>();

  constructor(scope: Construct, id: string, props: AwsSecretsEngineUserProps = {}) {
    super(scope, id);
    checkStackOf(this);
    const { IamUser: IamUserClass } = optionalPeerModule<typeof import('@cdktf/provider-aws/lib/iam-user')>(
      '@cdktf/provider-aws', 'iam-user', 'AwsSecretsEngineUser',
    );
    const { IamUserPolicy: IamUserPolicyClass } = optionalPeerModule<typeof import('@cdktf/provider-aws/lib/iam-user-policy')>(
      '@cdktf/provider-aws', 'iam-user-policy', 'AwsSecretsEngineUser',
    );
    const name = props.userName ?? 'vault-secrets-engine';
    this.assumable = [...(props.assumableRoleArns ?? [])];

    addChecks(this, () => {
      const problems: string[] = [];
      if (!isUnresolved(name) && !IAM_NAME.grammar.test(name)) {
        problems.push(`userName ${JSON.stringify(name)} is not an IAM user name (1-64 letters, digits and + = , . @ _ -)`);
      }
      if (props.path !== undefined && !isUnresolved(props.path) && !IAM_PATH.grammar.test(props.path)) {
        problems.push(`path ${JSON.stringify(props.path)} is not an IAM path; it must start and end with "/", e.g. "/vault/"`);
      }
      if (props.permissionsBoundaryArn !== undefined && !isUnresolved(props.permissionsBoundaryArn) && !IAM_POLICY_ARN.test(props.permissionsBoundaryArn)) {
        problems.push(`permissionsBoundaryArn ${JSON.stringify(props.permissionsBoundaryArn)} is not an IAM policy ARN (arn:aws:iam::<account or ` +
          `"aws">:policy/<name>)`);
      }
      for (const arn of this.assumable) {
        if (!isUnresolved(arn) && !IAM_ROLE_ARN.test(arn)) {
          problems.push(`assumable role ARN ${JSON.stringify(arn)} is not an IAM role ARN (arn:aws:iam::<12-digit account>:role/<name>)`);
        }
      }
      return problems;
    });

    this.user = new IamUserClass(this, 'user', {
      name,
      path: props.path,
      permissionsBoundary: props.permissionsBoundaryArn,
    });
    this.userArn = this.user.arn;
    this.userName = this.user.name;
    this.policy = new IamUserPolicyClass(this, 'policy', {
      name: 'vault-secrets-engine',
      user: this.user.name,
      policy: Lazy.stringValue({ produce: () => this.renderPolicy() }),
    });
  }

  /** ARNs of the roles the engine may assume. */
  public get assumableRoleArns(): string[] {
    return [...this.assumable];
  }

  /**
   * Lets the engine assume `roleArn` (and, with `tagSession`, set session tags on it).
   *
   * @param roleArn ARN of the IAM role
   * @param tagSession also allow `sts:TagSession`, for engine roles with session tags
   */
  public allowAssumeRole(roleArn: string, tagSession?: boolean): void {
    if (!this.assumable.includes(roleArn)) this.assumable.push(roleArn);
    if (tagSession) this.tagSession.add(roleArn);
  }

  private renderPolicy(): string {
    const statements: object[] = [
      {
        Sid: 'ManageOwnAccessKeys',
        Effect: 'Allow',
        Action: ['iam:GetUser', 'iam:CreateAccessKey', 'iam:DeleteAccessKey', 'iam:ListAccessKeys'],
        Resource: this.user.arn,
      },
    ];
    if (this.assumable.length > 0) {
      statements.push({ Sid: 'AssumeRunRoles', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: [...this.assumable] });
    }
    if (this.tagSession.size > 0) {
      statements.push({ Sid: 'TagRunRoleSessions', Effect: 'Allow', Action: 'sts:TagSession', Resource: [...this.tagSession] });
    }
    return JSON.stringify({ Version: '2012-10-17', Statement: statements });
  }
}
