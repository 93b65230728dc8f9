import { sameValue, splitTemplate, TerraformConfiguration } from '../../packages/report/src/terraform-json';

const config = (json: object, variables?: Record<string, string>, useVariableDefaults?: boolean) =>
  new TerraformConfiguration(json, { variables, useVariableDefaults });

const base = {
  variable: { host: { default: 'app.terraform.io' }, org: { type: 'string' }, port: { default: 8200 } },
  locals: { prefix: 'tfc', role: '${local.prefix}-${var.org}' },
  provider: { vault: [{ address: 'https://vault' }, { alias: 'child', namespace: 'admin' }] },
  resource: {
    vault_policy: { p: { name: 'Read-Only', policy: 'path "aws/sts/${vault_aws_secret_backend_role.r.name}" {}' } },
    vault_aws_secret_backend_role: { r: { name: '${local.prefix}-role', backend: '${vault_aws_secret_backend.a.path}' } },
    vault_aws_secret_backend: { a: { path: 'aws' } },
    tfe_workspace: { w: { name: 'app' } },
  },
  data: { tfe_project: { p: { name: 'Apps' } } },
};

describe('TerraformConfiguration.resolve', () => {
  test.each<[string, unknown, Record<string, string> | undefined, unknown]>([
    ['a plain string', 'hello', undefined, { literal: 'hello' }],
    ['a number', 1200, undefined, { literal: '1200' }],
    ['a boolean', true, undefined, { literal: 'true' }],
    ['absent', undefined, undefined, undefined],
    ['a reference to a literal attribute', '${vault_aws_secret_backend.a.path}', undefined, { literal: 'aws' }],
    ['a chain of references through a local', '${vault_aws_secret_backend_role.r.name}', undefined, { literal: 'tfc-role' }],
    ['a data source attribute', '${data.tfe_project.p.name}', undefined, { literal: 'Apps' }],
    ['a template of references', 'https://${var.host}:${var.port}', undefined, { literal: 'https://app.terraform.io:8200' }],
    ['a given variable wins over its default', 'https://${var.host}', { host: 'tfe.acme' }, { literal: 'https://tfe.acme' }],
    ['a variable without default or value stays symbolic', 'organization:${var.org}:*', undefined, { symbol: 'organization:${var.org}:*' }],
    // The known parts are filled in (local.prefix is "tfc"); only what is missing stays an expression.
    ['a local that needs that variable stays symbolic, as the expression it leads to', '${local.role}', undefined, { symbol: 'tfc-${var.org}' }],
    ['the same local with the variable given', '${local.role}', { org: 'acme' }, { literal: 'tfc-acme' }],
    ['an attribute known only after apply', '${tfe_workspace.w.id}', undefined, { symbol: '${tfe_workspace.w.id}' }],
    ['a block not in the file', '${vault_policy.missing.name}', undefined, { symbol: '${vault_policy.missing.name}' }],
    ['a function call', '${lower(var.host)}', undefined, { symbol: '${lower(var.host)}' }],
    ['a template directive', '%{if true}x%{endif}', undefined, { symbol: '%{if true}x%{endif}' }],
    ['the $${ escape is a literal ${', 'price: $${cost}', undefined, { literal: 'price: ${cost}' }],
    [
      'a nested template inside the policy text',
      'path "aws/sts/${vault_aws_secret_backend_role.r.name}" {}',
      undefined,
      { literal: 'path "aws/sts/tfc-role" {}' },
    ],
  ])('%s', (_label, value, variables, expected) => {
    expect(config(base, variables).resolve(value)).toEqual(expected);
  });

  test('variable defaults can be turned off, and each default used is recorded', () => {
    const off = config(base, undefined, false);
    expect(off.resolve('${var.host}')).toEqual({ symbol: '${var.host}' });
    expect([...off.assumptions]).toEqual([]);
    const on = config(base);
    on.resolve('${var.host}');
    expect([...on.assumptions]).toEqual(['var.host = "app.terraform.io" (its default; pass a value to override)']);
  });

  test('a reference cycle ends as a symbol instead of looping', () => {
    const cyclic = config({ locals: { a: '${local.b}', b: '${local.a}' } });
    expect(cyclic.resolve('${local.a}')).toEqual({ symbol: '${local.b}' });
  });

  test('provider configurations and aliases', () => {
    const c = config(base);
    const block = { address: 'vault_policy.x', type: 'vault_policy', name: 'x', body: { provider: 'vault.child' } };
    expect(c.providerOf(block, 'vault')?.body.namespace).toBe('admin');
    expect(c.providerOf({ ...block, body: {} }, 'vault')?.alias).toBeUndefined();
    expect(c.providerOf({ ...block, body: { provider: '${vault.child}' } }, 'vault')?.alias).toBe('child');
  });

  test('referencedBlock follows whole-string references only', () => {
    const c = config(base);
    expect(c.referencedBlock('${tfe_workspace.w.id}')?.address).toBe('tfe_workspace.w');
    expect(c.referencedBlock('${data.tfe_project.p.id}')?.address).toBe('data.tfe_project.p');
    expect(c.referencedBlock('x-${tfe_workspace.w.id}')).toBeUndefined();
  });

  test('rejects JSON that is not an object', () => {
    expect(() => new TerraformConfiguration('[1]')).toThrow(/must be a JSON object/);
  });
});

describe('splitTemplate and sameValue', () => {
  test('splits text and interpolations, braces inside expressions included', () => {
    expect(splitTemplate('a${jsonencode({b = "}"})}c')).toEqual([{ text: 'a' }, { expression: 'jsonencode({b = "}"})' }, { text: 'c' }]);
    expect(splitTemplate('${x')).toEqual([{ directive: true }]);
  });

  test.each([
    [{ literal: 'a' }, { literal: 'a' }, true],
    [{ literal: 'a' }, { literal: 'b' }, false],
    [{ symbol: '${var.x}' }, { symbol: '${var.x}' }, true],
    [{ symbol: '${var.x}' }, { symbol: '${var.y}' }, undefined],
    [{ symbol: '${var.x}' }, { literal: 'a' }, undefined],
  ])('sameValue(%j, %j) is %j', (a, b, expected) => {
    expect(sameValue(a, b)).toBe(expected);
  });
});
