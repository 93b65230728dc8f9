import { Rule } from './types';

/** A synthesis-only rule: the construct library warns about it while synthesizing; the report has no check for it. */
export const pipelineNeedsSkipChildToken: Rule = {
  id: 'pipeline-needs-skip-child-token',
  severity: 'warning',
  title: 'pipeline policy used without skip_child_token',
  explanation:
    'The pipeline policy grants exactly the paths the Vault provider calls for the managed objects and omits ' +
    'auth/token/create. A Vault provider without skip_child_token = true first creates a child token, a request ' +
    'that policy refuses, so every plan and apply of the stack fails before it touches Vault ' +
    '(https://registry.terraform.io/providers/hashicorp/vault/latest/docs#skip_child_token).',
  fix: 'Set skipChildToken: true on the stack\'s VaultProvider (or add auth/token/create to the token\'s policies).',
  stages: ['synthesis'],
};
