import { admittedPhases, boundClaimValues, field, roleBinding, subjectShape } from '../../packages/report/src/bindings';
import { TerraformConfiguration } from '../../packages/report/src/terraform-json';
import { VaultIndex } from '../../packages/report/src/vault-index';

describe('subject patterns taken apart', () => {
  test.each<[string, boolean, string | undefined, Record<string, string>]>([
    [
      'organization:acme:project:Apps:workspace:app:run_phase:plan',
      false,
      'workspace-run',
      { organization: 'literal', project: 'literal', workspace: 'literal', run_phase: 'literal' },
    ],
    ['organization:acme:project:Apps:workspace:*:run_phase:*', true, 'workspace-run', { workspace: 'any', run_phase: 'any' }],
    ['organization:acme:project:Apps:workspace:app-*', true, 'workspace-run', { workspace: 'partial', run_phase: 'spanned' }],
    ['organization:acme:*', true, 'workspace-run', { organization: 'literal', project: 'spanned' }],
    ['organization:acme*', true, 'workspace-run', { organization: 'partial', project: 'spanned' }],
    ['organization:acme:project:Apps:stack:net:deployment:prod:operation:*', true, 'stack', { stack: 'literal', workspace: 'absent' }],
    ['organization:acme:module:*:operation:test_run', true, 'module-test', { module: 'any', project: 'absent' }],
    ['organization:acme:project:Apps:workspace:app', false, 'other', { run_phase: 'absent' }],
    ['*:workspace:app', true, undefined, {}],
    ['organization:acme:proj*:x', true, undefined, {}],
  ])('%s (glob %s)', (pattern, glob, kind, fields) => {
    const shape = subjectShape(pattern, glob);
    expect(shape?.kind).toBe(kind);
    for (const [label, constraint] of Object.entries(fields)) expect(field(shape!, label).kind).toBe(constraint);
  });

  test('"*" is literal when the binding is not a glob', () => {
    expect(field(subjectShape('organization:acme*', false)!, 'organization')).toEqual({ kind: 'literal', value: 'acme*' });
  });
});

describe('bound claim values as Vault receives them', () => {
  const c = new TerraformConfiguration({
    variable: { ws: { default: 'a' } },
    resource: { tfe_workspace: { a: { name: 'a' }, b: { name: 'b' } } },
  });

  test.each<[unknown, boolean, string[] | undefined]>([
    ['x, y ,z', true, ['x', 'y', 'z']],
    ['x, y', false, ['x, y']],
    ['${var.ws},b', true, ['a', 'b']],
    ['${tfe_workspace.a.id},${tfe_workspace.b.id}', true, ['${tfe_workspace.a.id}', '${tfe_workspace.b.id}']],
    ['${tfe_workspace.a.id}', false, ['${tfe_workspace.a.id}']],
    ['${var.unknown}', true, undefined],
    ['${tfe_workspace.missing.id}', true, undefined],
  ])('%j (split %s)', (value, split, expected) => {
    expect(boundClaimValues(c, value, split)).toEqual(expected);
  });
});

describe('phases a role admits', () => {
  const phases = (claims: Record<string, string>, type = 'glob', extra: Record<string, unknown> = {}) => {
    const c = new TerraformConfiguration({
      resource: { vault_jwt_auth_backend_role: { r: { role_name: 'r', bound_claims_type: type, bound_claims: claims, ...extra } } },
    });
    const index = new VaultIndex(c);
    return admittedPhases(roleBinding(index, index.roles[0]));
  };

  test.each<[Record<string, string>, string, string[]]>([
    [{ sub: 'organization:a:project:p:workspace:w:run_phase:plan' }, 'string', ['plan']],
    [{ sub: 'organization:a:project:p:workspace:w:run_phase:apply,organization:a:project:p:workspace:v:run_phase:plan' }, 'string', ['plan', 'apply']],
    [{ sub: 'organization:a:project:p:workspace:w:run_phase:*' }, 'glob', ['plan', 'apply']],
    [{ sub: 'organization:a:project:p:workspace:w:run_phase:*' }, 'string', []],
    [{ sub: 'organization:a:*', terraform_run_phase: 'apply' }, 'glob', ['apply']],
    [{ sub: 'organization:a:project:p:stack:s:deployment:d:operation:*' }, 'glob', []],
    [{ terraform_organization_name: 'a' }, 'string', ['plan', 'apply']],
  ])('%j (%s)', (claims, type, expected) => {
    expect(phases(claims, type)).toEqual(expected);
  });
});
