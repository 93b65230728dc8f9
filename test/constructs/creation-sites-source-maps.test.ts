import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { CREATION_SITES_FILE } from '../../lib/private/creation-sites';

/**
 * Creation sites of an app compiled to JavaScript with a source map and run with `node --enable-source-maps` (as
 * `tsc` then `node` does): the positions are the TypeScript ones, through Node.js's source-map cache, and the file
 * is the TypeScript source. The app runs in a child Node process (jest runs code in its own module registry, where
 * Node.js keeps no source maps); it loads the library from its sources through tsx.
 */

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '..', '..');
/** The built package (`npm run build`), which runs without a TypeScript loader. */
const BUILT = path.join(ROOT, 'build');

/** The user's app; the types compiled away shift the JavaScript lines away from these. */
const APP = `import { TfeProvider } from '@cdktf/provider-tfe/lib/provider';
import { VaultProvider } from '@cdktf/provider-vault/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { VaultBackedDynamicCredentials, WorkspaceSelector } from ${JSON.stringify(path.join(ROOT, 'lib'))};

interface Names {
  readonly organization: string;
  readonly project: string;
}
const names: Names = { organization: 'acme', project: 'Apps' };
const app = new App({ outdir: process.argv[2] });
const stack = new TerraformStack(app, 'apps');
new VaultProvider(stack, 'vault', {});
new TfeProvider(stack, 'tfe', {});
type Props = ConstructorParameters<typeof VaultBackedDynamicCredentials>[2];
const props: Props = { organization: names.organization, vaultAddress: 'https://vault.example.com' };
const trust: VaultBackedDynamicCredentials = new VaultBackedDynamicCredentials(stack, 'trust', props);
const read = trust.addAwsSecretsEngine('aws').addAssumedRole('read', { roleArns: ['arn:aws:iam::111111111111:role/app-read'] });
const workspaces: WorkspaceSelector = WorkspaceSelector.names('app');
trust.grantWorkspaces('app', { project: names.project as string, workspaces, aws: { plan: read, apply: read } });
app.synth();
`;

/**
 * What source-map-support and ts-node do, in short: formats each stack frame at its mapped position, from the
 * `sourceMappingURL` comment of the frame's file, while Node.js itself keeps no source maps.
 */
const MAP_FORMATTED_STACKS = `const fs = require('fs');
const path = require('path');
const { SourceMap } = require('module');
const maps = new Map();
function mapOf(file) {
  if (!maps.has(file)) {
    const url = /\\/\\/# sourceMappingURL=(.+)/.exec(fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '');
    const mapFile = url && !url[1].startsWith('data:') ? path.resolve(path.dirname(file), url[1]) : undefined;
    maps.set(file, mapFile && { dir: path.dirname(file), map: new SourceMap(JSON.parse(fs.readFileSync(mapFile, 'utf8'))) });
  }
  return maps.get(file);
}
Error.prepareStackTrace = (error, frames) => [String(error), ...frames.map((frame) => {
  const file = frame.getFileName();
  const found = file && mapOf(file);
  const entry = found && found.map.findEntry(frame.getLineNumber() - 1, frame.getColumnNumber() - 1);
  const where = entry && entry.originalSource !== undefined
    ? path.resolve(found.dir, entry.originalSource) + ':' + (entry.originalLine + 1) + ':' + (entry.originalColumn + 1)
    : file + ':' + frame.getLineNumber() + ':' + frame.getColumnNumber();
  return '    at ' + (frame.getFunctionName() || '<anonymous>') + ' (' + where + ')';
})].join('\\n');
`;

/** The 1-based line and column of `token` on the line of `text` (the app's, by default) that starts with `start`. */
function at(start: string, token: string, text = APP): { line: number; column: number } {
  const lines = text.split('\n');
  const index = lines.findIndex((line) => line.startsWith(start));
  return { line: index + 1, column: lines[index].indexOf(token) + 1 };
}

let dir: string;
let compiled: ts.TranspileOutput;

