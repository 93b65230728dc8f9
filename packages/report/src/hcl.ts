/**
 * Reading a Terraform module directory (`*.tf` and `*.tf.json`) into the one JSON document the report reads, so
 * hand-written setups are judged by the same rules as cdktf output.
 *
 * HCL is converted by `@cdktf/hcl2json` (HashiCorp's HCL parser compiled to WebAssembly), loaded only when a `.tf`
 * file is read; JSON files are read as they are. Terraform loads every `.tf` and `.tf.json` file of a directory as
 * one module, in name order, with `override.tf`, `override.tf.json` and `*_override.tf[.json]` applied last
 * (https://developer.hashicorp.com/terraform/language/files/override): their top-level attributes replace those of
 * the block with the same address. A block declared twice outside override files is an error, as in Terraform.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** One file of a module, parsed: what `@cdktf/hcl2json` gives for `.tf`, or the `.tf.json` document. */
export interface ModuleFile {
  readonly file: string;
  readonly json: unknown;
}

/** Converts HCL text to its JSON form, as `@cdktf/hcl2json`'s `parse` does. */
export type HclParser = (file: string, text: string) => Promise<Record<string, unknown>>;

/** Whether a file name is one Terraform loads as configuration. */
export function isTerraformFile(name: string): boolean {
  return name.endsWith('.tf') || name.endsWith('.tf.json');
}

/** Whether a directory holds Terraform configuration files (`.tf` or `.tf.json`). */
export function isTerraformDirectory(dir: string): boolean {
  return fs.readdirSync(dir).some(isTerraformFile);
}

function isOverride(file: string): boolean {
  const name = path.basename(file).replace(/\.tf(\.json)?$/, '');
  return name === 'override' || name.endsWith('_override');
}

/** `@cdktf/hcl2json`'s parser, loaded on first use; a clear error when the package is not installed. */
export function defaultHclParser(): HclParser {
  let module: { parse: HclParser };
  try {
    // Loaded lazily: reading cdk.tf.json needs no HCL parser. The package is not declared as a dependency: jsii
    // accepts only jsii packages there unless bundled, and bundling would ship its 1.7 MB WebAssembly to every
    // consumer. cdktf-cli depends on it, so a cdktf project usually has it; otherwise the error says what to install.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    module = require('@cdktf/hcl2json');
  } catch (error) {
    const install = 'npm install --save-dev @cdktf/hcl2json';
    throw new Error(`reading .tf files needs the @cdktf/hcl2json package; install it next to this one (${install})`, { cause: error });
  }
  return (file, text) => module.parse(file, text);
}

/**
 * Reads every `.tf` and `.tf.json` file of `dir` (not its subdirectories: they are other modules) and merges them
 * into one Terraform JSON document.
 */
export async function readTerraformDirectory(dir: string, parseHcl?: HclParser): Promise<Record<string, unknown>> {
  const names = fs.readdirSync(dir).filter(isTerraformFile).sort();
  if (names.length === 0) throw new Error(`${dir} has no .tf or .tf.json files`);
  const files: ModuleFile[] = [];
  let parser = parseHcl;
  for (const name of names) {
    const file = path.join(dir, name);
    const text = fs.readFileSync(file, 'utf8');
    if (name.endsWith('.tf.json')) {
      try {
        files.push({ file, json: JSON.parse(text) });
      } catch (error) {
        throw new Error(`${file} is not valid JSON: ${(error as Error).message}`, { cause: error });
      }
      continue;
    }
    parser ??= defaultHclParser();
    try {
      files.push({ file, json: await parser(name, text) });
    } catch (error) {
      throw new Error(`${file} does not parse as HCL: ${(error as Error).message}`, { cause: error });
    }
  }
  return mergeModuleFiles(files);
}

/** Sections whose blocks have two labels (`resource "type" "name"`). */
const TWO_LABELS = ['resource', 'data'];
/** Sections whose blocks have one label (`variable "name"`, `output "name"`, `module "name"`). */
const ONE_LABEL = ['variable', 'output', 'module'];

