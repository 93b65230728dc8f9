import { PLAN_APPLY_SHARED, planApplySharedMessage, planApplySharing } from '../env/plan-apply';
import { Finding, ReportRule } from './types';

/** Plans run for every pull request; when they hold the same role or credentials as applies, so does every reviewer-to-be. */
export const planApplyShared: ReportRule = {
  id: PLAN_APPLY_SHARED,
  severity: 'warning',
  title: 'Plan and apply share a role or credential',
  explanation:
    'Plan runs start from any pull request. When plan and apply use the same Vault role or read the same ' +
    'credential, every plan holds the apply permissions.',
  fix: 'Use separate plan and apply roles (drop sharedRunRole) and give plans a read-only engine role.',
  stages: ['synthesis', 'report'],
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
      // The same rule as the synthesis warning of WorkspaceGrant (lib/env/plan-apply.ts).
      const sharing = planApplySharing(
        { roleKey: plan.roleAddress, roleName: plan.role, paths: plan.credentials.map((c) => c.path) },
        { roleKey: apply.roleAddress, roleName: apply.role, paths: apply.credentials.map((c) => c.path) },
      );
      if (sharing) findings.push({ rule: PLAN_APPLY_SHARED, severity: 'warning', subject, message: planApplySharedMessage(sharing) });
    }
    return findings;
  },
};
