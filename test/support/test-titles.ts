import * as ts from 'typescript';

/**
 * Whether a test file declares a test with a given title, for catalogues that cite tests as `file › title`. The file
 * is parsed with the TypeScript compiler, so quotes in comments or regular expressions cannot confuse it, and a title
 * that merely appears inside some other string does not count.
 *
 * Titles come from the literal first argument of `test(...)` / `it(...)` (also `.only`, `.skip`, `.concurrent`,
 * `.failing`), and from `test.each(table)('template', ...)`: the template is filled in, the way jest does, with each
 * row of the table when the table is an array literal, or a variable of the same file initialised with one, whose
 * rows hold literals where the template has placeholders (`%s`, `%d`, `%i`, `%j`, `%%`).
 */
export function declaresTestTitle(fileName: string, source: string, title: string): boolean {
  return testTitles(fileName, source).has(title);
}

const cache = new Map<string, Set<string>>();

/** Every test title the file declares in a form this module understands. */
export function testTitles(fileName: string, source: string): Set<string> {
  const key = `${fileName}\u0000${source}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const declarations = new Map<string, ts.Expression>();
  const collect = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) declarations.set(node.name.text, node.initializer);
    ts.forEachChild(node, collect);
  };
  collect(file);

  const titles = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && node.arguments.length > 0) {
      const text = literalText(node.arguments[0]);
      if (text !== undefined && isTestFunction(node.expression)) titles.add(text);
      const each = node.expression;
      if (text !== undefined && ts.isCallExpression(each) && isEachFunction(each.expression) && each.arguments.length === 1) {
        for (const row of tableRows(each.arguments[0], declarations)) {
          const filled = fillTemplate(text, row);
          if (filled !== undefined) titles.add(filled);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  cache.set(key, titles);
  return titles;
}

/** `test`, `it`, or one of them with `.only`, `.skip`, `.concurrent` or `.failing`. */
function isTestFunction(expression: ts.Expression): boolean {
  if (ts.isIdentifier(expression)) return expression.text === 'test' || expression.text === 'it';
  return ts.isPropertyAccessExpression(expression) && ['only', 'skip', 'concurrent', 'failing'].includes(expression.name.text) && isTestFunction(expression.expression);
}

/** `test.each`, `it.each`, also after a modifier (`test.only.each`). */
function isEachFunction(expression: ts.Expression): boolean {
  return ts.isPropertyAccessExpression(expression) && expression.name.text === 'each' && isTestFunction(expression.expression);
}

/** Strips parentheses, `as`, `satisfies` and `!`, and follows an identifier to its initializer in the same file. */
function resolve(expression: ts.Expression, declarations: Map<string, ts.Expression>, depth = 0): ts.Expression {
  let e = expression;
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isNonNullExpression(e) || ts.isTypeAssertionExpression(e)) {
    e = e.expression;
  }
  if (ts.isIdentifier(e) && depth < 5) {
    const initializer = declarations.get(e.text);
    if (initializer) return resolve(initializer, declarations, depth + 1);
  }
  return e;
}

/** The rows of a `test.each` table as the values jest passes (undefined where a value is not a literal). */
function tableRows(table: ts.Expression, declarations: Map<string, ts.Expression>): Array<Array<string | undefined>> {
  const resolved = resolve(table, declarations);
  if (!ts.isArrayLiteralExpression(resolved)) return [];
  return resolved.elements.map((element) => {
    const row = resolve(element, declarations);
    // jest spreads a row that is an array; any other element is passed as the only argument.
    return ts.isArrayLiteralExpression(row) ? row.elements.map((value) => literalText(resolve(value, declarations))) : [literalText(row)];
  });
}

/** The text jest prints for a literal value, or undefined for anything else. */
function literalText(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isNumericLiteral(node)) return node.text;
  if (node.kind === ts.SyntaxKind.TrueKeyword) return 'true';
  if (node.kind === ts.SyntaxKind.FalseKeyword) return 'false';
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(node.operand)) return `-${node.operand.text}`;
  return undefined;
}

/** The template with its placeholders replaced by the row's values in order; undefined when a needed value is unknown. */
function fillTemplate(template: string, row: Array<string | undefined>): string | undefined {
  let index = 0;
  let unknown = false;
  const filled = template.replace(/%([sdij%])/g, (placeholder, kind: string) => {
    if (kind === '%') return '%';
    const value = row[index++];
    if (value === undefined) {
      unknown = true;
      return placeholder;
    }
    return kind === 'j' ? JSON.stringify(value) : value;
  });
  return unknown ? undefined : filled;
}
