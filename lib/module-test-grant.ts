import { JwtAuthBackendRole } from '@cdktf/provider-vault/lib/jwt-auth-backend-role';
import { Policy } from '@cdktf/provider-vault/lib/policy';
import { TestVariable } from '@cdktf/provider-tfe/lib/test-variable';
import { Construct } from 'constructs';
import {
  MODULE_TEST_USER_CLAIMS,
  moduleProviderProblem,
  moduleTestSubjectName,
  organizationNameProblem,
  renderModuleTestSubject,
  stackPartProblem,
} from 'vault-backed-credentials-report/claims';
import { addChecks, isUnresolved } from './private/synth-checks';
import { CheckedInputs, receiveCheckedInputs } from './private/checked-inputs';
import { createJwtRunRole, roleNameBaseProblem } from './private/jwt-run-role';
import { MODULE_TEST_USER_CLAIM, ResolvedTrust, resolveTrust, TrustSettings } from './trust-settings';
import { runVaultVariables, vaultRunSettingProblems } from './private/vault-run-settings';
import { cloudConfigurationVariables } from './private/cloud-configurations';
import { combineConfigurations, ConfigurationVariables, EnvVariableSpec, phaseValues } from 'vault-backed-credentials-report/env';
import { AwsEngineRole } from './vault/aws-secrets-engine';
import { AzureEngineRole } from './vault/azure-secrets-engine';
import { GcpEngineRole } from './vault/gcp-secrets-engine';
import { IHcpTerraformJwtAuthMount } from './vault/jwt-auth-mount';
import { ISecretsEngineRole } from './vault/secrets-engine-role';
import { literalText } from './private/terraform-literals';
import { recordCreationSite } from './private/creation-sites';
import { warn } from './private/warnings';
import { LITERAL_BECAUSE, literalRequired } from './private/errors';

/** What a module test grant gives and to which registry module. */
export interface ModuleTestGrantOptions {
  /**
   * Registry name of the private module (`vpc`), as the registry and `tfe_test_variable.module_name` take it. The
   * token subject does not carry this name: it carries `terraform-<moduleProvider>-<module>` (`terraform-aws-vpc`),
   * which this grant builds and binds.
   *
   * @see https://developer.hashicorp.com/terraform/cloud-docs/registry/test/dynamic-credentials
   */
  readonly module: string;
  /**
   * Provider of the registry module (for example `aws`), which together with the name identifies it in HCP Terraform
   * and forms the `terraform-<provider>-<name>` module segment of the subject. Lower-case letters and digits.
   */
  readonly moduleProvider: string;
  /**
   * Bind every module of `moduleProvider` in the organization (`module:terraform-<provider>-*`, the selector HCP
   * Terraform documents for "all AWS modules") instead of the one module. The test variables still go to `module`
   * and to `additionalModules`: every other module's test configuration needs the same variables.
   *
   * @see https://developer.hashicorp.com/terraform/cloud-docs/registry/test/dynamic-credentials/aws
   * @default false
   */
  readonly allModulesOfProvider?: boolean;
  /**
   * Registry names of further modules of `moduleProvider` whose test configurations receive the same variables. Only
   * with `allModulesOfProvider`: a role bound to one module refuses their test runs.
   *
   * @default - only `module`
   */
  readonly additionalModules?: string[];
  /**
   * AWS engine role whose credentials test runs receive.
   *
   * @default - no AWS credentials
   */
  readonly aws?: AwsEngineRole;
  /**
   * GCP roleset or static account whose credentials test runs receive.
   *
   * @default - no GCP credentials
   */
  readonly gcp?: GcpEngineRole;
  /**
   * Azure engine role whose credentials test runs receive.
   *
   * @default - no Azure credentials
   */
  readonly azure?: AzureEngineRole;
  /**
   * Token claims copied into the Vault token metadata of this grant's role (claim name to metadata key). Module
   * test-run tokens carry only `sub`, `terraform_run_id`, `terraform_run_phase` and the organization claims, so a trust
   * whose `claimMappings` name workspace claims sets this to mappings test-run tokens carry. Setting it replaces the
   * default whole; `{}` maps nothing.
   *
   * @default - the trust's claimMappings; when the trust sets none, the module test audit default: `terraform_run_id` to
   *   `run_id` and `sub` (which names the module) to `subject`
   */
  readonly claimMappings?: { [claim: string]: string };
  /**
   * Name of the Vault role and policy.
   *
   * @default - "<roleNamePrefix>-module-<grant id>"
   */
  readonly roleName?: string;
}

