import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { JsiiAssembly, JsiiDocs, readAssembly } from './support/jsii-assembly';

// Documentation that cannot name what does not exist: every API name written in backticks in the prose of README.md,
// docs/*.md and the TSDoc of the jsii assembly (a type, a method or property, a call, an object key) must exist in
// the assembly (or in the TypeScript-only entry points `/testing` and `/report`, or in the cdktf, constructs and
// provider assemblies the examples use). Code blocks are not read here: they are compiled (readme-typescript,
// check-rosetta). Spans that are not API (Terraform attributes, environment variables, CLI flags, paths, HCL) are
// recognised by their shape; the few API-shaped names that are not API are listed below, each with its reason.
const root = path.resolve(__dirname, '..');

/** API-shaped names that are not API names, and why. */
const NOT_API: Record<string, string> = {
  Error: "JavaScript's built-in error class (what the assertions throw)",
  InvalidClientTokenId: 'an AWS API error code, quoted from a failing run',
  ExpiredToken: 'an AWS API error code, quoted from a failing run',
  Reader: 'an Azure built-in role name',
  AzureUSGovernmentCloud: 'an Azure environment name, a value of the Azure engine\'s environment',
  'Application.ReadWrite.OwnedBy': 'a Microsoft Graph API permission',
  'GroupMember.ReadWrite.All': 'a Microsoft Graph API permission',
  AwsProvider: 'the provider class of @cdktf/provider-aws, whose 130 MB assembly this check does not load',
  AzureadProvider: 'the class of a locally generated AzureAD provider (no prebuilt package exists)',
  Intrinsic: "a cdktf internal class (not in cdktf's jsii assembly) named by the performance notes",
  StackSynthesizer: "a cdktf internal class (not in cdktf's jsii assembly) named by the performance notes",
  heapUsed: "a field of Node.js's process.memoryUsage()",
  reduce: "JavaScript's Array.prototype.reduce, quoted from cdktf's code",
  'tool.driver.rules': 'SARIF 2.1.0 log properties',
  inSource: 'a SARIF 2.1.0 suppression kind',
  partialFingerprints: 'a SARIF 2.1.0 result property',
  primaryLocationLineHash: 'a SARIF partialFingerprints key GitHub code scanning reads',
  'terraform.tfvars': 'a Terraform variable-definitions file name',
  ReadOnlyAccess: 'an AWS managed policy name',
  PowerUserAccess: 'an AWS managed policy name',
  AdministratorAccess: 'an AWS managed policy name',
  Contributor: 'an Azure built-in role name',
  Owner: 'an Azure built-in role name',
};

/** Roots of Node.js and JavaScript built-ins (`process.memoryUsage()`, `JSON.parse`, `require.cache`). */
const JAVASCRIPT_GLOBALS = ['process', 'v8', 'require', 'JSON', 'Object', 'Array', 'Math', 'console'];

interface Mention {
  readonly where: string;
  readonly span: string;
}

/** Inline code spans of Markdown prose (fenced blocks and HTML comments removed), with the line they are on. */
function markdownMentions(file: string): Mention[] {
  const text = fs.readFileSync(file, 'utf8');
  const prose = text.replace(/^```[\s\S]*?^```/gm, (b) => b.replace(/[^\n]/g, ' ')).replace(/<!--[\s\S]*?-->/g, (c) => c.replace(/[^\n]/g, ' '));
  const out: Mention[] = [];
  for (const m of prose.matchAll(/`([^`\n]+)`/g)) {
    out.push({ where: `${path.relative(root, file)}:${prose.slice(0, m.index).split('\n').length}`, span: m[1] });
  }
  return out;
}

/** Inline code spans of the assembly's docs (summary, remarks, defaults, returns, parameters; not examples). */
function assemblyMentions(assembly: JsiiAssembly): Mention[] {
  const out: Mention[] = [];
  const add = (where: string, docs: JsiiDocs | undefined) => {
    for (const key of ['summary', 'remarks', 'default', 'returns', 'deprecated'] as const) {
      const text = docs?.[key];
      if (!text) continue;
      const prose = text.replace(/^```[\s\S]*?^```/gm, '');
      for (const m of prose.matchAll(/`([^`\n]+)`/g)) out.push({ where: `TSDoc of ${where}`, span: m[1] });
    }
  };
  for (const type of Object.values(assembly.types ?? {})) {
    add(type.name, type.docs);
    for (const p of type.initializer?.parameters ?? []) add(`${type.name} constructor ${p.name}`, p.docs);
    for (const p of type.properties ?? []) add(`${type.name}.${p.name}`, p.docs);
    for (const m of type.members ?? []) add(`${type.name}.${m.name}`, m.docs);
    for (const m of type.methods ?? []) {
      add(`${type.name}.${m.name}`, m.docs);
      for (const p of m.parameters ?? []) add(`${type.name}.${m.name} ${p.name}`, p.docs);
    }
  }
  return out;
}

