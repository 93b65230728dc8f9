import { Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { hostnamePortProblem } from '../private/structure';

/** True when a string is an unresolved Terraform reference rather than a literal. */
export function isUnresolved(value: string): boolean {
  return Token.isUnresolved(value);
}

/**
 * Registers a synth-time check. cdktf prefixes each message with the construct path, so messages name the offending
 * value and the fix. Checks run before anything is written: a stack with any problem synthesizes nothing.
 */
export function addChecks(scope: IConstruct, check: () => string[]): void {
  scope.node.addValidation({ validate: () => check() });
}

/** Problem with a whole number of seconds that must lie in [min, max], or undefined. */
export function secondsProblem(what: string, value: number | undefined, min: number, max: number): string | undefined {
  if (value === undefined) return undefined;
  if (Token.isUnresolved(value)) return `${what} must be a literal number of seconds, not a reference`;
  if (!Number.isInteger(value) || value < min || value > max) {
    return `${what} is ${value}; use a whole number of seconds from ${min} to ${max}`;
  }
  return undefined;
}

/** Lower-cases a literal name; Vault stores policy names lower-cased, so anything else diffs forever. */
export function vaultPolicyName(name: string): string {
  return name.toLowerCase();
}

/** Problem with a hostname of HCP Terraform or Terraform Enterprise (no scheme, no path, no trailing slash). */
export function hostnameProblem(hostname: string): string | undefined {
  if (isUnresolved(hostname)) return 'hostname must be a literal, not a reference: it is compared exactly with the token issuer';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(hostname)) {
    return `hostname ${JSON.stringify(hostname)} includes a scheme; give the bare host, e.g. "app.terraform.io" (https:// is added for you)`;
  }
  if (hostname.endsWith('/')) {
    return `hostname ${JSON.stringify(hostname)} ends with "/"; remove it: Vault compares the issuer exactly and a trailing slash never matches`;
  }
  const port = hostnamePortProblem(hostname);
  if (port) return port;
  if (!/^(?=.{1,253}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(hostname)) {
    return `hostname ${JSON.stringify(hostname)} is not a lower-case DNS name, e.g. "tfe.example.com"`;
  }
  return undefined;
}

/** Problem with a Vault address (scheme, host, optional port and path), or undefined. References are not checked. */
export function vaultAddressProblem(address: string): string | undefined {
  if (isUnresolved(address)) return undefined;
  if (!/^https?:\/\/[A-Za-z0-9.-]+(:[0-9]{1,5})?(\/[A-Za-z0-9._~\/-]*)?$/.test(address ?? '')) {
    return `vaultAddress ${JSON.stringify(address)} is not a URL such as "https://vault.example.com:8200"`;
  }
  return undefined;
}

/** Problem with a base64-encoded PEM bundle for `TFC_VAULT_ENCODED_CACERT`, or undefined. */
export function encodedCaCertProblem(value: string | undefined): string | undefined {
  if (value === undefined || isUnresolved(value)) return undefined;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value)) {
    const shownValue = JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
    return `vaultEncodedCaCert ${shownValue} must be the base64 encoding of a PEM bundle (for example Fn.filebase64("ca.pem")), not the PEM text`;
  }
  return undefined;
}
