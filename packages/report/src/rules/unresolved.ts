import { Finding, ReportRule } from './types';

/** What the report could not decide from the file, and what it took as given. */
export const unresolved: ReportRule = {
  id: 'unresolved',
  severity: 'info',
  title: 'Value the report could not decide',
  explanation:
    'A value was left symbolic or taken as given (a variable default, a block outside the file, a condition on a ' +
    'looked-up workspace); verdicts that depend on it are conditional.',
  fix: 'Pass the values with --var, or keep the blocks in the same configuration, if the verdict matters.',
  stages: ['report'],
  check: (model) => {
    const notes = new Map<string, string>();
    const note = (subject: string, message: string): void => {
      if (!notes.has(`${subject}\u0000${message}`)) notes.set(`${subject}\u0000${message}`, message);
    };
    for (const assumption of model.config.assumptions) note('configuration', `assumed ${assumption}`);
    for (const selector of model.selectors) {
      for (const assumption of selector.assumptions) note(selector.label, `assumed: ${assumption}`);
      if (selector.organization === undefined) note(selector.label, 'its organization is not a literal, so it was not simulated');
    }
    for (const row of model.rows) {
      if (row.login === 'admitted' && row.condition !== undefined) note(`${row.selector.label} ${row.phase}`, `admitted only ${row.condition}; the file does not say`);
    }
    for (const evaluation of model.evaluations) {
      for (const login of evaluation.outcome.vault) for (const text of login.login?.unresolved ?? []) note(`${evaluation.selector.label} ${evaluation.phase}`, text);
      for (const read of evaluation.outcome.credentials) {
        if (read.read === 'unknown' && read.vault?.login?.verdict === 'admitted') note(`${evaluation.selector.label} ${evaluation.phase}`, `whether it may read ${read.path ?? 'its credential'} is unknown: ${read.reason}`);
        else if (read.read === 'allowed' && !read.engineRole) note(`${evaluation.selector.label} ${evaluation.phase}`, `${read.path} is served by a secrets engine role that is not in this configuration`);
      }
    }
    for (const binding of model.bindings) for (const symbol of binding.symbolic) note(binding.role.block.address, `${symbol} is not a literal; the role's bindings are only partly known`);
    return [...notes].map(([key, message]) => ({ rule: 'unresolved', severity: 'info' as const, subject: key.split('\u0000')[0], message }) as Finding);
  },
};
