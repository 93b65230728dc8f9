/**
 * `--format sarif`: the findings as a SARIF 2.1.0 log, the format code-scanning services ingest.
 *
 * One run for all stacks (code scanning wants one run per tool and category): the catalogue as the driver's rules,
 * one result per finding with its rule id, level, message, and location (the `cdk.tf.json` file and line of the
 * block, and the block's address as a logical location). An acknowledged finding carries an accepted, in-source
 * suppression whose justification is the reason.
 *
 * @see https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
 */
import { createHash } from 'node:crypto';
import type * as Sarif from 'sarif';
import { findingBlocks } from './acknowledged';
import { Finding, Severity } from './rules/types';
import { RULE_CATALOGUE } from './rules';
import { StackReport } from './stacks';
import { TerraformBlock } from './terraform-json';

const LEVEL: Record<Severity, Sarif.Result.level> = { error: 'error', warning: 'warning', info: 'note' };
/**
 * A score for `security-severity`, which code scanning maps to critical/high/medium/low: an error is high, a warning
 * medium, a note low.
 */
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.0', info: '2.0' };

/** The 1-based line where a block starts in a cdktf-formatted `cdk.tf.json`, or undefined. */
export function blockLine(text: string, block: TerraformBlock): number | undefined {
  const lines = text.split('\n');
  const data = block.address.startsWith('data.');
  const section = lines.findIndex((l) => l.trim() === (data ? '"data": {' : '"resource": {'));
  if (section < 0) return undefined;
  const type = lines.findIndex((l, i) => i > section && l.trim() === `${JSON.stringify(block.type)}: {`);
  if (type < 0) return undefined;
  const name = lines.findIndex((l, i) => i > type && l.trim() === `${JSON.stringify(block.name)}: {`);
  return name < 0 ? undefined : name + 1;
}

function ruleDescriptor(rule: (typeof RULE_CATALOGUE)[number]): Sarif.ReportingDescriptor {
  return {
    id: rule.id,
    name: rule.id
      .split('-')
      .map((w) => w[0].toUpperCase() + w.slice(1))
      .join(''),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.explanation },
    help: { text: `${rule.explanation} Fix: ${rule.fix}`, markdown: `${rule.explanation}\n\n**Fix:** ${rule.fix}` },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: { 'tags': ['security', ...rule.stages], 'problem.severity': LEVEL[rule.severity] === 'note' ? 'recommendation' : LEVEL[rule.severity], 'security-severity': SECURITY_SEVERITY[rule.severity] },
  };
}

function result(stack: StackReport, uri: string, finding: Finding, ruleIndex: number | undefined): Sarif.Result {
  const blocks = findingBlocks(stack.report.model, finding);
  const first = blocks[0];
  const line = first && stack.text !== undefined ? blockLine(stack.text, first) : undefined;
  const location: Sarif.Location = {
    physicalLocation: { artifactLocation: { uri }, region: { startLine: line ?? 1 } },
    logicalLocations: blocks.length > 0 ? blocks.map((b) => ({ fullyQualifiedName: b.address, kind: 'resource' })) : [{ name: finding.subject, kind: 'object' }],
  };
  const out: Sarif.Result = {
    ruleId: finding.rule,
    ...(ruleIndex === undefined ? {} : { ruleIndex }),
    level: LEVEL[finding.severity],
    message: { text: `${finding.subject}: ${finding.message}` },
    locations: [location],
    partialFingerprints: {
      'trustFinding/v1': createHash('sha256').update(`${stack.name}\u0000${finding.rule}\u0000${finding.subject}\u0000${finding.message}`).digest('hex'),
    },
    properties: { stack: stack.name, subject: finding.subject },
  };
  if (finding.acknowledged) {
    out.suppressions = [{ kind: 'inSource', status: 'accepted', justification: finding.acknowledged.reason, properties: { scope: finding.acknowledged.scope } }];
  }
  return out;
}

/**
 * The SARIF log of the stacks' findings. `uriOf` turns a stack's source into the artifact URI (a path relative to the
 * repository root, with "/" separators).
 */
export function renderSarif(stacks: readonly StackReport[], uriOf: (stack: StackReport) => string = (s) => s.report.source ?? s.name): string {
  const index = new Map(RULE_CATALOGUE.map((rule, i) => [rule.id, i]));
  const log: Sarif.Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'vault-backed-credentials-report', rules: RULE_CATALOGUE.map(ruleDescriptor) } },
        results: stacks.flatMap((stack) => stack.report.findings.map((f) => result(stack, uriOf(stack), f, index.get(f.rule)))),
        columnKind: 'unicodeCodePoints',
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
