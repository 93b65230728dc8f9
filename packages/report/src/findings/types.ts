/** Findings: what the report flags, and the rules that produce them. */
import type { ReportModel } from '../model';

/** `error` fails a pipeline by default; `warning` with `--fail-on warning`; `info` never. */
export type Severity = 'error' | 'warning' | 'info';

/** Severities from most to least serious. */
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** One flagged problem. */
export interface Finding {
  /** The rule id, e.g. `plan-reaches-apply`. */
  readonly rule: string;
  readonly severity: Severity;
  /** What it is about: a block address or a selector and phase. */
  readonly subject: string;
  /** What is wrong, why it matters, and how to fix it. */
  readonly message: string;
  /** Set when the configuration acknowledges the finding (the `Acknowledgements` API): it is listed, but fails nothing. */
  readonly acknowledged?: { readonly reason: string; readonly scope: string };
}

/** A check over the trust model. Each rule is a pure function in a file of its own. */
export interface Rule {
  readonly id: string;
  /** One sentence for the catalogue. */
  readonly description: string;
  readonly check: (model: ReportModel) => Finding[];
}

/** Orders findings: most serious first, then by rule and subject. */
export function compareFindings(a: Finding, b: Finding): number {
  const bySeverity = SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity);
  if (bySeverity !== 0) return bySeverity;
  if (a.rule !== b.rule) return a.rule < b.rule ? -1 : 1;
  return a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}
