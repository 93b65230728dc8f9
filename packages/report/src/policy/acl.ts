/**
 * A model of how Vault decides whether a set of ACL policies allows a request
 * (hashicorp/vault `vault/acl.go`: `NewACL`, `AllowOperation`,
 * `CheckAllowedFromNonExactPaths`). Parameter constraints, wrapping TTLs,
 * control groups and templating are out of scope; only paths and capabilities
 * are modelled.
 */
import { PolicyDocument, VAULT_CAPABILITIES, isVaultCapability, sortCapabilities } from './document';
import type { ParsedPolicy } from './parse';

/** One rule as it reaches the ACL (paths as Vault stores them, no leading "/" stripping here). */
export interface AclRuleInput {
  readonly path: string;
  readonly capabilities: readonly string[];
}

export interface AclDecision {
  readonly allowed: boolean;
  /** The rule path (as written, e.g. `secret/*`) that decided; absent when nothing matched. */
  readonly matchedPath?: string;
  /** Merged capabilities of the deciding rule; `["deny"]` for a deny rule. */
  readonly capabilities: readonly string[];
}

type RuleKind = 'exact' | 'prefix' | 'segment';

interface MergedRule {
  readonly path: string;
  readonly kind: RuleKind;
  readonly capabilities: Set<string>;
  deny: boolean;
}

interface Candidate {
  /** Index of the first "+" (segment rules) or of the trailing "*" (prefix rules). */
  readonly firstWildcard: number;
  readonly isPrefix: boolean;
  readonly wildcards: number;
  /** The rule path without a trailing "*". */
  readonly stem: string;
  readonly rule: MergedRule;
}

/** Vault's test for segment-wildcard paths (`policy.go`). */
function hasSegmentWildcard(path: string): boolean {
  return path === '+' || path.includes('/+') || path.startsWith('+/');
}

function classify(path: string): RuleKind {
  if (hasSegmentWildcard(path)) return 'segment';
  return path.endsWith('*') ? 'prefix' : 'exact';
}

/**
 * Merges rules the way `NewACL` does: one entry per identical path string,
 * capabilities unioned, and a `deny` anywhere makes the entry deny-only.
 */
function mergeRules(policies: readonly (readonly AclRuleInput[])[]): Map<string, MergedRule> {
  const merged = new Map<string, MergedRule>();
  for (const policy of policies) {
    for (const { path, capabilities } of policy) {
      if (path.includes('+*')) throw new Error(`policy path ${JSON.stringify(path)}: "+*" is rejected by Vault`);
      for (const capability of capabilities) {
        if (!isVaultCapability(capability)) {
          throw new Error(
            `policy path ${JSON.stringify(path)}: unknown capability ${JSON.stringify(capability)}; known: ${VAULT_CAPABILITIES.join(', ')}`,
          );
        }
      }
      let rule = merged.get(path);
      if (rule === undefined) {
        rule = { path, kind: classify(path), capabilities: new Set(), deny: false };
        merged.set(path, rule);
      }
      for (const capability of capabilities) rule.capabilities.add(capability);
      if (capabilities.includes('deny')) rule.deny = true;
    }
  }
  return merged;
}

/** Rules merged once: the exact ones by path, and the glob and segment-wildcard ones apart. */
interface CompiledAcl {
  /** The policy lists merged, to tell when the outer list was changed since. */
  readonly sources: readonly (readonly AclRuleInput[])[];
  readonly merged: Map<string, MergedRule>;
  readonly nonExact: MergedRule[];
}

/**
 * Merged rules per policy list. A token's policies are merged once and then asked about many paths, as Vault builds
 * one ACL per token; keyed by the list object, so callers that reuse a list (the trust report does) merge it once.
 */
const compiled = new WeakMap<readonly (readonly AclRuleInput[])[], CompiledAcl>();

function compile(policies: readonly (readonly AclRuleInput[])[]): CompiledAcl {
  let acl = compiled.get(policies);
  if (acl === undefined || acl.sources.length !== policies.length || acl.sources.some((p, i) => p !== policies[i])) {
    const merged = mergeRules(policies);
    acl = { sources: [...policies], merged, nonExact: [...merged.values()].filter((rule) => rule.kind !== 'exact') };
    compiled.set(policies, acl);
  }
  return acl;
}

/** Negative when `a` has LOWER priority than `b` (Vault's `less`). */
function comparePriority(a: Candidate, b: Candidate): number {
  if (a.firstWildcard !== b.firstWildcard) return a.firstWildcard - b.firstWildcard;
  if (a.isPrefix !== b.isPrefix) return a.isPrefix ? -1 : 1;
  if (a.wildcards !== b.wildcards) return b.wildcards - a.wildcards;
  if (a.stem.length !== b.stem.length) return a.stem.length - b.stem.length;
  // Two rules with one stem differ in isPrefix (merged paths are distinct), so the stems differ here.
  return a.stem < b.stem ? -1 : 1;
}

