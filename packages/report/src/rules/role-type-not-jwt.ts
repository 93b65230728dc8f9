import { literalOf } from '../terraform-json';
import { ReportRule } from './types';

/** A JWT role whose `role_type` is not `jwt` refuses every workload identity login. */
export const roleTypeNotJwt: ReportRule = {
  id: 'role-type-not-jwt',
  severity: 'error',
  title: 'JWT role without role_type "jwt"',
  explanation: 'Vault creates a role with no role_type as an "oidc" role, and an oidc role refuses every JWT login, so every run that uses it fails.',
  fix: 'Set role_type = "jwt" on the vault_jwt_auth_backend_role.',
  stages: ['report'],
  check: (model) =>
    model.index.roles.flatMap((role) => {
      const resolved = model.config.resolve(role.block.body.role_type);
      if (resolved !== undefined && !('literal' in resolved)) return [];
      const type = literalOf(resolved);
      if (type === 'jwt') return [];
      const message =
        type === undefined
          ? 'role_type is not set, so Vault creates an "oidc" role and refuses every JWT login with ' +
            '"role with oidc role_type is not allowed"; set role_type = "jwt"'
          : `role_type is "${type}", so Vault refuses every JWT login to it; set role_type = "jwt"`;
      return [{ rule: 'role-type-not-jwt', severity: 'error' as const, subject: role.block.address, message }];
    }),
};
