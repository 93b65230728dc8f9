import { Rule } from './types';

/** A synthesis-only rule: the construct library warns about it while synthesizing; the report has no check for it. */
export const stsTtlExceedsRoleSession: Rule = {
  id: 'sts-ttl-exceeds-role-session',
  severity: 'warning',
  title: 'STS session longer than the IAM role allows by default',
  explanation:
    'AWS refuses an AssumeRole call whose duration exceeds the role\'s maximum session duration, which is one hour ' +
    'unless raised. An engine role whose STS TTL is longer leaves runs without credentials.',
  fix:
    'Lower ttlSeconds/maxTtlSeconds to 3600 s or less, or raise the IAM role\'s maximum session duration (build it ' +
    'with AwsRunRole in the same stack to have this checked exactly).',
  stages: ['synthesis'],
};
