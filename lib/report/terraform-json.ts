/**
 * Reading a synthesized Terraform JSON configuration (`cdk.tf.json`, whoever wrote it): blocks by type and
 * reference resolution. Pure: no cdktf. References that cannot be resolved to a literal stay symbolic.
 */

/** One resource or data block. */
export interface TerraformBlock {
  /** `vault_policy.x` or `data.tfe_workspace.y`. */
  readonly address: string;
  readonly type: string;
  readonly name: string;
  readonly body: Readonly<Record<string, unknown>>;
}

/** A value that could be resolved to a literal, or the expression that could not. */
export type Resolved = { readonly literal: string } | { readonly symbol: string };

const SINGLE_REFERENCE = /^\$\{([A-Za-z0-9_.\-[\]"]+)\}$/;

/** A parsed `cdk.tf.json` with lookups by address. */
export class TerraformConfiguration {
  public readonly resources: TerraformBlock[] = [];
  public readonly dataSources: TerraformBlock[] = [];
  private readonly byAddress = new Map<string, TerraformBlock>();

  constructor(json: unknown) {
    const root = (typeof json === 'string' ? JSON.parse(json) : json) as Record<string, unknown>;
    this.collect(root.resource, '', this.resources);
    this.collect(root.data, 'data.', this.dataSources);
  }

  /** Resource blocks of one type. */
  public resourcesOfType(type: string): TerraformBlock[] {
    return this.resources.filter((block) => block.type === type);
  }

  /** Data blocks of one type. */
  public dataOfType(type: string): TerraformBlock[] {
    return this.dataSources.filter((block) => block.type === type);
  }

  /** The block at an address (`type.name` or `data.type.name`). */
  public block(address: string): TerraformBlock | undefined {
    return this.byAddress.get(address);
  }

  /**
   * Resolves a string attribute value: a literal stays as is; a whole-string reference `${type.name.attr}` is
   * followed to that block's literal attribute when it has one. Anything else is returned as a symbol.
   */
  public resolve(value: unknown, depth = 0): Resolved | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') return { literal: String(value) };
    if (!value.includes('${')) return { literal: value };
    const match = SINGLE_REFERENCE.exec(value);
    if (!match || depth > 8) return { symbol: value };
    const target = this.referenceTarget(match[1]);
    if (!target) return { symbol: value };
    const attribute = target.block.body[target.attribute];
    if (attribute === undefined) return { symbol: `${target.block.address}.${target.attribute}` };
    const next = this.resolve(attribute, depth + 1);
    return next ?? { symbol: value };
  }

  /** The block and attribute a whole-string reference points at, if it is a reference to a block of this file. */
  public referenceTarget(expression: string): { block: TerraformBlock; attribute: string } | undefined {
    const parts = expression.split('.');
    const isData = parts[0] === 'data';
    const head = isData ? 3 : 2;
    if (parts.length !== head + 1) return undefined;
    const block = this.byAddress.get(parts.slice(0, head).join('.'));
    return block ? { block, attribute: parts[head] } : undefined;
  }

  private collect(section: unknown, prefix: string, into: TerraformBlock[]): void {
    if (!section || typeof section !== 'object') return;
    for (const [type, blocks] of Object.entries(section as Record<string, unknown>)) {
      if (!blocks || typeof blocks !== 'object') continue;
      for (const [name, body] of Object.entries(blocks as Record<string, unknown>)) {
        const block: TerraformBlock = {
          address: `${prefix}${type}.${name}`,
          type,
          name,
          body: (body ?? {}) as Record<string, unknown>,
        };
        into.push(block);
        this.byAddress.set(block.address, block);
      }
    }
  }
}

/** The literal of a resolved value, or undefined when it stayed symbolic. */
export function literalOf(value: Resolved | undefined): string | undefined {
  return value !== undefined && 'literal' in value ? value.literal : undefined;
}
