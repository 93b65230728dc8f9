import { VaultProvider } from '@cdktf/provider-vault/lib/provider';
import { Lazy, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { organizationNameProblem } from 'vault-backed-credentials-report/claims';
import { addChecks, isUnresolved } from './private/synth-checks';
import { WorkspaceGrant, WorkspaceGrantOptions } from './workspace-grant';
import { HcpTerraformLookups } from './hcp-terraform/lookups';
import { shareSettingsBelow } from './hcp-terraform/shared-settings';
import { ModuleTestGrant, ModuleTestGrantOptions } from './module-test-grant';
import { StackDeploymentGrant, StackDeploymentGrantOptions } from './stack-deployment-grant';
import { AwsSecretsEngine, AwsSecretsEngineProps } from './vault/aws-secrets-engine';
import { AzureSecretsEngine, AzureSecretsEngineProps } from './vault/azure-secrets-engine';
import { GcpSecretsEngine, GcpSecretsEngineProps } from './vault/gcp-secrets-engine';
import { HcpTerraformJwtAuthMount } from './vault/jwt-auth-mount';
import { TrustAdoption } from './adoption';
import { pipelinePolicyDocument } from 'vault-backed-credentials-report/policy';
import { managedVaultObjectsBelow } from './private/tree-checks';
import { atSynthesis, warn } from './private/warnings';

import { CheckedInputs, createWithCheckedInputs } from './private/checked-inputs';
import { vaultRunSettingProblems } from './private/vault-run-settings';
import { audienceProblem, claimMappingTargetProblems, organizationIdProblem, tokenTtlProblems } from './private/trust-setting-checks';
import { ResolvedTrust, resolveTrust, TokenKind, TrustSettings, trustSettingsOf } from './trust-settings';
import { recordCreationSite } from './private/creation-sites';
import { LITERAL_BECAUSE, literalRequired, organizationMissing, roleNamePrefixMalformed } from './private/errors';

/**
 * Properties of {@link VaultBackedDynamicCredentials}: the {@link TrustSettings} every grant receives whole, plus the
 * JWT auth mount and namespaces.
 */
export interface VaultBackedDynamicCredentialsProps extends TrustSettings {
  /**
   * Vault Enterprise / HCP Vault namespace for the JWT mount, roles, policies and secrets engines, relative to the
   * Vault provider's namespace. Runs receive it as `TFC_VAULT_NAMESPACE`.
   *
   * @default - the Vault provider's namespace; no `TFC_VAULT_NAMESPACE` is emitted
   */
  readonly vaultNamespace?: string;

  /**
   * The namespace the Vault provider of this stack is configured with (its `namespace` argument). Resource
   * namespaces are relative to it, so runs log in to `<vaultProviderNamespace>/<vaultNamespace>`. Synthesis fails when
   * a Vault provider of the stack sets a namespace that differs from this value: the variables would send runs to a
   * namespace where the roles do not exist.
   *
   * @default - the Vault provider uses the root namespace (or the namespace its token belongs to)
   */
  readonly vaultProviderNamespace?: string;

  /**
   * Hostname of HCP Terraform or Terraform Enterprise, without scheme or trailing slash.
   *
   * @default "app.terraform.io"
   */
  readonly hostname?: string;

  /**
   * PEM bundle Vault uses to verify the Terraform Enterprise certificate during OIDC discovery.
   *
   * @default - the Vault server's system trust store
   */
  readonly discoveryCaPem?: string;

  /**
   * Path of the JWT auth mount to create. Runs receive it as `TFC_VAULT_AUTH_PATH` when it is not `jwt`.
   *
   * @default "jwt"
   */
  readonly authMountPath?: string;

  /**
   * The JWT auth mount the roles go into, when this trust does not create it: usually an existing mount referenced
   * with {@link HcpTerraformJwtAuthMount.fromMountPath}. `hostname`, `authMountPath`, `discoveryCaPem` and
   * `adopt.authMount` configure the mount this trust creates, so they are not set together with it, and its
   * namespaces must be `vaultNamespace` and `vaultProviderNamespace`.
   *
   * @default - a mount is created at `authMountPath`
   */
  readonly authMount?: HcpTerraformJwtAuthMount;

  /**
   * Token claim used as the Vault entity alias. `terraform_workspace_id` survives renames; the default changes
   * whenever the organization, project or workspace is renamed.
   *
   * @default "terraform_full_workspace"
   */
  readonly userClaim?: string;
  /**
   * Existing objects this trust takes over instead of creating them (Terraform `import` blocks, names kept). Grants
   * adopt their roles, policies and variable sets with their own `adopt` option.
   *
   * @default - nothing is adopted
   */
  readonly adopt?: TrustAdoption;
}

/**
 * Vault-backed dynamic credentials for HCP Terraform and Terraform Enterprise, end to end: the JWT auth mount that
 * trusts the issuer, the secrets engines, and for each {@link grantWorkspaces} a plan role and an apply role with
 * least-privilege policies plus the variable set that points exactly the granted workspaces at them.
 *
 * Every name, path, namespace and audience is computed once here and flows to Vault and HCP Terraform alike.
 *
 * @example
 * // The organization, project and workspace bound by id, and an AWS engine that holds no long-lived key.
 * const trust = new VaultBackedDynamicCredentials(this, 'trust', {
 *   organization: 'acme',
 *   organizationId: 'org-AbCdEfGh12345678',
 *   vaultAddress: 'https://vault.acme.example:8200',
 * });
 * const aws = trust.addAwsSecretsEngine('aws', {
 *   region: 'eu-west-1',
 *   workloadIdentity: { identityTokenAudience: 'sts.amazonaws.com', roleArn: 'arn:aws:iam::111111111111:role/vault-aws-engine' },
 * });
 * trust.grantWorkspaces('network', {
 *   project: 'Networking',
 *   projectId: 'prj-AbCdEfGh12345678',
 *   workspaces: WorkspaceSelector.ids('ws-AbCdEfGh12345678'),
 *   aws: {
 *     plan: aws.addAssumedRole('network-read-only', { roleArns: ['arn:aws:iam::111111111111:role/network-read-only'] }),
 *     apply: aws.addAssumedRole('network-admin', { roleArns: ['arn:aws:iam::111111111111:role/network-admin'] }),
 *   },
 * });
 */
export class VaultBackedDynamicCredentials extends Construct {
  /** HCP Terraform organization. */
  public readonly organization: string;
  /** The JWT auth mount (created or referenced). */
  public readonly authMount: HcpTerraformJwtAuthMount;
  /** Vault namespace of every Vault resource created here, if any. */
  public readonly vaultNamespace?: string;
  /** Shared HCP Terraform project and workspace look-ups. */
  public readonly lookups: HcpTerraformLookups;

  private readonly props: VaultBackedDynamicCredentialsProps;
  /** The trust settings, handed whole to every grant. */
  private readonly trust: TrustSettings;
  /** The trust settings with every default applied, validated once, here. */
  private readonly resolved: ResolvedTrust;
  /**
   * The settings this facade validates, handed to every grant as checked; the claim-mapping sources of a token kind
   * join once the first grant of that kind has validated them.
   */
  private checked: CheckedInputs;
  private readonly grantList: WorkspaceGrant[] = [];
  private pipelinePolicyRead = false;
  private readonly stackGrantList: StackDeploymentGrant[] = [];
  private readonly moduleGrantList: ModuleTestGrant[] = [];
  private readonly awsEngineList: AwsSecretsEngine[] = [];
  private readonly gcpEngineList: GcpSecretsEngine[] = [];
  private readonly azureEngineList: AzureSecretsEngine[] = [];

  constructor(scope: Construct, id: string, props: VaultBackedDynamicCredentialsProps) {
    super(scope, id);
    recordCreationSite(this);
    this.props = props;
    this.trust = trustSettingsOf(props);
    this.resolved = resolveTrust(props);
    // The facade is where the trust settings enter: it validates them once (facadeProblems) and hands them to its
    // grants and look-ups as checked, so they and their roles leave them alone.
    this.checked = CheckedInputs.NONE
      .with('organization', props.organization)
      .with('vaultRun', props.vaultAddress, props.vaultEncodedCaCert, props.vaultClientTimeoutSeconds)
      .with('audience', this.resolved.audience)
      .with('tokenTtl', props.tokenTtlSeconds, props.tokenMaxTtlSeconds)
      .with('organizationId', props.organizationId)
      .with('claimMappingTargets', props.claimMappings);
    this.organization = props.organization;
    this.vaultNamespace = props.vaultNamespace;
    this.authMount = props.authMount ?? new HcpTerraformJwtAuthMount(this, 'auth', {
      hostname: props.hostname,
      path: props.authMountPath,
      vaultNamespace: props.vaultNamespace,
      vaultProviderNamespace: props.vaultProviderNamespace,
      discoveryCaPem: props.discoveryCaPem,
      adopt: props.adopt?.authMount,
    });
    this.lookups = createWithCheckedInputs(this.checked, () => new HcpTerraformLookups(this, 'lookups', { organization: props.organization }));
    // Grants created here write the settings they share once (lib/hcp-terraform/shared-settings.ts).
    shareSettingsBelow(this, props.organization, this.lookups);

    if (!isUnresolved(props.vaultAddress) && props.vaultAddress.startsWith('http://')) {
      warn(
        this,
        'vault-address-plain-http',
        `vaultAddress ${JSON.stringify(props.vaultAddress)} uses plain http: run tokens and credentials would cross the network unencrypted; use https`,
      );
    }
    addChecks(this, () => this.facadeProblems());
  }

  /**
   * The Vault policy (HCL) of the token that plans and applies this stack, and nothing more: `read` on
   * `auth/token/lookup-self` for the provider, and for every Vault object created below this construct exactly the
   * paths the Vault provider calls for it (the JWT mount at `sys/auth/<path>`, its tuning and `auth/<path>/config`,
   * each JWT role at `auth/<mount>/role/<name>`, each policy at `sys/policies/acl/<name>`, each secrets-engine mount
   * at `sys/mounts/<path>`, its tuning and configuration, and each engine role), prefixed with the resource's
   * namespace relative to the token's. No globs, no other mounts, no `auth/token/create`: configure the Vault
   * provider with `skip_child_token = true` (otherwise it creates a child token first). Mounts referenced with
   * `fromMountPath` are not included. Computed at synthesis, so grants added later are included; pass it to a
   * `TerraformOutput` or write it with `vault policy write`.
   *
   * @see https://developer.hashicorp.com/vault/api-docs/system/auth
   * @see https://registry.terraform.io/providers/hashicorp/vault/latest/docs#skip_child_token
   */
  public get pipelinePolicy(): string {
    if (!this.pipelinePolicyRead) {
      this.pipelinePolicyRead = true;
      atSynthesis(this, () => this.checkSkipChildToken());
    }
    return Lazy.stringValue({ produce: () => pipelinePolicyDocument(managedVaultObjectsBelow(this)).render() });
  }

  /**
   * The pipeline policy omits `auth/token/create`: warn when a Vault provider of the stack (or the implicit default
   * provider, when the stack declares none) would request a child token first.
   */
  private checkSkipChildToken(): void {
    const providers = TerraformStack.of(this).node.findAll().filter((c): c is VaultProvider => c instanceof VaultProvider);
    const without = providers.filter((p) => p.skipChildToken !== true).map((p) => p.node.path);
    if (providers.length > 0 && without.length === 0) return;
    const which = providers.length === 0
      ? 'the stack declares no Vault provider, and the default one requests a child token'
      : `the Vault provider ${without.join(', ')} does not set skipChildToken: true, so it requests a child token`;
    warn(
      this,
      'pipeline-needs-skip-child-token',
      `pipelinePolicy is used, but ${which} (auth/token/create), which the pipeline policy does not grant: every plan and apply ` +
        'with that policy would fail; set skipChildToken: true on the VaultProvider',
    );
  }

  /**
   * A new engine mount's description names the product the runs belong to (Terraform Enterprise when the hostname is
   * not HashiCorp's).
   */
  private engineDescription(cloud: string, props: { readonly description?: string }): string | undefined {
    if (props.description !== undefined) return props.description;
    return `${cloud} credentials for ${this.authMount.productName} runs`;
  }

  /** Workspace grants created so far through {@link grantWorkspaces}. */
  public get workspaceGrants(): WorkspaceGrant[] {
    return [...this.grantList];
  }

  /** Stack deployment grants created so far through {@link grantStackDeployments}. */
  public get stackDeploymentGrants(): StackDeploymentGrant[] {
    return [...this.stackGrantList];
  }

  /** Module test grants created so far through {@link grantModuleTests}. */
  public get moduleTestGrants(): ModuleTestGrant[] {
    return [...this.moduleGrantList];
  }

  /** AWS secrets engines created through {@link addAwsSecretsEngine}. */
  public get awsEngines(): AwsSecretsEngine[] {
    return [...this.awsEngineList];
  }

  /** Creates (or references) an AWS secrets engine in this trust's Vault namespace. */
  public addAwsSecretsEngine(id: string, props: AwsSecretsEngineProps = {}): AwsSecretsEngine {
    const engine = new AwsSecretsEngine(this, id, {
      ...props,
      vaultNamespace: props.vaultNamespace ?? this.vaultNamespace,
      description: this.engineDescription('AWS', props),
    });
    this.awsEngineList.push(engine);
    return engine;
  }

  /** GCP secrets engines created through {@link addGcpSecretsEngine}. */
  public get gcpEngines(): GcpSecretsEngine[] {
    return [...this.gcpEngineList];
  }

  /** Creates (or references) a GCP secrets engine in this trust's Vault namespace. */
  public addGcpSecretsEngine(id: string, props: GcpSecretsEngineProps = {}): GcpSecretsEngine {
    const engine = new GcpSecretsEngine(this, id, {
      ...props,
      vaultNamespace: props.vaultNamespace ?? this.vaultNamespace,
      description: this.engineDescription('GCP', props),
    });
    this.gcpEngineList.push(engine);
    return engine;
  }

  /** Azure secrets engines created through {@link addAzureSecretsEngine}. */
  public get azureEngines(): AzureSecretsEngine[] {
    return [...this.azureEngineList];
  }

  /** Creates (or references) an Azure secrets engine in this trust's Vault namespace. */
  public addAzureSecretsEngine(id: string, props: AzureSecretsEngineProps): AzureSecretsEngine {
    const engine = new AzureSecretsEngine(this, id, {
      ...props,
      vaultNamespace: props.vaultNamespace ?? this.vaultNamespace,
      description: this.engineDescription('Azure', props),
    });
    this.azureEngineList.push(engine);
    return engine;
  }

  /** Grants credentials to workspaces of one project, with separate plan and apply roles unless asked otherwise. */
  public grantWorkspaces(id: string, options: WorkspaceGrantOptions): WorkspaceGrant {
    const grant = this.createGrant('workspace run', this.trust.claimMappings, () => new WorkspaceGrant(this, id, {
      ...options,
      ...this.trust,
      authMount: this.authMount,
      userClaim: this.props.userClaim,
      lookups: this.lookups,
    }));
    this.checkSpelling(options.project);
    this.grantList.push(grant);
    return grant;
  }

  /**
   * Grants credentials to deployments of an HCP Terraform Stack: a plan role and an apply role bound to the Stack's
   * deployment subjects. Stacks can read variable sets, but the `TFC_VAULT_*` environment flow a variable set would
   * carry does not apply to them (HashiCorp sends Stacks to "Authenticate a Stack"), so no variable set is created;
   * see https://developer.hashicorp.com/terraform/language/stacks/deploy/authenticate. Paste the returned grant's `deploymentConfiguration` and
   * `providerConfiguration` into the Stack.
   */
  public grantStackDeployments(id: string, options: StackDeploymentGrantOptions): StackDeploymentGrant {
    const claimMappings = options.claimMappings ?? this.trust.claimMappings;
    const grant = this.createGrant('Stacks deployment', claimMappings, () => new StackDeploymentGrant(this, id, {
      ...options,
      ...this.trust,
      claimMappings,
      authMount: this.authMount,
    }));
    this.checkSpelling(options.project);
    this.stackGrantList.push(grant);
    return grant;
  }

  /**
   * Grants credentials to the test runs of a private registry module. Test runs are plan-phase runs with their own
   * subject (`organization:<o>:module:terraform-<provider>-<name>:operation:test_run`); the variables go to the
   * module's test variables.
   */
  public grantModuleTests(id: string, options: ModuleTestGrantOptions): ModuleTestGrant {
    const claimMappings = options.claimMappings ?? this.trust.claimMappings;
    const grant = this.createGrant('registry module test-run', claimMappings, () => new ModuleTestGrant(this, id, {
      ...options,
      ...this.trust,
      claimMappings,
      authMount: this.authMount,
    }));
    this.checkSpelling(undefined);
    this.moduleGrantList.push(grant);
    return grant;
  }

  /**
   * Creates a grant (one `new` in `create`) that receives the validated trust settings. Its first role validates the
   * claim-mapping sources for its token kind; later grants of the kind receive them as checked.
   */
  private createGrant<G>(tokenKind: TokenKind, claimMappings: TrustSettings['claimMappings'], create: () => G): G {
    const grant = createWithCheckedInputs(this.checked, create);
    this.checked = this.checked.with('claimMappingSources', claimMappings, tokenKind);
    return grant;
  }

  /**
   * Plan-time checks, through the tfe provider's organization and project data sources, that the organization (and
   * the project) are spelled as HCP Terraform stores them: synthesis cannot see the stored spelling, and a name that
   * differs in case only passes every look-up yet makes every run's login fail.
   */
  private checkSpelling(project: string | undefined): void {
    this.lookups.checkOrganizationSpelling();
    if (project !== undefined) this.lookups.checkProjectSpelling(project);
  }

  /** The Vault providers of this stack must use the namespace declared as `vaultProviderNamespace`. */
  private providerNamespaceProblems(): string[] {
    const problems: string[] = [];
    const declared = this.props.vaultProviderNamespace;
    for (const provider of TerraformStack.of(this).node.findAll()) {
      if (!(provider instanceof VaultProvider) || provider.alias !== undefined) continue;
      const actual = provider.namespace;
      if (actual !== undefined && isUnresolved(actual)) {
        problems.push(`the Vault provider ${provider.node.path} takes its namespace from a reference, so the namespace runs log in to cannot be checked; set ` +
          `vaultProviderNamespace and give the provider the same literal`);
      } else if ((actual ?? '') !== (declared ?? '')) {
        problems.push(
          `the Vault provider ${provider.node.path} is configured with namespace ${JSON.stringify(actual ?? '')} but vaultProviderNamespace is ` +
            `${JSON.stringify(declared ?? '')}; Vault resources would land under the provider's namespace while TFC_VAULT_NAMESPACE points elsewhere. Set ` +
              `vaultProviderNamespace to ${JSON.stringify(actual ?? '')}`,
        );
      }
    }
    return problems;
  }

  /** A mount passed as `authMount` brings its own settings: the trust's mount settings would be silently ignored. */
  private givenMountProblems(): string[] {
    const mount = this.props.authMount;
    if (mount === undefined) return [];
    const problems: string[] = [];
    const set: string[] = (['hostname', 'authMountPath', 'discoveryCaPem'] as const).filter((key) => this.props[key] !== undefined);
    if (this.props.adopt?.authMount !== undefined) set.push('adopt.authMount');
    if (set.length > 0) {
      problems.push(`${set.join(', ')} configure the JWT auth mount this trust creates, but authMount ${mount.node.path} is given; set them on that mount ` +
        `(or on HcpTerraformJwtAuthMount.fromMountPath) and remove them here`);
    }
    if ((mount.vaultNamespace ?? '') !== (this.props.vaultNamespace ?? '')) {
      problems.push(`authMount ${mount.node.path} is in Vault namespace ${JSON.stringify(mount.vaultNamespace ?? '')} but vaultNamespace is ` +
        `${JSON.stringify(this.props.vaultNamespace ?? '')}; roles must live in the mount's namespace, so give both the same namespace`);
    }
    const runs = [this.props.vaultProviderNamespace, this.props.vaultNamespace].filter((p) => p !== undefined && p !== '').join('/');
    if ((mount.runNamespace ?? '') !== runs) {
      problems.push(`authMount ${mount.node.path} sends runs to namespace ${JSON.stringify(mount.runNamespace ?? '')} but this trust's ` +
        `vaultProviderNamespace and vaultNamespace give ${JSON.stringify(runs)}; give the mount the same vaultProviderNamespace`);
    }
    return problems;
  }

  private facadeProblems(): string[] {
    const problems: string[] = [];
    const org = this.props.organization;
    if (org === undefined || org === null) {
      problems.push(organizationMissing());
    } else if (isUnresolved(org)) {
      problems.push(literalRequired('organization', 'name', LITERAL_BECAUSE.organization));
    } else {
      const p = organizationNameProblem(org);
      if (p) problems.push(p);
    }
    if (this.props.roleNamePrefix !== undefined && !/^[a-z0-9][a-z0-9_-]{0,31}$/.test(this.props.roleNamePrefix)) {
      problems.push(roleNamePrefixMalformed(this.props.roleNamePrefix));
    }
    // The settings every grant receives are checked here, once; the namespaces by the JWT auth mount.
    problems.push(...vaultRunSettingProblems(this.props));
    const audience = audienceProblem(this.resolved.audience);
    if (audience) problems.push(audience);
    problems.push(...tokenTtlProblems(this.props.tokenTtlSeconds, this.props.tokenMaxTtlSeconds));
    const orgId = organizationIdProblem(this.props.organizationId);
    if (orgId) problems.push(orgId);
    problems.push(...claimMappingTargetProblems(this.props.claimMappings));
    problems.push(...this.providerNamespaceProblems());
    problems.push(...this.givenMountProblems());

    // Colliding names and overlapping variable sets are checked over the whole stack (lib/private/tree-checks.ts).
    return problems;
  }
}
