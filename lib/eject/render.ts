/**
 * Writes a synthesized Terraform JSON configuration (`cdk.tf.json`) as native HCL, for teams that leave CDKTF.
 *
 * Terraform's JSON syntax and its native syntax share one template language, so every string value carries over
 * unchanged; only the quoting differs: in a quoted HCL string, `"`, `\` and control characters outside `${...}` and
 * `%{...}` sequences are escaped, and text inside them is copied as is. Which keys are nested blocks (rather than
 * object-valued arguments) cannot be told from the JSON, so the caller passes them per block type.
 * (https://developer.hashicorp.com/terraform/language/syntax/json)
 *
 * Pure: no cdktf import.
 */

/** Nested-block paths per block type: `resource.vault_gcp_secret_roleset` -> {`binding`}, dotted for deeper ones. */
export type BlockPaths = ReadonlyMap<string, ReadonlySet<string>>;

/** Meta-argument blocks Terraform knows in every resource and data block. */
const META_BLOCKS = new Set(['lifecycle', 'provisioner', 'connection', 'postcondition', 'precondition']);
/** Meta-arguments of resources and data sources whose JSON strings are expressions (addresses), written bare. */
const RESOURCE_BARE = new Set(['depends_on', 'ignore_changes', 'replace_triggered_by', 'provider']);

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * A quoted HCL string for a template `text`: escapes outside template sequences, the sequences verbatim.
 */
export function quoteTemplate(text: string): string {
  let out = '"';
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if ((ch === '$' || ch === '%') && text[i + 1] === '{') {
      if (text[i - 1] === ch && isEscapedSequenceStart(text, i - 1)) {
        // "$${" / "%%{" is a literal "${" / "%{"; the first "$" / "%" is already out, the rest keeps the escape.
        out += `${ch}{`;
        i += 2;
        continue;
      }
      const end = endOfSequence(text, i + 2);
      out += text.slice(i, end);
      i = end;
      continue;
    }
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else out += ch;
    i++;
  }
  return `${out}"`;
}

/** True when the `$$`/`%%` at `at` starts an escape (an even run of the same character ends there). */
function isEscapedSequenceStart(text: string, at: number): boolean {
  let run = 0;
  for (let k = at + 1; k >= 0 && text[k] === text[at]; k--) run++;
  return run % 2 === 0;
}

/** Index just past the `}` that closes a template sequence whose body starts at `start`. */
function endOfSequence(text: string, start: number): number {
  let depth = 1;
  let i = start;
  while (i < text.length && depth > 0) {
    const ch = text[i];
    if (ch === '"') {
      // A string literal inside the expression: skip it, honouring escapes and nested template sequences.
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\') i += 2;
        else if ((text[i] === '$' || text[i] === '%') && text[i + 1] === '{') i = endOfSequence(text, i + 2);
        else i++;
      }
      i++;
      continue;
    }
    if (ch === '{') depth++;
    else if (ch === '}') depth--;
    i++;
  }
  return i;
}

/** A string value: a heredoc for multi-line text ending in a newline, a quoted template otherwise. */
function renderString(text: string): string {
  if (text.includes('\n') && text.endsWith('\n') && !text.includes('\r')) {
    let marker = 'EOT';
    while (text.split('\n').some((line) => line.trim() === marker)) marker += '_';
    return `<<${marker}\n${text}${marker}`;
  }
  return quoteTemplate(text);
}

/** A bare expression for a string that names an address or type (`aws_iam_user.x`, `string`), or is one `${...}`. */
function renderBare(text: string): string {
  const whole = /^\$\{([\s\S]*)\}$/.exec(text);
  if (whole && endOfSequence(text, 2) === text.length) return whole[1];
  return text;
}

/**
 * An argument's value as `terraform fmt` leaves it: a string that is exactly one interpolation (`"${a.b}"`) is
 * written as the bare expression (a multi-line one in parentheses), as fmt unwraps it; anything else as
 * {@link renderValue} writes it. Only arguments are unwrapped, not strings nested in lists or objects (fmt does the
 * same).
 */
function renderArgument(value: unknown, indent: string, bare = false): string {
  if (!bare && typeof value === 'string' && /^\$\{[\s\S]*\}$/.test(value) && endOfSequence(value, 2) === value.length && isSingleInterpolation(value)) {
    const inner = value.slice(2, -1).replace(/^\n+|\n+$/g, '');
    return inner.includes('\n') && !(inner.startsWith('(') && inner.endsWith(')')) ? `(${inner})` : inner;
  }
  return renderValue(value, indent, bare);
}

