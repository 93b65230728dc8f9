import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';

// Every TypeScript block of the README compiles against the library's sources. Blocks with imports compile as they
// stand, fragments find the names the prose introduced in test/fixtures/readme/readme-globals.d.ts.txt (a .txt, so
// that tsc and eslint do not make its globals visible to the test suite itself), and the
// user modules blocks import (such as './platform-trust') come from the same folder, as jsii-rosetta fixtures do.
const root = path.resolve(__dirname, '..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
// A fence may carry jsii-rosetta parameters (```ts nofixture); ```mts marks TypeScript that rosetta must not translate.
const blocks = [...readme.matchAll(/```(?:ts|typescript|mts)(?: [^\n]*)?\n([\s\S]*?)```/g)].map((m) => ({
  code: m[1],
  line: readme.slice(0, m.index).split('\n').length + 1,
}));

function compile(): Map<number, string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'readme-ts-'));
  const files = new Map<string, number>();
  try {
    const modules = path.join(root, 'test', 'fixtures', 'readme', 'modules');
    for (const name of fs.readdirSync(modules)) fs.copyFileSync(path.join(modules, name), path.join(dir, name));
    fs.copyFileSync(path.join(root, 'test', 'fixtures', 'readme', 'readme-globals.d.ts.txt'), path.join(dir, 'readme-globals.d.ts'));
    for (const block of blocks) {
      // Each block is its own module, so names do not clash between blocks.
      const text = `${block.code}\nexport {};\n`;
      const file = path.join(dir, `block-line-${block.line}.ts`);
      fs.writeFileSync(file, text);
      files.set(file, block.line);
    }
    const options: ts.CompilerOptions = {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      esModuleInterop: true,
      experimentalDecorators: true,
      baseUrl: root,
      typeRoots: [path.join(root, 'node_modules', '@types')],
      types: ['jest', 'node'],
      paths: {
        'cdktf-vault-backed-credentials': ['lib/index.ts'],
        'cdktf-vault-backed-credentials/report': ['lib/report.ts'],
        'cdktf-vault-backed-credentials/testing': ['lib/testing.ts'],
        'vault-backed-credentials-report': ['packages/report/src/index.ts'],
        'vault-backed-credentials-report/*': ['packages/report/src/*'],
        '*': ['node_modules/*', 'node_modules/@types/*'],
      },
    };
    const program = ts.createProgram([...files.keys(), path.join(dir, 'readme-globals.d.ts')], options);
    const problems = new Map<number, string[]>();
    // Only the blocks are checked: the library itself is tsc's business (npm run typecheck), and checking the blocks
    // alone costs the checker only the library types they use.
    const diagnostics = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics(), ...[...files.keys()].flatMap((file) => {
      const source = program.getSourceFile(file);
      return source === undefined ? [] : [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
    })];
    for (const d of diagnostics) {
      const line = d.file ? files.get(d.file.fileName) : undefined;
      if (line === undefined) continue;
      const at = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
      const list = problems.get(line) ?? [];
      list.push(`line ${at} of the compiled block: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
      problems.set(line, list);
    }
    return problems;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

let problems: Map<number, string[]>;
beforeAll(() => {
  problems = compile();
}, 180_000);

test('the README has TypeScript examples, among them complete programs', () => {
  expect(blocks.length).toBeGreaterThanOrEqual(5);
  expect(blocks.filter((b) => /^import\s/m.test(b.code)).length).toBeGreaterThanOrEqual(2);
});

test.each(blocks.map((b) => [b.line]))('README TypeScript block at line %d compiles', (line) => {
  expect(problems.get(line as number) ?? []).toEqual([]);
});
