/**
 * Checks of names and identifiers bound for the configuration (regions, tags, IAM names, audiences): each must match
 * its grammar, which never admits `$`, `%`, `{` or `}`, so it cannot carry a Terraform template. The other half of
 * the input boundary, escaping free text, is terraform-literals.ts.
 */
import { shown } from './errors';
import { holdsToken } from './terraform-literals';

/**
 * Problem with a name or identifier that must match `grammar` (which must not admit `$`, `%`, `{`, `}`), or
 * undefined. Undefined and references are accepted.
 *
 * @param prop the prop as the user wrote it, e.g. `region` or `sessionTags key`
 * @param rule the grammar in words with an example, e.g. `an AWS region such as "us-east-1"`
 */
export function identifierProblem(prop: string, value: string | undefined, grammar: RegExp, rule: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') return `${prop} ${shown(value)} is not a string; give ${rule}`;
  if (holdsToken(value)) return undefined;
  if (!grammar.test(value)) return `${prop} ${shown(value)} is not ${rule}`;
  return undefined;
}

/** {@link identifierProblem} for each element of a list (`prop[i]`). */
export function identifierListProblems(prop: string, values: string[] | undefined, grammar: RegExp, rule: string): string[] {
  if (values === undefined) return [];
  return values.map((v, i) => identifierProblem(`${prop}[${i}]`, v, grammar, rule)).filter((p): p is string => p !== undefined);
}

/** {@link identifierProblem} for each key and each value of a map. */
export function identifierMapProblems(
  prop: string,
  map: { readonly [key: string]: string } | undefined,
  key: { grammar: RegExp; rule: string },
  value: { grammar: RegExp; rule: string },
): string[] {
  if (map === undefined) return [];
  const problems: string[] = [];
  for (const [k, v] of Object.entries(map)) {
    const kp = identifierProblem(`${prop} key`, k, key.grammar, key.rule);
    if (kp) problems.push(kp);
    const vp = identifierProblem(`${prop} value of ${shown(k)}`, v, value.grammar, value.rule);
    if (vp) problems.push(vp);
  }
  return problems;
}

