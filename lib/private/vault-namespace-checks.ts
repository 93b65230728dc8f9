import { isUnresolved } from './synth-checks';
import { namespaceStructureProblem } from './vault-reserved-names';

/** Segments of letters, digits, `_`, `.` and `-` joined by single `/`: the form of a Vault Enterprise namespace path. */
const NAMESPACE_PATH = /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/;

/**
 * Problem with a Vault namespace that reaches resources, `TFC_VAULT_NAMESPACE` or generated HCL, or undefined.
 * Undefined, the empty string (the root namespace) and references are accepted.
 */
export function vaultNamespaceProblem(what: string, value: string | undefined): string | undefined {
  if (value === undefined || value === '' || isUnresolved(value)) return undefined;
  if (!NAMESPACE_PATH.test(value)) {
    return `${what} ${JSON.stringify(value)} is not a Vault namespace path; use segments of letters, digits, "_", "." and "-" joined by single "/", with no ` +
      `"/" at either end (for example "admin/team-a")`;
  }
  return namespaceStructureProblem(what, value);
}
