/**
 * String globbing exactly as Vault's JWT auth method does it for `bound_claims_type = "glob"`, which delegates to
 * `github.com/ryanuber/go-glob` v1.0.0.
 *
 * Semantics (all of them):
 * - `*` is the only special character. It stands for any run of characters, including the empty run, `:` and
 *   spaces. There is no `?`, no `[...]` and no escaping: every other character, `\` included, is literal.
 * - Matching is case-sensitive and anchored at both ends; a leading or trailing `*` lifts that anchor.
 * - The empty pattern matches only the empty subject.
 *
 * The algorithm below walks the pattern piece by piece the same way go-glob does: the text before the first `*`
 * must be a prefix, each text between two `*` is taken at its leftmost occurrence in what remains, and the text
 * after the last `*` must be a suffix of what remains. Taking the leftmost occurrence never loses a match, so the
 * result equals "the whole subject matches the pattern with `*` read as `.*`".
 *
 * Go compares UTF-8 bytes and JavaScript compares UTF-16 code units; for well-formed strings both give the same
 * answer, because a literal piece can only match at character boundaries in either encoding.
 */
export function globMatch(pattern: string, subject: string): boolean {
  const pieces = pattern.split('*');
  if (pieces.length === 1) {
    // No wildcard at all (the empty pattern included): plain equality.
    return subject === pattern;
  }

  const last = pieces.length - 1;
  let rest = subject;

  // The text before the first `*` must start the subject (it is empty when the pattern starts with `*`).
  const head = pieces[0];
  if (!rest.startsWith(head)) {
    return false;
  }
  rest = rest.slice(head.length);

  // Every piece strictly between two `*` must appear, in order, without overlapping the previous one.
  for (let i = 1; i < last; i++) {
    const piece = pieces[i];
    const at = rest.indexOf(piece);
    if (at < 0) {
      return false;
    }
    rest = rest.slice(at + piece.length);
  }

  // The text after the last `*` must end what is left (it is empty when the pattern ends with `*`).
  return rest.endsWith(pieces[last]);
}
