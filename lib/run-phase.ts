/** Run phases that appear in `terraform_run_phase` and at the end of `sub`. Query runs use the plan phase. */
export enum RunPhase {
  /** Plan (and query) operations. */
  PLAN = 'plan',
  /** Apply operations. */
  APPLY = 'apply',
}
