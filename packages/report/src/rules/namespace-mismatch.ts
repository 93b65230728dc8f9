import { literalOf, Resolved, sameValue, TerraformBlock } from '../terraform-json';
import { describeNamespace } from '../vault-index';
import { ReportRule } from './types';

/**
 * The run logs in, gets its policies and reads its credentials all in the one namespace TFC_VAULT_NAMESPACE names.
 * A JWT mount, role, policy, secrets engine or engine role created in another namespace is not there for it (the
 * defect of HashiCorp's GCP and Azure vault-backed examples, whose mount, policy and engine role have no namespace
 * while the JWT role and engine mount do).
 */
export const namespaceMismatch: ReportRule = {
  id: 'namespace-mismatch',
  severity: 'error',
  title: 'Block in another Vault namespace',
  explanation:
    'A run logs in, gets its policies and reads its credentials in the one namespace TFC_VAULT_NAMESPACE names; a ' +
    'JWT mount, role, policy, secrets engine or engine role created in another namespace is not there for it.',
  fix: 'Create the mount, roles, policies and engines in the namespace the variable set names, or point TFC_VAULT_NAMESPACE at theirs.',
  stages: ['report'],
  check: (model) => {
    const reasons = new Map<string, string[]>();
    const flag = (block: TerraformBlock, reason: string): void => {
      const list = reasons.get(block.address) ?? [];
      if (!list.includes(reason)) list.push(reason);
      reasons.set(block.address, list);
    };
    const differs = (a: Resolved, b: Resolved): boolean => sameValue(a, b) === false;
    const mountOf = new Map<TerraformBlock, (typeof model.index.mounts)[number]>(model.index.mounts.map((m) => [m.block, m]));
    const policyOf = new Map<TerraformBlock, (typeof model.index.policies)[number]>(model.index.policies.map((p) => [p.block, p]));
    const engineMountOf = new Map<TerraformBlock, (typeof model.index.engineMounts)[number]>(model.index.engineMounts.map((m) => [m.block, m]));
    const rolesByName = groupBy(model.index.roles, (r) => literalOf(r.name));
    const engineRolesByName = groupBy(model.index.engineRoles, (r) => literalOf(r.name));

    // Structure: each block against the blocks it is attached to.
    for (const role of model.index.roles) {
      const mount = role.mountBlock && mountOf.get(role.mountBlock);
      if (mount && differs(mount.namespace, role.namespace)) {
        flag(role.block, `it is in ${describeNamespace(role.namespace)} but its mount ${mount.block.address} is in ${describeNamespace(mount.namespace)}`);
      }
      for (const entry of role.policies) {
        const policy = entry.block && policyOf.get(entry.block);
        if (policy && differs(policy.namespace, role.namespace)) {
          const attached = `role ${role.block.address} in ${describeNamespace(role.namespace)} attaches it`;
          flag(policy.block, `${attached}, but it is in ${describeNamespace(policy.namespace)}, so tokens of that role get nothing from it`);
        }
      }
    }
    for (const role of model.index.engineRoles) {
      const mount = role.mountBlock && engineMountOf.get(role.mountBlock);
      if (mount && differs(mount.namespace, role.namespace)) {
        const engine = `its secrets engine ${mount.block.address}`;
        flag(role.block, `it is in ${describeNamespace(role.namespace)} but ${engine} is in ${describeNamespace(mount.namespace)}`);
      }
    }

    // Runs: everything a run uses must be in the namespace it logs in to.
    for (const evaluation of model.evaluations) {
      for (const login of evaluation.outcome.vault) {
        const namespace = login.configuration.namespace;
        if (literalOf(namespace) === undefined) continue;
        const variable = `TFC_VAULT_NAMESPACE${login.configuration.tag === undefined ? '' : `_${login.configuration.tag}`}`;
        const env = `runs use ${describeNamespace(namespace)} (${variable})`;
        const roleName = login.role && literalOf(login.role.value);
        if (roleName !== undefined) {
          const named = (rolesByName.get(roleName) ?? []).filter((r) => sameValue(r.mountPath, login.configuration.authPath) !== false);
          if (!named.some((r) => sameValue(r.namespace, namespace) === true)) {
            for (const role of named) {
              if (differs(role.namespace, namespace)) flag(role.block, `${env}, but the role is in ${describeNamespace(role.namespace)}`);
            }
          }
          // The policies of the role the run would use (or, when none is in the right namespace, of every role of
          // that name: moving the role alone would not be enough) must be in the run's namespace too.
          const inNamespace = named.filter((r) => sameValue(r.namespace, namespace) === true);
          for (const role of inNamespace.length > 0 ? inNamespace : named) {
            for (const entry of role.policies) {
              const policy = entry.block && policyOf.get(entry.block);
              if (policy && differs(policy.namespace, namespace)) flag(policy.block, `${env}, but this policy is in ${describeNamespace(policy.namespace)}`);
            }
          }
        }
        const mounts = model.index.mounts.filter((m) => sameValue(m.path, login.configuration.authPath) === true);
        if (!mounts.some((m) => sameValue(m.namespace, namespace) === true)) {
          for (const mount of mounts) {
            if (differs(mount.namespace, namespace)) flag(mount.block, `${env}, but the JWT auth mount is in ${describeNamespace(mount.namespace)}`);
          }
        }
      }
      for (const read of evaluation.outcome.credentials) {
        const cloudPhase = read.configuration.phases[evaluation.phase];
        const namespace = read.vault?.configuration.namespace;
        if (!cloudPhase || !namespace || literalOf(namespace) === undefined) continue;
        const env = `runs read ${read.configuration.cloud.toUpperCase()} credentials in ${describeNamespace(namespace)}`;
        const wantedName = literalOf(cloudPhase.role.value);
        const named = wantedName === undefined ? [] : engineRolesByName.get(wantedName) ?? [];
        const roles = named.filter((r) => r.cloud === read.configuration.cloud && r.kind === cloudPhase.kind);
        if (!roles.some((r) => sameValue(r.namespace, namespace) === true)) {
          for (const role of roles) {
            if (differs(role.namespace, namespace)) flag(role.block, `${env}, but this engine role is in ${describeNamespace(role.namespace)}`);
          }
        }
        const mounts = model.index.engineMounts.filter((m) => m.cloud === read.configuration.cloud && sameValue(m.path, read.configuration.mountPath) === true);
        if (!mounts.some((m) => sameValue(m.namespace, namespace) === true)) {
          for (const mount of mounts) {
            if (differs(mount.namespace, namespace)) flag(mount.block, `${env}, but this secrets engine is in ${describeNamespace(mount.namespace)}`);
          }
        }
      }
    }
    return [...reasons].map(([subject, list]) => ({
      rule: 'namespace-mismatch',
      severity: 'error' as const,
      subject,
      message:
        `${list.join('; ')}; create the JWT mount, roles, policies, secrets engine and engine roles ` +
        'in the same namespace and set TFC_VAULT_NAMESPACE to it',
    }));
  },
};

/** Items grouped by a key, in their order; items without a key are left out. */
function groupBy<T>(items: readonly T[], key: (item: T) => string | undefined): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === undefined) continue;
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
