/**
 * Durations, as Vault reads them: the one parser of the project. Vault's API takes a duration either as a whole number
 * of seconds or as a Go duration string ("90m", "1h30m", "1.5h"); its parser (go-secure-stdlib `parseutil`
 * `ParseDurationSecond`) also accepts a day unit ("2d"). The Terraform Vault provider passes TTL arguments as whole
 * seconds. The public API of the construct library says every duration in seconds (`…Seconds` props).
 */

const UNITS: ReadonlyMap<string, number> = new Map([
  ['ns', 1e-9],
  ['us', 1e-6],
  ['µs', 1e-6],
  ['ms', 1e-3],
  ['s', 1],
  ['m', 60],
  ['h', 3600],
  ['d', 86400],
]);

/**
 * Seconds of a Vault duration: `"3600"` → 3600, `"1h30m"` → 5400, `"2d"` → 172800, `"1.5h"` → 5400. Undefined when
 * the text is not a duration (empty, a negative number, an unknown unit, trailing characters).
 */
export function parseVaultDuration(text: string): number | undefined {
  const value = text.trim();
  if (/^[0-9]+$/.test(value)) return Number(value);
  const part = /([0-9]+(?:\.[0-9]+)?)(ns|us|µs|ms|s|m|h|d)/y;
  let total = 0;
  let index = 0;
  if (value.length === 0) return undefined;
  while (index < value.length) {
    part.lastIndex = index;
    const match = part.exec(value);
    if (match === null) return undefined;
    total += Number(match[1]) * (UNITS.get(match[2]) ?? NaN);
    index = part.lastIndex;
  }
  return total;
}

/** A duration for messages: `1200 s (20m)`. */
export function describeSeconds(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const go = `${h > 0 ? `${h}h` : ''}${m > 0 ? `${m}m` : ''}${s > 0 || seconds === 0 ? `${s}s` : ''}`;
  return `${seconds} s (${go})`;
}
