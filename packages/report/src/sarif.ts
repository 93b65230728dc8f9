/**
 * `--format sarif`: the findings as a SARIF 2.1.0 log, the format code-scanning services ingest.
 *
 * One run for all stacks (code scanning wants one run per tool and category): the catalogue as the driver's rules,
 * one result per finding with its rule id, level, message, and a location where a reviewer edits:
 *
 * - for a cdktf stack, the TypeScript file and line that created the grant (or trust) the finding's blocks belong
 *   to, as the construct library records it in `creation-sites.json` beside `cdk.tf.json`, when that file exists;
 *   otherwise the block in the synthesized `cdk.tf.json`;
 * - for a directory of `.tf` files, the file and line of the block (`resource "type" "name" {`).
 *
 * URIs are relative to the repository root (the working directory, by default) and percent-encoded. The block's
 * address is the logical location. `partialFingerprints` identify a finding by stack, rule, subject and message, so
 * they stay the same when lines move and differ between a plan and an apply finding on the same line (code scanning
 * merges results whose rule, file and `primaryLocationLineHash` agree, and computes that hash from the line's text
 * when it is missing: https://docs.github.com/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning).
 * An acknowledged finding carries an accepted, in-source suppression whose justification is the reason.
 *
 * @see https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as Sarif from 'sarif';
import { findingBlocks } from './acknowledged';
import { isTerraformFile } from './hcl';
import { rowSubject } from './rules/phase-cannot-log-in';
import { Finding, Severity } from './rules/types';
import { RULE_CATALOGUE } from './rules';
import { StackReport } from './stacks';
import { TerraformBlock } from './terraform-json';

/** Written by the construct library beside each stack's `cdk.tf.json` (lib/private/creation-sites.ts). */
export const CREATION_SITES_FILE = 'creation-sites.json';

/** Options of {@link renderSarif}. */
export interface SarifOptions {
  /**
   * The directory artifact URIs are relative to: the repository root, where code scanning looks files up.
   *
   * @default the current working directory
   */
  readonly root?: string;
}

const LEVEL: Record<Severity, Sarif.Result.level> = { error: 'error', warning: 'warning', info: 'note' };
/**
 * A score for `security-severity`, which code scanning maps to critical/high/medium/low: an error is high, a warning
 * medium, a note low.
 */
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.0', info: '2.0' };

/**
 * The lines of a text by their trimmed content, so that finding the line of each of thousands of blocks costs a
 * lookup, not a scan of a 25 MB `cdk.tf.json` per block.
 */
class TrimmedLines {
  private readonly at = new Map<string, number[]>();

  constructor(text: string) {
    text.split('\n').forEach((line, i) => {
      const key = line.trim();
      const list = this.at.get(key);
      if (list === undefined) this.at.set(key, [i]);
      else list.push(i);
    });
  }

  /** The first 0-based line index above `after` whose trimmed content is `key`, or -1. */
  firstAfter(key: string, after: number): number {
    const list = this.at.get(key);
    if (list === undefined) return -1;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid] > after) hi = mid;
      else lo = mid + 1;
    }
    return lo < list.length ? list[lo] : -1;
  }
}

/** The 1-based line where a block starts in a cdktf-formatted `cdk.tf.json`, or undefined. */
export function blockLine(text: string, block: TerraformBlock): number | undefined {
  return lineOfBlock(new TrimmedLines(text), block);
}

function lineOfBlock(lines: TrimmedLines, block: TerraformBlock): number | undefined {
  const data = block.address.startsWith('data.');
  const section = lines.firstAfter(data ? '"data": {' : '"resource": {', -1);
  if (section < 0) return undefined;
  const type = lines.firstAfter(`${JSON.stringify(block.type)}: {`, section);
  if (type < 0) return undefined;
  const name = lines.firstAfter(`${JSON.stringify(block.name)}: {`, type);
  return name < 0 ? undefined : name + 1;
}

function ruleDescriptor(rule: (typeof RULE_CATALOGUE)[number]): Sarif.ReportingDescriptor {
  return {
    id: rule.id,
    name: rule.id
      .split('-')
      .map((w) => w[0].toUpperCase() + w.slice(1))
      .join(''),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.explanation },
    help: { text: `${rule.explanation} Fix: ${rule.fix}`, markdown: `${rule.explanation}\n\n**Fix:** ${rule.fix}` },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      'tags': ['security', ...rule.stages],
      'problem.severity': LEVEL[rule.severity] === 'note' ? 'recommendation' : LEVEL[rule.severity],
      'security-severity': SECURITY_SEVERITY[rule.severity],
    },
  };
}

