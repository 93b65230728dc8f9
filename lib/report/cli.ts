#!/usr/bin/env node
/**
 * `cdktf-vault-backed-credentials explain <cdk.tf.json | cdktf.out>...`: prints the trust report of synthesized
 * stacks and exits non-zero when findings reach the `--fail-on` severity, so a pipeline can gate on it.
 *
 * Exit status: 0 when nothing reaches `--fail-on`, 1 when something does, 2 for usage or input errors.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { explain, failingFindings, reportData, TrustReport } from './explain';
import { Severity } from './findings';
import { isTerraformDirectory, readTerraformDirectory } from './hcl';
import { renderMermaid, renderTable } from './render';

/** Where the CLI writes. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

const USAGE = `Usage: cdktf-vault-backed-credentials explain <cdk.tf.json | cdktf.out | module directory of *.tf | directory of *.json>... [options]

Prints which HCP Terraform runs can get which Vault-backed credentials, and flags findings.

Options:
  --format table|json|mermaid   output format (default: table)
  --fail-on error|warning|none  exit 1 when a finding of this severity or worse exists (default: error)
  --var name=value              value of a Terraform input variable (repeatable)
  --no-variable-defaults        do not use variable defaults; leave such values unresolved
  -h, --help                    show this help
`;

interface Arguments {
  readonly files: string[];
  readonly format: 'table' | 'json' | 'mermaid';
  readonly failOn: Severity | 'none';
  readonly variables: Record<string, string>;
  readonly useVariableDefaults: boolean;
}

class UsageError extends Error {}

function parseArguments(argv: readonly string[]): Arguments | 'help' {
  const args = [...argv];
  if (args[0] === 'explain') args.shift();
  const files: string[] = [];
  let format: Arguments['format'] = 'table';
  let failOn: Arguments['failOn'] = 'error';
  const variables: Record<string, string> = {};
  let useVariableDefaults = true;
  const value = (flag: string, inline: string | undefined): string => {
    const v = inline ?? args.shift();
    if (v === undefined) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  while (args.length > 0) {
    const arg = args.shift()!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    switch (flag) {
      case '-h':
      case '--help':
        return 'help';
      case '--format': {
        const v = value(flag, inline);
        if (v !== 'table' && v !== 'json' && v !== 'mermaid') throw new UsageError(`--format must be table, json or mermaid, not "${v}"`);
        format = v;
        break;
      }
      case '--fail-on': {
        const v = value(flag, inline);
        if (v !== 'error' && v !== 'warning' && v !== 'none') throw new UsageError(`--fail-on must be error, warning or none, not "${v}"`);
        failOn = v;
        break;
      }
      case '--var': {
        const v = value(flag, inline);
        const eq = v.indexOf('=');
        if (eq <= 0) throw new UsageError(`--var takes name=value, not "${v}"`);
        variables[v.slice(0, eq)] = v.slice(eq + 1);
        break;
      }
      case '--no-variable-defaults':
        useVariableDefaults = false;
        break;
      default:
        if (flag.startsWith('-')) throw new UsageError(`unknown option ${flag}`);
        files.push(arg);
    }
  }
  if (files.length === 0) throw new UsageError('give at least one cdk.tf.json file or cdktf.out directory');
  return { files, format, failOn, variables, useVariableDefaults };
}

/**
 * The stack files a path names: the file itself; for a directory its `cdk.tf.json`, every
 * `stacks/<name>/cdk.tf.json` below it (a `cdktf.out`), the directory itself when it is a Terraform module (`.tf` or
 * `.tf.json` files, read together), or else every `*.json` file in it.
 */
function stackFiles(target: string): string[] {
  if (!fs.existsSync(target)) throw new UsageError(`${target} does not exist`);
  if (!fs.statSync(target).isDirectory()) return [target];
  const found: string[] = [];
  const direct = path.join(target, 'cdk.tf.json');
  if (fs.existsSync(direct)) found.push(direct);
  const stacks = path.join(target, 'stacks');
  if (fs.existsSync(stacks)) {
    for (const name of fs.readdirSync(stacks).sort()) {
      const file = path.join(stacks, name, 'cdk.tf.json');
      if (fs.existsSync(file)) found.push(file);
    }
  }
  if (found.length === 0 && isTerraformDirectory(target)) return [target];
  if (found.length === 0) {
    // A directory of configurations (fixtures, exported stacks): every *.json file in it.
    for (const name of fs.readdirSync(target).sort()) if (name.endsWith('.json')) found.push(path.join(target, name));
  }
  if (found.length === 0) throw new UsageError(`no cdk.tf.json in ${target}, its stacks/ directory, or its *.json files`);
  return found;
}

/** Runs the CLI; resolves to the exit status. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let args: Arguments | 'help';
  let files: string[];
  try {
    args = parseArguments(argv);
    if (args === 'help') {
      io.stdout(USAGE);
      return 0;
    }
    files = args.files.flatMap(stackFiles);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`error: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  const reports: TrustReport[] = [];
  for (const file of files) {
    try {
      const json = fs.statSync(file).isDirectory() ? await readTerraformDirectory(file) : JSON.parse(fs.readFileSync(file, 'utf8'));
      reports.push(explain(json, { source: file, variables: args.variables, useVariableDefaults: args.useVariableDefaults }));
    } catch (error) {
      io.stderr(`error: cannot read ${file}: ${(error as Error).message}\n`);
      return 2;
    }
  }
  if (args.format === 'json') {
    const data = reports.map(reportData);
    io.stdout(JSON.stringify(data.length === 1 ? data[0] : data, null, 2) + '\n');
  } else {
    io.stdout(reports.map(args.format === 'mermaid' ? renderMermaid : renderTable).join('\n'));
  }
  if (args.failOn === 'none') return 0;
  const failOn = args.failOn;
  const failing = reports.flatMap((report) => failingFindings(report, failOn).map((f) => ({ report, f })));
  if (failing.length === 0) return 0;
  io.stderr(`${failing.length} finding${failing.length === 1 ? '' : 's'} at ${failOn} level or above:\n`);
  for (const { report, f } of failing) io.stderr(`  ${report.source}: ${f.severity} ${f.rule} ${f.subject}\n`);
  return 1;
}

if (require.main === module) {
  void main(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  }).then((status) => {
    process.exitCode = status;
  });
}
