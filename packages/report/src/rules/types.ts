/** Findings (what the report flags) and rules (what produces them, and what synthesis warns about). */
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

/** Where a rule is checked: by the construct library while synthesizing, by the report, or both. */
export type RuleStage = 'synthesis' | 'report';

/**
 * One rule of the catalogue, in a file of its own (`rules/<id>.ts`): what it is called, how serious it is, what is
 * wrong, how to fix it, where it is checked, and for report rules the check itself (a pure function of the model).
 * Synthesis warnings start with the id in brackets (`[plan-apply-shared] ...`) and report findings carry it as
 * `rule`; where both describe one problem they share the id, and one acknowledgement covers both.
 */
export interface Rule {
  /** Stable id: lower-case words joined by `-`, the file's name. */
  readonly id: string;
  /** The most serious level the rule reports at (a finding may be less serious, e.g. issuer-malformed). */
  readonly severity: Severity;
  /** A short name, for a list or a code-scanning view. */
  readonly title: string;
  /** What is wrong and why it matters. */
  readonly explanation: string;
  /** How to fix it. */
  readonly fix: string;
  /** Where the rule is checked. */
  readonly stages: readonly RuleStage[];
  /** The report's check, for rules whose stages include `report`. */
  readonly check?: (model: ReportModel) => Finding[];
}

/** A rule the report checks. */
export interface ReportRule extends Rule {
  readonly check: (model: ReportModel) => Finding[];
}

/** A catalogue entry without its check: what `--list-rules --format json` prints and the constructs read. */
export type RuleEntry = Omit<Rule, 'check'>;

/** Orders findings: most serious first, then by rule and subject. */
export function compareFindings(a: Finding, b: Finding): number {
  const bySeverity = SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity);
  if (bySeverity !== 0) return bySeverity;
  if (a.rule !== b.rule) return a.rule < b.rule ? -1 : 1;
  return a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}
