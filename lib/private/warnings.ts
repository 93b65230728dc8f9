/**
 * Synthesis warnings with rule ids, and their acknowledgements.
 *
 * A construct calls {@link warn} instead of `Annotations.of(scope).addWarning`. The warning is held on the
 * construct and printed at synthesis (by an aspect on the stack) as `[<rule-id>] <message>`, unless the construct or
 * one of its scopes acknowledges the rule. Acknowledgements are recorded in the synthesized configuration, in the
 * top-level `"//"` property that Terraform ignores
 * (https://developer.hashicorp.com/terraform/language/syntax/json, "Comment properties"), so the trust report can
 * list what was acknowledged, and why, instead of hiding it.
 */
import { Annotations, AnnotationMetadataEntryType, Aspects, IAspect, TerraformElement, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import type { AcknowledgementRecord } from 'vault-backed-credentials-report';
import { ruleEntry, warningPrefix } from 'vault-backed-credentials-report/rules';

const PENDING = 'cdktf-vault-backed-credentials/warning';
const ACKNOWLEDGED = 'cdktf-vault-backed-credentials/acknowledgement';
const RECORDER_ID = 'VaultBackedCredentialsAcknowledgements';

interface PendingWarning {
  readonly ruleId: string;
  readonly message: string;
}

interface AcknowledgementEntry {
  readonly ruleId: string;
  readonly reason: string;
}

/** Holds a warning on `scope`, printed at synthesis as `[ruleId] message` unless acknowledged. */
export function warn(scope: IConstruct, ruleId: string, message: string): void {
  if (!ruleEntry(ruleId)?.stages.includes('synthesis')) {
    throw new Error(`internal error: "${ruleId}" is not a synthesis rule of the catalogue in lib/report/rules.ts; add it there`);
  }
  scope.node.addMetadata(PENDING, { ruleId, message } satisfies PendingWarning, { stackTrace: false });
  AcknowledgementRecorder.of(scope);
}

/**
 * Runs `check` once, when the stack of `scope` synthesizes and before its warnings are printed, so a warning can
 * depend on what the whole stack holds by then (for example its provider blocks); `check` calls {@link warn}.
 */
export function atSynthesis(scope: IConstruct, check: () => void): void {
  AcknowledgementRecorder.of(scope).deferred.push(check);
}

/** Records that `scope` and everything below it acknowledge `ruleId` (validated by the caller). */
export function addAcknowledgement(scope: IConstruct, ruleId: string, reason: string): void {
  scope.node.addMetadata(ACKNOWLEDGED, { ruleId, reason } satisfies AcknowledgementEntry, { stackTrace: false });
  AcknowledgementRecorder.of(scope);
}

/** Acknowledgements added on `scope` itself. */
export function acknowledgementsOn(scope: IConstruct): AcknowledgementEntry[] {
  return scope.node.metadata.filter((m) => m.type === ACKNOWLEDGED).map((m) => m.data as AcknowledgementEntry);
}

/** The closest acknowledgement of `ruleId` on `construct` or one of its scopes. */
function acknowledgementOf(construct: IConstruct, ruleId: string): { entry: AcknowledgementEntry; scope: IConstruct } | undefined {
  for (const scope of [...construct.node.scopes].reverse()) {
    const entry = acknowledgementsOn(scope).find((a) => a.ruleId === ruleId && a.reason.trim() !== '');
    if (entry) return { entry, scope };
  }
  return undefined;
}

function pendingOn(construct: IConstruct): PendingWarning[] {
  return construct.node.metadata.filter((m) => m.type === PENDING).map((m) => m.data as PendingWarning);
}

/**
 * One per stack: prints the warnings nobody acknowledged when the stack synthesizes (as an aspect, before cdktf
 * collects annotations) and writes the acknowledgements into the configuration's `"//"` property.
 */
class AcknowledgementRecorder extends TerraformElement implements IAspect {
  public static of(scope: IConstruct): AcknowledgementRecorder {
    const stack = TerraformStack.of(scope);
    const existing = stack.node.tryFindChild(RECORDER_ID);
    return existing instanceof AcknowledgementRecorder ? existing : new AcknowledgementRecorder(stack);
  }

  private readonly stack: TerraformStack;
  /** Checks registered with {@link atSynthesis}, run (and removed) on the first visit. */
  public readonly deferred: Array<() => void> = [];

  private constructor(stack: TerraformStack) {
    super(stack, RECORDER_ID);
    this.stack = stack;
    Aspects.of(stack).add(this);
  }

  public visit(node: IConstruct): void {
    if (node !== this.stack) return;
    for (const check of this.deferred.splice(0)) check();
    for (const construct of this.stack.node.findAll()) {
      for (const pending of pendingOn(construct)) {
        if (acknowledgementOf(construct, pending.ruleId)) continue;
        const text = warningPrefix(pending.ruleId) + pending.message;
        // A stack synthesized twice (tests do) prints each warning once.
        if (construct.node.metadata.some((m) => m.type === AnnotationMetadataEntryType.WARN && m.data === text)) continue;
        Annotations.of(construct).addWarning(text);
      }
    }
  }

  /** The acknowledgements of the stack, with the warnings each one kept from being printed. */
  public records(): AcknowledgementRecord[] {
    const records: Array<AcknowledgementRecord & { suppressed: Array<{ path: string; message: string }> }> = [];
    const byScope = new Map<string, (typeof records)[number]>();
    for (const construct of this.stack.node.findAll()) {
      for (const entry of acknowledgementsOn(construct)) {
        if (entry.reason.trim() === '') continue;
        const record = { rule: entry.ruleId, reason: entry.reason, scope: construct.node.path, suppressed: [] };
        records.push(record);
        if (!byScope.has(`${record.scope}\u0000${record.rule}`)) byScope.set(`${record.scope}\u0000${record.rule}`, record);
      }
    }
    for (const construct of this.stack.node.findAll()) {
      for (const pending of pendingOn(construct)) {
        const acknowledged = acknowledgementOf(construct, pending.ruleId);
        if (!acknowledged) continue;
        byScope.get(`${acknowledged.scope.node.path}\u0000${pending.ruleId}`)?.suppressed.push({ path: construct.node.path, message: pending.message });
      }
    }
    return records;
  }

  public toTerraform(): { [key: string]: unknown } {
    const records = this.records();
    return records.length === 0 ? {} : { '//': { acknowledgements: records } };
  }
}