/** Runs the compiled app with `node` and these options, synthesizing into `outdir`; returns the sites written. */
function synth(options: string[], app: string, outdir: string): unknown {
  const run = spawnSync(process.execPath, [...options, app, outdir], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') },
    timeout: 100_000,
  });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return JSON.parse(fs.readFileSync(path.join(dir, outdir, 'stacks', 'apps', CREATION_SITES_FILE), 'utf8'));
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'creation-sites-maps-'));
  compiled = ts.transpileModule(APP, {
    fileName: 'app.ts',
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, sourceMap: true, esModuleInterop: true },
  });
  fs.writeFileSync(path.join(dir, 'app.ts'), APP);
  fs.writeFileSync(path.join(dir, 'app.js'), compiled.outputText);
  fs.writeFileSync(path.join(dir, 'app.js.map'), compiled.sourceMapText!);
  // The same app on the built package (compiled JavaScript, no source map of its own), without the map.
  const onBuilt = compiled.outputText.replace(JSON.stringify(path.join(ROOT, 'lib')), JSON.stringify(BUILT));
  fs.writeFileSync(path.join(dir, 'plain.js'), onBuilt.replace(/\/\/# sourceMappingURL=.*/, ''));
  // With its map, under a loader that maps formatted stacks only: as a `.cts` file, and as a `.js` file in a
  // directory whose name holds `.ts`.
  fs.writeFileSync(path.join(dir, 'map-formatted-stacks.js'), MAP_FORMATTED_STACKS);
  fs.writeFileSync(path.join(dir, 'app.cts'), onBuilt);
  fs.mkdirSync(path.join(dir, 'out.tsc'));
  fs.writeFileSync(path.join(dir, 'out.tsc', 'app.js'), onBuilt.replace(/sourceMappingURL=.*/, 'sourceMappingURL=../app.js.map'));
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('an app compiled with a source map gets the TypeScript file, line and column of each call', () => {
  expect(synth(['--enable-source-maps', '-r', require.resolve('tsx/cjs')], 'app.js', 'cdktf.out')).toEqual({
    version: 1,
    sites: {
      'apps/trust': { file: '../../../app.ts', ...at('const trust', 'new VaultBackedDynamicCredentials') },
      'apps/trust/app': { file: '../../../app.ts', ...at("trust.grantWorkspaces('app'", 'grantWorkspaces') },
    },
  });
});

test('an app in JavaScript without a source map gets the JavaScript file, line and column of each call', () => {
  expect(fs.existsSync(path.join(BUILT, 'index.js'))).toBe(true); // `npm run build` first
  const js = compiled.outputText;
  expect(synth([], 'plain.js', 'plain.out')).toEqual({
    version: 1,
    sites: {
      'apps/trust': { file: '../../../plain.js', ...at('const trust', 'new ', js) },
      'apps/trust/app': { file: '../../../plain.js', ...at("trust.grantWorkspaces('app'", 'grantWorkspaces', js) },
    },
  });
  // The compiled lines differ from the TypeScript ones, so the test above tells the two apart.
  expect(at('const trust', 'new ', js).line).not.toBe(at('const trust', 'new ').line);
});

describe('under a loader that maps only formatted stacks (source-map-support, ts-node)', () => {
  test('a TypeScript file (.cts) gets its mapped TypeScript position', () => {
    expect(synth(['-r', './map-formatted-stacks.js'], 'app.cts', 'cts.out')).toEqual({
      version: 1,
      sites: {
        'apps/trust': { file: '../../../app.ts', ...at('const trust', 'new VaultBackedDynamicCredentials') },
        'apps/trust/app': { file: '../../../app.ts', ...at("trust.grantWorkspaces('app'", 'grantWorkspaces') },
      },
    });
  });

  test('a JavaScript file gets its own position, also in a directory whose name holds .ts', () => {
    const js = compiled.outputText;
    expect(synth(['-r', './map-formatted-stacks.js'], 'out.tsc/app.js', 'js.out')).toEqual({
      version: 1,
      sites: {
        'apps/trust': { file: '../../../out.tsc/app.js', ...at('const trust', 'new ', js) },
        'apps/trust/app': { file: '../../../out.tsc/app.js', ...at("trust.grantWorkspaces('app'", 'grantWorkspaces', js) },
      },
    });
  });
});
