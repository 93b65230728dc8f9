import { Finding, Rule } from './types';

/** Plans run for every pull request; when they hold the same role or credentials as applies, so does every reviewer-to-be. */
export const planApplyShared: Rule = {
  id: 'plan-apply-shared',
  description: 'Plan and apply of a selector use the same Vault role or read the same credential.',
  check: (model) => {
    const findings: Finding[] = [];
    // The first admitted apply row of each selector and Vault configuration.
    const applies = new Map<unknown, Map<string | undefined, (typeof model.rows)[number]>>();
    for (const row of model.rows) {
      if (row.phase !== 'apply' || row.login !== 'admitted') continue;
      const bySelector = applies.get(row.selector) ?? new Map<string | undefined, (typeof model.rows)[number]>();
      if (!bySelector.has(row.vaultTag)) bySelector.set(row.vaultTag, row);
      applies.set(row.selector, bySelector);
    }
    for (const plan of model.rows.filter((r) => r.phase === 'plan' && r.login === 'admitted')) {
      const apply = applies.get(plan.selector)?.get(plan.vaultTag);
      if (!apply) continue;
      const subject = `${plan.selector.label}${plan.vaultTag === undefined ? '' : ` [configuration ${plan.vaultTag}]`}`;
      if (plan.roleAddress !== undefined && plan.roleAddress === apply.roleAddress) {
        findings.push({
          rule: 'plan-apply-shared',
          severity: 'warning',
          subject,
          message: `plan and apply log in with the same role "${plan.role}", so plan runs (any pull request) hold everything applies hold; use separate plan and apply roles`,
        });
        continue;
      }
      const shared = plan.credentials.filter((c) => c.path !== undefined && apply.credentials.some((a) => a.path === c.path)).map((c) => c.path);
      if (shared.length > 0) {
        findings.push({
          rule: 'plan-apply-shared',
          severity: 'warning',
          subject,
          message: `plan and apply read the same credentials (${shared.join(', ')}), so plan runs hold apply's cloud permissions; give plans a read-only engine role`,
        });
      }
    }
    return findings;
  },
};
