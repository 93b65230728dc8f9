import { literalOf } from '../terraform-json';
import { Finding, ReportRule } from './types';

/**
 * Vault stores policy names lower-cased (`vault/policy_store.go` lower-cases and trims every name). A `vault_policy`
 * named with capitals shows a change on every plan; a role that names a policy with capitals gets it under the
 * lower-cased name, which another block may define differently.
 */
export const policyNameCase: ReportRule = {
  id: 'policy-name-case',
  severity: 'warning',
  title: 'Policy name with capitals or spaces',
  explanation:
    'Vault stores policy names lower-cased and trimmed. A configuration that spells a name otherwise diffs on every ' +
    'plan, and a role that names the policy with the original spelling may not match it.',
  fix: 'Write policy names in lower case, without surrounding spaces, everywhere they appear.',
  stages: ['report'],
  check: (model) => {
    const findings: Finding[] = [];
    const flag = (subject: string, where: string, name: string): void => {
      findings.push({
        rule: 'policy-name-case',
        severity: 'warning',
        subject,
        message:
          `${where} "${name}" is stored by Vault as "${name.trim().toLowerCase()}": Terraform sees a change on every plan, ` +
          'and roles that name it match the lower-cased policy only. Write the name in lower case',
      });
    };
    for (const policy of model.index.policies) {
      const name = literalOf(model.config.resolve(policy.block.body.name));
      if (name !== undefined && name !== name.trim().toLowerCase()) flag(policy.block.address, 'the policy name', name);
    }
    for (const role of model.index.roles) {
      const entries = Array.isArray(role.block.body.token_policies) ? role.block.body.token_policies : [];
      for (const entry of entries) {
        // A reference to a policy block is judged at that block.
        if (model.config.referencedBlock(entry)) continue;
        const name = literalOf(model.config.resolve(entry));
        if (name !== undefined && name !== name.trim().toLowerCase()) flag(role.block.address, 'token_policies names', name);
      }
    }
    return findings;
  },
};
