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

/** Findings by severity over several stacks, and how many were acknowledged: the `counts` of `--format json`. */
export interface StackCounts {
  readonly error: number;
  readonly warning: number;
  readonly info: number;
  readonly acknowledged: number;
}

/** The counts of one stack's report, as {@link assembleJson} and the Markdown heading add them up. */
export function stackCounts(report: TrustReport): StackCounts {
  return { ...report.counts, acknowledged: report.acknowledgedCount ?? 0 };
}

/** How `JSON.stringify({ stacks: [element] }, null, 2)` begins and ends around its one element. */
const STACKS_OPEN = '{\n  "stacks": [\n    ';
const STACKS_CLOSE = '\n  ]\n}';

/**
 * One stack's element of `--format json`'s `stacks` array, as `JSON.stringify` writes it there: indented for its
 * place two levels deep. It is cut out of the JSON of `{ stacks: [element] }`, which writes it with that indentation
 * at no extra cost (re-indenting the 9 MB of a stack of 1,000 grants line by line took about as long as writing it).
 */
export function jsonPiece({ name, report }: StackReport): string {
  const text = JSON.stringify({ stacks: [{ stack: name, ...reportData(report) }] }, null, 2);
  return text.slice(STACKS_OPEN.length, text.length - STACKS_CLOSE.length);
}

/**
 * `--format json` from the stacks' pieces ({@link jsonPiece}) and counts: byte for byte what `JSON.stringify` writes
 * for `{ stacks, counts }` with an indent of 2, without holding every stack's report at once.
 */
export function assembleJson(pieces: readonly string[], perStack: readonly StackCounts[]): string {
  const counts = { error: 0, warning: 0, info: 0, acknowledged: 0 };
  for (const c of perStack) {
    counts.error += c.error;
    counts.warning += c.warning;
    counts.info += c.info;
    counts.acknowledged += c.acknowledged;
  }
  const countsText = JSON.stringify(counts, null, 2).replace(/\n/g, '\n  ');
  if (pieces.length === 0) return `{\n  "stacks": [],\n  "counts": ${countsText}\n}\n`;
  return `${STACKS_OPEN}${pieces.join(',\n    ')}\n  ],\n  "counts": ${countsText}\n}\n`;
}

/** `--format json`: `{ stacks: [...], counts }`, whatever the number of inputs. */
export function renderJson(stacks: readonly StackReport[]): string {
  return assembleJson(stacks.map(jsonPiece), stacks.map(({ report }) => stackCounts(report)));
}

/** One stack's part of `--format mermaid`: a heading and a fenced `mermaid` block titled with the stack's name. */
export function mermaidPiece({ name, report }: StackReport): string {
  const title = name.replace(/[\r\n]/g, ' ');
  return [`## Trust graph: ${title}`, '', '```mermaid', '---', `title: ${JSON.stringify(title)}`, '---', renderMermaid(report).trimEnd(), '```', ''].join('\n');
}

/** `--format mermaid`: per stack a heading and a fenced `mermaid` block titled with the stack's name. */
export function renderMermaidStacks(stacks: readonly StackReport[]): string {
  return stacks.map(mermaidPiece).join('\n');
}

/** `--list-rules`: every rule with id, severity, where it is checked, explanation and fix. */
export function renderRuleList(format: 'table' | 'json'): string {
  if (format === 'json') return JSON.stringify(RULE_CATALOGUE.map(catalogueEntry), null, 2) + '\n';
  return RULE_CATALOGUE.map((rule) =>
    [`${rule.id} (${rule.severity}; ${rule.stages.join(' and ')}): ${rule.title}`, `  ${rule.explanation}`, `  Fix: ${rule.fix}`, ''].join('\n'),
  ).join('\n');
}
