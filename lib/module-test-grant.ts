import { JwtAuthBackendRole } from '@cdktf/provider-vault/lib/jwt-auth-backend-role';
import { Policy } from '@cdktf/provider-vault/lib/policy';
import { TestVariable } from '@cdktf/provider-tfe/lib/test-variable';
import { Construct } from 'constructs';
import { organizationNameProblem } from './claims/names';
import { MODULE_TEST_USER_CLAIMS, renderModuleTestSubject, stackPartProblem } from './claims/stacks';
import { addChecks, isUnresolved } from './core/validation';
import { entersHere, entryKey } from './private/entry';
import { roleNameBaseProblem } from './private/structure';
import { MODULE_TEST_USER_CLAIM, resolveTrust, TrustSettings } from './trust-settings';
import { vaultRunSettingProblems } from './private/vault-run-settings';
import { cloudConfigurationVariables } from './cloud-configurations';
import { combineConfigurations, ConfigurationVariables } from './env/configurations';
import { EnvVariableSpec, phaseValues, vaultRunVariables } from './env/variables';
import { AwsEngineRole } from './vault/aws-secrets-engine';
import { AzureEngineRole } from './vault/azure-secrets-engine';
import { GcpEngineRole } from './vault/gcp-secrets-engine';
import { IHcpTerraformJwtAuthMount } from './vault/jwt-auth-mount';
import { createRoleWithPolicy } from './vault/role-core';
import { ISecretsEngineRole } from './vault/secrets-engine-role';
import { literalText } from './private/boundary';

/** What a module test grant gives and to which registry module. */
export interface ModuleTestGrantOptions {
  /** Name of the private registry module whose test runs may log in, as it appears in the token subject. */
  readonly module: string;
  /** Provider of the registry module (for example `aws`), which together with the name identifies it in HCP Terraform. */
  readonly moduleProvider: string;
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
   * whose `claimMappings` name workspace claims sets this to mappings test-run tokens carry.
   *
   * @default - the trust's claimMappings
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
 * tokens have the subject `organization:<o>:module:<m>:operation:test_run`, are always in the plan phase and carry no
 * workspace or project claims, so the role binds that exact subject and uses `terraform_run_id` as its user claim.
 * The run's variables go to the module's test variables (`tfe_test_variable`), not to a variable set.
 */
export class ModuleTestGrant extends Construct {
  /** Literal name of the Vault role and policy. */
  public readonly roleName: string;
  /** The Vault policy. */
  public readonly policy: Policy;
  /** The Vault JWT role. */
  public readonly role: JwtAuthBackendRole;
  /** The module's test variables, in order. */
  public readonly testVariables: TestVariable[];

  constructor(scope: Construct, id: string, props: ModuleTestGrantProps) {
    super(scope, id);
    const trust = resolveTrust(props);
    this.roleName = props.roleName ?? `${trust.roleNamePrefix}-module-${id}`;
    const owns = {
      organization: entersHere(this, entryKey('organization', props.organization)),
      vaultRun: entersHere(this, entryKey('vaultRun', props.vaultAddress, props.vaultEncodedCaCert, props.vaultClientTimeout)),
    };
    const credentials = [props.aws, props.gcp, props.azure].filter((r): r is NonNullable<typeof r> => r !== undefined) as ISecretsEngineRole[];

    addChecks(this, () => {
      const problems: string[] = [];
      const org = !owns.organization ? undefined : isUnresolved(props.organization) ? 'organization must be a literal name' : organizationNameProblem(props.organization);
      if (org) problems.push(org);
      const moduleProblem = isUnresolved(props.module) ? 'module must be a literal name' : stackPartProblem('registry module', props.module);
      if (moduleProblem) problems.push(moduleProblem);
      if (isUnresolved(props.moduleProvider) || !/^[a-z0-9][a-z0-9-]{0,63}$/.test(props.moduleProvider)) {
        problems.push(`moduleProvider ${JSON.stringify(props.moduleProvider)} must be a registry provider name such as "aws" (lower-case letters, digits, "-")`);
      }
      const emptyRoleName = roleNameBaseProblem(props.roleName, false);
      if (emptyRoleName) problems.push(emptyRoleName);
      if (owns.vaultRun) problems.push(...vaultRunSettingProblems(props));
      return problems;
    });

    const core = createRoleWithPolicy(this, {
      authMount: props.authMount,
      roleName: this.roleName,
      boundClaims: { sub: renderModuleTestSubject(props.organization, props.module) },
      claimsType: 'string',
      audience: props.audience,
      userClaim: MODULE_TEST_USER_CLAIM,
      tokenClaims: MODULE_TEST_USER_CLAIMS,
      tokenKind: 'registry module test-run',
      credentials,
      organizationId: props.organizationId,
      tokenTtl: props.tokenTtl,
      tokenMaxTtl: props.tokenMaxTtl,
      claimMappings: props.claimMappings,
    });
    this.policy = core.policy;
    this.role = core.role;

    const parts: ConfigurationVariables[] = [
      {
        kind: 'vault',
        variables: vaultRunVariables({
          address: props.vaultAddress,
          namespace: props.authMount.runNamespace,
          authPath: props.authMount.mountPathReference,
          authPathIsDefault: props.authMount.mountPath === 'jwt',
          audience: trust.audience,
          audienceIsDefault: trust.audienceIsDefault,
          roles: phaseValues(core.role.roleName, core.role.roleName, true),
          encodedCaCert: trust.vaultEncodedCaCert,
          clientTimeoutSeconds: trust.vaultClientTimeout,
        }),
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
    this.testVariables = environment.map(
      (spec) =>
        new TestVariable(this, spec.key, {
          organization: props.organization,
          moduleName: props.module,
          moduleProvider: props.moduleProvider,
          key: spec.key,
          value: literalText(spec.value),
          category: 'env',
          sensitive: spec.sensitive ? true : undefined,
          description: literalText(spec.description),
        }),
    );
  }
}