/** A relative URI reference for a path: "/" separators, each segment percent-encoded (spaces, `#`, `%` ...). */
export function fileUri(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).map(encodeURIComponent).join('/');
}

/** A place in a file: the absolute path and, when known, the 1-based line. */
interface Place {
  readonly file: string;
  readonly line?: number;
}

/** Where the blocks of one stack are: from the creation sites of a cdktf stack, or from a module's files. */
class StackLocator {
  private sites?: ReadonlyMap<string, { file: string; line: number }>;
  /** Block places by module directory, each directory read once. */
  private readonly moduleBlocks = new Map<string, Map<string, Place>>();
  private stackLines: TrimmedLines | undefined;
  private readonly directory: boolean;

  constructor(private readonly stack: StackReport) {
    const source = stack.report.source;
    this.directory = stack.terraform !== undefined || (source !== undefined && fs.existsSync(source) && fs.statSync(source).isDirectory());
  }

  /** The place of the first of `blocks` that has one, else the stack's own file. */
  public place(blocks: readonly TerraformBlock[]): Place | undefined {
    for (const block of blocks) {
      const found = this.directory ? this.inModule(block) : this.inStack(block);
      if (found) return found;
    }
    return this.fallback();
  }

  private fallback(): Place | undefined {
    const source = this.stack.terraform?.roots[0] ?? this.stack.report.source;
    if (source === undefined) return undefined;
    if (!this.directory) return { file: source };
    if (!fs.statSync(source).isDirectory()) return { file: source };
    const first = fs.readdirSync(source).filter(isTerraformFile).sort()[0];
    return first === undefined ? undefined : { file: path.join(source, first) };
  }

  /** A cdktf stack: the recorded creation site of the block's closest recorded scope, else the block in the JSON. */
  private inStack(block: TerraformBlock): Place | undefined {
    const source = this.stack.report.source;
    if (source === undefined) return undefined;
    const sites = (this.sites ??= readSites(path.dirname(source)));
    const constructPath = (block.body['//'] as { metadata?: { path?: unknown } } | undefined)?.metadata?.path;
    if (typeof constructPath === 'string') {
      const parts = constructPath.split('/');
      for (let n = parts.length; n > 0; n--) {
        const site = sites.get(parts.slice(0, n).join('/'));
        if (site === undefined) continue;
        const file = path.resolve(path.dirname(source), site.file);
        if (fs.existsSync(file)) return { file, line: site.line };
        break;
      }
    }
    if (this.stack.text === undefined) return undefined;
    const line = lineOfBlock((this.stackLines ??= new TrimmedLines(this.stack.text)), block);
    return line === undefined ? undefined : { file: source, line };
  }

  /**
   * `.tf` sources: the file and line that declare the block, in the directory of the module that declares it (a local
   * module's blocks are in its own directory, under their address within it).
   */
  private inModule(block: TerraformBlock): Place | undefined {
    const origin = this.stack.terraform?.origins.get(block.address) ?? { dir: this.stack.report.source!, address: block.address };
    const where = origin.file ?? origin.dir;
    let lines = this.moduleBlocks.get(where);
    if (lines === undefined) {
      lines = blockLines(origin.file !== undefined ? [origin.file] : terraformFiles(origin.dir));
      this.moduleBlocks.set(where, lines);
    }
    return lines.get(origin.address);
  }
}

/** The creation sites recorded beside a stack, by construct path (none when the file is absent or unreadable). */
function readSites(dir: string): Map<string, { file: string; line: number }> {
  const out = new Map<string, { file: string; line: number }>();
  const file = path.join(dir, CREATION_SITES_FILE);
  if (!fs.existsSync(file)) return out;
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return out;
  }
  const sites = (parsed as { sites?: unknown } | null)?.sites;
  if (sites === null || typeof sites !== 'object') return out;
  for (const [key, value] of Object.entries(sites as Record<string, unknown>)) {
    const site = value as { file?: unknown; line?: unknown } | null;
    if (site && typeof site.file === 'string' && typeof site.line === 'number' && site.line >= 1) out.set(key, { file: site.file, line: site.line });
  }
  return out;
}

/** `resource "type" "name" {` (labels quoted or bare), as a block opens in HCL. */
const HCL_BLOCK = /^\s*(resource|data)\s+"?([A-Za-z0-9_-]+)"?\s+"?([A-Za-z0-9_-]+)"?\s*\{/;

/** A module directory's `.tf` and `.tf.json` files, in name order (none when it is not a directory). */
function terraformFiles(dir: string): string[] {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) return [];
  return fs
    .readdirSync(dir)
    .filter(isTerraformFile)
    .sort()
    .map((name) => path.join(dir, name));
}

