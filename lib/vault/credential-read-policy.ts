import { Policy } from '@cdktf/provider-vault/lib/policy';
import { Construct } from 'constructs';
import { vaultNameProblem } from 'vault-backed-credentials-report/claims';
import { PolicyDocument, TOKEN_SELF_RULES } from 'vault-backed-credentials-report/policy';
import { isUnresolved } from '../private/synth-checks';
import { AwsEngineRole } from './aws-secrets-engine';
import { AzureEngineRole } from './azure-secrets-engine';
import { GcpEngineRole } from './gcp-secrets-engine';
import { ISecretsEngineRole } from './secrets-engine-role';

/** Properties of {@link CredentialReadPolicy}. */
export interface CredentialReadPolicyProps {
  /** Literal policy name, already lower-cased (Vault stores policy names lower-cased). */
  readonly name: string;
  /** Vault namespace of the policy (the JWT auth mount's). */
  readonly namespace?: string;
  /** Engine roles whose credential paths the policy reads. */
  readonly credentials: readonly ISecretsEngineRole[];
}

/**
 * The Vault policy of one run role: the token self paths plus `read` on the exact credential path of each engine role,
 * nothing else. A `vault_policy` resource (roles expose it as a plain `Policy`); internal to the library. The role
 * that carries it reports {@link documentProblems}; a document with problems is written empty, as synthesis fails.
 */
export class CredentialReadPolicy extends Policy {
  /** The document the policy writes, with the token self paths first. */
  public static documentOf(credentials: readonly ISecretsEngineRole[]): PolicyDocument {
    // The token self paths keep renew and revoke working even where Vault's default policy was edited or detached.
    const document = PolicyDocument.fromRules(TOKEN_SELF_RULES);
    for (const credential of credentials) {
      // An engine role of this library refuses a bad role name itself; its path is left out rather than reported
      // again by every policy that reads it (synthesis fails on the engine role's error either way).
      if (checksOwnRoleName(credential) && !isUnresolved(credential.roleName) && vaultNameProblem('role name', credential.roleName) !== undefined) {
        continue;
      }
      document.addRule(credential.credentialPath, ['read']);
    }
    return document;
  }

  /** What is wrong with the document (empty when it is written). */
  public readonly documentProblems: readonly string[];

  constructor(scope: Construct, id: string, props: CredentialReadPolicyProps) {
    const document = CredentialReadPolicy.documentOf(props.credentials);
    const problems = document.validate();
    super(scope, id, { name: props.name, namespace: props.namespace, policy: problems.length === 0 ? document.render() : '' });
    this.documentProblems = problems;
  }
}

/** True for the engine roles of this library, which refuse, at synthesis, a role name Vault would not accept. */
function checksOwnRoleName(role: ISecretsEngineRole): boolean {
  return role instanceof AwsEngineRole || role instanceof GcpEngineRole || role instanceof AzureEngineRole;
}
