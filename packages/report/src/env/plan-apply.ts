/**
 * One rule, used by synthesis warnings and by the report alike: plan runs (which any pull request can start) must
 * not hold what apply runs hold. Pure: no cdktf.
 */

/** Rule id shared by the `[plan-apply-shared]` synthesis warning and the report finding. */
export const PLAN_APPLY_SHARED = 'plan-apply-shared';

/** What plan and apply of one configuration have in common. */
export interface PlanApplySharing {
  /** The one role both phases log in with, when they share it. */
  readonly sharedRole?: string;
  /** Credential paths both phases read; with a shared role, every path the role reads. */
  readonly sharedPaths: string[];
}

/** One phase's side of the comparison. */
export interface PhaseAccess {
  /** Identity of the role (an address or construct path): equal keys mean one role. */
  readonly roleKey?: string;
  /** Name of the role, for the message. */
  readonly roleName?: string;
  /** Credential paths the phase reads. */
  readonly paths: readonly (string | undefined)[];
}

/** What plan and apply share, or undefined when they share neither the role nor any credential path. */
export function planApplySharing(plan: PhaseAccess, apply: PhaseAccess): PlanApplySharing | undefined {
  const applyPaths = new Set(apply.paths.filter((p): p is string => p !== undefined));
  if (plan.roleKey !== undefined && plan.roleKey === apply.roleKey) {
    const all = [...new Set([...plan.paths.filter((p): p is string => p !== undefined), ...applyPaths])].sort();
    return { sharedRole: plan.roleName ?? plan.roleKey, sharedPaths: all };
  }
  const sharedPaths = [...new Set(plan.paths.filter((p): p is string => p !== undefined && applyPaths.has(p)))];
  return sharedPaths.length > 0 ? { sharedPaths } : undefined;
}

/** The finding's message (the synthesis warning prefixes it with `[plan-apply-shared] `). */
export function planApplySharedMessage(sharing: PlanApplySharing): string {
  if (sharing.sharedRole !== undefined) {
    const held = sharing.sharedPaths.length > 0 ? ` (${sharing.sharedPaths.join(', ')})` : '';
    return (
      `plan and apply log in with the same role "${sharing.sharedRole}", so plan runs (any pull request) hold everything ` +
      `applies hold${held}; use separate plan and apply roles`
    );
  }
  return (
    `plan and apply read the same credentials (${sharing.sharedPaths.join(', ')}), so plan runs hold apply's cloud ` +
    'permissions; give plans a read-only engine role'
  );
}