/** Trust settings a module test grant inherits from its {@link VaultBackedDynamicCredentials}. */
export interface ModuleTestGrantProps extends ModuleTestGrantOptions, TrustSettings {
  /** The JWT auth mount the role lives in. */
  readonly authMount: IHcpTerraformJwtAuthMount;
}

/**
 * Vault-backed credentials for a private registry module's test runs (`terraform test` in HCP Terraform). Their
 * tokens have the subject `organization:<o>:module:terraform-<provider>-<name>:operation:test_run`, are always in the
 * plan phase and carry no workspace or project claims, so the role binds that exact subject (or, with
 * `allModulesOfProvider`, the documented `terraform-<provider>-*` glob) and uses `terraform_run_id` as its user claim.
 * The run's variables go to the module's test variables (`tfe_test_variable`), not to a variable set.
 *
 * What HashiCorp documents for test runs, and what this grant emits for it: the Vault flow's `TFC_VAULT_PROVIDER_AUTH`,
 * `TFC_VAULT_ADDR`, `TFC_VAULT_RUN_ROLE`, and when they differ from the defaults `TFC_VAULT_NAMESPACE`,
 * `TFC_VAULT_AUTH_PATH` and `TFC_VAULT_WORKLOAD_IDENTITY_AUDIENCE`; never plan/apply role variables (test runs have
 * only the plan phase) and no CA bundle variable (the module-test page lists none).
 *
 * Assumed where the docs are silent: the module-test pages document the Vault provider flow and the native cloud
 * flows for test runs, not the Vault-backed cloud flow. This grant sets the `TFC_VAULT_BACKED_<CLOUD>_*` variables of
 * the workspace flow on the test configuration on the assumption that test runs honour them as workspace runs do;
 * confirm with a first test run before relying on it.
 *
 * @see https://developer.hashicorp.com/terraform/cloud-docs/registry/test/dynamic-credentials
 * @see https://developer.hashicorp.com/terraform/cloud-docs/registry/test/dynamic-credentials/vault
 */
export class ModuleTestGrant extends Construct {
  /** Literal name of the Vault role and policy. */
  public readonly roleName: string;
  /** The Vault policy. */
  public readonly policy: Policy;
  /** The Vault JWT role. */
  public readonly role: JwtAuthBackendRole;
  /** The module's test variables, in order (for `additionalModules`, each module's variables follow the first's). */
  public readonly testVariables: TestVariable[];
  /** The subject the role binds (`organization:<o>:module:terraform-<p>-<name>:operation:test_run`, or the provider glob). */
  public readonly subject: string;

  constructor(scope: Construct, id: string, props: ModuleTestGrantProps) {
    super(scope, id);
    const received = receiveCheckedInputs();
    recordCreationSite(this);
    const trust = resolveTrust(props);
    this.roleName = props.roleName ?? `${trust.roleNamePrefix}-module-${id}`;
    const selector = props.allModulesOfProvider ? '*' : props.module;
    this.subject = renderModuleTestSubject(props.organization, props.moduleProvider, selector);
    const modules = [...new Set([props.module, ...(props.additionalModules ?? [])])];

    this.addGrantChecks(props, modules, received);
    const core = this.createRole(props, received);
    this.policy = core.policy;
    this.role = core.role;
    this.warnAboutReach(props, selector);
    this.testVariables = this.createTestVariables(props, trust, modules);
  }

