import { ReportRule } from './types';

/** A role without `bound_audiences` accepts tokens meant for anyone, and refuses HCP Terraform's (which carry `aud`). */
export const roleMissingAudience: ReportRule = {
  id: 'role-missing-audience',
  severity: 'error',
  title: 'JWT role without bound_audiences',
  explanation:
    'Without bound_audiences a role cannot tell tokens minted for Vault from tokens minted for other services, and ' +
    'Vault refuses HCP Terraform tokens, which always carry aud.',
  fix: 'Bind bound_audiences to the audience the runs request (TFC_VAULT_WORKLOAD_IDENTITY_AUDIENCE, "vault.workload.identity" by default).',
  stages: ['report'],
  check: (model) =>
    model.index.roles.flatMap((role) => {
      const audiences = role.block.body.bound_audiences;
      if (typeof audiences === 'string' || (Array.isArray(audiences) && audiences.length > 0)) return [];
      return [
        {
          rule: 'role-missing-audience',
          severity: 'error' as const,
          subject: role.block.address,
          message:
            'bound_audiences is empty: the role does not tell tokens minted for Vault from tokens minted for any other service, and Vault refuses ' +
            'HCP Terraform tokens (which always carry aud) with "audience claim found in JWT but no audiences bound to the role"; ' +
            'set bound_audiences = ["vault.workload.identity"] (or the value of TFC_VAULT_WORKLOAD_IDENTITY_AUDIENCE)',
        },
      ];
    }),
};
