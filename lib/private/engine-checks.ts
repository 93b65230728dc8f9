import { TerraformVariable } from 'cdktf';
import { IConstruct } from 'constructs';
import { vaultNameProblem } from 'vault-backed-credentials-report/claims';
import { isUnresolved, secondsProblem } from './synth-checks';
import { mountStructureProblem } from './vault-reserved-names';
import { CredentialCloud, ISecretsEngineRole } from '../vault/secrets-engine-role';
import { LITERAL_BECAUSE, literalRequired } from './errors';

/** Checks every mount of this library shares: a literal path Vault accepts. */
export function mountPathProblems(label: string, mountPath: string): string[] {
  if (isUnresolved(mountPath)) return [literalRequired(`the ${label} mount path`, 'string', LITERAL_BECAUSE.credentialPath)];
  const problem = vaultNameProblem('mount path', mountPath) ?? mountStructureProblem(label, 'mount path', mountPath);
  return problem ? [problem] : [];
}

/** The lease and plugin-identity TTL settings a secrets engine mount may carry. */
export interface EngineTtlSettings {
  readonly defaultLeaseTtlSeconds?: number;
  readonly maxLeaseTtlSeconds?: number;
  readonly identityTokenTtlSeconds?: number;
}

/** Range checks of a mount's TTLs, and the default not above the maximum. */
export function engineTtlProblems(settings: EngineTtlSettings): string[] {
  const problems = [
    secondsProblem('workloadIdentity.identityTokenTtlSeconds', settings.identityTokenTtlSeconds, 1, 86400),
    secondsProblem('defaultLeaseTtlSeconds', settings.defaultLeaseTtlSeconds, 1, 31536000),
    secondsProblem('maxLeaseTtlSeconds', settings.maxLeaseTtlSeconds, 1, 31536000),
  ].filter((p): p is string => p !== undefined);
  const { defaultLeaseTtlSeconds: def, maxLeaseTtlSeconds: max } = settings;
  if (def !== undefined && max !== undefined && def > max) {
    problems.push(`defaultLeaseTtlSeconds (${def}) exceeds maxLeaseTtlSeconds (${max}); lower the default or raise the maximum`);
  }
  return problems;
}

/** A secret must arrive as a sensitive Terraform variable, so plans and logs never show it. */
export function secretVariableProblem(what: string, variable: TerraformVariable | undefined): string | undefined {
  if (variable === undefined || variable.sensitive === true) return undefined;
  return `the ${what} variable "${variable.friendlyUniqueId}" is not sensitive; declare it with sensitive: true so plans and logs never show it`;
}

/**
 * Two roles of one engine stored under the same name: Vault keeps one role per name (per kind for GCP's rolesets and
 * static accounts), so the last one applied would silently replace the other and both phases would get its
 * credentials.
 */
export function duplicateRoleProblems(engine: IConstruct, mountPath: string): string[] {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const child of engine.node.children) {
    const role = child as Partial<ISecretsEngineRole> & IConstruct;
    if (typeof role.roleName !== 'string' || typeof role.credentialPath !== 'string') continue;
    const kind = role.cloud === CredentialCloud.GCP && (role.credentialType ?? '').startsWith('static_account') ? 'static account' : 'role';
    const key = `${kind}:${role.roleName}`;
    const other = seen.get(key);
    if (other !== undefined) {
      problems.push(`${kind} name ${JSON.stringify(role.roleName)} is used by both ${other} and ${role.node.path} in mount ${JSON.stringify(mountPath)}; ` +
        `Vault keeps one ${kind} per name, so give each its own name`);
    }
    seen.set(key, role.node.path);
  }
  return problems;
}