/** The file and line of every resource and data block in `.tf` and `.tf.json` files, the first declaration winning. */
function blockLines(files: readonly string[]): Map<string, Place> {
  const out = new Map<string, Place>();
  for (const file of files) {
    const name = path.basename(file);
    const text = fs.readFileSync(file, 'utf8');
    if (name.endsWith('.tf.json')) {
      let json: Record<string, Record<string, Record<string, unknown>>>;
      try {
        json = JSON.parse(text);
      } catch {
        continue;
      }
      const lines = new TrimmedLines(text);
      for (const kind of ['resource', 'data'] as const) {
        for (const [type, named] of Object.entries(json[kind] ?? {})) {
          for (const blockName of Object.keys(named ?? {})) {
            const block: TerraformBlock = { address: `${kind === 'data' ? 'data.' : ''}${type}.${blockName}`, type, name: blockName, body: {} };
            if (!out.has(block.address)) out.set(block.address, { file, line: lineOfBlock(lines, block) });
          }
        }
      }
      continue;
    }
    text.split('\n').forEach((line, i) => {
      const match = HCL_BLOCK.exec(line);
      if (!match) return;
      const address = `${match[1] === 'data' ? 'data.' : ''}${match[2]}.${match[3]}`;
      if (!out.has(address)) out.set(address, { file, line: i + 1 });
    });
  }
  return out;
}

const JWT_ROLE = 'vault_jwt_auth_backend_role';

/** A finding's identity: stable across runs and line moves, distinct for every finding of the log. */
function fingerprint(stack: StackReport, finding: Finding): string {
  return createHash('sha256').update(`${stack.name}\u0000${finding.rule}\u0000${finding.subject}\u0000${finding.message}`).digest('hex');
}

function result(stack: StackReport, locator: StackLocator, root: string, finding: Finding, ruleIndex: number | undefined): Sarif.Result {
  const blocks = findingBlocks(stack.report.model, finding);
  // The JWT role of the finding's own phase first (it decides the phase; the selector's blocks are shared by plan and
  // apply), then other JWT roles, then the rest.
  const own = new Set(stack.report.model.rows.filter((row) => rowSubject(row) === finding.subject).map((row) => row.roleAddress));
  const rank = (b: TerraformBlock) => (own.has(b.address) ? 0 : b.type === JWT_ROLE ? 1 : 2);
  const place = locator.place([...blocks].sort((a, b) => rank(a) - rank(b)));
  const region = place?.line === undefined ? {} : { region: { startLine: place.line } };
  const location: Sarif.Location = {
    ...(place === undefined ? {} : { physicalLocation: { artifactLocation: { uri: fileUri(root, place.file) }, ...region } }),
    logicalLocations:
      blocks.length > 0 ? blocks.map((b) => ({ fullyQualifiedName: b.address, kind: 'resource' })) : [{ name: finding.subject, kind: 'object' }],
  };
  const hash = fingerprint(stack, finding);
  const out: Sarif.Result = {
    ruleId: finding.rule,
    ...(ruleIndex === undefined ? {} : { ruleIndex }),
    level: LEVEL[finding.severity],
    message: { text: `${finding.subject}: ${finding.message}` },
    locations: [location],
    partialFingerprints: { 'trustFinding/v2': hash, 'primaryLocationLineHash': `${hash.slice(0, 16)}:1` },
    properties: { stack: stack.name, subject: finding.subject },
  };
  if (finding.acknowledged) {
    const { reason, scope } = finding.acknowledged;
    out.suppressions = [{ kind: 'inSource', status: 'accepted', justification: reason, properties: { scope } }];
  }
  return out;
}

/** The SARIF log of the stacks' findings. */
export function renderSarif(stacks: readonly StackReport[], options: SarifOptions = {}): string {
  const root = path.resolve(options.root ?? process.cwd());
  const index = new Map(RULE_CATALOGUE.map((rule, i) => [rule.id, i]));
  const log: Sarif.Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'vault-backed-credentials-report', rules: RULE_CATALOGUE.map(ruleDescriptor) } },
        results: stacks.flatMap((stack) => {
          const locator = new StackLocator(stack);
          return stack.report.findings.map((f) => result(stack, locator, root, f, index.get(f.rule)));
        }),
        columnKind: 'unicodeCodePoints',
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
