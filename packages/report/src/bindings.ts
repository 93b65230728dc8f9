/**
 * What a JWT role binds, read structurally: each `sub` alternative (after the Terraform provider's comma split)
 * taken apart label by label, and the other bound claims. Used to list who a role admits and to judge whether a
 * pattern stays inside the organization and project it names.
 *
 * Subjects are `label:value` pairs joined by `:`: `organization:O:project:P:workspace:W:run_phase:R` for workspace
 * runs, `organization:O:project:P:stack:S:deployment:D:operation:X` for Stacks, and
 * `organization:O:module:M:operation:test_run` for module tests (M is `terraform-<provider>-<name>`).
 */
import { splitProviderBoundClaimValue } from './claims/login';
import { literalOf, splitTemplate, TerraformConfiguration } from './terraform-json';
import { JwtRoleInfo, VaultIndex } from './vault-index';

/**
 * How a pattern constrains one field:
 * - `literal`: exactly one value;
 * - `any`: the whole value is `*`;
 * - `partial`: a `*` together with other characters (`prod-*`, `acme*`);
 * - `spanned`: an earlier `*` at the end of the pattern swallows this field and everything after it;
 * - `absent`: the pattern ends before this field.
 */
export type FieldConstraint =
  | { readonly kind: 'literal'; readonly value: string }
  | { readonly kind: 'any' }
  | { readonly kind: 'partial'; readonly value: string }
  | { readonly kind: 'spanned' }
  | { readonly kind: 'absent' };

/** A subject pattern taken apart. */
export interface SubjectShape {
  /** Labels in the order they appear. */
  readonly labels: string[];
  readonly values: Readonly<Record<string, FieldConstraint>>;
  /** True when the pattern ends in a `*` that also covers any later labels. */
  readonly open: boolean;
  /** Which token this shape describes. */
  readonly kind: 'workspace-run' | 'stack' | 'module-test' | 'other';
}

/** One `sub` alternative. */
export interface SubjectPattern {
  readonly pattern: string;
  /** True when `*` is a wildcard here (glob bound claims with a `*` in the pattern). */
  readonly glob: boolean;
  readonly source: 'bound_claims.sub' | 'bound_subject';
  /** Undefined when the pattern does not split into `label:value` pairs (e.g. a `*` inside a label). */
  readonly shape?: SubjectShape;
}

/** A role's bindings. */
export interface RoleBinding {
  readonly role: JwtRoleInfo;
  readonly claimsType: string;
  /** `sub` alternatives; empty when the role does not bind `sub` at all. */
  readonly subjects: SubjectPattern[];
  /** Other bound claims, each with its alternatives. */
  readonly otherClaims: Readonly<Record<string, string[]>>;
  /** Attributes that are not literals, so the binding is only partly known. */
  readonly symbolic: string[];
}

/** Takes a subject pattern apart into `label:value` pairs. */
export function subjectShape(pattern: string, glob: boolean): SubjectShape | undefined {
  const tokens = pattern.split(':');
  const labels: string[] = [];
  const values: Record<string, FieldConstraint> = {};
  let open = false;
  for (let i = 0; i < tokens.length; i += 2) {
    const label = tokens[i];
    const value = tokens[i + 1];
    if (glob && label === '*' && value === undefined) {
      open = true;
      break;
    }
    if (label === '' || (glob && label.includes('*')) || label in values) return undefined;
    labels.push(label);
    if (value === undefined) {
      values[label] = { kind: 'absent' };
    } else if (!glob || !value.includes('*')) {
      values[label] = { kind: 'literal', value };
    } else if (value === '*') {
      values[label] = { kind: 'any' };
      if (i + 1 === tokens.length - 1) open = true;
    } else {
      values[label] = { kind: 'partial', value };
      if (i + 1 === tokens.length - 1 && value.endsWith('*')) open = true;
    }
  }
  const sequence = labels.join(':');
  const kind = /^organization(:project(:workspace(:run_phase)?)?)?$/.test(sequence) && (labels.length === 4 || open)
    ? 'workspace-run'
    : /^organization:project:stack(:deployment(:operation)?)?$/.test(sequence)
      ? 'stack'
      : /^organization:module(:operation)?$/.test(sequence)
        ? 'module-test'
        : 'other';
  return { labels, values, open, kind };
}

/** The labels of each kind of subject, in order. */
export const CANONICAL_LABELS: Readonly<Record<SubjectShape['kind'], readonly string[]>> = {
  'workspace-run': ['organization', 'project', 'workspace', 'run_phase'],
  'stack': ['organization', 'project', 'stack', 'deployment', 'operation'],
  'module-test': ['organization', 'module', 'operation'],
  'other': [],
};

/**
 * The constraint a shape puts on a label: its own value; `spanned` when the pattern's open end covers it (a label
 * its kind of subject has after the last one written); else `absent`.
 */
export function field(shape: SubjectShape, label: string): FieldConstraint {
  const own = shape.values[label];
  if (own) return own;
  if (!shape.open) return { kind: 'absent' };
  const canonical = CANONICAL_LABELS[shape.kind];
  if (canonical.length === 0) return { kind: 'spanned' };
  const last = canonical.indexOf(shape.labels[shape.labels.length - 1]);
  return canonical.indexOf(label) > last ? { kind: 'spanned' } : { kind: 'absent' };
}

/**
 * Ids known only after apply, such as `${tfe_workspace.app.id}` or `${data.tfe_project.apps.id}`, stand for
 * themselves: the same expression is the same id, and it is no other workspace's or project's id.
 */
