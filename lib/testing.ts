// `cdktf-vault-backed-credentials/testing`: assertions on who can read what, from the bundled
// `vault-backed-credentials-report` package, and a synth for snapshot tests that runs this library's checks
// (TypeScript and JavaScript only; not part of the jsii API).
import { AnnotationMetadataEntryType, TerraformStack, Testing } from 'cdktf';

export * from 'vault-backed-credentials-report/testing';

/** Options of {@link synthWithChecks}. */
export interface SynthWithChecksOptions {
  /**
   * Also fail on the warnings synthesis prints (this library's `[rule-id]` warnings that nobody acknowledged, and
   * cdktf's own), listing each.
   *
   * @default false
   */
  readonly failOnWarnings?: boolean;
}

/**
 * Synthesizes `stack` as `Testing.synth(stack)` does, for snapshots and the assertions of this module, but with the
 * checks `cdktf synth` runs: every validation of this library (and of cdktf and the providers) and every error
 * annotation. `Testing.synth(stack)` runs none of them unless its second argument is `true`, so a snapshot test
 * written with it passes for a stack that `cdktf synth` refuses (a trailing-slash `vaultAddress`, a grant with no
 * credentials). On any problem this throws one `Error` that lists every message with its construct path.
 *
 * @returns the synthesized JSON text, exactly what `Testing.synth(stack)` returns
 */
export function synthWithChecks(stack: TerraformStack, options: SynthWithChecksOptions = {}): string {
  // Testing.synth runs the aspects (which print this library's warnings) before it renders the JSON.
  const json = Testing.synth(stack);
  const problems: string[] = [];
  const warnings: string[] = [];
  for (const construct of stack.node.findAll()) {
    for (const message of construct.node.validate()) problems.push(`[${construct.node.path}] ${message}`);
    for (const entry of construct.node.metadata) {
      if (entry.type === AnnotationMetadataEntryType.ERROR) problems.push(`[${construct.node.path}] ${String(entry.data)}`);
      if (entry.type === AnnotationMetadataEntryType.WARN) warnings.push(`[${construct.node.path}] ${String(entry.data)}`);
    }
  }
  if (options.failOnWarnings) problems.push(...warnings.map((w) => `warning: ${w}`));
  if (problems.length > 0) {
    const count = `${problems.length} check${problems.length === 1 ? '' : 's'}`;
    throw new Error(`stack ${JSON.stringify(stack.node.path)} failed ${count} at synthesis:\n  ${problems.join('\n  ')}`);
  }
  return json;
}
