import { TfeProvider } from '@cdktf/provider-tfe/lib/provider';
import { VaultProvider } from '@cdktf/provider-vault/lib/provider';
import { App, TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { TerraformConfiguration } from '../../packages/report/src/terraform-json';

/**
 * The synthesized `cdk.tf.json` as tests read it: every key leads to another node, so a path such as
 * `json.resource.vault_policy.x.policy` needs no cast; a test casts a leaf where it needs its value's type.
 */
export interface SynthesizedJson {
  readonly [key: string]: SynthesizedJson;
}

/** A node of the synthesized JSON as the type a test knows it has (what JSON.parse gave, unchecked). */
export function leaf<T>(node: SynthesizedJson): T {
  return node as unknown as T;
}

/** The block bodies of one type in a section (`resource` or `data`) of the synthesized JSON, in the file's order. */
export function blocksOf<T>(json: SynthesizedJson, section: 'resource' | 'data', type: string): T[] {
  return Object.values(json[section]?.[type] ?? {}).map((body) => leaf<T>(body));
}

/** What {@link synthWith} returns. */
export interface Synthesized {
  readonly json: SynthesizedJson;
  readonly text: string;
  readonly config: TerraformConfiguration;
  readonly stack: TerraformStack;
}

/** A stack built by `build`, synthesized with validations on (as `cdktf synth` does). */
export function synthWith(build: (stack: TerraformStack) => void): Synthesized {
  const app: App = Testing.app();
  const stack = new TerraformStack(app, 'test');
  new VaultProvider(stack, 'vault', {});
  new TfeProvider(stack, 'tfe', {});
  build(stack);
  let text: string;
  try {
    text = Testing.synth(stack, true);
  } finally {
    fillWarningReads();
  }
  const json = JSON.parse(text) as SynthesizedJson;
  return { json, text, config: new TerraformConfiguration(json), stack };
}

/** The validation error message synthesis throws for the stack `build` makes (fails the test if none). */
export function synthError(build: (stack: TerraformStack) => void): string {
  try {
    synthWith(build);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected synthesis to fail validation, but it succeeded');
}

/**
 * Resource bodies of one type, keyed by construct path below the stack ("trust/net/plan/role"), recovered from the
 * logical id (the path joined by "_" plus an 8-digit hash). Test construct ids therefore avoid "_".
 */
export function byPath(json: unknown, type: string, data = false): Record<string, JsonObject> {
  const stack = json as SynthesizedStack;
  const section = (data ? stack.data : stack.resource)?.[type] ?? {};
  const out: Record<string, JsonObject> = {};
  for (const [logicalId, body] of Object.entries(section)) {
    out[logicalId.replace(/_[0-9A-F]{8}$/, '').split('_').join('/')] = body;
  }
  return out;
}

/** The environment variables of one variable set construct path prefix, as key -> body. */
export function variablesUnder(json: unknown, pathPrefix: string): Record<string, JsonObject> {
  const out: Record<string, JsonObject> = {};
  for (const [path, body] of Object.entries<JsonObject>(byPath(json, 'tfe_variable'))) {
    if (path.startsWith(pathPrefix)) out[String(body.key)] = body;
  }
  return out;
}

/** Warnings printed anywhere under `scope` (after synthesis: warnings are printed when the stack synthesizes). */
export function printedWarnings(scope: Construct): string[] {
  return scope.node
    .findAll()
    .flatMap((c) => c.node.metadata)
    .filter((m) => m.type === '@cdktf/warn')
    .map((m) => String(m.data));
}

const pendingReads: Array<{ scope: Construct; into: string[] }> = [];

/**
 * Warnings printed anywhere under `scope`. Called inside a `synthWith` build callback, it returns an array that is
 * filled once the stack has synthesized (the library prints warnings at synthesis, after acknowledgements are known).
 */
export function warnings(scope: Construct): string[] {
  const into: string[] = [];
  pendingReads.push({ scope, into });
  return into;
}

function fillWarningReads(): void {
  for (const { scope, into } of pendingReads.splice(0)) into.push(...printedWarnings(scope));
}

/** A JSON value as synthesis writes it. */
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
/** A JSON object: a resource body, a variable, a block. */
export interface JsonObject {
  [key: string]: JsonValue;
}

/** The arguments of a synthesized vault_jwt_auth_backend_role that tests read. */
export interface RoleBody {
  readonly role_name: string;
  readonly namespace?: string;
  readonly bound_claims: { readonly sub: string };
  readonly bound_subject?: string;
  readonly user_claim: string;
}

/** The arguments of a synthesized vault_policy. */
export interface PolicyBody {
  readonly name: string;
  readonly policy: string;
}

/** The arguments of a synthesized tfe_variable or tfe_test_variable that tests read. */
export interface VariableBody {
  readonly key: string;
  readonly value: unknown;
}

/** The parts of a synthesized stack the helpers here read: resources and data sources by type and logical id. */
export interface SynthesizedStack {
  readonly resource?: Record<string, Record<string, JsonObject>>;
  readonly data?: Record<string, Record<string, JsonObject>>;
}

/** The bodies of every resource (or, with `data`, data source) of `type` in a synthesized stack, in logical-id order. */
export function bodiesOf(text: string, type: string, data = false): JsonObject[] {
  const stack = JSON.parse(text) as SynthesizedStack;
  const section = (data ? stack.data : stack.resource)?.[type] ?? {};
  return Object.keys(section)
    .sort()
    .map((logicalId) => section[logicalId]);
}

/** The Vault provider every `synthWith` stack declares (construct id "vault"), to configure it in a test. */
export function vaultProviderOf(stack: TerraformStack): VaultProvider {
  const provider = stack.node.findChild('vault');
  if (!(provider instanceof VaultProvider)) throw new Error(`${stack.node.path}/vault is not a VaultProvider`);
  return provider;
}

/** The value at `keys` inside a JSON value, or undefined where that path does not exist: for nested blocks. */
export function at(value: JsonValue | undefined, ...keys: Array<string | number>): JsonValue | undefined {
  let current = value;
  for (const key of keys) {
    if (current === null || current === undefined || typeof current !== 'object') return undefined;
    current = Array.isArray(current) ? (typeof key === 'number' ? current[key] : undefined) : current[String(key)];
  }
  return current;
}

/** The string at `keys` inside a JSON value; throws when there is none (a policy document, a trust policy). */
export function stringAt(value: JsonValue | undefined, ...keys: Array<string | number>): string {
  const found = at(value, ...keys);
  if (typeof found !== 'string') throw new Error(`expected a string at ${keys.join('.')}, found ${JSON.stringify(found)}`);
  return found;
}

/** The array at `keys` inside a JSON value; throws when there is none (repeated blocks such as postconditions). */
export function arrayAt(value: JsonValue | undefined, ...keys: Array<string | number>): JsonValue[] {
  const found = at(value, ...keys);
  if (!Array.isArray(found)) throw new Error(`expected an array at ${keys.join('.')}, found ${JSON.stringify(found)}`);
  return found;
}

/** The object at `keys` inside a JSON value, to read or change a nested block; throws when there is none. */
export function objectAt(value: JsonValue | undefined, ...keys: Array<string | number>): JsonObject {
  const found = at(value, ...keys);
  if (found === null || found === undefined || typeof found !== 'object' || Array.isArray(found)) {
    throw new Error(`expected an object at ${keys.join('.')}, found ${JSON.stringify(found)}`);
  }
  return found;
}

/**
 * For a test file whose tests all read one stack synthesized while the file loads: the synthesized text, or, when
 * building or synthesizing throws, `{}` and a test named "`what` synthesizes" that fails with the error. The file
 * then reports the error as a failing test rather than failing to load, which is also how the mutation suite
 * (`npm run mutate:constructs`) can count a mutant that breaks the example as killed: Stryker records a test file
 * that fails to load as a runtime error of the whole run.
 */
export function synthesizedOrFailing(what: string, synthesize: () => string): string {
  try {
    return synthesize();
  } catch (error) {
    test(`${what} synthesizes`, () => {
      throw error;
    });
    return '{}';
  }
}