/** Whether a `${...}` template holds no other interpolation or literal text at its outer level (hclwrite's test). */
function isSingleInterpolation(value: string): boolean {
  const inner = value.slice(2, -1);
  return inner.trim() !== '' && !inner.includes('%{');
}

function renderKey(key: string): string {
  return IDENTIFIER.test(key) ? key : quoteTemplate(key);
}

function renderValue(value: unknown, indent: string, bare = false): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return bare ? renderBare(value) : renderString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => `${inner}${renderValue(v, inner, bare)},`).join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `${inner}${quoteTemplate(k)} = ${renderValue(v, inner)}`).join('\n')}\n${indent}}`;
}

/** The body of a block: arguments first, then nested blocks, skipping cdktf's `//` metadata. */
function renderBody(
  body: Record<string, unknown>,
  indent: string,
  blocks: ReadonlySet<string>,
  prefix: string,
  bare: ReadonlySet<string> = RESOURCE_BARE,
): string {
  const lines: string[] = [];
  const nested: string[] = [];
  for (const [key, value] of Object.entries(body)) {
    if (key === '//' || value === undefined) continue;
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (META_BLOCKS.has(key) || blocks.has(path)) {
      const items = Array.isArray(value) ? value : [value];
      for (const item of items) {
        nested.push(`${indent}${key} {\n${renderBody((item ?? {}) as Record<string, unknown>, `${indent}  `, blocks, path, bare)}${indent}}\n`);
      }
      continue;
    }
    const isBare = prefix === '' ? bare.has(key) : key === 'ignore_changes' || key === 'replace_triggered_by';
    lines.push(`${indent}${renderKey(key)} = ${renderArgument(value, indent, isBare)}\n`);
  }
  return lines.join('') + nested.join('');
}

function labelled(kind: string, labels: string[], body: string): string {
  return `${kind} ${labels.map((l) => quoteTemplate(l)).join(' ')}${labels.length > 0 ? ' ' : ''}{\n${body}}\n`;
}

/** A JSON object of the configuration: a block body, or a map of bodies by name. */
export type JsonObject = { [key: string]: unknown };

/** The JSON object at `where`; anything else is refused, since no HCL block can be written from it. */
function objectAt(value: unknown, where: string): JsonObject {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new TypeError(`${where} is not a JSON object: ${JSON.stringify(value)}`);
  return value as JsonObject;
}

/** The entries of an optional section of the configuration (`provider`, `variable`, ...): none when it is absent or null. */
function sectionEntries(config: JsonObject, key: string): Array<[string, unknown]> {
  return config[key] == null ? [] : Object.entries(objectAt(config[key], key));
}

/**
 * Renders a Terraform JSON configuration as HCL. `blocks` names the nested blocks of each resource, data source and
 * provider type (see {@link BlockPaths}); everything else that is an object or a list is written as an argument.
 */
