/**
 * `explain` on the stacks of an app, one stack at a time or several at once on worker threads.
 *
 * Each stack is a job: read it, explain it, render its part of the output, and keep only that part (a string, or
 * SARIF results) with its counts and failing findings: plain data, so a worker thread can send it back, and so no
 * stack's model outlives its own job (an app of 10 stacks of 1,000 grants holds one model at a time per thread, not
 * ten). The main thread then joins the parts in the order of the stacks. The serial path and the worker path run the
 * same {@link explainJob} and {@link assemble}, so their output is the same byte for byte.
 *
 * Stacks are independent (nothing of one stack enters another's report), which is what makes them safe to explain in
 * parallel. A Terraform configuration read from `.tf` sources is one job like a stack file.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { threadId, Worker } from 'node:worker_threads';
import type * as Sarif from 'sarif';
import { explain, failingFindings, TrustReport } from './explain';
import { LoadedConfiguration, readTerraformConfiguration } from './load';
import { assembleMarkdown, markdownPiece } from './markdown';
import { renderTable } from './render';
import { Severity } from './rules';
import { renderSarif } from './sarif';
import { assembleJson, jsonPiece, mermaidPiece, StackCounts, stackCounts, stackName, StackReport } from './stacks';

/** The output formats of `explain`. */
export const REPORT_FORMATS = ['table', 'json', 'mermaid', 'markdown', 'sarif'] as const;

/** An output format of `explain`. */
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** What one job explains: a stack's file, or Terraform sources (directories of `.tf` files, `.tf` files) read as one configuration. */
export type StackJob = { readonly file: string } | { readonly sources: readonly string[] };

/** How every job of one `explain` runs (the same for all jobs; a worker receives it once). */
export interface JobOptions {
  readonly format: ReportFormat;
  /** `--stack` names: a stack not named is read (for its name) but not explained. Empty: every stack. */
  readonly stacks: readonly string[];
  readonly failOn: Severity | 'none';
  readonly variables: Readonly<Record<string, string>>;
  readonly varFiles: readonly string[];
  readonly useVariableDefaults: boolean;
  /** The directory SARIF URIs are relative to. */
  readonly root: string;
}

/** A finding that fails the run at `--fail-on`, as the CLI lists it. */
export interface FailingFinding {
  readonly source?: string;
  readonly severity: Severity;
  readonly rule: string;
  readonly subject: string;
}

/** What a job gives back: plain data (it crosses from a worker thread by structured clone). */
export type StackOutcome =
  | {
      readonly kind: 'explained';
      readonly name: string;
      readonly counts: StackCounts;
      /** The stack's part of the output: text, or for SARIF its results. */
      readonly text?: string;
      readonly results?: Sarif.Result[];
      readonly failing: FailingFinding[];
      /** The thread that explained it: 0 for the main thread, else the worker's `threadId`. */
      readonly thread: number;
    }
  | { readonly kind: 'skipped'; readonly name: string }
  | { readonly kind: 'unreadable'; readonly shown: string; readonly message: string };

/** How the resolver reads a loaded configuration: its variable values, what reading assumed and left unread. */
function loadedOptions(loaded: LoadedConfiguration, useVariableDefaults: boolean) {
  const files = loaded.variableFiles.map((f) => path.basename(f)).join(', ');
  const loadedFrom = loaded.variableFiles.length === 0 ? [] : [`variable values read from ${files}`];
  return { variables: loaded.variables, useVariableDefaults, notes: loaded.notes, assumptions: [...loadedFrom, ...loaded.assumptions] };
}

/** What a job is called in an error message. */
export function jobLabel(job: StackJob): string {
  return 'file' in job ? job.file : job.sources.join(' + ');
}

/** The report of one job, or undefined when `--stack` leaves it out; its name either way. */
async function reportOf(job: StackJob, options: JobOptions): Promise<{ name: string; stack?: StackReport }> {
  if ('sources' in job) {
    const { variables, varFiles, useVariableDefaults } = options;
    const loaded = await readTerraformConfiguration(job.sources, { variables, varFiles, useVariableDefaults });
    const name = job.sources.map((f) => stackName(f, loaded.json)).join(' + ');
    if (options.stacks.length > 0 && !options.stacks.includes(name)) return { name };
    const terraform = { roots: loaded.roots, origins: loaded.origins };
    return { name, stack: { name, terraform, report: explain(loaded.json, { source: jobLabel(job), ...loadedOptions(loaded, options.useVariableDefaults) }) } };
  }
  const text = fs.readFileSync(job.file, 'utf8');
  const json: unknown = JSON.parse(text);
  const name = stackName(job.file, json);
  if (options.stacks.length > 0 && !options.stacks.includes(name)) return { name };
  const report = explain(json, { source: job.file, variables: options.variables, useVariableDefaults: options.useVariableDefaults });
  return { name, stack: { name, text, report } };
}

function failing(report: TrustReport, failOn: JobOptions['failOn']): FailingFinding[] {
  if (failOn === 'none') return [];
  return failingFindings(report, failOn).map((f) => ({ source: report.source, severity: f.severity, rule: f.rule, subject: f.subject }));
}

