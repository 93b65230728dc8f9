import { Rule } from './types';

/** A synthesis-only rule: the construct library warns about it while synthesizing; the report has no check for it. */
export const secretInState: Rule = {
  id: 'secret-in-state',
  severity: 'warning',
  title: 'Secret kept in Terraform state',
  explanation:
    'A secrets engine root key, client secret or service-account key passed as a normal argument (or created by the ' +
    'stack) is stored in Terraform state, where anyone who can read the state can read it.',
  fix:
    'Use the engine\'s workload identity (plugin WIF) or a write-only argument; otherwise protect the state and ' +
    'rotate the secret with Vault\'s rotate-root after the first apply.',
  stages: ['synthesis'],
};
