import { literalOf, textOf } from '../terraform-json';
import { describeNamespace } from '../vault-index';
import { Finding, ReportRule } from './types';

/**
 * A run asks the secrets engine for a role by name. When this configuration manages that engine's mount and defines
 * no such role on it, Vault answers "unknown role" (or "role not found") to every run, whatever the policies allow.
 * Mounts managed elsewhere are not judged: their roles may exist outside the file. A role of that name defined on
 * another mount or in another namespace is left to namespace-mismatch and credential-denied.
 */
export const engineRoleMissing: ReportRule = {
  id: 'engine-role-missing',
  severity: 'error',
  title: 'Variable names an engine role the mount does not have',
  explanation:
    'A TFC_VAULT_BACKED_*_VAULT_ROLE (or GCP roleset or static account) variable names a role that the ' +
    'secrets-engine mount managed by this configuration does not define. Vault answers every run with an ' +
    'unknown-role error.',
  fix: 'Name a role the engine mount defines, or create the role on that mount.',
  stages: ['report'],
  check: (model) => {
    const findings = new Map<string, Finding>();
    for (const evaluation of model.evaluations) {
      for (const read of evaluation.outcome.credentials) {
        const cloudPhase = read.configuration.phases[evaluation.phase];
        const namespace = read.vault?.configuration.namespace;
        if (!cloudPhase || !namespace || read.engineRole !== undefined) continue;
        const name = literalOf(cloudPhase.role.value);
        if (name === undefined) continue;
        const mounts = model.index.engineMountsAt(read.configuration.cloud, namespace, read.configuration.mountPath);
        const mount = mounts.definite[0];
        if (!mount) continue;
        // A role of that name elsewhere (another mount or namespace) is a misplacement, which namespace-mismatch and
        // credential-denied name; this rule is for names no block defines.
        const cloud = read.configuration.cloud;
        if (model.index.engineRoles.some((r) => r.cloud === cloud && r.kind === cloudPhase.kind && literalOf(r.name) === name)) continue;
        const kind = cloudPhase.kind === 'role' ? 'role' : cloudPhase.kind === 'roleset' ? 'roleset' : 'static account';
        const subject = `${evaluation.selector.label} ${evaluation.phase}`;
        const engine = `the ${read.configuration.cloud.toUpperCase()} secrets engine ${mount.block.address}`;
        const where = `${textOf(read.configuration.mountPath)}/ in ${describeNamespace(namespace)}`;
        const message =
          `${cloudPhase.role.key} names the ${kind} "${name}", but ${engine} (${where}) that this configuration manages has no such ` +
          `${kind}; Vault answers that the role is unknown to every run. Define the ${kind} on that mount, or fix the variable`;
        findings.set(`${subject}\u0000${message}`, { rule: 'engine-role-missing', severity: 'error', subject, message });
      }
    }
    return [...findings.values()];
  },
};
