import { admittedPhases } from '../bindings';
import { TOKEN_SELF_RULES } from '../policy/document';
import { attachedPolicies } from './policy-wildcard';
import { Resolved } from '../terraform-json';
import { Finding, ReportRule } from './types';

function namespaceLabel(namespace: Resolved): string {
  if (!('literal' in namespace)) return 'any namespace';
  return namespace.literal === '' ? 'the root namespace' : `namespace "${namespace.literal}"`;
}

/** A grant that no configured credential needs is access nobody reviews. */
export const unusedPolicyPath: ReportRule = {
  id: 'unused-policy-path',
  severity: 'warning',
  title: 'Policy grants a path no run uses',
  explanation: 'A policy attached to a JWT role grants a path that no configured credential reads in that namespace: access nobody reviews.',
  fix: 'Remove the path, unless runs read it through the Vault provider on purpose.',
  stages: ['report'],
  check: (model) => {
    const findings: Finding[] = [];
    const tokenSelf = new Set(TOKEN_SELF_RULES.map((r) => r.path));
    // Stack and module-test tokens never read TFC_VAULT_* variables; their roles' policies are judged elsewhere.
    const workspaceRunPolicies = new Set(
      model.bindings
        .filter((b) => admittedPhases(b).length > 0)
        .flatMap((b) => model.rolePolicies.get(b.role.block.address)?.policySources ?? []),
    );
    const usedNamespaces = [...new Set(model.usedPaths.map((p) => p.namespace))];
    for (const policy of attachedPolicies(model).filter((p) => workspaceRunPolicies.has(p.block.address))) {
      const namespace = policy.namespace;
      // A namespace the file does not give as a literal may be any namespace a run reads in: unused only if none uses it.
      const candidates = 'literal' in namespace ? [namespace.literal] : usedNamespaces;
      for (const rule of policy.rules ?? []) {
        if (tokenSelf.has(rule.path) || rule.capabilities.every((c) => c === 'deny')) continue;
        const covers = candidates.some((ns) => model.usedPathIndex.readableBy(ns, rule.path).length > 0);
        if (covers) continue;
        findings.push({
          rule: 'unused-policy-path',
          severity: 'warning',
          subject: policy.block.address,
          message:
            `grants ${rule.capabilities.join(', ')} on "${rule.path}", which no Vault-backed credential configuration in ` +
            `${namespaceLabel(namespace)} uses; remove it unless runs read it through the Vault provider on purpose`,
        });
      }
    }
    return findings;
  },
};
