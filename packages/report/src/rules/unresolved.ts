import { organizationOf } from '../environment';
import { ReportModel } from '../model';
import { Resolved, TerraformConfiguration, textOf, variablesIn } from '../terraform-json';
import { Finding, ReportRule } from './types';

/** ` (set --var a=… --var b=…)` for the input variables an unresolved value waits for; empty when it waits for none. */
export function settingHint(variables: readonly string[]): string {
  return variables.length === 0 ? '' : ` (set ${variables.map((v) => `--var ${v}=…`).join(' ')})`;
}

/** The organization expression of a selector's first source that states one, to say what it is missing. */
function organizationExpression(config: TerraformConfiguration, sources: readonly string[]): Resolved | undefined {
  for (const source of sources) {
    const block = config.block(source);
    if (!block) continue;
    const candidates = [block, ...['workspace_id', 'project_id', 'variable_set_id'].map((k) => config.referencedBlock(block.body[k]))];
    for (const candidate of candidates) {
      const org = candidate && organizationOf(config, candidate);
      if (org !== undefined && !('literal' in org)) return org;
    }
  }
  return undefined;
}

/** The value of `bound_claims.sub`-like attribute paths of a block body (`address.a.b` below the block). */
function attributeValue(model: ReportModel, symbol: string, address: string): Resolved | undefined {
  let value: unknown = model.config.block(address)?.body;
  for (const key of symbol.slice(address.length + 1).split('.'))
    value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' ? model.config.resolve(value) : undefined;
}

/** What the report could not decide from the file, and what it took as given. */
export const unresolved: ReportRule = {
  id: 'unresolved',
  severity: 'info',
  title: 'Value the report could not decide',
  explanation:
    'A value was left symbolic or taken as given (a variable default, a block outside the file, a condition on a ' +
    'looked-up workspace, a for_each or module the report could not read); verdicts that depend on it are conditional.',
  fix: 'Pass the values with --var or --var-file, or read the other half of the setup in the same command, if the verdict matters.',
  stages: ['report'],
  check: (model) => {
    const notes = new Map<string, string>();
    const note = (subject: string, message: string): void => {
      if (!notes.has(`${subject}\u0000${message}`)) notes.set(`${subject}\u0000${message}`, message);
    };
    const config = model.config;
    for (const text of config.notes) note('configuration', text);
    for (const assumption of config.assumptions) note('configuration', `assumed ${assumption}`);
    for (const selector of model.selectors) {
      for (const assumption of selector.assumptions) note(selector.label, `assumed: ${assumption}`);
      if (selector.organization === undefined) {
        const org = organizationExpression(config, selector.sources);
        const what = org === undefined ? '' : ` (${textOf(org)})`;
        note(selector.label, `its organization${what} is not a literal, so it was not simulated${settingHint(variablesIn(org))}`);
      }
    }
    for (const row of model.rows) {
      if (row.login === 'admitted' && row.condition !== undefined) {
        note(`${row.selector.label} ${row.phase}`, `admitted only ${row.condition}; the file does not say`);
      }
    }
    for (const evaluation of model.evaluations) {
      for (const login of evaluation.outcome.vault) {
        for (const text of login.login?.unresolved ?? []) note(`${evaluation.selector.label} ${evaluation.phase}`, text);
      }
      for (const read of evaluation.outcome.credentials) {
        if (read.read === 'unknown' && read.vault?.login?.verdict === 'admitted')
          note(`${evaluation.selector.label} ${evaluation.phase}`, `whether it may read ${read.path ?? 'its credential'} is unknown: ${read.reason}`);
        else if (read.read === 'allowed' && !read.engineRole)
          note(`${evaluation.selector.label} ${evaluation.phase}`, `${read.path} is served by a secrets engine role that is not in this configuration`);
      }
    }
    for (const binding of model.bindings) {
      for (const symbol of binding.symbolic) {
        const value = attributeValue(model, symbol, binding.role.block.address);
        const text = value && textOf(value);
        const shown =
          text !== undefined && text.includes('${') && !/^\$\{[^}]*\}$/.test(text) ? ` (known so far: ${text})` : text !== undefined ? ` (${text})` : '';
        note(binding.role.block.address, `${symbol}${shown} is not a literal; the role's bindings are only partly known${settingHint(variablesIn(value))}`);
      }
    }
    for (const name of [...config.missingVariables].sort()) {
      note(
        'configuration',
        `var.${name} has no value (no default, and no tfvars file or --var sets it), so every value that uses it stays unresolved${settingHint([name])}`
      );
    }
    // Attachments and workspace variables whose workspace or project the report could not tell: not simulated.
    const sources = new Set(model.selectors.flatMap((s) => s.sources));
    for (const [type, key] of [
      ['tfe_workspace_variable_set', 'workspace_id'],
      ['tfe_project_variable_set', 'project_id'],
      ['tfe_variable', 'workspace_id'],
    ] as const) {
      for (const block of config.resourcesOfType(type)) {
        if (sources.has(block.address) || block.body[key] === undefined) continue;
        const value = config.resolve(block.body[key]);
        note(
          block.address,
          `its ${key} (${textOf(value)}) names no workspace or project the report can tell, so the runs it reaches were not simulated${settingHint(
            variablesIn(value)
          )}`
        );
      }
    }
    return [...notes].map(
      ([key, message]) =>
        ({
          rule: 'unresolved',
          severity: 'info' as const,
          subject: key.split('\u0000')[0],
          message,
        } as Finding)
    );
  },
};
