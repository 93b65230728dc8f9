import { Finding, ReportRule } from './types';

/** `*` and `+` in policy paths grant today's and tomorrow's paths alike. */
export const policyWildcard: ReportRule = {
  id: 'policy-wildcard',
  severity: 'warning',
  title: 'Wildcard path in a run policy',
  explanation:
    'A "*" or "+" in a policy path attached to a JWT role grants every present and future path below it, not only ' +
    'the credentials the runs use.',
  fix: 'Grant the exact credential paths the runs read.',
  stages: ['report'],
  check: (model) => {
    const findings: Finding[] = [];
    const seen = new Set<string>();
    for (const policy of attachedPolicies(model)) {
      for (const rule of policy.rules ?? []) {
        if (!/[*+]/.test(rule.path) || rule.capabilities.includes('deny') || seen.has(`${policy.block.address} ${rule.path}`)) continue;
        seen.add(`${policy.block.address} ${rule.path}`);
        const namespace = policy.namespace;
        const covered = 'literal' in namespace ? model.usedPathIndex.readableBy(namespace.literal, rule.path) : [];
        findings.push({
          rule: 'policy-wildcard',
          severity: 'warning',
          subject: policy.block.address,
          message:
            `path "${rule.path}" (${rule.capabilities.join(', ')}) is a wildcard and grants every present and future path below it` +
            `${covered.length > 0 ? `; the runs use only ${covered.join(', ')}` : ''}; grant exact credential paths`,
        });
      }
    }
    return findings;
  },
};

/** Policies (from the file) that some JWT role attaches. */
export function attachedPolicies(model: Parameters<typeof policyWildcard.check>[0]): typeof model.index.policies {
  const sources = new Set([...model.rolePolicies.values()].flatMap((p) => p.policySources));
  for (const role of model.index.roles) for (const entry of role.policies) if (entry.block) sources.add(entry.block.address);
  return model.index.policies.filter((p) => sources.has(p.block.address));
}
