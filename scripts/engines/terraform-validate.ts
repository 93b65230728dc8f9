// `terraform validate` with a real provider binary on the Vault side of every synthesized configuration.
//
// scripts/engines/providers.sh builds hashicorp/vault (the one provider the Go module proxy serves, at 5.9.0) into a
// cached filesystem mirror. tfe, aws, google and azurerm cannot be built here (see README, "Terraform checks"), so each
// cdk.tf.json that scripts/terraform/synthesize.ts writes is projected onto its Vault side before validation:
//   - kept: the vault provider blocks, every vault_* resource and data source, the import blocks that target them,
//     and the variables and locals they reference;
//   - required_providers holds only vault, at the built version (the bindings pin 5.6.0; the proxy refuses that tag);
//   - a reference from a kept block to anything else (`google_service_account.x.email`, `data.tfe_project.p.id`)
//     becomes an untyped input variable (`var.external_google_service_account_x`), so its value is unknown, as in a
//     first plan, and the block is still checked against the provider's schema;
//   - depends_on entries naming dropped resources are removed (counted in the summary).
// Then `terraform init -backend=false` and `terraform validate -json` run in each projection, two at a time.
// The ejected HCL is not validated here: test/eject.test.ts proves it equal to the JSON, which is validated.
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** A Terraform JSON configuration, loosely typed. */
export interface TerraformJson {
  readonly [section: string]: unknown;
  readonly resource?: Record<string, Record<string, unknown>>;
  readonly data?: Record<string, Record<string, unknown>>;
  readonly provider?: Record<string, unknown>;
  readonly import?: Array<{ readonly to: string; readonly id?: string }>;
  readonly locals?: Record<string, unknown>;
  readonly variable?: Record<string, unknown>;
}

/** One diagnostic of `terraform validate -json`. */
export interface Diagnostic {
  readonly severity: string;
  readonly summary: string;
  readonly detail?: string;
  readonly range?: { readonly start: { readonly line: number } };
}

/** A projection onto the Vault side, and what it kept, replaced and dropped. */
export interface Projection {
  readonly projection: Record<string, unknown>;
  readonly resources: number;
  readonly dataSources: number;
  readonly imports: number;
  readonly externals: number;
  readonly droppedDependsOn: number;
}

const root = path.resolve(__dirname, '..', '..');
const terraform = process.env.TERRAFORM || 'terraform';
const PARALLEL = 2;
const KEEP = /^vault_/;

/** The spans of `text` that are template sequences (`${...}`), as [start, end) pairs of their insides. */
export function templateSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (let i = 0; i < text.length - 1; i++) {
    if (text[i] !== '$' || text[i + 1] !== '{') continue;
    if (text[i - 1] === '$') continue; // "$${" is a literal "${"
    let depth = 1;
    let j = i + 2;
    let inString = false;
    for (; j < text.length && depth > 0; j++) {
      const ch = text[j];
      if (inString) {
        if (ch === '\\') j++;
        else if (ch === '"') inString = false;
      } else if (ch === '"') inString = true;
      else if (ch === '{') depth++;
      else if (ch === '}') depth--;
    }
    spans.push([i + 2, j - 1]);
    i = j - 1;
  }
  return spans;
}

