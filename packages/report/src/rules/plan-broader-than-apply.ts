import { Rule } from './types';

/** A synthesis-only rule: the construct library warns about it while synthesizing; the report has no check for it. */
export const planBroaderThanApply: Rule = {
  id: 'plan-broader-than-apply',
  severity: 'warning',
  title: 'Plan IAM run role holds policies the apply role lacks',
  explanation:
    'Plan runs start on every pull request. When the IAM role that plan runs assume has managed policies the apply ' +
    'run role does not have, a plan can do what an apply cannot.',
  fix: 'Give the plan run role a subset of the apply run role\'s managed policies (usually read-only ones).',
  stages: ['synthesis'],
};
