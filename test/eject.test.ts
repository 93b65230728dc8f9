import { parse } from '@cdktf/hcl2json';
import { TerraformStack, TerraformOutput, Testing } from 'cdktf';
import { AdoptExample } from '../examples/adopt';
import { EnterpriseExample } from '../examples/enterprise';
import { VaultBackedCredentialsExample } from '../examples/main';
import { HclEject } from '../lib/eject/hcl-eject';
import { quoteTemplate, renderTerraformJsonAsHcl } from '../lib/eject/render';
import { explain } from '../packages/report/src/explain';

/** What @cdktf/hcl2json parses HCL into: blocks by kind, each as lists of bodies. */
type HclJson = Awaited<ReturnType<typeof parse>>;

jest.setTimeout(60_000);

/** Meta-arguments whose JSON strings are addresses (`aws_iam_user.x`), never templates; Terraform refuses "${...}" there. */
const ADDRESS_ARGUMENTS = new Set(['depends_on', 'ignore_changes', 'replace_triggered_by', 'provider']);

/**
 * One shape for both sides: hcl2json writes every block as a list and every expression as "${...}", cdk.tf.json
 * writes single blocks as objects and some expressions (addresses, type constraints) bare. A one-element list of an
 * object becomes the object, and a string that is exactly one "${...}" becomes its expression, except on the JSON
 * side inside the address meta-arguments: there the JSON must hold the bare address, and a "${...}" (which Terraform
 * refuses in cdk.tf.json: "A single static variable reference is required") stays as it is and fails the comparison.
 */
function normalize(value: unknown, side: 'json' | 'hcl', inAddress = false, topLevel = true): unknown {
  if (Array.isArray(value)) {
    if (value.length === 1 && value[0] !== null && typeof value[0] === 'object' && !Array.isArray(value[0]))
      return normalize(value[0], side, inAddress, topLevel);
    return value.map((v) => normalize(v, side, inAddress, false));
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    // the top-level "provider" is the section of provider blocks, not the meta-argument
    for (const [k, v] of Object.entries(value)) if (k !== '//') out[k] = normalize(v, side, inAddress || (!topLevel && ADDRESS_ARGUMENTS.has(k)), false);
    return out;
  }
  if (typeof value === 'string') {
    if (side === 'json' && inAddress) return value;
    const whole = /^\$\{([^{}]*)\}$/.exec(value);
    return whole ? whole[1] : value;
  }
  return value;
}

/**
 * Every "${...}" reference text anywhere in a configuration's blocks, sorted. The address meta-arguments are left out:
 * they hold addresses, not templates (hcl2json shows them as "${...}", the JSON bare), and the comparison of every
 * block above checks them.
 */
