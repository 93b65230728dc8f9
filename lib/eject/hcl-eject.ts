import { TerraformDataSource, TerraformProvider, TerraformResource, TerraformStack } from 'cdktf';
import { BlockPaths, renderTerraformJsonAsHcl } from './render';

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
    return renderTerraformJsonAsHcl(stack.toTerraform(), HclEject.blockPaths(stack));
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
      const type = (element as TerraformResource).terraformResourceType;
      const hcl = (element as unknown as { toHclTerraform(): any }).toHclTerraform();
      const section = hcl[kind]?.[type];
      if (section === undefined) continue;
      const bodies: any[] = kind === 'provider' ? section : Object.values(section);
      const key = `${kind}.${type}`;
      const found = paths.get(key) ?? new Set<string>();
      for (const body of bodies) collectBlocks(body, '', found);
      paths.set(key, found);
    }
    return paths;
  }
}

/** Records the dotted path of every attribute the bindings mark as a block, recursing into block items. */
function collectBlocks(body: any, prefix: string, found: Set<string>): void {
  if (body === null || typeof body !== 'object') return;
  for (const [name, attribute] of Object.entries<any>(body)) {
    if (attribute === null || typeof attribute !== 'object' || !('value' in attribute)) continue;
    if (!(attribute.isBlock || attribute.is_block)) continue;
    const path = prefix === '' ? name : `${prefix}.${name}`;
    found.add(path);
    const items = Array.isArray(attribute.value) ? attribute.value : [attribute.value];
    for (const item of items) collectBlocks(item, path, found);
  }
}
