/**
 * "Validate each input once, where it enters." A value handed down a construct tree (the organization from the facade
 * to its grants, roles and variable sets) is validated by the construct the user gave it to. That construct hands the
 * values it validated, as one {@link CheckedInputs} value, to the constructs it creates ({@link createWithCheckedInputs});
 * a child validates only what it was not handed, so one mistake makes one error, at the construct the user configured.
 * A construct created on its own receives nothing and validates everything.
 */
import { ConstructorHandOver } from './constructor-hand-over';

/** The inputs a construct can receive validated. `claimMappingSources` depends on the kind of token, given with it. */
export type CheckedInput =
  | 'organization'
  | 'organizationId'
  | 'audience'
  | 'tokenTtl'
  | 'claimMappingTargets'
  | 'claimMappingSources'
  | 'vaultRun'
  | 'selector'
  | 'projectId'
  | 'roleName'
  | 'variableSetName';

/** Values already validated by a construct above, by input. Immutable: {@link with} returns a new value. */
export class CheckedInputs {
  /** Nothing validated yet: what a construct created on its own receives. */
  public static readonly NONE = new CheckedInputs(new Map());

  private constructor(private readonly values: ReadonlyMap<CheckedInput, ReadonlySet<string>>) {}

  /** These inputs plus `input` with `value` (any shape: an object or a tuple of the values the check reads). */
  public with(input: CheckedInput, ...value: unknown[]): CheckedInputs {
    const values = new Map(this.values);
    values.set(input, new Set([...(this.values.get(input) ?? []), serialized(value)]));
    return new CheckedInputs(values);
  }

  /** True when `input` with exactly `value` was validated above, so the receiver leaves it alone. */
  public covers(input: CheckedInput, ...value: unknown[]): boolean {
    return this.values.get(input)?.has(serialized(value)) === true;
  }
}

function serialized(value: unknown[]): string {
  return JSON.stringify(value) ?? 'undefined';
}

const handOver = new ConstructorHandOver<CheckedInputs>();

/** Creates a construct (one `new` in `construct`) that receives `inputs` as validated. */
export function createWithCheckedInputs<R>(inputs: CheckedInputs, construct: () => R): R {
  return handOver.run(inputs, construct);
}

/** The inputs handed to the constructor in progress; call first thing in a constructor. */
export function receiveCheckedInputs(): CheckedInputs {
  return handOver.take() ?? CheckedInputs.NONE;
}
