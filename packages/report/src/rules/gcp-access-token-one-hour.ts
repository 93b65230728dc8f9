import { Rule } from './types';

/** A synthesis-only rule: the construct library warns about it while synthesizing; the report has no check for it. */
export const gcpAccessTokenOneHour: Rule = {
  id: 'gcp-access-token-one-hour',
  severity: 'warning',
  title: 'GCP access tokens in runs that may last longer than an hour',
  explanation:
    'GCP access tokens that Vault issues last one hour and cannot be renewed. A grant whose Vault token may live ' +
    'longer (tokenMaxTtlSeconds above 3600 s) lets runs outlast their Google credentials.',
  fix: 'Keep tokenMaxTtlSeconds at 3600 s or less for grants with access tokens, or use the service_account_key secret type for long runs.',
  stages: ['synthesis'],
};
