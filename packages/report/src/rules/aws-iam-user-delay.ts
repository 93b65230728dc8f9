import { Rule } from './types';

/** A synthesis-only rule: the construct library warns about it while synthesizing; the report has no check for it. */
export const awsIamUserDelay: Rule = {
  id: 'aws-iam-user-delay',
  severity: 'warning',
  title: 'iam_user credentials used without a delay',
  explanation:
    'AWS takes several seconds to make a new IAM user\'s keys usable, so a run that uses iam_user credentials at ' +
    'once can fail on its first API call.',
  fix: 'Set aws.sleepSeconds (for example 15) on the grant.',
  stages: ['synthesis'],
};