/** Explains one job and renders its part of the output in `options.format`; never throws (an error is an outcome). */
export async function explainJob(job: StackJob, options: JobOptions): Promise<StackOutcome> {
  try {
    const { name, stack } = await reportOf(job, options);
    if (stack === undefined) return { kind: 'skipped', name };
    const base = { kind: 'explained' as const, name, counts: stackCounts(stack.report), failing: failing(stack.report, options.failOn), thread: threadId };
    switch (options.format) {
      case 'json':
        return { ...base, text: jsonPiece(stack) };
      case 'mermaid':
        return { ...base, text: mermaidPiece(stack) };
      case 'markdown':
        return { ...base, text: markdownPiece(stack) };
      case 'sarif':
        return { ...base, results: sarifResults(stack, options.root) };
      default:
        return { ...base, text: renderTable(stack.report) };
    }
  } catch (error) {
    return { kind: 'unreadable', shown: jobLabel(job), message: (error as Error).message };
  }
}

/** A SARIF log as {@link renderSarif} writes it: one run, whose results are those of the stacks given. */
interface SarifLogShape {
  readonly runs: Array<{ results?: Sarif.Result[] }>;
}

/** One stack's SARIF results: the results of its own log, in order. */
function sarifResults(stack: StackReport, root: string): Sarif.Result[] {
  return (JSON.parse(renderSarif([stack], { root })) as SarifLogShape).runs[0].results ?? [];
}

/**
 * The SARIF log of the stacks, from their results: the log of no stack with their results as its run's results,
 * which is the log of all of them (renderSarif lists the results of the stacks one after the other, in order).
 */
function sarifLog(results: Sarif.Result[], root: string): string {
  const log = JSON.parse(renderSarif([], { root })) as SarifLogShape;
  log.runs[0].results = results;
  return JSON.stringify(log, null, 2) + '\n';
}

/** The output of `explain` from the explained stacks' parts, in the order of the stacks. */
export function assemble(format: ReportFormat, outcomes: ReadonlyArray<Extract<StackOutcome, { kind: 'explained' }>>, root: string): string {
  const texts = outcomes.map((o) => o.text ?? '');
  switch (format) {
    case 'json':
      return assembleJson(texts, outcomes.map((o) => o.counts));
    case 'markdown':
      return assembleMarkdown(texts, outcomes.map((o) => o.counts));
    case 'sarif':
      return sarifLog(outcomes.flatMap((o) => o.results ?? []), root);
    default:
      // table and mermaid: the stacks' parts one after the other.
      return texts.join('\n');
  }
}

/**
 * How many worker threads `explain` uses by default for `stacks` jobs: one per core the process may use, at most 4
 * (each holds one stack's model at a time: about 0.3 GB for a stack of 1,000 grants) and at most one per job; none
 * (1, the serial path) for a single job. Run from the TypeScript sources (tests, `tsx`), the default is the serial
 * path: a worker thread there must load the sources through tsx, which `--jobs` asks for explicitly.
 */
export function defaultJobs(stacks: number): number {
  if (path.extname(__filename) !== '.js') return 1;
  return Math.max(1, Math.min(os.availableParallelism(), 4, stacks));
}

/** A worker thread running `explain-worker`: the compiled file, or from the TypeScript sources through tsx. */
function startWorker(options: JobOptions): Worker {
  const extension = path.extname(__filename);
  const entry = path.join(__dirname, `explain-worker${extension}`);
  if (extension === '.js') return new Worker(entry, { workerData: options });
  // Only in the repository (tests, benchmarks under tsx): the published package holds the compiled worker above.
  const bootstrap = `require(${JSON.stringify(require.resolve('tsx/cjs/api'))}).register(); require(${JSON.stringify(entry)});`;
  return new Worker(bootstrap, { eval: true, workerData: options });
}

/** A job sent to a worker thread, and its outcome sent back. */
export interface WorkerRequest {
  readonly index: number;
  readonly job: StackJob;
}
export interface WorkerReply {
  readonly index: number;
  readonly outcome: StackOutcome;
}

/**
 * Runs the jobs, on `jobs` worker threads when that is more than 1 and there is more than one job, else one after the
 * other on this thread (stopping at the first job that cannot be read, as nothing after it is printed). Outcomes come
 * back in the order of the jobs whatever order the threads finish in.
 */
export async function runJobs(jobs: readonly StackJob[], options: JobOptions, threads: number): Promise<StackOutcome[]> {
  if (threads <= 1 || jobs.length <= 1) {
    const outcomes: StackOutcome[] = [];
    for (const job of jobs) {
      const outcome = await explainJob(job, options);
      outcomes.push(outcome);
      if (outcome.kind === 'unreadable') break;
    }
    return outcomes;
  }
  const outcomes = new Array<StackOutcome>(jobs.length);
  const workers: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let next = 0;
      let done = 0;
      const feed = (worker: Worker): void => {
        if (next >= jobs.length) return;
        const request: WorkerRequest = { index: next, job: jobs[next] };
        next++;
        worker.postMessage(request);
      };
      for (let i = 0; i < Math.min(threads, jobs.length); i++) {
        const worker = startWorker(options);
        workers.push(worker);
        worker.on('message', (reply: WorkerReply) => {
          outcomes[reply.index] = reply.outcome;
          done++;
          if (done === jobs.length) resolve();
          else feed(worker);
        });
        worker.on('error', reject);
        worker.on('exit', (code) => {
          if (done < jobs.length) reject(new Error(`an explain worker thread stopped (exit code ${code}) before its stacks were explained`));
        });
        feed(worker);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return outcomes;
}
