/**
 * Reports of several stacks at once: how a stack is named, the JSON shape (the same for one input or many), the
 * Mermaid graphs (one fenced, titled graph per stack), and the rule catalogue as text.
 */
import { reportData, TrustReport } from './explain';
import type { BlockOrigin } from './load';
import { renderMermaid } from './render';
import { catalogueEntry, RULE_CATALOGUE } from './rules';

/** A report with the stack it is about. */
export interface StackReport {
  /** The stack's name: cdktf's `stackName`, else its `stacks/<name>/` directory, else the file name. */
  readonly name: string;
  readonly report: TrustReport;
  /** The configuration's text, when it was read from a file (for line numbers). */
  readonly text?: string;
  /**
   * For `.tf` sources: the root directories read, and where each block is declared (a local module's blocks in the
   * module's directory), for line numbers.
   */
  readonly terraform?: { readonly roots: readonly string[]; readonly origins: ReadonlyMap<string, BlockOrigin> };
}

/** The name of the stack in `file`, whose parsed content is `json`. */
export function stackName(file: string, json: unknown): string {
  const comment = (json as { '//'?: { metadata?: { stackName?: unknown } } } | null)?.['//'];
  const declared = comment?.metadata?.stackName;
  if (typeof declared === 'string' && declared !== '') return declared;
  const parts = file.split(/[\\/]/);
  if (parts.length >= 3 && parts[parts.length - 1] === 'cdk.tf.json' && parts[parts.length - 3] === 'stacks') return parts[parts.length - 2];
  return parts[parts.length - 1].replace(/(\.tf)?\.json$/, '');
}

/** `--format json`: `{ stacks: [...], counts }`, whatever the number of inputs. */
export function renderJson(stacks: readonly StackReport[]): string {
  const counts = { error: 0, warning: 0, info: 0, acknowledged: 0 };
  for (const { report } of stacks) {
    counts.error += report.counts.error;
    counts.warning += report.counts.warning;
    counts.info += report.counts.info;
    counts.acknowledged += report.acknowledgedCount ?? 0;
  }
  const data = { stacks: stacks.map(({ name, report }) => ({ stack: name, ...reportData(report) })), counts };
  return JSON.stringify(data, null, 2) + '\n';
}

/** `--format mermaid`: per stack a heading and a fenced `mermaid` block titled with the stack's name. */
export function renderMermaidStacks(stacks: readonly StackReport[]): string {
  return stacks
    .map(({ name, report }) => {
      const title = name.replace(/[\r\n]/g, ' ');
      const graph = ['```mermaid', '---', `title: ${JSON.stringify(title)}`, '---', renderMermaid(report).trimEnd(), '```'];
      return [`## Trust graph: ${title}`, '', ...graph, ''].join('\n');
    })
    .join('\n');
}

/** `--list-rules`: every rule with id, severity, where it is checked, explanation and fix. */
export function renderRuleList(format: 'table' | 'json'): string {
  if (format === 'json') return JSON.stringify(RULE_CATALOGUE.map(catalogueEntry), null, 2) + '\n';
  return RULE_CATALOGUE.map((rule) =>
    [`${rule.id} (${rule.severity}; ${rule.stages.join(' and ')}): ${rule.title}`, `  ${rule.explanation}`, `  Fix: ${rule.fix}`, ''].join('\n'),
  ).join('\n');
}
