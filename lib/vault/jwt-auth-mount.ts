import { JwtAuthBackend } from '@cdktf/provider-vault/lib/jwt-auth-backend';
import { Construct } from 'constructs';
import { ConstructorHandOver } from '../private/constructor-hand-over';
import { addChecks, hostnameProblem, isUnresolved } from '../private/synth-checks';
import { mountPathProblems } from '../private/engine-checks';
import { vaultNamespaceProblem } from '../private/vault-namespace-checks';
import { literalText } from '../private/terraform-literals';
import { claimAuthMount } from '../private/tree-checks';
import { shown } from '../private/errors';
import { DEFAULT_HCP_TERRAFORM_HOSTNAME, DEFAULT_VAULT_AUTH_PATH, HCP_TERRAFORM_HOSTNAMES } from 'vault-backed-credentials-report/catalogue';

/**
 * "HCP Terraform" for HashiCorp's hosts (`app.terraform.io`, and `app.eu.terraform.io` for HCP Terraform Europe),
 * "Terraform Enterprise" for any other host, so that descriptions name the product the tokens come from.
 *
 * @see https://developer.hashicorp.com/terraform/cloud-docs/dynamic-provider-credentials/workload-identity-tokens (iss is
 *   the HCP Terraform or Terraform Enterprise address)
 */
export function terraformProductName(hostname: string): string {
  return HCP_TERRAFORM_HOSTNAMES.includes(hostname.toLowerCase()) ? 'HCP Terraform' : 'Terraform Enterprise';
}

/** Properties of {@link HcpTerraformJwtAuthMount}. */
export interface HcpTerraformJwtAuthMountProps {
  /**
   * Hostname of HCP Terraform or of your Terraform Enterprise instance, without scheme or trailing slash.
   * HCP Terraform Europe organizations use `app.eu.terraform.io`.
   *
   * @default "app.terraform.io"
   * @see https://developer.hashicorp.com/terraform/cloud-docs/dynamic-provider-credentials/workload-identity-tokens
   */
  readonly hostname?: string;

  /**
   * Path of the JWT auth mount in Vault.
   *
   * @default "jwt"
   */
  readonly path?: string;

  /**
   * Vault Enterprise namespace of the mount, relative to the Vault provider's namespace.
   *
   * @default - the Vault provider's namespace
   */
  readonly vaultNamespace?: string;

  /**
   * Namespace the Vault provider itself is configured with (its `namespace` argument). Resource namespaces are
   * relative to it, while runs log in with the absolute path, so `TFC_VAULT_NAMESPACE` becomes
   * `<vaultProviderNamespace>/<vaultNamespace>`.
   *
   * @default - the provider uses the root namespace
   */
  readonly vaultProviderNamespace?: string;

  /**
   * PEM bundle Vault uses to verify the Terraform Enterprise certificate during OIDC discovery, when it is signed by a
   * private CA.
   *
   * @default - the system trust store of the Vault server
   */
  readonly discoveryCaPem?: string;

  /**
   * Description of the mount.
   *
   * @default "JWT auth for <HCP Terraform or Terraform Enterprise> workload identity tokens from <hostname>"
   */
  readonly description?: string;

  /**
   * Take over the mount that already exists at `path` instead of creating it: a Terraform `import` block with the
   * mount path as id.
   *
   * @default false
   */
  readonly adopt?: boolean;
}

/** A JWT auth mount configured outside this stack, for {@link HcpTerraformJwtAuthMount.fromMountPath}. */
export interface ImportedHcpTerraformJwtAuthMountProps {
  /** Path of the existing JWT auth mount. */
  readonly mountPath: string;

  /**
   * Hostname of HCP Terraform or Terraform Enterprise whose tokens the existing mount trusts: its `bound_issuer` must
   * be `https://<hostname>`.
   *
   * @default "app.terraform.io"
   */
  readonly hostname?: string;

  /**
   * Vault Enterprise namespace of the existing mount, relative to the Vault provider's namespace.
   *
   * @default - the Vault provider's namespace
   */
  readonly vaultNamespace?: string;

  /**
   * Namespace the Vault provider itself is configured with (its `namespace` argument); runs log in to
   * `<vaultProviderNamespace>/<vaultNamespace>`.
   *
   * @default - the provider uses the root namespace
   */
  readonly vaultProviderNamespace?: string;
}

/** A JWT auth mount that trusts HCP Terraform's or Terraform Enterprise's workload identity tokens. */
export interface IHcpTerraformJwtAuthMount {
  /** The mount path as a literal string. */
  readonly mountPath: string;
  /** The mount path to reference from dependent resources (a reference to the mount when this stack creates it). */
  readonly mountPathReference: string;
  /** Vault Enterprise namespace of the mount, if any, relative to the Vault provider's namespace. */
  readonly vaultNamespace?: string;
  /** The absolute namespace runs log in to (`TFC_VAULT_NAMESPACE`): the provider's namespace joined with the mount's. */
  readonly runNamespace?: string;
  /** Issuer the mount trusts: `https://<hostname>`. */
  readonly issuer: string;
  /** HCP Terraform or Terraform Enterprise hostname. */
  readonly hostname: string;
  /** "HCP Terraform" for HashiCorp's hosts, "Terraform Enterprise" otherwise; used in descriptions. */
  readonly productName: string;
}

