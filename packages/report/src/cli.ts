#!/usr/bin/env node
/**
 * `vault-backed-credentials-report explain <cdk.tf.json | cdktf.out>...`: prints the trust report of synthesized
 * stacks and exits non-zero when findings reach the `--fail-on` severity, so a pipeline can gate on it.
 *
 * Exit status: 0 when nothing reaches `--fail-on`, 1 when something does, 2 for usage or input errors.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { diffConfigurations, gainsAccess, renderDiff } from './diff';
import { Severity } from './rules';
import { isTerraformDirectory } from './hcl';
import { isTerraformSource, readTerraformConfiguration } from './load';
import { assemble, defaultJobs, REPORT_FORMATS, runJobs, StackJob } from './stack-jobs';
import { renderRuleList } from './stacks';

/** Where the CLI writes. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** The command name the usage text shows (default `vault-backed-credentials-report`). */
  readonly program?: string;
}

/** The command a user typed, for the usage text. */
export const DEFAULT_PROGRAM = 'vault-backed-credentials-report';

const usage = (program: string): string => `Usage: ${program} explain <cdk.tf.json | cdktf.out | module directory of *.tf | directory of *.json>... [options]

Prints which HCP Terraform runs can get which Vault-backed credentials, and flags findings. Directories of .tf
files and .tf files given together are read as one configuration (for example the Vault half and the HCP
Terraform half of a setup); local modules are followed, remote modules are listed as not read.

Options:
  --format table|json|mermaid|markdown|sarif
                                output format (default: table); markdown is a pull-request comment, sarif a
                                SARIF 2.1.0 log for code scanning
  --stack NAME                  only the stack NAME (repeatable); names come from cdktf (stacks/<name>/)
  --fail-on error|warning|none  exit 1 when a finding of this severity or worse exists (default: error)
  --var name=value              value of a Terraform input variable (repeatable); wins over every file
  --var-file FILE               a variable definitions file (.tfvars or .tfvars.json; repeatable), applied after
                                terraform.tfvars, terraform.tfvars.json and *.auto.tfvars[.json], which are
                                loaded from each .tf directory as Terraform loads them; TF_VAR_* is not read
  --no-variable-defaults        do not use variable defaults; leave such values unresolved
  --jobs N                      explain up to N stacks at once, on worker threads (default: one per core, at
                                most 4); --jobs 1 explains them one after the other; the output is the same
  --list-rules                  print the rule catalogue (id, severity, explanation, fix) and exit;
                                with --format json as JSON
  -h, --help                    show this help

       ${program} explain --diff OLD NEW [--format table|json] [--var name=value]...

Prints which runs, and which tokens nobody selected, gain or lose which credentials from OLD to NEW (each a
cdk.tf.json or a directory holding one stack). Exit status: 0 when nothing is gained, 1 when some run or token
gains access, 2 for unusable input.
`;

const FORMATS = REPORT_FORMATS;

interface Arguments {
  readonly files: string[];
  readonly format: (typeof FORMATS)[number];
  readonly stacks: string[];
  readonly listRules: boolean;
  readonly failOn: Severity | 'none';
  readonly variables: Record<string, string>;
  readonly varFiles: string[];
  readonly useVariableDefaults: boolean;
  /** `--jobs`: undefined for the default ({@link defaultJobs}). */
  readonly jobs?: number;
}

class UsageError extends Error {}

function parseArguments(argv: readonly string[]): Arguments | 'help' {
  const args = [...argv];
  if (args[0] === 'explain') args.shift();
  const files: string[] = [];
  let format: Arguments['format'] = 'table';
  let failOn: Arguments['failOn'] = 'error';
  const variables: Record<string, string> = {};
  const varFiles: string[] = [];
  let useVariableDefaults = true;
  const stacks: string[] = [];
  let listRules = false;
  let jobs: number | undefined;
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
        const known = FORMATS.find((f) => f === v);
        if (known === undefined) throw new UsageError(`--format must be ${FORMATS.slice(0, -1).join(', ')} or ${FORMATS[FORMATS.length - 1]}, not "${v}"`);
        format = known;
        break;
      }
      case '--stack':
        stacks.push(value(flag, inline));
        break;
      case '--list-rules':
        listRules = true;
        break;
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
      case '--var-file': {
        const file = value(flag, inline);
        if (!fs.existsSync(file)) throw new UsageError(`--var-file ${file} does not exist`);
        varFiles.push(file);
        break;
      }
      case '--no-variable-defaults':
        useVariableDefaults = false;
        break;
      case '--jobs': {
        const v = value(flag, inline);
        if (!/^[1-9][0-9]*$/.test(v)) throw new UsageError(`--jobs takes a whole number of at least 1, not "${v}"`);
        jobs = Number(v);
        break;
      }
      default:
        if (flag.startsWith('-')) throw new UsageError(`unknown option ${flag}`);
        files.push(arg);
    }
  }
  if (files.length === 0 && !listRules) throw new UsageError('give at least one cdk.tf.json file or cdktf.out directory');
  return { files, format, stacks, listRules, failOn, variables, varFiles, useVariableDefaults, jobs };
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

