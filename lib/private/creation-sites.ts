/**
 * Internal: where in the user's code each grant and trust was created, written beside the synthesized stack so the
 * trust report can place a code-scanning result on the line a reviewer edits rather than in `cdktf.out/` (which is
 * usually git-ignored).
 *
 * cdktf 0.21 records no stack traces unless asked (`stackTraces` on the App, for every element, which is costly), so
 * the constructors that matter call {@link recordCreationSite}: it captures one stack, takes the first frame outside
 * this library and outside `node_modules`, and keeps it by construct path. At synthesis a custom-synthesis hook writes
 * `creation-sites.json` into the stack's directory (`cdktf.out/stacks/<stack>/`), with file paths relative to that
 * directory. Terraform reads only `*.tf` and `*.tf.json`, so the file changes nothing it does, and `cdk.tf.json` stays
 * as it was. Frames come from `Error.stack`, so TypeScript positions where the app runs with source maps (ts-node,
 * tsx, `node --enable-source-maps`), JavaScript positions otherwise; apps in other languages (jsii) have no frame of
 * their own in the Node.js stack, and their results fall back to the synthesized file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TerraformStack } from 'cdktf';
import { addCustomSynthesis } from 'cdktf/lib/synthesize/synthesizer';
import { Construct, IConstruct } from 'constructs';

/** The file's name in the stack directory; the report reads it under the same name (packages/report/src/sarif.ts). */
export const CREATION_SITES_FILE = 'creation-sites.json';

/** This library's own directory (`lib/` in the repository, `build/` when installed). */
const LIBRARY_DIR = path.resolve(__dirname, '..');
const RECORDER_ID = 'VaultBackedCredentialsCreationSites';
/** Frames to capture: the library's own calls are a handful deep; the user's frame comes right after them. */
const FRAMES = 25;

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

/** The file, line and column of one `Error.stack` line (`at f (/a b/c.ts:1:2)`, `at /a/c.ts:1:2`, `file://` URLs). */
function frameOf(line: string): Site | undefined {
  const match = /^\s*at (?:.*? \()?(.+?):(\d+):(\d+)\)?$/.exec(line);
  if (!match) return undefined;
  let file = match[1];
  if (file.startsWith('file://')) file = decodeURIComponent(new URL(file).pathname);
  if (!path.isAbsolute(file)) return undefined;
  return { file, line: Number(match[2]), column: Number(match[3]) };
}

function isOwnFrame(file: string): boolean {
  return file.startsWith(LIBRARY_DIR + path.sep) || file.split(/[\\/]/).includes('node_modules');
}

/** Records where `scope` was created: the first stack frame outside this library and `node_modules`. */
export function recordCreationSite(scope: Construct): void {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = FRAMES;
  const holder: { stack?: string } = {};
  Error.captureStackTrace(holder, recordCreationSite);
  Error.stackTraceLimit = limit;
  for (const line of (holder.stack ?? '').split('\n').slice(1)) {
    const site = frameOf(line);
    if (site === undefined || isOwnFrame(site.file)) continue;
    CreationSites.of(scope).sites.set(scope.node.path, site);
    return;
  }
}
