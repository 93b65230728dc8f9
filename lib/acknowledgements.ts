import { IConstruct } from 'constructs';
import { addChecks } from './private/synth-checks';
import { acknowledgementsOn, addAcknowledgement } from './private/warnings';
import { ruleEntry, ruleIds } from 'vault-backed-credentials-report/rules';

/** A rule that a scope acknowledges, and why. */
export interface Acknowledgement {
  /**
   * Id of the rule from the catalogue (`cdktf-vault-backed-credentials explain --list-rules`), as printed in brackets
   * at the start of a synthesis warning, e.g. `plan-apply-shared`.
   */
  readonly ruleId: string;
  /**
   * Why the finding is accepted here. Recorded in the synthesized configuration and shown by the trust report next to
   * the finding; it must not be empty.
   */
  readonly reason: string;
}

/**
 * Acknowledges rules on a construct and everything below it, in the way cdk-nag's suppressions do.
 *
 * After `Acknowledgements.of(grant).add({ ruleId: 'plan-apply-shared', reason: '...' })`, synthesis no longer prints
 * that warning for the grant or its children. The acknowledgement is written into the synthesized `cdk.tf.json`
 * (in the top-level `"//"` property, which Terraform ignores), and `cdktf-vault-backed-credentials explain` lists the
 * matching findings as acknowledged, with the reason, instead of hiding them; acknowledged findings do not fail
 * `--fail-on`.
 */
export class Acknowledgements {
  /** The acknowledgements of `scope` (which apply to it and every construct below it). */
  public static of(scope: IConstruct): Acknowledgements {
    return new Acknowledgements(scope);
  }

  private constructor(private readonly scope: IConstruct) {}

  /**
   * Acknowledges a rule for this scope and its children. An unknown rule id or an empty reason fails synthesis with a
   * message naming the construct.
   */
  public add(acknowledgement: Acknowledgement): void {
    const { ruleId, reason } = acknowledgement;
    addChecks(this.scope, () => {
      const problems: string[] = [];
      if (typeof ruleId !== 'string' || ruleEntry(ruleId) === undefined) {
        problems.push(`acknowledgement of unknown rule ${JSON.stringify(ruleId)}; use one of ${ruleIds().join(', ')} (see explain --list-rules)`);
      }
      if (typeof reason !== 'string' || reason.trim() === '') {
        problems.push(`acknowledgement of ${JSON.stringify(ruleId)} has an empty reason; say why the finding is accepted here, e.g. "plan and apply use the ` +
          `same read-only role on purpose"`);
      }
      return problems;
    });
    addAcknowledgement(this.scope, ruleId, typeof reason === 'string' ? reason : '');
  }

  /** The acknowledgements added on this scope itself (not those inherited from its parents). */
  public get all(): Acknowledgement[] {
    return acknowledgementsOn(this.scope).map((a) => ({ ruleId: a.ruleId, reason: a.reason }));
  }
}
