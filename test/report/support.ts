/** Shared helpers for the report tests: fixtures, a rule runner and the synthesized example. */
import { spawnSync, SpawnSyncReturns } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdktf';
import { VaultBackedCredentialsExample } from '../../examples/main';
import { main } from '../../packages/report/src/cli';
import { Finding, ReportRule } from '../../packages/report/src/rules';
import { buildModel } from '../../packages/report/src/model';
import { ConfigurationOptions, TerraformConfiguration } from '../../packages/report/src/terraform-json';
import { JsonObject } from '../support/synth';

export const FIXTURES = path.join(__dirname, '..', 'fixtures');

/**
 * A Terraform JSON configuration as the fixtures and the synthesized example hold it: blocks by type and name. Tests
 * change blocks in place; nested blocks are reached with objectAt/arrayAt from test/support/synth.
 */
export interface TerraformJson {
  resource: Record<string, Record<string, JsonObject>>;
  data?: Record<string, Record<string, JsonObject>>;
  variable?: Record<string, JsonObject>;
  provider?: Record<string, JsonObject[]>;
  output?: Record<string, JsonObject>;
  [section: string]: unknown;
}

/** The blocks of one provider (`vault`, `tfe`) in a configuration; throws when it has none. */
export function providerBlocks(json: TerraformJson, name: string): JsonObject[] {
  const blocks = json.provider?.[name];
  if (blocks === undefined) throw new Error(`the configuration has no provider "${name}"`);
  return blocks;
}

/** A fixture file, parsed fresh (callers may mutate it). */
export function fixture(relative: string): TerraformJson {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, relative), 'utf8'));
}

/** The sound hand-written setup every broken fixture starts from. */
export function soundApp(): TerraformJson {
  return fixture('sound/app.json');
}

/** The tfvars the HashiCorp example fixtures are read with (the example repo's terraform.tfvars.example values). */
export const HASHICORP_VARIABLES: Record<string, string> = {
  tfc_organization_name: 'vault-backed-dynamic-creds-testing',
  aws_secret_backend_role_name: 'edu-app',
  azure_secret_backend_role_name: 'edu-app',
  vault_url: 'https://vault-cluster.vault.11eb5e9c-0b4f-4e09-b1f0-9e1e6d2b1cd5.aws.hashicorp.cloud:8200',
  gcp_project_id: 'hc-vault-backed-creds',
  azure_subscription_id: '00000000-0000-4000-8000-00000000000a',
  azure_tenant_id: '00000000-0000-4000-8000-00000000000b',
  azure_resource_group_name: 'vault-backed',
};

/** Runs one rule over a configuration. */
export function check(rule: ReportRule, json: unknown, options: ConfigurationOptions = {}): Finding[] {
  return rule.check(buildModel(new TerraformConfiguration(json, options)));
}

/** `subject: message` lines, for readable failures. */
export function summary(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.severity} ${f.subject}: ${f.message}`);
}

/** Applies a change to a copy of the sound setup. */
export function soundWith(change: (json: TerraformJson) => void): TerraformJson {
  const json = soundApp();
  change(json);
  return json;
}

let example: { json: TerraformJson; text: string } | undefined;

/** The example app, synthesized once per test file. */
export function synthesizedExample(): { json: TerraformJson; text: string } {
  if (!example) {
    const text = Testing.synth(new VaultBackedCredentialsExample(Testing.app(), 'example'), true);
    example = { json: JSON.parse(text), text };
  }
  return example;
}

/** `explain <args>` of the report's CLI run in `cwd`, as a pipeline runs it: its exit status and what it wrote. */
export async function explainIn(cwd: string, args: readonly string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const previous = process.cwd();
  process.chdir(cwd);
  try {
    const status = await main(['explain', ...args], { stdout: (t) => stdout.push(t), stderr: (t) => stderr.push(t) });
    return { status, stdout: stdout.join(''), stderr: stderr.join('') };
  } finally {
    process.chdir(previous);
  }
}

/**
 * The report's command line as a child process: `explain` and its options, run with `cwd`. From the TypeScript entry
 * point through tsx, so `npx jest` needs no build; under `npm test` (scripts/run-tests.js builds first and sets
 * VBDC_REPORT_CLI_BUILT) from the compiled bin the package ships, which starts in a third of the time.
 */
export function reportCli(args: readonly string[], cwd: string): SpawnSyncReturns<string> {
  const root = path.resolve(__dirname, '..', '..');
  const [command, entry] = process.env.VBDC_REPORT_CLI_BUILT === '1'
    ? [process.execPath, path.join(root, 'packages', 'report', 'build', 'cli.js')]
    : [path.join(root, 'node_modules', '.bin', 'tsx'), path.join(root, 'packages', 'report', 'src', 'cli.ts')];
  return spawnSync(command, [entry, ...args], { cwd, encoding: 'utf8', timeout: 50_000 });
}
