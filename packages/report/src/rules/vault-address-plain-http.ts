import { Rule } from './types';

/** A synthesis-only rule: the construct library warns about it while synthesizing; the report has no check for it. */
export const vaultAddressPlainHttp: Rule = {
  id: 'vault-address-plain-http',
  severity: 'warning',
  title: 'Vault address uses plain http',
  explanation: 'With an http:// Vault address, run tokens and the credentials Vault returns cross the network unencrypted.',
  fix: 'Use an https:// Vault address.',
  stages: ['synthesis'],
};
