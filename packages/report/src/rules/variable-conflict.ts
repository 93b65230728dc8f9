import { Finding, ReportRule } from './types';

/** Two sources setting one key differently: precedence decides silently, and a reordering changes the trust. */
export const variableConflict: ReportRule = {
  id: 'variable-conflict',
  severity: 'warning',
  title: 'Credential variable set in several places',
  explanation:
    'A TFC_* variable reaches a workspace from several sources with different values; HCP Terraform\'s precedence ' +
    'picks one silently, and a reordering changes who can get what.',
  fix: 'Set each dynamic-credential variable in one place.',
  stages: ['report'],
  check: (model) => {
    const findings: Finding[] = [];
    const seen = new Set<string>();
    for (const evaluation of model.evaluations) {
      const keys = evaluation.outcome.conflicts.filter((k) => k.startsWith('TFC_'));
      if (keys.length === 0 || seen.has(evaluation.selector.id)) continue;
      seen.add(evaluation.selector.id);
      findings.push({
        rule: 'variable-conflict',
        severity: 'warning',
        subject: evaluation.selector.label,
        message:
          `${keys.join(', ')} ${keys.length === 1 ? 'is' : 'are'} set by more than one of ` +
          `${[...evaluation.outcome.variableSets, ...evaluation.outcome.workspaceVariables].join(', ')} with different values; ` +
          "HCP Terraform's precedence picks one silently; set each key in one place",
      });
    }
    return findings;
  },
};
