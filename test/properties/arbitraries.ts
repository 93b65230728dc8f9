import * as fc from 'fast-check';

/** Characters that break or widen things downstream: HCL, globs, the provider's comma split, subjects, env vars. */
export const HOSTILE_CHARS = [
  '"',
  "'",
  '\\',
  '\n',
  '\r',
  '\t',
  '{',
  '}',
  '[',
  ']',
  '$',
  '%',
  '#',
  '*',
  ',',
  ':',
  '+',
  '/',
  ' ',
  '?',
  '=',
  '\u0000',
  'é',
  'ϗ',
  '😀',
  '\u202e',
];

/** A name built from the legal alphabet of HCP Terraform names. */
export const legalName = (min = 1, max = 12): fc.Arbitrary<string> =>
  fc.stringOf(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_'.split('')), { minLength: min, maxLength: max });

/** A legal project name (3-40 chars, inner spaces allowed). */
export const legalProject: fc.Arbitrary<string> = fc
  .tuple(legalName(1, 1), fc.stringOf(fc.constantFrom(...'abcXYZ019-_ '.split('')), { minLength: 1, maxLength: 20 }), legalName(1, 1))
  .map(([a, b, c]) => a + b + c);

/** Adversarial strings: legal names with a hostile character spliced in, random unicode, empty, very long. */
export const hostile: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(legalName(0, 6), fc.constantFrom(...HOSTILE_CHARS), legalName(0, 6)).map(([a, c, b]) => a + c + b),
  fc.fullUnicodeString({ maxLength: 12 }),
  fc.constant(''),
  legalName(91, 130),
);

/** Mostly legal values with a fair share of hostile ones, so both outcomes are exercised. */
export const nameInput = (legal: fc.Arbitrary<string>): fc.Arbitrary<string> => fc.oneof({ arbitrary: legal, weight: 3 }, { arbitrary: hostile, weight: 2 });

/** Counts cases across a test file so the run can print how many ran. */
export class CaseCounter {
  private readonly counts = new Map<string, number>();
  public add(label: string, n: number): void {
    this.counts.set(label, (this.counts.get(label) ?? 0) + n);
  }
  public total(): number {
    return [...this.counts.values()].reduce((a, b) => a + b, 0);
  }
  public report(file: string): string {
    const parts = [...this.counts.entries()].map(([k, v]) => `${k}=${v}`).join(', ');
    return `property cases run in ${file}: ${this.total()} (${parts})`;
  }
}