/**
 * Merges the files of one module into a single Terraform JSON document in the shape cdktf writes (blocks as
 * objects, not the one-element lists hcl2json and hand-written JSON may use). Override files are applied last.
 */
export function mergeModuleFiles(files: readonly ModuleFile[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const origin = new Map<string, string>();
  const ordered = [...files.filter((f) => !isOverride(f.file)), ...files.filter((f) => isOverride(f.file))];
  for (const { file, json } of ordered) {
    const override = isOverride(file);
    if (!isRecord(json)) throw new Error(`${file}: a Terraform JSON file must hold an object`);
    for (const [section, raw] of Object.entries(json)) {
      if (section === '//') {
        // A comment property; acknowledgements written there (an ejected stack's) are kept for the report.
        const acknowledgements = isRecord(raw) ? raw.acknowledgements : undefined;
        if (Array.isArray(acknowledgements)) {
          const comment = childObject(out, '//');
          comment.acknowledgements = [...listOf(comment.acknowledgements), ...acknowledgements];
        }
        continue;
      }
      if (section === '$schema') continue;
      for (const value of listOf(raw)) {
        if (TWO_LABELS.includes(section)) {
          for (const [type, byName] of Object.entries(record(value, `${file}: ${section}`))) {
            for (const named of listOf(byName)) {
              for (const [name, body] of Object.entries(record(named, `${file}: ${section}.${type}`))) {
                const address = `${section === 'data' ? 'data.' : ''}${type}.${name}`;
                put(out, [section, type], name, singleBody(body, `${file}: ${section}.${type}.${name}`), address, file, override, origin);
              }
            }
          }
        } else if (ONE_LABEL.includes(section)) {
          for (const [name, body] of Object.entries(record(value, `${file}: ${section}`))) {
            put(out, [section], name, singleBody(body, `${file}: ${section}.${name}`), `${section}.${name}`, file, override, origin);
          }
        } else if (section === 'locals') {
          const locals = childObject(out, 'locals');
          for (const [name, local] of Object.entries(record(value, `${file}: locals`))) {
            if (!override && origin.has(`local.${name}`)) throw new Error(`${file}: local.${name} is also defined in ${origin.get(`local.${name}`)}`);
            origin.set(`local.${name}`, file);
            locals[name] = local;
          }
        } else if (section === 'provider') {
          const providers = childObject(out, 'provider');
          for (const [type, configs] of Object.entries(record(value, `${file}: provider`))) {
            providers[type] = [...listOf(providers[type]), ...listOf(configs)];
          }
        } else {
          // terraform, moved, import, check ...: kept, not read by the report.
          out[section] = [...listOf(out[section]), value];
        }
      }
    }
  }
  return out;
}

function put(
  out: Record<string, unknown>,
  keys: string[],
  name: string,
  body: Record<string, unknown>,
  address: string,
  file: string,
  override: boolean,
  origin: Map<string, string>,
): void {
  let target = out;
  for (const key of keys) target = childObject(target, key);
  if (override) {
    const overridden = target[name];
    if (!isRecord(overridden)) throw new Error(`${file}: the override of ${address} has no block to override`);
    target[name] = { ...overridden, ...body };
    return;
  }
  if (origin.has(address)) throw new Error(`${file}: ${address} is also declared in ${origin.get(address)}; Terraform refuses duplicate blocks`);
  origin.set(address, file);
  target[name] = body;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The object under `key` of `target` (the merged document's sections and block types), created when absent. */
function childObject(target: Record<string, unknown>, key: string): Record<string, unknown> {
  const existing = target[key];
  if (isRecord(existing)) return existing;
  const created: Record<string, unknown> = {};
  target[key] = created;
  return created;
}

function record(value: unknown, where: string): Record<string, unknown> {
  if (!isRecord(value)) throw new Error(`${where} must be an object, not ${JSON.stringify(value)}`);
  return value;
}

function listOf(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** A block body: an object, or a list holding exactly one (hcl2json's form). */
function singleBody(value: unknown, where: string): Record<string, unknown> {
  if (Array.isArray(value)) {
    if (value.length !== 1) throw new Error(`${where} is declared ${value.length} times`);
    return record(value[0], where);
  }
  return record(value, where);
}