/** The attributes {@link HcpTerraformJwtAuthMount.fromMountPath} hands to the constructor. */
const imports = new ConstructorHandOver<ImportedHcpTerraformJwtAuthMountProps>();

/**
 * The Vault JWT auth mount that trusts workload identity tokens signed by HCP Terraform or Terraform Enterprise:
 * `oidc_discovery_url` and `bound_issuer` are both `https://<hostname>`, exactly, with no trailing slash.
 *
 * {@link VaultBackedDynamicCredentials} creates one unless it is given an `authMount`; pass one referenced with
 * {@link fromMountPath} when the mount is configured outside the stack.
 *
 * @example
 * // A JWT mount that another team configured for Terraform Enterprise: the roles are written into it, and no
 * // mount resource is created.
 * const authMount = HcpTerraformJwtAuthMount.fromMountPath(this, 'tfe-jwt', {
 *   mountPath: 'jwt-tfe',
 *   hostname: 'tfe.acme.example',
 * });
 * const trust = new VaultBackedDynamicCredentials(this, 'trust', {
 *   organization: 'acme',
 *   vaultAddress: 'https://vault.acme.example:8200',
 *   authMount,
 * });
 */
export class HcpTerraformJwtAuthMount extends Construct implements IHcpTerraformJwtAuthMount {
  /**
   * References a JWT auth mount that is configured outside this stack: no mount resource is created, and roles are
   * written into the existing mount.
   */
  public static fromMountPath(scope: Construct, id: string, props: ImportedHcpTerraformJwtAuthMountProps): HcpTerraformJwtAuthMount {
    return imports.run(props, () => new HcpTerraformJwtAuthMount(scope, id, {
      hostname: props.hostname,
      vaultNamespace: props.vaultNamespace,
      vaultProviderNamespace: props.vaultProviderNamespace,
    }));
  }

  public readonly mountPath: string;
  public readonly mountPathReference: string;
  public readonly vaultNamespace?: string;
  public readonly runNamespace?: string;
  public readonly issuer: string;
  public readonly hostname: string;
  /** "HCP Terraform" for HashiCorp's hosts, "Terraform Enterprise" otherwise; used in descriptions. */
  public readonly productName: string;
  /** The mount resource; undefined for a mount referenced with {@link fromMountPath}. */
  public readonly backend?: JwtAuthBackend;

  constructor(scope: Construct, id: string, props: HcpTerraformJwtAuthMountProps = {}) {
    super(scope, id);
    this.hostname = props.hostname ?? DEFAULT_HCP_TERRAFORM_HOSTNAME;
    this.productName = isUnresolved(this.hostname) ? 'HCP Terraform or Terraform Enterprise' : terraformProductName(this.hostname);
    this.issuer = `https://${this.hostname}`;
    this.vaultNamespace = props.vaultNamespace;
    const parts = [props.vaultProviderNamespace, props.vaultNamespace].filter((p): p is string => p !== undefined && p !== '');
    this.runNamespace = parts.length > 0 ? parts.join('/') : undefined;
    const imported = imports.take();
    const existing = imported?.mountPath;
    this.mountPath = existing ?? props.path ?? DEFAULT_VAULT_AUTH_PATH;

    addChecks(this, () => {
      const problems: string[] = [];
      const hostProblem = hostnameProblem(this.hostname);
      if (hostProblem) problems.push(hostProblem);
      problems.push(...mountPathProblems('JWT auth', this.mountPath));
      for (const [what, value] of [['JWT auth mount vaultNamespace', props.vaultNamespace], ['JWT auth mount ' +
        'vaultProviderNamespace', props.vaultProviderNamespace]] as const) {
        const p = vaultNamespaceProblem(what, value);
        if (p) problems.push(p);
      }
      if (props.discoveryCaPem !== undefined && !isUnresolved(props.discoveryCaPem) && !props.discoveryCaPem.includes('-----BEGIN CERTIFICATE-----')) {
        problems.push(`discoveryCaPem ${shown(props.discoveryCaPem)} does not contain a PEM certificate ("-----BEGIN CERTIFICATE-----"); pass the PEM text, ` +
          `not a file path or base64`);
      }
      return problems;
    });

    if (existing === undefined) {
      claimAuthMount(this, this.mountPath, props.vaultNamespace);
      this.backend = new JwtAuthBackend(this, 'backend', {
        path: this.mountPath,
        type: 'jwt',
        description: literalText(props.description) ?? `JWT auth for ${this.productName} workload identity tokens from ${this.hostname}`,
        oidcDiscoveryUrl: this.issuer,
        boundIssuer: this.issuer,
        oidcDiscoveryCaPem: props.discoveryCaPem,
        namespace: props.vaultNamespace,
      });
      this.mountPathReference = this.backend.path;
      if (props.adopt) this.backend.importFrom(this.mountPath);
    } else {
      this.mountPathReference = existing;
    }
  }
}