function segmentCandidate(rule: MergedRule, requestParts: readonly string[]): Candidate | undefined {
  const isPrefix = rule.path.endsWith('*');
  const stem = isPrefix ? rule.path.slice(0, -1) : rule.path;
  const ruleParts = stem.split('/');
  if (requestParts.length < ruleParts.length) return undefined;
  if (!isPrefix && requestParts.length !== ruleParts.length) return undefined;
  let wildcards = 0;
  for (let i = 0; i < ruleParts.length; i++) {
    const part = ruleParts[i];
    if (part === '+') {
      wildcards++;
    } else if (part !== requestParts[i]) {
      const lastPart = i === ruleParts.length - 1;
      if (!(isPrefix && lastPart && requestParts[i].startsWith(part))) return undefined;
    }
  }
  return { firstWildcard: rule.path.indexOf('+'), isPrefix, wildcards, stem, rule };
}

/** The highest-priority glob / segment-wildcard rule matching `path`, if any. */
function bestNonExact(rules: Iterable<MergedRule>, path: string): MergedRule | undefined {
  const requestParts = path.split('/');
  let best: Candidate | undefined;
  for (const rule of rules) {
    let candidate: Candidate | undefined;
    if (rule.kind === 'prefix') {
      const stem = rule.path.slice(0, -1);
      if (path.startsWith(stem)) {
        candidate = { firstWildcard: stem.length, isPrefix: true, wildcards: 0, stem, rule };
      }
    } else {
      // Only glob and segment-wildcard rules reach here.
      candidate = segmentCandidate(rule, requestParts);
    }
    if (candidate !== undefined && (best === undefined || comparePriority(candidate, best) > 0)) {
      best = candidate;
    }
  }
  return best?.rule;
}

function decide(rule: MergedRule | undefined, capability: string): AclDecision {
  if (rule === undefined) return { allowed: false, capabilities: [] };
  if (rule.deny) return { allowed: false, matchedPath: rule.path, capabilities: ['deny'] };
  return {
    allowed: rule.capabilities.has(capability),
    matchedPath: rule.path,
    capabilities: sortCapabilities(rule.capabilities),
  };
}

/**
 * Decides whether the union of `policies` grants `capability` on `requestPath`.
 *
 * An exact rule for the path decides outright. Otherwise the matching glob and
 * segment-wildcard rules are ranked by Vault's priority order and the winner
 * alone decides — even if it grants nothing, lower-priority rules are not
 * consulted. For `list`, Vault also accepts an exact rule without the request's
 * trailing "/" and tries the glob rules against the path without it first.
 */
export function evaluateAcl(
  policies: readonly (readonly AclRuleInput[])[],
  requestPath: string,
  capability: string,
): AclDecision {
  if (!isVaultCapability(capability) || capability === 'deny') {
    throw new Error(
      `cannot evaluate capability ${JSON.stringify(capability)}; use one of ${VAULT_CAPABILITIES.filter((c) => c !== 'deny').join(', ')}`,
    );
  }
  const { merged, nonExact } = compile(policies);
  let path = requestPath;
  while (path.startsWith('/')) path = path.slice(1);

  const exact = (candidate: string): MergedRule | undefined => {
    const rule = merged.get(candidate);
    return rule !== undefined && rule.kind === 'exact' ? rule : undefined;
  };

  const exactRule = exact(path);
  if (exactRule !== undefined) return decide(exactRule, capability);

  const isList = capability === 'list';
  const withoutSlash = path.endsWith('/') ? path.slice(0, -1) : path;
  if (isList) {
    const listExact = exact(withoutSlash);
    if (listExact !== undefined) return decide(listExact, capability);
    if (withoutSlash !== path) {
      const listGlob = bestNonExact(nonExact, withoutSlash);
      if (listGlob !== undefined) return decide(listGlob, capability);
    }
  }
  return decide(bestNonExact(nonExact, path), capability);
}

/** Adapts parsed policies (see `parsePolicy`) for `evaluateAcl`. */
export function policiesFromParsed(policies: readonly ParsedPolicy[]): AclRuleInput[][] {
  return policies.map((policy) =>
    policy.rules.map((rule) => ({ path: rule.path, capabilities: [...rule.capabilities] })),
  );
}

/** Adapts policy documents for `evaluateAcl` (their rules are used as-is, unvalidated). */
export function policiesFromDocuments(documents: readonly PolicyDocument[]): AclRuleInput[][] {
  return documents.map((document) =>
    document.rules.map((rule) => ({ path: rule.path, capabilities: [...rule.capabilities] })),
  );
}
