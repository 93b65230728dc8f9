/**
 * The input boundary: every literal string the library writes into the synthesized configuration passes one of these
 * functions, chosen by the kind of literal. Terraform evaluates `${...}` (interpolation) and `%{...}` (directive) in
 * every JSON string value and object key, so a literal that carried them would change meaning.
 *
 * - Names and identifiers (regions, tags, IAM names, audiences, environments): checked against their grammar, which
 *   never admits `$`, `%`, `{` or `}`; a value outside the grammar is refused with a message naming the prop, the
 *   value and the fix (`identifierProblem` and `identifierMapProblems` in identifier-checks.ts).
 * - Free text (descriptions, display names, Azure role and group names, policy documents): escaped so Terraform reads
 *   it literally, `${` as `$${` and `%{` as `%%{` ({@link literalText}).
 * - References (tokens) pass as references; the literal parts of a string that mixes text and references are escaped
 *   like free text.
 *
 * SECURITY.md states these rules.
 */


import { DefaultTokenResolver, StringConcat, Tokenization } from 'cdktf';
import { IConstruct } from 'constructs';

/** A cdktf string token, as it appears inside a string before resolution. */
const STRING_TOKEN = /\$\{TfToken\[[^\]]+\]\}/g;

/** Escapes the template sequences of a literal: `${` to `$${`, `%{` to `%%{`. */
function escapeTemplates(literal: string): string {
  // Replacement functions: in a replacement string "$$" would itself mean "$".
  return literal.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}

/**
 * Free text bound for the configuration, escaped so Terraform reads it literally. References pass unchanged; the
 * literal text around them is escaped. Non-strings (a mistyped value from a jsii language) pass unchanged for the
 * type checks to report.
 */
export function literalText(value: string): string;
export function literalText(value: string | undefined): string | undefined;
export function literalText(value: string | undefined): string | undefined {
  if (typeof value !== 'string') return value;
  let out = '';
  let last = 0;
  for (const match of value.matchAll(STRING_TOKEN)) {
    out += escapeTemplates(value.slice(last, match.index)) + match[0];
    last = match.index! + match[0].length;
  }
  return out + escapeTemplates(value.slice(last));
}

/** True when a string holds a reference (a cdktf token). */
export function holdsToken(value: string): boolean {
  return value.match(STRING_TOKEN) !== null || /\$\{Token\[/.test(value);
}

/**
 * A value as the synthesized JSON will hold it: references (tokens) resolved to the Terraform expressions they
 * become, so two tokens for one reference compare equal. Resolving in `scope` is what synthesis does for it.
 */
export function asWritten(scope: IConstruct, value: unknown): unknown {
  return Tokenization.resolve(value, { scope, resolver: new DefaultTokenResolver(new StringConcat()) });
}
