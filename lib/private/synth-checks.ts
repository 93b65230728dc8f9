/**
 * Synth-time checks: the hook that registers them, and the checks of run settings (seconds, hostnames, Vault
 * addresses, CA certificates).
 */
import { Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { LITERAL_BECAUSE, literalRequired, secondsOutOfRange } from './errors';

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
  if (Token.isUnresolved(value)) return literalRequired(what, 'number of seconds', LITERAL_BECAUSE.range);
  if (!Number.isInteger(value) || value < min || value > max) return secondsOutOfRange(what, value, min, max);
  return undefined;
}

/** Lower-cases a literal name; Vault stores policy names lower-cased, so anything else diffs forever. */
export function vaultPolicyName(name: string): string {
  return name.toLowerCase();
}

/** Problem with a hostname of HCP Terraform or Terraform Enterprise (no scheme, no path, no trailing slash). */
export function hostnameProblem(hostname: string): string | undefined {
  if (isUnresolved(hostname)) return literalRequired('hostname', 'name', LITERAL_BECAUSE.issuer);
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

/**
 * Problem with a Vault address, or undefined. References are not checked. The address must be scheme, host and
 * optional port, nothing after: runs receive it as `TFC_VAULT_ADDR` (which also becomes `VAULT_ADDR`), and Vault
 * clients append `/v1/...` themselves, so `https://vault.example.com:8200/v1` would reach `/v1/v1/...`, and HashiCorp
 * documents the address as protocol, host and port (`https://vault.example.com:8200`).
 *
 * @see https://developer.hashicorp.com/terraform/cloud-docs/dynamic-provider-credentials/vault-configuration#required-environment-variables
 * @see https://developer.hashicorp.com/terraform/cloud-docs/registry/test/dynamic-credentials/vault ("The URL
 *   includes the protocol (https://) and port")
 */
export function vaultAddressProblem(address: string, prop = 'vaultAddress'): string | undefined {
  if (isUnresolved(address)) return undefined;
  const match = /^(https?:\/\/[A-Za-z0-9.-]+(?::[0-9]{1,5})?)(\/[A-Za-z0-9._~/-]*)?$/.exec(address ?? '');
  if (!match) {
    return `${prop} ${JSON.stringify(address)} is not a URL such as "https://vault.example.com:8200"`;
  }
  const [, origin, path] = match;
  if (path === '/') {
    return `${prop} ${JSON.stringify(address)} ends with "/"; Vault clients add "/v1/..." to the address themselves, so give it without the slash: ` +
      `${JSON.stringify(origin)}`;
  }
  if (path !== undefined) {
    return `${prop} ${JSON.stringify(address)} has a path (${JSON.stringify(path)}); Vault clients add "/v1/..." to the address themselves, so give scheme, ` +
      `host and port only: ${JSON.stringify(origin)}`;
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

/** Problem with a hostname that carries a port, or undefined. */
export function hostnamePortProblem(value: string): string | undefined {
  const port = /:([0-9]+)$/.exec(value);
  if (port) {
    return `hostname ${JSON.stringify(value)} includes a port; the tokens' issuer is "https://${value.slice(0, port.index)}" without one, so bound_issuer ` +
      `would never match and every login would fail. Give the bare host ${JSON.stringify(value.slice(0, port.index))}`;
  }
  return undefined;
}
