import { reachableBy } from '../model';
import { Finding, ReportRule } from './types';

/**
 * Plans run for every pull request, so a plan token that can obtain the credentials reserved for applies hands
 * write access to anyone who can open one. Checked against every role the token could log in to (not only the one
 * the variables name) and every path that issues the apply credential (the AWS engine serves a role at both
 * `creds/` and `sts/`).
 */
export const planReachesApply: ReportRule = {
  id: 'plan-reaches-apply',
  severity: 'error',
  title: 'Plan token can obtain apply credentials',
  explanation:
    'Plans run for every pull request; a plan token that can read a path issuing the apply phase\'s credential, ' +
    'through any role it can log in to, hands apply permissions to anyone who can open one.',
  fix: 'Bind apply roles to run_phase:apply only, and keep apply credential paths out of every policy a plan token can get.',
  stages: ['report'],
  check: (model) => {
    const findings: Finding[] = [];
    const rowsBySelector = new Map<string, typeof model.rows>();
    for (const row of model.rows) {
      const key = `${row.selector.id}\u0000${row.phase}`;
      rowsBySelector.set(key, [...(rowsBySelector.get(key) ?? []), row]);
    }
    for (const plan of model.evaluations.filter((e) => e.phase === 'plan')) {
      const rows = (phase: string) => (rowsBySelector.get(`${plan.selector.id}\u0000${phase}`) ?? []).filter((r) => r.selector === plan.selector);
      const planCells = rows('plan').flatMap((r) => r.credentials);
      const planPaths = new Set(planCells.map((c) => c.path));
      const planEngines = new Set(planCells.map((c) => c.engineRole).filter((e) => e !== undefined));
      const applyOnly: Array<{ namespace: string; path: string }> = [];
      for (const row of rows('apply').filter((r) => r.login === 'admitted')) {
        for (const cell of row.credentials) {
          if (cell.path === undefined || planPaths.has(cell.path) || (cell.engineRole !== undefined && planEngines.has(cell.engineRole))) continue;
          const engine = cell.engineRole === undefined ? undefined : model.index.engineRoleByAddress(cell.engineRole);
          for (const path of new Set([cell.path, ...(engine?.credentialPaths ?? [])])) applyOnly.push({ namespace: row.namespace, path });
        }
      }
      if (applyOnly.length === 0) continue;
      for (const reach of reachableBy(model, plan.claims, applyOnly)) {
        findings.push({
          rule: 'plan-reaches-apply',
          severity: 'error',
          subject: `${plan.selector.label} plan`,
          message:
            `a plan token can ${reach.capability === 'read' ? 'read' : `obtain (with ${reach.capability}, which the engine also serves)`} ` +
            `${reach.path}, which issues the apply phase's credential, by logging in to ${reach.role.block.address}; ` +
            'bind that role to run_phase:apply only and keep the path out of plan policies',
        });
      }
    }
    return findings;
  },
};