const IDENTITY = /^\$\{\s*((?:data\.)?tfe_(?:workspace|project|organization)\.[A-Za-z0-9_-]+)\.id\s*\}$/;

/** The identity text of a value that is exactly the id of an HCP Terraform workspace, project or organization block. */
export function identityOf(config: TerraformConfiguration, value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const match = IDENTITY.exec(value.trim());
  return match && config.block(match[1]) ? `\${${match[1]}.id}` : undefined;
}

/** Splits a template on the commas outside its interpolations. */
function splitOutsideInterpolations(value: string): string[] {
  const out: string[] = [];
  let current = '';
  let depth = 0;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (ch === '$' && value[i + 1] === '{') depth++;
    else if (ch === '}' && depth > 0) depth--;
    if (ch === ',' && depth === 0) {
      out.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  out.push(current);
  return out;
}

/**
 * The alternatives Vault receives for one `bound_claims` value: the provider splits on commas (unless `split` is
 * false). Alternatives that are ids known only after apply are kept as their identity text; any other unresolved
 * alternative makes the whole value unknown (undefined).
 */
export function boundClaimValues(config: TerraformConfiguration, value: unknown, split: boolean): string[] | undefined {
  const resolved = config.resolve(value);
  if (resolved === undefined) return undefined;
  if ('literal' in resolved) return split ? splitProviderBoundClaimValue(resolved.literal) : [resolved.literal];
  if (typeof value !== 'string' || splitTemplate(value).some((part) => 'directive' in part)) return undefined;
  const parts = split ? splitOutsideInterpolations(value).map((p) => p.trim()) : [value];
  const out: string[] = [];
  for (const part of parts) {
    const literal = literalOf(config.resolve(part));
    const identity = literal === undefined ? identityOf(config, part) : undefined;
    if (literal === undefined && identity === undefined) return undefined;
    out.push(literal ?? identity!);
  }
  return out;
}

/** Reads a role's bindings. */
export function roleBinding(index: VaultIndex, role: JwtRoleInfo): RoleBinding {
  const config = index.config;
  const body = role.block.body;
  const symbolic: string[] = [];
  const literal = (attribute: string, value: unknown): string | undefined => {
    const resolved = config.resolve(value);
    if (resolved !== undefined && !('literal' in resolved)) symbolic.push(`${role.block.address}.${attribute}`);
    return literalOf(resolved);
  };
  const claimsType = literal('bound_claims_type', body.bound_claims_type) ?? 'string';
  const noSplit = literal('disable_bound_claims_parsing', body.disable_bound_claims_parsing) === 'true';
  const subjects: SubjectPattern[] = [];
  const otherClaims: Record<string, string[]> = {};
  const raw = body.bound_claims && typeof body.bound_claims === 'object' ? (body.bound_claims as Record<string, unknown>) : {};
  for (const [key, value] of Object.entries(raw)) {
    const alternatives = boundClaimValues(config, value, !noSplit);
    if (alternatives === undefined) {
      symbolic.push(`${role.block.address}.bound_claims.${key}`);
      continue;
    }
    if (key === 'sub') {
      for (const pattern of alternatives) {
        const glob = claimsType === 'glob' && pattern.includes('*');
        subjects.push({ pattern, glob, source: 'bound_claims.sub', shape: subjectShape(pattern, glob) });
      }
    } else {
      otherClaims[key] = alternatives;
    }
  }
  const boundSubject = literal('bound_subject', body.bound_subject);
  if (boundSubject !== undefined && boundSubject !== '') {
    subjects.push({ pattern: boundSubject, glob: false, source: 'bound_subject', shape: subjectShape(boundSubject, false) });
  }
  return { role, claimsType, subjects, otherClaims, symbolic };
}

/** Claims that pin a token to one organization by id or name. */
export const ORGANIZATION_CLAIMS = ['terraform_organization_id', 'terraform_organization_name'];
/** Claims that pin a token to immutable ids. */
export const ID_CLAIMS = ['terraform_organization_id', 'terraform_project_id', 'terraform_workspace_id', 'terraform_stack_id'];

/** Whether a bound-claim alternative list is exact (no glob wildcard). */
export function isExact(binding: RoleBinding, values: readonly string[]): boolean {
  return values.every((v) => binding.claimsType !== 'glob' || !v.includes('*'));
}

/**
 * The workspace-run phases a role lets in, from its `sub` patterns and a `terraform_run_phase` binding. Patterns
 * shaped like Stack or module-test subjects admit no workspace run.
 */
export function admittedPhases(binding: RoleBinding): Array<'plan' | 'apply'> {
  const phases = new Set<'plan' | 'apply'>();
  const both = (): void => {
    phases.add('plan');
    phases.add('apply');
  };
  if (binding.subjects.length === 0) both();
  for (const subject of binding.subjects) {
    const shape = subject.shape;
    if (!shape) {
      if (subject.glob) both();
      continue;
    }
    if (shape.kind !== 'workspace-run') continue;
    const phase = field(shape, 'run_phase');
    if (phase.kind === 'literal') {
      if (phase.value === 'plan' || phase.value === 'apply') phases.add(phase.value);
    } else if (phase.kind === 'any' || phase.kind === 'spanned' || (phase.kind === 'partial' && /^(p|a|\*)/.test(phase.value))) {
      both();
    }
  }
  const claim = binding.otherClaims.terraform_run_phase;
  if (claim && isExact(binding, claim)) {
    for (const phase of [...phases]) if (!claim.includes(phase)) phases.delete(phase);
  }
  return (['plan', 'apply'] as const).filter((p) => phases.has(p));
}