  /** The grant's checks at synthesis; the organization and Vault run settings only when not handed over validated. */
  private addGrantChecks(props: ModuleTestGrantProps, modules: readonly string[], received: CheckedInputs): void {
    const owns = {
      organization: !received.covers('organization', props.organization),
      vaultRun: !received.covers('vaultRun', props.vaultAddress, props.vaultEncodedCaCert, props.vaultClientTimeoutSeconds),
    };
    addChecks(this, () => {
      const problems: string[] = [];
      const org = !owns.organization ? undefined : isUnresolved(props.organization)
        ? literalRequired('organization', 'name', LITERAL_BECAUSE.organization)
        : organizationNameProblem(props.organization);
      if (org) problems.push(org);
      for (const module of modules) {
        const moduleProblem = isUnresolved(module)
          ? literalRequired('module', 'name', LITERAL_BECAUSE.moduleSubject)
          : stackPartProblem('registry module', module);
        if (moduleProblem) problems.push(moduleProblem);
      }
      const providerProblem = isUnresolved(props.moduleProvider)
        ? literalRequired('moduleProvider', 'name', LITERAL_BECAUSE.moduleSubject)
        : moduleProviderProblem(props.moduleProvider);
      if (providerProblem) problems.push(providerProblem);
      if ((props.additionalModules ?? []).length > 0 && !props.allModulesOfProvider) {
        problems.push(
          `additionalModules (${(props.additionalModules ?? []).join(', ')}) need allModulesOfProvider: the role binds only ` +
            `${JSON.stringify(moduleTestSubjectName(props.moduleProvider, props.module))} and would refuse their test runs; set allModulesOfProvider or make ` +
              `one grant per module`,
        );
      }
      const emptyRoleName = roleNameBaseProblem(props.roleName, false);
      if (emptyRoleName) problems.push(emptyRoleName);
      if (owns.vaultRun) problems.push(...vaultRunSettingProblems(props));
      return problems;
    });
  }

  /** The one JWT role of the module's test runs, reading the credentials of each cloud given. */
  private createRole(props: ModuleTestGrantProps, received: CheckedInputs) {
    const credentials = [props.aws, props.gcp, props.azure].filter((r): r is NonNullable<typeof r> => r !== undefined) as ISecretsEngineRole[];
    return createJwtRunRole(this, {
      authMount: props.authMount,
      roleName: this.roleName,
      boundClaims: { sub: this.subject },
      claimsType: props.allModulesOfProvider ? 'glob' : 'string',
      audience: props.audience,
      userClaim: MODULE_TEST_USER_CLAIM,
      tokenClaims: MODULE_TEST_USER_CLAIMS,
      tokenKind: 'registry module test-run',
      credentials,
      organizationId: props.organizationId,
      tokenTtlSeconds: props.tokenTtlSeconds,
      tokenMaxTtlSeconds: props.tokenMaxTtlSeconds,
      claimMappings: props.claimMappings,
      checked: received,
    });
  }

  /** Test-run tokens bind names only unless the organization id is set: warn. */
  private warnAboutReach(props: ModuleTestGrantProps, selector: string): void {
    // Test-run tokens carry no module id claim (only terraform_organization_id, terraform_run_id and names), so the
    // module itself can only ever be bound by name; the organization is the one id a role can bind.
    if (props.organizationId === undefined) {
      warn(
        this,
        'name-only-binding',
        `the grant trusts names only (organization ${JSON.stringify(props.organization)}, module ` +
          `${JSON.stringify(moduleTestSubjectName(props.moduleProvider, selector))}); an organization that later takes the name "${props.organization}" can ` +
            `run tests that obtain these credentials. Set organizationId on the trust to bind terraform_organization_id (test-run tokens carry no module id, ` +
              `so the module stays bound by name)`,
      );
    }
  }

  /** The module's test variables: the Vault configuration and the cloud configurations, for each module. */
  private createTestVariables(props: ModuleTestGrantProps, trust: ResolvedTrust, modules: readonly string[]): TestVariable[] {
    const parts: ConfigurationVariables[] = [
      {
        kind: 'vault',
        variables: runVaultVariables(props.authMount, trust, phaseValues(this.role.roleName, this.role.roleName, true)),
      },
      ...cloudConfigurationVariables(
        {
          aws: props.aws ? { plan: props.aws, apply: props.aws } : undefined,
          gcp: props.gcp ? { plan: props.gcp, apply: props.gcp } : undefined,
          azure: props.azure ? { plan: props.azure, apply: props.azure } : undefined,
        },
        undefined,
      ),
    ];
    const environment: EnvVariableSpec[] = combineConfigurations(parts, false);
    return modules.flatMap((module, index) =>
      environment.map(
        (spec) =>
          new TestVariable(this, index === 0 ? spec.key : `${module}-${spec.key}`, {
            organization: props.organization,
            moduleName: module,
            moduleProvider: props.moduleProvider,
            key: spec.key,
            value: literalText(spec.value),
            category: 'env',
            sensitive: spec.sensitive ? true : undefined,
            description: literalText(spec.description),
          }),
      ),
    );
  }
}
