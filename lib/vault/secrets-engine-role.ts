/** Which cloud a secrets-engine role issues credentials for. */
export enum CredentialCloud {
  /** Amazon Web Services (Vault AWS secrets engine). */
  AWS = 'aws',
  /** Google Cloud (Vault GCP secrets engine). */
  GCP = 'gcp',
  /** Microsoft Azure (Vault Azure secrets engine). */
  AZURE = 'azure',
}

/**
 * A role of a Vault secrets engine that runs may read credentials from. Implemented by the engine role constructs;
 * the workload role turns {@link credentialPath} into the one policy rule the run needs.
 */
export interface ISecretsEngineRole {
  /** The cloud the credentials are for. */
  readonly cloud: CredentialCloud;
  /** Literal role name inside the engine. */
  readonly roleName: string;
  /** Reference to the role name, for variables (a reference to the role resource when this stack creates it). */
  readonly roleNameReference: string;
  /** Literal mount path of the engine. */
  readonly mountPath: string;
  /** Reference to the mount path, for variables. */
  readonly mountPathReference: string;
  /** Vault Enterprise namespace of the engine, if any. */
  readonly vaultNamespace?: string;
  /** The exact path a run reads to obtain credentials, e.g. `aws/sts/deploy`. */
  readonly credentialPath: string;
  /**
   * Credential type as HCP Terraform names it (e.g. `assumed_role`, `roleset/access_token`). Azure has no auth type
   * variable; its roles report `dynamic_service_principal` or `existing_service_principal` for information only.
   */
  readonly credentialType: string;
}
