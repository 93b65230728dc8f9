/**
 * Internal (not exported from the package): which IAM run roles a stack builds, by ARN reference, with their session
 * limit and managed policies, so that engine roles and grants holding the ARN can check against them.
 */
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';

/** A run role's session limit and managed policies, found by the ARN reference an engine role holds. */
export interface RunRoleSession {
  readonly path: string;
  readonly maxSessionDurationSeconds: number;
  readonly managedPolicyArns: readonly string[];
}

const sessionsByStack = new WeakMap<TerraformStack, Map<string, RunRoleSession>>();

/**
 * The run role of this stack whose `arn` (a reference) is `roleArn`, with its maximum session, or undefined when the
 * ARN does not come from an {@link AwsRunRole} of the same stack.
 */
export function runRoleSessionOf(scope: Construct, roleArn: string): RunRoleSession | undefined {
  return sessionsByStack.get(TerraformStack.of(scope))?.get(roleArn);
}

/** Records a run role of the stack under its ARN reference. */
export function registerRunRoleSession(scope: Construct, roleArn: string, session: RunRoleSession): void {
  const stack = TerraformStack.of(scope);
  let sessions = sessionsByStack.get(stack);
  if (!sessions) {
    sessions = new Map();
    sessionsByStack.set(stack, sessions);
  }
  sessions.set(roleArn, session);
}
