/**
 * Acknowledgements read back from a synthesized configuration. The construct library's `Acknowledgements` API
 * writes them into the top-level `"//"` property (which Terraform ignores); each covers one rule for a construct
 * scope and everything below it. A finding is acknowledged when one of the blocks it is about was synthesized under
 * such a scope (cdktf writes each block's construct path in the block's own `"//"` metadata).
 */
import { Finding } from './rules/types';
import type { ReportModel } from './model';
import { rowSubject } from './rules/phase-cannot-log-in';
import { TerraformBlock, TerraformConfiguration } from './terraform-json';

/** One acknowledgement as recorded in `"//".acknowledgements[]`. */
export interface AcknowledgementRecord {
  readonly rule: string;
  readonly reason: string;
  /** Construct path of the acknowledging scope. */
  readonly scope: string;
  /** The synthesis warnings it kept from being printed. */
  readonly suppressed: ReadonlyArray<{ readonly path: string; readonly message: string }>;
  /**
   * The addresses of the blocks synthesized under the scope, where the blocks carry no construct path (a stack
   * ejected to HCL writes them, see `HclEject.files`).
   */
  readonly addresses?: readonly string[];
}

/** The acknowledgements a configuration records (malformed entries are skipped). */
export function acknowledgementsOf(config: TerraformConfiguration): AcknowledgementRecord[] {
  const list = config.comment.acknowledgements;
  if (!Array.isArray(list)) return [];
  return list.flatMap((item): AcknowledgementRecord[] => {
    const r = item as Record<string, unknown>;
    if (!r || typeof r.rule !== 'string' || typeof r.reason !== 'string' || typeof r.scope !== 'string' || r.reason.trim() === '') return [];
    const suppressed = Array.isArray(r.suppressed)
      ? r.suppressed.filter((s): s is { path: string; message: string } => !!s && typeof s.path === 'string' && typeof s.message === 'string')
      : [];
    const addresses = Array.isArray(r.addresses) ? r.addresses.filter((a): a is string => typeof a === 'string') : undefined;
    return [{ rule: r.rule, reason: r.reason, scope: r.scope, suppressed, ...(addresses === undefined ? {} : { addresses }) }];
  });
}

/** The construct path cdktf recorded for a block, if any. */
function constructPath(block: TerraformBlock): string | undefined {
  const comment = block.body['//'] as { metadata?: { path?: unknown } } | undefined;
  const path = comment?.metadata?.path;
  return typeof path === 'string' ? path : undefined;
}

/** Addresses of the blocks a finding is about: its subject's blocks, or the selector's attachments and roles. */
export function findingBlocks(model: ReportModel, finding: Finding): TerraformBlock[] {
  const config = model.config;
  const direct = finding.subject.split(', ').map((address) => config.block(address)).filter((b): b is TerraformBlock => b !== undefined);
  if (direct.length > 0) return direct;
  const addresses = new Set<string>();
  for (const selector of model.selectors) {
    if (finding.subject === selector.label || finding.subject.startsWith(`${selector.label} `)) for (const source of selector.sources) addresses.add(source);
  }
  for (const row of model.rows) {
    const subject = rowSubject(row);
    if ((finding.subject === subject || finding.subject.startsWith(`${row.selector.label} `)) && row.roleAddress !== undefined) addresses.add(row.roleAddress);
  }
  return [...addresses].map((address) => config.block(address)).filter((b): b is TerraformBlock => b !== undefined);
}

function covers(scope: string, path: string): boolean {
  return path === scope || path.startsWith(`${scope}/`);
}

/** The findings with `acknowledged` set where a recorded acknowledgement covers one of their blocks. */
export function acknowledgeFindings(model: ReportModel, findings: readonly Finding[], records: readonly AcknowledgementRecord[]): Finding[] {
  if (records.length === 0) return [...findings];
  return findings.map((finding) => {
    const candidates = records.filter((r) => r.rule === finding.rule);
    if (candidates.length === 0) return finding;
    const blocks = findingBlocks(model, finding);
    const paths = blocks.map(constructPath).filter((p): p is string => p !== undefined);
    const addresses = blocks.filter((b) => constructPath(b) === undefined).map((b) => b.address);
    const matches = (r: AcknowledgementRecord) => paths.some((p) => covers(r.scope, p)) || addresses.some((a) => r.addresses?.includes(a));
    // The closest scope wins, as it does at synthesis.
    const match = candidates.filter(matches).sort((a, b) => b.scope.length - a.scope.length)[0];
    return match ? { ...finding, acknowledged: { reason: match.reason, scope: match.scope } } : finding;
  });
}
