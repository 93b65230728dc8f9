import * as path from 'node:path';
import { TerraformDataSource, TerraformProvider, TerraformResource, TerraformStack } from 'cdktf';
import { BlockPaths, JsonObject, renderTerraformJsonAsHcl } from './render';

/** The name of the file {@link HclEject.files} writes the stack's acknowledgements to. */
const ACKNOWLEDGEMENTS_FILE = 'acknowledgements.tf.json';

/**
 * The way out of CDKTF: writes a stack as native Terraform HCL that configures exactly what its `cdk.tf.json` does.
 *
 * `cdktf synth --hcl` cannot serve for this library's stacks: its writer leaves the quotes of a string that also
 * holds a reference unescaped (IAM policy documents), writes multi-line output values as broken quoted strings and
 * lifecycle postconditions as arguments instead of blocks. This renders the synthesized JSON instead, with the
 * nested-block structure taken from the provider bindings, and `test/eject.test.ts` proves the result equivalent
 * to the JSON with HashiCorp's own HCL parser.
 */
export class HclEject {
  /**
   * The HCL of a synthesized stack. Call it after `app.synth()` (or `Testing.synth`), so validations have run.
   *
   * @param stack the stack to write
   * @returns the whole configuration as one HCL file's text
   */
  public static render(stack: TerraformStack): string {
    return renderTerraformJsonAsHcl(portable(stack.toTerraform()), HclEject.blockPaths(stack));
  }

  /**
   * The files of an ejected directory: `main.tf` (see {@link render}) and, when the stack acknowledges rules (the
   * `Acknowledgements` API), `acknowledgements.tf.json`. HCL has no place for them: that file holds only a top-level
   * `"//"` comment property, which Terraform ignores
   * (https://developer.hashicorp.com/terraform/language/syntax/json, "Comment properties"), with each acknowledgement
   * and the addresses of the blocks synthesized under its scope, so the trust report on the directory acknowledges
   * what it acknowledges on the stack's JSON.
   *
   * @param stack the stack to write
   * @returns file name to text
   */
  public static files(stack: TerraformStack): { [file: string]: string } {
    const config: JsonObject = stack.toTerraform();
    const files: { [file: string]: string } = { 'main.tf': renderTerraformJsonAsHcl(portable(config), HclEject.blockPaths(stack)) };
    const acknowledgements = acknowledgementsWithAddresses(config);
    if (acknowledgements.length > 0) files[ACKNOWLEDGEMENTS_FILE] = JSON.stringify({ '//': { acknowledgements } }, null, 2) + '\n';
    return files;
  }

  /** Nested-block paths of every resource, data source and provider type in the stack, from the bindings' metadata. */
  private static blockPaths(stack: TerraformStack): BlockPaths {
    const paths = new Map<string, Set<string>>();
    for (const element of stack.node.findAll()) {
      let kind: string;
      if (element instanceof TerraformResource) kind = 'resource';
      else if (element instanceof TerraformDataSource) kind = 'data';
      else if (element instanceof TerraformProvider) kind = 'provider';
      else continue;
      const block: TerraformResource | TerraformDataSource | TerraformProvider = element;
      const type = block.terraformResourceType;
      const section = fieldOf(fieldOf(block.toHclTerraform(), kind), type);
      if (section === undefined) continue;
      // A provider's section is a list of bodies, a resource's or data source's a map of them by name.
      const bodies: unknown[] = Array.isArray(section) ? section : Object.values(objectOf(section) ?? {});
      const key = `${kind}.${type}`;
      const found = paths.get(key) ?? new Set<string>();
      for (const body of bodies) collectBlocks(body, '', found);
      paths.set(key, found);
    }
    return paths;
  }
}

/** Records the dotted path of every attribute the bindings mark as a block, recursing into block items. */
function collectBlocks(body: unknown, prefix: string, found: Set<string>): void {
  if (body === null || typeof body !== 'object') return;
  for (const [name, attribute] of Object.entries(body)) {
    const fields = objectOf(attribute);
    if (fields === undefined || !('value' in fields)) continue;
    if (!(fields.isBlock || fields.is_block)) continue;
    const path = prefix === '' ? name : `${prefix}.${name}`;
    found.add(path);
    const items: unknown[] = Array.isArray(fields.value) ? fields.value : [fields.value];
    for (const item of items) collectBlocks(item, path, found);
  }
}

/**
 * The configuration without machine-specific paths: cdktf's default `local` backend holds the absolute path of the
 * state file on the machine that synthesized; the ejected directory gets the file's name, relative to the directory
 * Terraform runs in (move the state file there, or configure another backend).
 */
function portable(config: JsonObject): JsonObject {
  const terraform = objectOf(config.terraform);
  const backend = objectOf(terraform?.backend);
  const local = objectOf(backend?.local);
  if (!local || typeof local.path !== 'string' || !path.isAbsolute(local.path)) return config;
  return { ...config, terraform: { ...terraform, backend: { ...backend, local: { ...local, path: path.basename(local.path) } } } };
}

/** The stack's acknowledgements, each with the addresses of the blocks synthesized under its scope. */
function acknowledgementsWithAddresses(config: JsonObject): JsonObject[] {
  const records: unknown = objectOf(config['//'])?.acknowledgements;
  if (!Array.isArray(records) || records.length === 0) return [];
  const blocks: Array<{ address: string; path: string }> = [];
  for (const [kind, prefix] of [['resource', ''], ['data', 'data.']] as const) {
    for (const [type, named] of Object.entries(objectOf(config[kind]) ?? {})) {
      for (const [name, body] of Object.entries(objectOf(named) ?? {})) {
        const constructPath = fieldOf(fieldOf(fieldOf(body, '//'), 'metadata'), 'path');
        if (typeof constructPath === 'string') blocks.push({ address: `${prefix}${type}.${name}`, path: constructPath });
      }
    }
  }
  return records.map((entry: unknown) => {
    const record = objectOf(entry) ?? {};
    const scope = String(record.scope);
    const addresses = blocks.filter((b) => b.path === scope || b.path.startsWith(`${scope}/`)).map((b) => b.address);
    return { ...record, addresses };
  });
}

/** `value` when it is a JSON object (not null, not a list), otherwise undefined. */
function objectOf(value: unknown): JsonObject | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

/** The field `key` of `value` when `value` is a JSON object, otherwise undefined. */
function fieldOf(value: unknown, key: string): unknown {
  return objectOf(value)?.[key];
}