/** `explain --diff OLD NEW`: see the usage text. */
async function diffMain(argv: readonly string[], io: CliIo): Promise<number> {
  const args = argv.filter((a, i) => !(i === 0 && a === 'explain') && a !== '--diff');
  const targets: string[] = [];
  const variables: Record<string, string> = {};
  let format = 'table';
  let useVariableDefaults = true;
  const configurations: unknown[] = [];
  const loadedVariables: Record<string, string> = {};
  try {
    for (let i = 0; i < args.length; i++) {
      const arg = args[i];
      if (arg === '--format' || arg.startsWith('--format=')) {
        format = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[++i] ?? '';
        if (format !== 'table' && format !== 'json') throw new UsageError(`--diff supports --format table or json, not "${format}"`);
      } else if (arg === '--var' || arg.startsWith('--var=')) {
        const v = arg.includes('=') && arg.startsWith('--var=') ? arg.slice(6) : args[++i] ?? '';
        if (v.indexOf('=') <= 0) throw new UsageError(`--var takes name=value, not "${v}"`);
        variables[v.slice(0, v.indexOf('='))] = v.slice(v.indexOf('=') + 1);
      } else if (arg === '--no-variable-defaults') {
        useVariableDefaults = false;
      } else if (arg.startsWith('-')) {
        throw new UsageError(`unknown option ${arg} for --diff`);
      } else {
        targets.push(arg);
      }
    }
    if (targets.length !== 2) throw new UsageError(`--diff takes exactly two configurations, OLD and NEW; got ${targets.length}`);
    for (const target of targets) {
      const files = stackFiles(target);
      if (files.length !== 1) throw new UsageError(`${target} holds ${files.length} stacks (${files.join(', ')}); give the cdk.tf.json of one stack`);
      try {
        if (isTerraformSource(files[0])) {
          const loaded = await readTerraformConfiguration([files[0]], { variables, useVariableDefaults });
          // Values from each side's tfvars files apply to both sides (first side first); --var still wins.
          for (const [k, v] of Object.entries(loaded.variables)) if (!(k in variables) && !(k in loadedVariables)) loadedVariables[k] = v;
          configurations.push(loaded.json);
        } else configurations.push(JSON.parse(fs.readFileSync(files[0], 'utf8')));
      } catch (error) {
        throw new UsageError(`cannot read ${files[0]}: ${(error as Error).message}`);
      }
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`error: ${error.message}\n\n${usage(io.program ?? DEFAULT_PROGRAM)}`);
    return 2;
  }
  const diff = diffConfigurations(configurations[0], configurations[1], { variables: { ...loadedVariables, ...variables }, useVariableDefaults });
  io.stdout(format === 'json' ? JSON.stringify(diff, null, 2) + '\n' : renderDiff(diff, targets[0], targets[1]));
  return gainsAccess(diff) ? 1 : 0;
}

/** Runs the CLI; resolves to the exit status. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  if (argv.includes('--diff')) return diffMain(argv, io);
  let args: Arguments | 'help';
  let jobs: StackJob[];
  try {
    args = parseArguments(argv);
    if (args === 'help') {
      io.stdout(usage(io.program ?? DEFAULT_PROGRAM));
      return 0;
    }
    if (args.listRules) {
      if (args.format !== 'table' && args.format !== 'json') throw new UsageError('--list-rules prints as table or json');
      io.stdout(renderRuleList(args.format));
      return 0;
    }
    // Directories of .tf files and .tf files are read together as one configuration; the rest stack by stack.
    const sources = args.files.filter((f) => isTerraformSource(f) && stackFiles(f)[0] === f);
    jobs = args.files
      .filter((f) => !sources.includes(f))
      .flatMap(stackFiles)
      .map((file): StackJob => ({ file }));
    if (sources.length > 0) jobs.unshift({ sources });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`error: ${error.message}\n\n${usage(io.program ?? DEFAULT_PROGRAM)}`);
    return 2;
  }
  const options = {
    format: args.format,
    stacks: args.stacks,
    failOn: args.failOn,
    variables: args.variables,
    varFiles: args.varFiles,
    useVariableDefaults: args.useVariableDefaults,
    root: process.cwd(),
  };
  const outcomes = await runJobs(jobs, options, args.jobs ?? defaultJobs(jobs.length));
  // Every stack is named (for --stack); only the selected ones are explained.
  const names: string[] = [];
  const explained = [];
  for (const outcome of outcomes) {
    if (outcome.kind === 'unreadable') {
      io.stderr(`error: cannot read ${outcome.shown}: ${outcome.message}\n`);
      return 2;
    }
    names.push(outcome.name);
    if (outcome.kind === 'explained') explained.push(outcome);
  }
  const missing = args.stacks.filter((n) => !names.includes(n));
  if (missing.length > 0) {
    io.stderr(`error: no stack named ${missing.map((n) => JSON.stringify(n)).join(', ')}; the inputs hold ${names.map((n) => JSON.stringify(n)).join(', ')}\n`);
    return 2;
  }
  io.stdout(assemble(args.format, explained, options.root));
  if (args.failOn === 'none') return 0;
  const failing = explained.flatMap((outcome) => outcome.failing);
  if (failing.length === 0) return 0;
  io.stderr(`${failing.length} finding${failing.length === 1 ? '' : 's'} at ${args.failOn} level or above:\n`);
  for (const f of failing) io.stderr(`  ${f.source}: ${f.severity} ${f.rule} ${f.subject}\n`);
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
