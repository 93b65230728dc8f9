/**
 * The trust report: for any synthesized configuration, which runs can get which credentials, and what is wrong
 * with that. Pure; renderers turn the report into a table, JSON or a Mermaid graph.
 */
import { acknowledgeFindings, AcknowledgementRecord, acknowledgementsOf } from './acknowledged';
import { compareFindings, Finding, RULES, Severity, SEVERITIES } from './rules';
import { buildModel, MatrixRow, ReportModel, RoleSummary } from './model';
import { ConfigurationOptions, TerraformConfiguration } from './terraform-json';

/** Options of {@link explain}. */
export interface ExplainOptions extends ConfigurationOptions {
  /** Where the configuration came from, for the report's title. */
  readonly source?: string;
}

/** The report. */
export interface TrustReport {
  readonly source?: string;
  /** One row per selector, phase and Vault configuration. */
  readonly rows: MatrixRow[];
  /** Every JWT role: who it admits and what it can read. */
  readonly roles: RoleSummary[];
  /** Findings, most serious first; acknowledged ones included, with `acknowledged` set. */
  readonly findings: Finding[];
  /** Findings by severity, not counting acknowledged ones. */
  readonly counts: Readonly<Record<Severity, number>>;
  /** How many findings the configuration acknowledges. */
  readonly acknowledgedCount?: number;
  /** The acknowledgements the configuration records (see the `Acknowledgements` API). */
  readonly acknowledgements?: AcknowledgementRecord[];
  /** The model the findings were computed from. */
  readonly model: ReportModel;
}

/** Explains a configuration: a parsed `cdk.tf.json` object, its text, or a {@link TerraformConfiguration}. */
export function explain(input: unknown, options: ExplainOptions = {}): TrustReport {
  const config = input instanceof TerraformConfiguration ? input : new TerraformConfiguration(input, options);
  const model = buildModel(config);
  const seen = new Set<string>();
  const acknowledgements = acknowledgementsOf(config);
  const found = RULES.flatMap((rule) => rule.check(model))
    .filter((f) => {
      const key = `${f.rule}\u0000${f.subject}\u0000${f.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort(compareFindings);
  const findings = acknowledgeFindings(model, found, acknowledgements);
  const counts = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) if (!finding.acknowledged) counts[finding.severity]++;
  const acknowledgedCount = findings.filter((f) => f.acknowledged).length;
  return { source: options.source, rows: model.rows, roles: model.roles, findings, counts, acknowledgedCount, acknowledgements, model };
}

/** The findings at `failOn` or more serious: what should fail a pipeline. */
export function failingFindings(report: TrustReport, failOn: Severity): Finding[] {
  const limit = SEVERITIES.indexOf(failOn);
  return report.findings.filter((f) => !f.acknowledged && SEVERITIES.indexOf(f.severity) <= limit);
}

/** The report as plain data (for `--format json`). */
export function reportData(report: TrustReport): object {
  return {
    source: report.source,
    matrix: report.rows.map((row) => ({
      selector: row.selector.label,
      selectorKind: row.selector.kind,
      phase: row.phase,
      condition: row.condition,
      conditions: row.conditions,
      configuration: row.vaultTag ?? 'default',
      namespace: row.namespace,
      authPath: row.authPath,
      role: row.role,
      roleVariable: row.roleVariable,
      roleAddress: row.roleAddress,
      login: row.login,
      reason: row.reason,
      policies: row.policies,
      credentials: row.credentials.map((c) => ({
        cloud: c.cloud,
        configuration: c.tag ?? 'default',
        path: c.path,
        read: c.read,
        reason: c.reason,
        problems: c.problems,
        engineRole: c.engineRole,
      })),
      problems: row.problems,
    })),
    roles: report.roles,
    findings: report.findings,
    counts: report.counts,
    // Without the block addresses an ejected stack records for matching (see acknowledged.ts): the same as on the JSON.
    acknowledgements: (report.acknowledgements ?? []).map(({ addresses: _addresses, ...record }) => record),
  };
}
