/**
 * Internal: where in the user's code each grant and trust was created, written beside the synthesized stack so the
 * trust report can place a code-scanning result on the line a reviewer edits rather than in `cdktf.out/` (which is
 * usually git-ignored).
 *
 * cdktf 0.21 records no stack traces unless asked (`stackTraces` on the App, for every element, which is costly), so
 * the constructors that matter call {@link recordCreationSite}: it captures the call sites of one stack (unformatted,
 * which is cheap), takes the first frame outside this library and outside `node_modules`, maps it to its source
 * position, and keeps it by construct path. At synthesis a custom-synthesis hook writes
 * `creation-sites.json` into the stack's directory (`cdktf.out/stacks/<stack>/`), with file paths relative to that
 * directory. Terraform reads only `*.tf` and `*.tf.json`, so the file changes nothing it does, and `cdk.tf.json` stays
 * as it was. Positions are TypeScript ones where the app runs with source maps (tsx and `node --enable-source-maps`
 * through Node.js's source-map cache, ts-node through the stack it formats), JavaScript ones otherwise; apps in other
 * languages (jsii) have no frame of their own in the Node.js stack, and their results fall back to the synthesized
 * file.
 */
import * as fs from 'node:fs';
import { findSourceMap, SourceMap } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TerraformStack } from 'cdktf';
import { addCustomSynthesis } from 'cdktf/lib/synthesize/synthesizer';
import { Construct, IConstruct } from 'constructs';

/** The file's name in the stack directory; the report reads it under the same name (packages/report/src/sarif.ts). */
export const CREATION_SITES_FILE = 'creation-sites.json';

/** This library's own directory (`lib/` in the repository, `build/` when installed). */
const LIBRARY_DIR = path.resolve(__dirname, '..');
const RECORDER_ID = 'VaultBackedCredentialsCreationSites';
/**
 * Frames to capture. The library's own calls are two or three deep (`trust.grantWorkspaces` → `new WorkspaceGrant`),
 * so the user's frame comes right after them; capturing costs about linearly in the number of frames.
 */
const FRAMES = 10;

interface Site {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** One per stack: the sites by construct path, written at synthesis. */
class CreationSites extends Construct {
  public static of(scope: IConstruct): CreationSites {
    const stack = TerraformStack.of(scope);
    const existing = stack.node.tryFindChild(RECORDER_ID);
    return existing instanceof CreationSites ? existing : new CreationSites(stack);
  }

  public readonly sites = new Map<string, Site>();

  private constructor(stack: TerraformStack) {
    super(stack, RECORDER_ID);
    addCustomSynthesis(this, {
      onSynthesize: (session) => {
        if (this.sites.size === 0) return;
        const dir = path.resolve(session.outdir, session.manifest.forStack(stack).workingDirectory);
        const sites: Record<string, Site> = {};
        for (const [constructPath, site] of this.sites) {
          sites[constructPath] = { ...site, file: path.relative(dir, site.file).split(path.sep).join('/') };
        }
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(path.join(dir, CREATION_SITES_FILE), JSON.stringify({ version: 1, sites }, null, 2) + '\n');
      },
    });
  }
}

/** A file name from a stack frame or a source map: a path, or a `file://` URL. */
function filePath(name: string, relativeTo?: string): string | undefined {
  if (name.startsWith('file://')) return fileURLToPath(name);
  if (path.isAbsolute(name)) return name;
  return relativeTo === undefined ? undefined : path.resolve(path.dirname(relativeTo), name);
}

function isOwnFile(file: string): boolean {
  return file.startsWith(LIBRARY_DIR + path.sep) || file.split(/[\\/]/).includes('node_modules');
}

/** The frames of the current stack as V8 call sites (no formatting, so no source-map work for frames not used). */
function callSites(): NodeJS.CallSite[] {
  const previous = Error.prepareStackTrace;
  const limit = Error.stackTraceLimit;
  const holder: { stack?: unknown } = {};
  try {
    Error.prepareStackTrace = (_error, sites) => sites;
    Error.stackTraceLimit = FRAMES;
    Error.captureStackTrace(holder, recordCreationSite);
    return Array.isArray(holder.stack) ? (holder.stack as NodeJS.CallSite[]) : [];
  } finally {
    Error.prepareStackTrace = previous;
    Error.stackTraceLimit = limit;
  }
}

/** Node.js's source map of each file, looked up once (a grant is usually created from the same few files). */
const sourceMaps = new Map<string, SourceMap | undefined>();

function sourceMapOf(file: string): SourceMap | undefined {
  if (!sourceMaps.has(file)) sourceMaps.set(file, findSourceMap(file));
  return sourceMaps.get(file);
}

/**
 * The first frame outside the library, at its source position: through Node.js's source maps (tsx,
 * `--enable-source-maps`), else, for a TypeScript file whose loader maps stacks itself (ts-node with
 * source-map-support), through a formatted `Error.stack`, which that loader maps.
 */
function userSite(): Site | undefined {
  for (const site of callSites()) {
    const name = site.getFileName();
    const file = name === undefined || name === null ? undefined : filePath(name);
    const line = site.getLineNumber();
    const column = site.getColumnNumber();
    if (file === undefined || line === null || column === null || isOwnFile(file)) continue;
    const entry = sourceMapOf(file)?.findEntry(line - 1, column - 1) as { originalSource?: string; originalLine?: number; originalColumn?: number } | undefined;
    if (entry?.originalSource !== undefined && entry.originalLine !== undefined && entry.originalColumn !== undefined) {
      const original = filePath(entry.originalSource, file);
      if (original !== undefined) return { file: original, line: entry.originalLine + 1, column: entry.originalColumn + 1 };
    }
    return /\.[cm]?tsx?$/.test(file) ? formattedSite() : { file, line, column };
  }
  return undefined;
}

/** The first frame outside the library from a formatted `Error.stack` (`at f (/a b/c.ts:1:2)`, `at /a (b)/c.ts:1:2`). */
function formattedSite(): Site | undefined {
  const limit = Error.stackTraceLimit;
  const holder: { stack?: string } = {};
  try {
    Error.stackTraceLimit = FRAMES;
    Error.captureStackTrace(holder, recordCreationSite);
  } finally {
    Error.stackTraceLimit = limit;
  }
  for (const line of (holder.stack ?? '').split('\n').slice(1)) {
    // A named frame's position is in parentheses at the end of the line; an anonymous frame's is the rest of the
    // line, and may itself hold " (" (a directory named `a (b)`), which only the first form closes with ")".
    const match = /^\s*at (?:.*? \((.+?):(\d+):(\d+)\)|(.+?):(\d+):(\d+))$/.exec(line);
    const [name, row, column] = match === null ? [] : match[1] !== undefined ? match.slice(1, 4) : match.slice(4, 7);
    const file = name === undefined ? undefined : filePath(name);
    if (file !== undefined && !isOwnFile(file)) return { file, line: Number(row), column: Number(column) };
  }
  return undefined;
}

/** Records where `scope` was created: the first stack frame outside this library and `node_modules`. */
export function recordCreationSite(scope: Construct): void {
  const site = userSite();
  if (site !== undefined) CreationSites.of(scope).sites.set(scope.node.path, site);
}