export function renderTerraformJsonAsHcl(config: JsonObject, blocks: BlockPaths = new Map()): string {
  const none = new Set<string>();
  const out: string[] = [];
  if (config.terraform) {
    const parts: string[] = [];
    for (const [key, value] of Object.entries(objectAt(config.terraform, 'terraform'))) {
      const where = `terraform.${key}`;
      if (key === 'required_providers') {
        const providers = Object.entries(objectAt(value, where)).map(([name, spec]) => `    ${renderKey(name)} = ${renderValue(spec, '    ')}\n`);
        parts.push(`  required_providers {\n${providers.join('')}  }\n`);
      } else if (key === 'backend') {
        for (const [type, body] of Object.entries(objectAt(value, where))) {
          parts.push(`  backend ${quoteTemplate(type)} {\n${renderBody(objectAt(body, `${where}.${type}`), '    ', none, '')}  }\n`);
        }
      } else if (key === 'cloud') {
        parts.push(`  cloud {\n${renderBody(objectAt(value, where), '    ', new Set(['workspaces']), '')}  }\n`);
      } else {
        parts.push(`  ${renderKey(key)} = ${renderArgument(value, '  ')}\n`);
      }
    }
    out.push(`terraform {\n${parts.join('')}}\n`);
  }
  for (const [name, instances] of sectionEntries(config, 'provider')) {
    for (const body of Array.isArray(instances) ? instances : [instances]) {
      out.push(labelled('provider', [name], renderBody(objectAt(body, `provider.${name}`), '  ', blocks.get(`provider.${name}`) ?? none, '')));
    }
  }
  for (const [name, body] of sectionEntries(config, 'variable')) {
    out.push(labelled('variable', [name], renderBody(objectAt(body, `variable.${name}`), '  ', new Set(['validation']), '', new Set(['type']))));
  }
  const locals = sectionEntries(config, 'locals');
  if (locals.length > 0) {
    out.push(`locals {\n${locals.map(([k, v]) => `  ${renderKey(k)} = ${renderArgument(v, '  ')}\n`).join('')}}\n`);
  }
  for (const kind of ['data', 'resource'] as const) {
    for (const [type, named] of sectionEntries(config, kind)) {
      for (const [name, body] of Object.entries(objectAt(named, `${kind}.${type}`))) {
        const labels = [type, name];
        out.push(labelled(kind, labels, renderBody(objectAt(body, `${kind}.${type}.${name}`), '  ', blocks.get(`${kind}.${type}`) ?? none, '')));
      }
    }
  }
  for (const [name, body] of sectionEntries(config, 'module')) {
    out.push(labelled('module', [name], renderBody(objectAt(body, `module.${name}`), '  ', none, '', new Set(['depends_on', 'providers']))));
  }
  for (const [name, body] of sectionEntries(config, 'output')) {
    out.push(labelled('output', [name], renderBody(objectAt(body, `output.${name}`), '  ', none, '', new Set(['depends_on']))));
  }
  for (const kind of ['import', 'moved', 'removed'] as const) {
    const bodies: unknown = config[kind] ?? [];
    if (!Array.isArray(bodies)) throw new TypeError(`${kind} is not a JSON array: ${JSON.stringify(bodies)}`);
    for (const body of bodies) {
      out.push(labelled(kind, [], renderBody(objectAt(body, kind), '  ', none, '', new Set(['to', 'from', 'provider']))));
    }
  }
  return alignAssignments(out.join('\n'));
}

/** Net change in bracket depth over an expression's text: `{[(` and `${`/`%{` open, `}])` close; string text is skipped. */
function netBrackets(expression: string): number {
  let net = 0;
  /** Open sequences: `e` an expression bracket, `t` a template interpolation inside a string. */
  const stack: Array<'e' | 't'> = [];
  let inString = false;
  for (let i = 0; i < expression.length; i++) {
    const ch = expression[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      else if ((ch === '$' || ch === '%') && expression[i + 1] === '{' && expression[i - 1] !== ch) {
        stack.push('t');
        net++;
        inString = false;
        i++;
      }
      continue;
    }
    if (ch === '"') inString = true;
    else if ('{[('.includes(ch)) {
      stack.push('e');
      net++;
    } else if ('}])'.includes(ch)) {
      net--;
      if (stack.pop() === 't') inString = true;
    }
  }
  return net;
}

const ASSIGNMENT = /^(\s*)("(?:[^"\\]|\\.)*"|[A-Za-z_][A-Za-z0-9_-]*) = (.*)$/;

/**
 * Aligns the `=` of consecutive one-line arguments as `terraform fmt` does (hclwrite): a run of lines that each assign
 * a whole expression shares one column, one space after the longest name. A blank line, a block, or a line that opens
 * a multi-line value ends the run; a heredoc counts as one line, the one that opens it.
 */
export function alignAssignments(text: string): string {
  const lines = text.split('\n');
  let run: Array<{ index: number; indent: string; name: string; value: string }> = [];
  const close = () => {
    const width = Math.max(0, ...run.map((r) => [...r.name].length));
    for (const r of run) lines[r.index] = `${r.indent}${r.name}${' '.repeat(width - [...r.name].length + 1)}= ${r.value}`;
    run = [];
  };
  let heredoc: string | undefined;
  lines.forEach((line, index) => {
    if (heredoc !== undefined) {
      if (line.trim() === heredoc) heredoc = undefined;
      return;
    }
    const match = ASSIGNMENT.exec(line);
    if (!match) {
      close();
      return;
    }
    const [, indent, name, value] = match;
    const opens = /^<<-?([A-Za-z_][A-Za-z0-9_]*)$/.exec(value);
    if (opens) {
      // hclwrite reads a heredoc as part of the line that opens it: the run goes on after its closing marker.
      run.push({ index, indent, name, value });
      heredoc = opens[1];
      return;
    }
    if (netBrackets(value) !== 0) {
      close();
      return;
    }
    run.push({ index, indent, name, value });
  });
  close();
  return lines.join('\n');
}