const REFERENCE = /(?<![A-Za-z0-9_.\-"])(data\.)?([a-z][a-z0-9]*_[a-z0-9_]+)\.([A-Za-z_][A-Za-z0-9_-]*)/g;
const VARIABLE = /(?<![A-Za-z0-9_.])var\.([A-Za-z_][A-Za-z0-9_-]*)/g;
const LOCAL = /(?<![A-Za-z0-9_.])local\.([A-Za-z_][A-Za-z0-9_-]*)/g;

/** Projects one cdk.tf.json onto its Vault side; returns the projection and what it kept, replaced and dropped. */
export function project(json: TerraformJson, vaultVersion: string): Projection {
  const externals = new Map<string, string>();
  const variables = new Set<string>();
  const locals = new Set<string>();
  let droppedDependsOn = 0;

  function rewriteExpression(expr: string): string {
    const out = expr.replace(REFERENCE, (whole: string, data: string | undefined, type: string, name: string) => {
      if (KEEP.test(type)) return whole;
      const variable = `external_${data ? 'data_' : ''}${type}_${name}`.replace(/[^A-Za-z0-9_]/g, '_');
      externals.set(variable, `${data ?? ''}${type}.${name}`);
      return `var.${variable}`;
    });
    for (const m of out.matchAll(VARIABLE)) variables.add(m[1]);
    for (const m of out.matchAll(LOCAL)) locals.add(m[1]);
    return out;
  }

  function rewriteString(text: string): string {
    const spans = templateSpans(text);
    if (spans.length === 0) return text;
    let out = '';
    let at = 0;
    for (const [start, end] of spans) {
      out += text.slice(at, start) + rewriteExpression(text.slice(start, end));
      at = end;
    }
    return out + text.slice(at);
  }

  function rewrite(value: unknown, key?: string): unknown {
    if (typeof value === 'string') return rewriteString(value);
    if (Array.isArray(value)) {
      if (key === 'depends_on') {
        const kept = value.filter((address: string) => KEEP.test(address.replace(/^data\./, '')));
        droppedDependsOn += value.length - kept.length;
        return kept.map((v) => rewrite(v));
      }
      return value.map((v) => rewrite(v));
    }
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = rewrite(v, k);
      return out;
    }
    return value;
  }

  const projection: Record<string, Record<string, unknown> | unknown[]> = {
    terraform: { required_providers: { vault: { source: 'hashicorp/vault', version: vaultVersion } } },
  };
  let resources = 0;
  let dataSources = 0;
  const sections: Array<[string, (n: number) => void]> = [['resource', (n) => (resources += n)], ['data', (n) => (dataSources += n)]];
  for (const [section, counter] of sections) {
    for (const [type, named] of Object.entries((section === 'resource' ? json.resource : json.data) ?? {})) {
      if (!KEEP.test(type)) continue;
      const kept = (projection[section] ??= {}) as Record<string, unknown>;
      kept[type] = rewrite(named);
      counter(Object.keys(named).length);
    }
  }
  if (json.provider?.vault) projection.provider = { vault: rewrite(json.provider.vault) };
  const imports = (json.import ?? []).filter((i) => KEEP.test(String(i.to).replace(/^data\./, '')));
  if (imports.length > 0) projection.import = rewrite(imports) as unknown[];

  // locals can name further locals and variables: take them until nothing new turns up
  const localsOut: Record<string, unknown> = {};
  for (let added = true; added; ) {
    added = false;
    for (const name of [...locals]) {
      if (name in localsOut || json.locals?.[name] === undefined) continue;
      localsOut[name] = rewrite(json.locals![name]);
      added = true;
    }
  }
  if (Object.keys(localsOut).length > 0) projection.locals = localsOut;
  const variableBlocks: Record<string, unknown> = {};
  for (const name of variables) {
    if (json.variable?.[name] !== undefined) variableBlocks[name] = json.variable![name];
    else if (externals.has(name)) variableBlocks[name] = { description: `stands in for ${externals.get(name)}, which is not a Vault object` };
  }
  if (Object.keys(variableBlocks).length > 0) projection.variable = variableBlocks;
  return { projection, resources, dataSources, imports: imports.length, externals: externals.size, droppedDependsOn };
}

function run(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(terraform, args, { cwd, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function validate(dir: string, env: NodeJS.ProcessEnv): Promise<Diagnostic[]> {
  const init = await run(['init', '-backend=false', '-input=false', '-no-color'], dir, env);
  if (init.code !== 0) return [{ severity: 'error', summary: 'terraform init failed', detail: `${init.stdout}\n${init.stderr}`.trim() }];
  const result = await run(['validate', '-json', '-no-color'], dir, env);
  try {
    const parsed = JSON.parse(result.stdout) as { valid: boolean; diagnostics: Diagnostic[] };
    if (!parsed.valid && parsed.diagnostics.length === 0) return [{ severity: 'error', summary: 'not valid', detail: result.stdout }];
    return parsed.diagnostics;
  } catch {
    return [{ severity: 'error', summary: `terraform validate exited ${result.code}`, detail: `${result.stdout}\n${result.stderr}`.trim() }];
  }
}

async function main() {
  const started = Date.now();
  const providers = spawnSync('bash', [path.join(__dirname, 'providers.sh')], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (providers.status !== 0) {
    console.error('terraform validate: building the provider mirror failed (above)');
    process.exit(1);
  }
  const [mirror, cliConfig, vaultVersion] = (providers.stdout.trim().split('\n').pop() ?? '').split(' ');
  const env = { ...process.env, TF_CLI_CONFIG_FILE: cliConfig, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_INPUT: '0' };
  const version = spawnSync(terraform, ['version', '-json'], { env, encoding: 'utf8' });
  if (version.error || version.status !== 0) {
    console.error(`terraform validate: the Terraform CLI (${terraform}) is not available; install Terraform 1.11+ (see scripts/check-terraform.js)`);
    process.exit(1);
  }
  const providersSeconds = (Date.now() - started) / 1000;

  if (!fs.existsSync(path.join(root, 'packages', 'report', 'build'))) {
    const build = spawnSync('npm', ['run', '--silent', 'build', '--workspace', 'vault-backed-credentials-report'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'terraform-validate-'));
  const out = path.join(work, 'configurations');
  const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
  const synth = spawnSync(tsx, [path.join(root, 'scripts', 'terraform', 'synthesize.ts'), out], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (synth.status !== 0) {
    console.error(synth.stdout, synth.stderr);
    process.exit(1);
  }
  const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')) as Array<{ name: string; dir: string; format: string }>;
  const configurations = manifest.filter((c) => c.format === 'json');

  const jobs = configurations.map((c) => {
    const json = JSON.parse(fs.readFileSync(path.join(c.dir, 'cdk.tf.json'), 'utf8'));
    const projected = project(json, vaultVersion);
    const dir = path.join(work, 'vault-side', path.basename(c.dir));
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify(projected.projection, null, 2));
    return { name: c.name, dir, ...projected };
  });

  // A canary the provider schema must refuse: proves that validate reads the real schema.
  const canary = path.join(work, 'canary');
  fs.mkdirSync(canary);
  fs.writeFileSync(
    path.join(canary, 'main.tf.json'),
    JSON.stringify({
      terraform: { required_providers: { vault: { source: 'hashicorp/vault', version: vaultVersion } } },
      resource: { vault_jwt_auth_backend_role: { r: { role_name: 'r', user_claim: 'sub', token_ttl: '20m', bogus_attr: 'x' } } },
    }),
  );

  const validateStarted = Date.now();
  const results: Diagnostic[][] = new Array(jobs.length);
  let next = 0;
  async function worker() {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await validate(jobs[i].dir, env);
    }
  }
  const [canaryDiagnostics] = await Promise.all([validate(canary, env), ...Array.from({ length: PARALLEL }, worker)]);
  const validateSeconds = (Date.now() - validateStarted) / 1000;
  const canaryFound = ['Extraneous JSON object property', 'Incorrect attribute value type'].every((s) => canaryDiagnostics.some((d) => d.summary === s));
  if (!canaryFound) {
    console.error('terraform validate: the provider schema did not refuse the canary (an unknown argument, token_ttl "20m"):');
    console.error(JSON.stringify(canaryDiagnostics, null, 2));
    process.exit(1);
  }

  let errors = 0;
  let warnings = 0;
  jobs.forEach((job, i) => {
    for (const d of results[i]) {
      const where = d.range ? `${job.name} (Vault side) line ${d.range.start.line}` : `${job.name} (Vault side)`;
      const text = `${where}: ${d.severity}: ${d.summary}${d.detail ? ` - ${d.detail}` : ''}`;
      if (d.severity === 'error') {
        errors++;
        console.error(text);
      } else {
        warnings++;
        console.warn(text);
      }
    }
  });
  const sum = (key: 'resources' | 'dataSources' | 'imports' | 'externals' | 'droppedDependsOn') => jobs.reduce((n, j) => n + j[key], 0);
  const empty = jobs.filter((j) => j.resources + j.dataSources === 0).length;
  if (process.env.KEEP_TERRAFORM_VALIDATE_DIR) console.log(`projections kept in ${work}`);
  else fs.rmSync(work, { recursive: true, force: true });
  console.log(
    `terraform validate: ${jobs.length} configurations (${empty} without Vault objects), ${sum('resources')} vault resources, ` +
      `${sum('dataSources')} vault data sources, ${sum('imports')} import blocks validated with hashicorp/vault ${vaultVersion} (${mirror}) ` +
      `on Terraform ${JSON.parse(version.stdout).terraform_version}; ${sum('externals')} references to non-Vault objects stood in by variables, ` +
      `${sum('droppedDependsOn')} depends_on entries on them dropped; ${errors} errors, ${warnings} warnings; ` +
      `providers ${providersSeconds.toFixed(1)}s, validate ${validateSeconds.toFixed(1)}s, total ${((Date.now() - started) / 1000).toFixed(1)}s`,
  );
  process.exit(errors === 0 ? 0 : 1);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