function references(value: unknown, out = new Set<string>()): string[] {
  if (typeof value === 'string') for (const m of value.matchAll(/\$\{([^{}]+)\}/g)) out.add(m[1]);
  else if (Array.isArray(value)) value.forEach((v) => references(v, out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) if (!ADDRESS_ARGUMENTS.has(k)) references(v, out);
  return [...out].sort();
}

const stacks: Array<[string, () => TerraformStack]> = [
  ['example', () => new VaultBackedCredentialsExample(Testing.app(), 'example')],
  ['enterprise', () => new EnterpriseExample(Testing.app(), 'enterprise')],
  ['adoption', () => new AdoptExample(Testing.app(), 'adopt')],
];

/** The report reads Terraform JSON; hcl2json's block lists are unwrapped the way the JSON has them. */
function normalizeHclForReport(parsed: HclJson): Record<string, unknown> {
  const unwrap = (v: unknown): unknown => (Array.isArray(v) && v.length === 1 && typeof v[0] === 'object' ? v[0] : v);
  const named = (section: unknown): Record<string, unknown> => (section !== null && typeof section === 'object' ? { ...section } : {});
  const out: Record<string, unknown> = { ...parsed };
  for (const kind of ['resource', 'data']) {
    out[kind] = Object.fromEntries(
      Object.entries(named(parsed[kind])).map(([type, blocks]) => [
        type,
        Object.fromEntries(
          Object.entries(named(blocks)).map(([n, b]) => {
            const body = named(unwrap(b));
            return [n, body.lifecycle ? { ...body, lifecycle: unwrap(body.lifecycle) } : body];
          }),
        ),
      ]),
    );
  }
  out.variable = Object.fromEntries(Object.entries(named(parsed.variable)).map(([n, b]) => [n, unwrap(b)]));
  out.output = Object.fromEntries(Object.entries(named(parsed.output)).map(([n, b]) => [n, unwrap(b)]));
  out.terraform = unwrap(parsed.terraform);
  return out;
}

describe('why not `cdktf synth --hcl`', () => {
  test('cdktf 0.21 writes HCL for these stacks that HashiCorp\'s parser rejects', async () => {
    const hcl = Testing.synthHcl(new VaultBackedCredentialsExample(Testing.app(), 'example'), true);
    // the IAM policy documents hold references, and their quotes are left unescaped
    expect(hcl).toMatch(/assume_role_policy = "\{"Version"/);
    await expect(parse('main.tf', hcl)).rejects.toThrow(/Invalid character|Invalid multi-line string/);
  });
});

describe('the HCL writer', () => {
  test.each([
    ['plain', 'abc', '"abc"'],
    ['quotes and backslashes outside references', 'a "b" \\ c', '"a \\"b\\" \\\\ c"'],
    ['references are kept verbatim, with their own string literals', '{"x":"${jsonencode({"a" = "b"})}"}', '"{\\"x\\":\\"${jsonencode({"a" = "b"})}\\"}"'],
    ['an escaped template sequence stays escaped', 'cost: $${x} %%{y}', '"cost: $${x} %%{y}"'],
    ['control characters', 'a\tb\r\nc', '"a\\tb\\r\\nc"'],
  ])('quotes %s', (_label, input, expected) => {
    expect(quoteTemplate(input)).toBe(expected);
  });

  test('multi-line strings become heredocs that parse back to the same text', async () => {
    const text = 'path "a/*" {\n  capabilities = ["read"]\n}\nEOT\n';
    const hcl = renderTerraformJsonAsHcl({ output: { o: { value: text } }, variable: { v: { type: 'list(string)', default: ['x'] } } });
    expect(hcl).toContain('<<EOT_\n');
    const parsed = await parse('o.tf', hcl);
    expect(parsed.output.o[0].value).toBe(text);
    expect(parsed.variable.v[0].type).toBe('${list(string)}');
  });

  test('a stack of its own: a multi-line output survives', async () => {
    const stack = new TerraformStack(Testing.app(), 's');
    new TerraformOutput(stack, 'multi', { value: 'one\ntwo\n' });
    const parsed = await parse('s.tf', HclEject.render(stack));
    expect(parsed.output.multi[0].value).toBe('one\ntwo\n');
  });
});

describe.each(stacks)('ejecting the %s stack to HCL', (_name, make) => {
  const stack = make();
  const json = JSON.parse(Testing.synth(stack, true));
  const hcl = HclEject.render(stack);
  let parsed: HclJson;
  beforeAll(async () => {
    parsed = await parse('main.tf', hcl);
  });

  test('the HCL parses to the same resources, data sources, providers, variables and outputs as the JSON', () => {
    for (const section of ['resource', 'data', 'provider', 'variable', 'output', 'import']) {
      expect([section, Object.keys(parsed[section] ?? {}).sort()]).toEqual([section, Object.keys(json[section] ?? {}).sort()]);
    }
    for (const [type, named] of Object.entries<object>(json.resource)) {
      expect([type, Object.keys(parsed.resource[type]).sort()]).toEqual([type, Object.keys(named).sort()]);
    }
  });

  test('every block has the same arguments, nested blocks and values', () => {
    expect(normalize(parsed, 'hcl')).toEqual(normalize(json, 'json'));
  });

  test('the same references, and there are many of them', () => {
    const sections = (config: Record<string, unknown>) => ['resource', 'data', 'provider', 'output'].map((k) => config[k]);
    const fromJson = references(sections(json));
    expect(fromJson.length).toBeGreaterThan(5);
    expect(references(sections(parsed))).toEqual(fromJson);
  });

  test('the trust report reads the ejected configuration exactly as the JSON', () => {
    const fromJson = explain(json, { source: 'json' });
    const fromHcl = explain(normalizeHclForReport(parsed), { source: 'hcl' });
    expect(fromHcl.rows.map((r) => [r.selector.label, r.phase, r.role, r.login])).toEqual(
      fromJson.rows.map((r) => [r.selector.label, r.phase, r.role, r.login]),
    );
  });
});