/** Every name an API offers: types, and per type its members (static and instance alike). */
class Names {
  readonly types = new Map<string, Set<string>>();
  /** Properties, parameters, enum members and methods of every type. */
  readonly members = new Set<string>();
  /** Methods and functions: what `name(...)` may call. */
  readonly methods = new Set<string>();

  addType(name: string, members: string[], methods: string[]): void {
    const known = this.types.get(name) ?? new Set<string>();
    for (const m of [...members, ...methods]) {
      known.add(m);
      this.members.add(m);
    }
    for (const m of methods) this.methods.add(m);
    this.types.set(name, known);
  }

  addAssembly(assembly: JsiiAssembly): void {
    for (const type of Object.values(assembly.types ?? {})) {
      const methods = type.methods ?? [];
      const parameters = [...(type.initializer?.parameters ?? []), ...methods.flatMap((m) => m.parameters ?? [])].map((p) => p.name);
      this.addType(type.name, [...(type.properties ?? []), ...(type.members ?? [])].map((m) => m.name).concat(parameters), methods.map((m) => m.name));
    }
  }

  /** The exports of TypeScript modules, and the members of the interfaces, classes and type aliases among them. */
  addModuleExports(checker: ts.TypeChecker, source: ts.SourceFile): void {
    const moduleSymbol = checker.getSymbolAtLocation(source);
    if (!moduleSymbol) throw new Error(`cannot read the exports of ${source.fileName}`);
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const members: string[] = [];
      const methods: string[] = [];
      if (symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.Class | ts.SymbolFlags.TypeAlias)) {
        for (const p of checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(symbol))) {
          (p.flags & ts.SymbolFlags.Method ? methods : members).push(p.getName());
        }
      }
      if (symbol.flags & ts.SymbolFlags.Function) methods.push(exported.getName());
      // Exported constants are written bare, as properties are.
      if (symbol.flags & ts.SymbolFlags.Variable) members.push(exported.getName());
      this.addType(exported.getName(), members, methods);
    }
  }

  /** Every name declared in a source file (functions, classes, variables, members), exported or not. */
  addDeclarations(source: ts.SourceFile): void {
    const visit = (node: ts.Node) => {
      const name = (node as { name?: ts.Node }).name;
      if (name && ts.isIdentifier(name)) {
        const text = name.text;
        if (ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) this.addType(text, [], [text]);
        else if (ts.isClassDeclaration(node) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) this.addType(text, [], []);
        else if (ts.isVariableDeclaration(node) || ts.isPropertyDeclaration(node) || ts.isPropertySignature(node) || ts.isParameter(node)) {
          this.members.add(text);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }

  /** A copy with the names of `other` added. */
  with(other: Names): Names {
    const out = new Names();
    for (const from of [this, other]) {
      for (const [type, members] of from.types) out.types.set(type, new Set([...(out.types.get(type) ?? []), ...members]));
      for (const m of from.members) out.members.add(m);
      for (const m of from.methods) out.methods.add(m);
    }
    return out;
  }
}

type Use = 'call' | 'key' | 'name';

const IDENT = /^[A-Za-z_$][\w$]*$/;
const isPascal = (s: string) => /^[A-Z][a-z0-9]/.test(s) && IDENT.test(s);
const isAllCaps = (s: string) => /^[A-Z][A-Z0-9_]*$/.test(s);
const isCamel = (s: string) => /^[a-z][a-z0-9]*[A-Z][A-Za-z0-9]*$/.test(s);

/**
 * The API names a span mentions, each as a chain of segments and how it is used: `call` for `x(...)`, `key` for an
 * object key, `name` for the expression a span starts with (or a `new`, or a type's static member). Identifiers that
 * are arguments or values (`stack`, `testRole`) are the reader's own variables and are not read. Spans that are not
 * TypeScript-shaped (paths, HCL, claims, flags, prose) give none.
 */
function apiNamesIn(span: string): Array<{ chain: string[]; use: Use }> {
  const code = span.trim();
  // Only expressions: a chain of identifiers, optionally called, or a `new`/call expression.
  if (!/^(new\s+)?[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*(\(.*\))?(\.[A-Za-z_$][\w$]*(\(.*\))?)*;?$/s.test(code)) return [];
  // Dotted names that are files, directories or hosts (`cdk.tf.json`, `cdktf.out`, `app.terraform.io`) are not expressions.
  if (/\.(json|ts|js|mjs|md|tf|hcl|pem|out|io|com|example|internal|net|org)$/.test(code)) return [];
  const text = code.replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g, (q) => ' '.repeat(q.length));
  const out: Array<{ chain: string[]; use: Use }> = [];
  const brackets: string[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if ('({['.includes(c)) brackets.push(c);
    if (')}]'.includes(c)) brackets.pop();
    const m = /^[A-Za-z_$][\w$]*(?:\s*\.\s*[A-Za-z_$][\w$]*|\([^()]*\)\s*\.\s*[A-Za-z_$][\w$]*)*/.exec(text.slice(i));
    if (!m || (i > 0 && /[\w$.]/.test(text[i - 1]))) {
      i += 1;
      continue;
    }
    const chain = m[0].replace(/\([^()]*\)/g, '').split('.').map((x) => x.trim());
    const before = text.slice(0, i).trimEnd();
    const after = text.slice(i + m[0].length).trimStart();
    i += m[0].length;
    if (chain[0] === 'new') continue;
    const inObject = brackets[brackets.length - 1] === '{';
    if (after.startsWith('(')) out.push({ chain, use: 'call' });
    else if (inObject && /[{,]$/.test(before) && /^[:,}]/.test(after)) out.push({ chain, use: 'key' });
    else if (before === '' || /(^|\s)new$/.test(before)) out.push({ chain, use: 'name' });
    else if (chain.length > 1 && isPascal(chain[0])) out.push({ chain, use: 'name' });
  }
  return out;
}

/** Why `chain` is not a name of the APIs, or undefined when it is (or is not API-shaped). */
function problemOf(names: Names, chain: string[], use: 'call' | 'key' | 'name'): string | undefined {
  // snake_case anywhere is Terraform (attributes, claims, resource types), never this library's API.
  if (chain.some((s) => s.includes('_') && !isAllCaps(s))) return undefined;
  const [first, ...rest] = chain;
  if (NOT_API[chain.join('.')] !== undefined || JAVASCRIPT_GLOBALS.includes(first)) return undefined;
  if (rest.length === 0) {
    if (isAllCaps(first)) return undefined; // environment variables and enum members written bare
    if (isPascal(first)) return names.types.has(first) ? undefined : `type ${first} does not exist`;
    if (use === 'key') return names.members.has(first) ? undefined : `no type has a property ${first}`;
    if (use === 'call') return names.methods.has(first) ? undefined : `no type has a method ${first}`;
    if (isCamel(first)) return names.members.has(first) ? undefined : `no type has a method or property ${first}`;
    return undefined; // a lower-case word: prose vocabulary as often as a name
  }
  if (isPascal(first) && names.types.has(first)) {
    const members = names.types.get(first)!;
    if (members.size > 0 && !members.has(rest[0])) return `${first} has no member ${rest[0]}`;
    const unknown = rest.slice(1).find((s) => !names.members.has(s));
    return unknown === undefined ? undefined : `no type has a member ${unknown} (in ${chain.join('.')})`;
  }
  if (isPascal(first)) return `type ${first} does not exist`;
  // A variable (`trust`, `role`, `grant`) followed by members: each must be a member of some type.
  const unknown = rest.find((s) => !isAllCaps(s) && !names.members.has(s));
  return unknown === undefined ? undefined : `no type has a member ${unknown} (in ${chain.join('.')})`;
}

const assembly = readAssembly(path.join(root, '.jsii'));
const names = new Names();
names.addAssembly(assembly);
for (const dependency of ['cdktf', 'constructs', '@cdktf/provider-vault', '@cdktf/provider-tfe']) {
  names.addAssembly(readAssembly(path.join(root, 'node_modules', dependency, '.jsii')));
}
// The TypeScript-only entry points, and (for the notes on internals, docs/performance.md) every declared name.
const sourceFiles = ['lib', 'packages/report/src'].flatMap((dir) =>
  (fs.readdirSync(path.join(root, dir), { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => path.join(root, dir, f)),
);
const program = ts.createProgram(sourceFiles, {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.CommonJS,
  moduleResolution: ts.ModuleResolutionKind.Node10,
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  types: [],
  baseUrl: root,
  paths: { 'vault-backed-credentials-report': ['packages/report/src/index.ts'], 'vault-backed-credentials-report/*': ['packages/report/src/*'] },
});
for (const entry of ['lib/testing.ts', 'lib/report.ts']) names.addModuleExports(program.getTypeChecker(), program.getSourceFile(path.join(root, entry))!);
const declared = new Names();
for (const file of sourceFiles) declared.addDeclarations(program.getSourceFile(file)!);
const namesForInternals = names.with(declared);

const docs = fs.readdirSync(path.join(root, 'docs')).filter((f) => f.endsWith('.md'));
const documents = [path.join(root, 'README.md'), ...docs.map((f) => path.join(root, 'docs', f))];
const mentions = [...documents.flatMap(markdownMentions), ...assemblyMentions(assembly)];

function problems(list: Mention[]): string[] {
  const out: string[] = [];
  for (const mention of list) {
    const known = mention.where.startsWith('docs/performance.md') ? namesForInternals : names;
    for (const { chain, use } of apiNamesIn(mention.span)) {
      const problem = problemOf(known, chain, use);
      if (problem) out.push(`${mention.where}: \`${mention.span}\`: ${problem}`);
    }
  }
  return out;
}

test('the documents and the TSDoc name API in backticks, and the check reads them', () => {
  expect(mentions.length).toBeGreaterThan(500);
  expect(mentions.filter((m) => m.where.startsWith('TSDoc')).length).toBeGreaterThan(100);
});

test('every API name in backticks in README.md, docs/*.md and the TSDoc exists', () => {
  expect(problems(mentions)).toEqual([]);
});

test('the check finds the names the issue found wrong, and passes their corrections', () => {
  const wrong = ['role(...)', 'iamUser', 'federationToken', 'assumedRole({ roleArns })', 'WorkspaceSelector.byName', 'trust.grantWorkspace', 'AwsRole'];
  expect(problems(wrong.map((span) => ({ where: 'sample', span })))).toEqual([
    'sample: `role(...)`: no type has a method role',
    'sample: `iamUser`: no type has a method or property iamUser',
    'sample: `federationToken`: no type has a method or property federationToken',
    'sample: `assumedRole({ roleArns })`: no type has a method assumedRole',
    'sample: `WorkspaceSelector.byName`: WorkspaceSelector has no member byName',
    'sample: `trust.grantWorkspace`: no type has a member grantWorkspace (in trust.grantWorkspace)',
    'sample: `AwsRole`: type AwsRole does not exist',
  ]);
  const right = [
    'addRole(...)', 'addIamUser', 'addFederationToken', 'addAssumedRole(id, { roleArns })', 'WorkspaceSelector.ids', 'role.arn', 'synthWithChecks(stack)',
  ];
  expect(problems(right.map((span) => ({ where: 'sample', span })))).toEqual([]);
});

test('spans that are not API are not read as API', () => {
  const other = [
    'tfe_variable_set', 'TFC_VAULT_ADDR', '--fail-on', 'cdk.tf.json', 'app.terraform.io', 'aws/sts/network-read-only', 'var.tfc_hostname',
    'organization:<o>:project:<p>',
  ];
  expect(other.flatMap((span) => apiNamesIn(span).filter((n) => problemOf(names, n.chain, n.use) !== undefined))).toEqual([]);
});

test('every name on the not-API list is still mentioned, so the list holds no stale entries', () => {
  const mentioned = new Set(mentions.flatMap((m) => apiNamesIn(m.span).map((n) => n.chain.join('.'))));
  expect(Object.keys(NOT_API).filter((name) => !mentioned.has(name))).toEqual([]);
});
