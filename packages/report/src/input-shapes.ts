/**
 * The types Terraform requires of the attributes the report relies on. The simulator leaves a role with a wrongly
 * typed attribute undecided, and the invalid-input finding names it; both read this module, which depends on nothing
 * of the report above the Terraform JSON reader.
 */
import { TerraformBlock } from './terraform-json';

/** The shape Terraform requires of an attribute. */
type Shape = 'list' | 'map' | 'number';

/**
 * Attributes whose type the report relies on, with the type the Terraform Vault provider's schema gives them
 * (registry.terraform.io/providers/hashicorp/vault, vault_jwt_auth_backend_role and vault_jwt_auth_backend).
 */
const SHAPES: Readonly<Record<string, Readonly<Record<string, Shape>>>> = {
  vault_jwt_auth_backend_role: {
    bound_audiences: 'list',
    bound_claims: 'map',
    claim_mappings: 'map',
    token_policies: 'list',
    token_bound_cidrs: 'list',
    token_ttl: 'number',
    token_max_ttl: 'number',
    token_explicit_max_ttl: 'number',
    token_num_uses: 'number',
    token_period: 'number',
  },
  vault_jwt_auth_backend: { jwt_validation_pubkeys: 'list', jwt_supported_algs: 'list' },
};

/** Why a value does not have the shape, or undefined when it has it (or is an expression that may yield it). */
export function shapeProblem(value: unknown, shape: Shape): string | undefined {
  if (value === undefined || value === null) return undefined;
  // In Terraform's JSON syntax a string with an interpolation is an expression, which may yield any type.
  if (typeof value === 'string' && value.includes('${')) return undefined;
  const what = Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : `the ${typeof value} ${JSON.stringify(value)}`;
  if (shape === 'list') {
    if (!Array.isArray(value)) return `is ${what}; Terraform requires a list of strings`;
    const bad = value.find((v) => v !== null && typeof v === 'object');
    return bad === undefined ? undefined : `holds ${Array.isArray(bad) ? 'a list' : 'an object'}; Terraform requires a list of strings`;
  }
  if (shape === 'map') {
    if (typeof value !== 'object' || Array.isArray(value)) return `is ${what}; Terraform requires a map of strings`;
    const bad = Object.entries(value as Record<string, unknown>).find(([, v]) => v !== null && typeof v === 'object');
    return bad === undefined ? undefined : `has ${Array.isArray(bad[1]) ? 'a list' : 'an object'} at key "${bad[0]}"; Terraform requires a map of strings`;
  }
  if (typeof value === 'number' || (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value))) return undefined;
  return `is ${what}; Terraform requires a number (seconds)`;
}

/** The attributes of a block whose values Terraform would reject for their type. */
export function invalidAttributes(block: TerraformBlock): Array<{ attribute: string; problem: string }> {
  const shapes = SHAPES[block.type] ?? {};
  const out: Array<{ attribute: string; problem: string }> = [];
  for (const [attribute, shape] of Object.entries(shapes)) {
    const problem = shapeProblem(block.body[attribute], shape);
    if (problem !== undefined) out.push({ attribute, problem });
  }
  return out;
}
