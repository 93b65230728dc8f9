import type { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import type { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import type { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import type { ServiceAccountKey } from '@cdktf/provider-google/lib/service-account-key';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { addChecks, isUnresolved } from '../private/synth-checks';
import { checkStackOf } from '../private/tree-checks';
import { optionalPeerModule } from '../private/optional-peer';
import { warn } from '../private/warnings';
import { literalText } from '../private/terraform-literals';
import { GCP_PROJECT_ID, GCP_SERVICE_ACCOUNT_ID } from 'vault-backed-credentials-report/catalogue';

/** Properties of {@link GcpSecretsEngineServiceAccount}. */
export interface GcpSecretsEngineServiceAccountProps {
  /** Project the service account lives in and whose IAM policy rolesets change. */
  readonly project: string;
  /**
   * Account id (the part of the email before `@`), 6 to 30 characters.
   *
   * @default "vault-secrets-engine"
   */
  readonly accountId?: string;
  /**
   * Display name of the service account.
   *
   * @default "Vault GCP secrets engine"
   */
  readonly displayName?: string;
  /**
   * Create a key for Vault and expose it as {@link GcpSecretsEngineServiceAccount.credentialsJson}. The Google
   * provider keeps the private key in Terraform state; prefer `workloadIdentityMembers` where Vault Enterprise
   * supports plugin workload identity.
   *
   * @default false
   */
  readonly createKey?: boolean;
  /**
   * Workload Identity Federation principals allowed to impersonate the account
   * (`roles/iam.workloadIdentityUser`), e.g.
   * `principal://iam.googleapis.com/projects/<number>/locations/global/workloadIdentityPools/<pool>/subject/<subject>`.
   * Use with `GcpSecretsEngine` `workloadIdentity`.
   *
   * @default - none
   */
  readonly workloadIdentityMembers?: string[];
}

// No braces: a member is an identifier, and `${` or `%{` in it would be a Terraform template.
const FEDERATED_MEMBER = /^principal(Set)?:\/\/iam\.googleapis\.com\/[^\s{}]+$/;

/**
 * The service account the Vault GCP secrets engine acts as, with the project roles it needs and nothing broader
 * (never `roles/editor`):
 *
 * - `roles/iam.serviceAccountAdmin`: a roleset is backed by a service account that Vault creates, updates and
 *   deletes with the roleset;
 * - `roles/iam.serviceAccountKeyAdmin`: Vault creates and deletes keys, both the keys it issues
 *   (`service_account_key`) and the key it uses to mint access tokens for a roleset or static account;
 * - `roles/resourcemanager.projectIamAdmin`: Vault writes a roleset's bindings into the project's IAM policy.
 *
 * Bindings on resources below the project (a bucket, a dataset) additionally need permission to set that
 * resource's IAM policy. Rolesets can be written only after these roles exist, so make the engine depend on
 * {@link projectRoles}: `trust.addGcpSecretsEngine('gcp', { ..., dependsOn: sa.projectRoles })`. Pass the resources
 * themselves, never their `fqn`: `fqn` is a `${...}` reference, and Terraform refuses `depends_on` entries that are
 * not static references ("A single static variable reference is required").
 *
 * Vault signs in either with a key ({@link credentialsJson}, for the engine's `writeOnlyCredentials`) or through
 * Workload Identity Federation ({@link email} for the engine's `workloadIdentity.serviceAccountEmail`).
 *
 * Needs `@cdktf/provider-google`, loaded only when this construct is created.
 */
export class GcpSecretsEngineServiceAccount extends Construct {
  /** The project roles the engine's service account receives. */
  public static readonly PROJECT_ROLES: string[] = [
    'roles/iam.serviceAccountAdmin',
    'roles/iam.serviceAccountKeyAdmin',
    'roles/resourcemanager.projectIamAdmin',
  ];

  /** The service account. */
  public readonly serviceAccount: ServiceAccount;
  /** Email of the service account (a reference). */
  public readonly email: string;
  /** Project role memberships, one per role of {@link PROJECT_ROLES}. */
  public readonly projectRoles: ProjectIamMember[];
  /** Workload identity bindings, one per member. */
  public readonly workloadIdentityBindings: ServiceAccountIamMember[];
  /** The key, when `createKey`. */
  public readonly key?: ServiceAccountKey;
  /** The key's JSON (a reference), when `createKey`: pass it to the engine's `writeOnlyCredentials`. */
  public readonly credentialsJson?: string;

  constructor(scope: Construct, id: string, props: GcpSecretsEngineServiceAccountProps) {
    super(scope, id);
    checkStackOf(this);
    const what = 'GcpSecretsEngineServiceAccount';
    const { ServiceAccount: ServiceAccountClass } = optionalPeerModule<typeof import('@cdktf/provider-google/lib/service-account')>(
      '@cdktf/provider-google', 'service-account', what,
    );
    const { ProjectIamMember: ProjectIamMemberClass } = optionalPeerModule<typeof import('@cdktf/provider-google/lib/project-iam-member')>(
      '@cdktf/provider-google', 'project-iam-member', what,
    );
    const accountId = props.accountId ?? 'vault-secrets-engine';
    const members = props.workloadIdentityMembers ?? [];

    addChecks(this, () => {
      const problems: string[] = [];
      if (!isUnresolved(props.project) && !GCP_PROJECT_ID.grammar.test(props.project ?? '')) {
        problems.push(`project ${JSON.stringify(props.project)} is not a GCP project id (6-30 lower-case letters, digits and "-", starting with a letter)`);
      }
      if (!isUnresolved(accountId) && !GCP_SERVICE_ACCOUNT_ID.grammar.test(accountId)) {
        problems.push(`accountId ${JSON.stringify(accountId)} must be 6-30 lower-case letters, digits and "-", starting with a letter and not ending with "-"`);
      }
      for (const member of members) {
        if (!isUnresolved(member) && !FEDERATED_MEMBER.test(member)) {
          problems.push(`workload identity member ${JSON.stringify(member)} is not a federated principal ("principal://iam.googleapis.com/..." or ` +
            `"principalSet://iam.googleapis.com/...")`);
        }
      }
      if (props.createKey && members.length > 0) {
        problems.push('createKey and workloadIdentityMembers are alternatives; Vault signs in with a key or through workload identity, so keep one');
      }
      return problems;
    });

    this.serviceAccount = new ServiceAccountClass(this, 'account', {
      project: props.project,
      accountId,
      displayName: literalText(props.displayName) ?? 'Vault GCP secrets engine',
      description: 'Identity of the Vault GCP secrets engine that issues credentials to HCP Terraform runs.',
    });
    this.email = this.serviceAccount.email;
    this.projectRoles = GcpSecretsEngineServiceAccount.PROJECT_ROLES.map(
      (role) =>
        new ProjectIamMemberClass(this, role.replace(/^roles\//, '').replace(/[^A-Za-z0-9]+/g, '-'), {
          project: props.project,
          role,
          member: this.serviceAccount.member,
        }),
    );

    if (members.length > 0) {
      const { ServiceAccountIamMember: BindingClass } = optionalPeerModule<typeof import('@cdktf/provider-google/lib/service-account-iam-member')>(
        '@cdktf/provider-google', 'service-account-iam-member', what,
      );
      this.workloadIdentityBindings = members.map(
        (member, index) =>
          new BindingClass(this, `workload-identity-${index}`, {
            serviceAccountId: this.serviceAccount.name,
            role: 'roles/iam.workloadIdentityUser',
            member,
          }),
      );
    } else {
      this.workloadIdentityBindings = [];
    }

    if (props.createKey) {
      const { ServiceAccountKey: KeyClass } = optionalPeerModule<typeof import('@cdktf/provider-google/lib/service-account-key')>(
        '@cdktf/provider-google', 'service-account-key', what,
      );
      this.key = new KeyClass(this, 'key', { serviceAccountId: this.serviceAccount.name });
      this.credentialsJson = Fn.base64decode(this.key.privateKey);
      warn(
        this,
        'secret-in-state',
        'The service-account key created for the Vault GCP secrets engine is kept in Terraform state by the Google provider. Protect the state, or use ' +
          'workloadIdentityMembers with the engine\'s workloadIdentity instead of a key.',
      );
    }
  }
}
