import * as fs from 'fs';
import * as path from 'path';

/**
 * SECURITY.md names, for each threat, the tests that prove the defence. This keeps those references true: every
 * `file › test name` must point at an existing test file that contains that test name ("…" elides words).
 */
const root = path.resolve(__dirname, '..');
const doc = fs.readFileSync(path.join(root, 'SECURITY.md'), 'utf8').replace(/\n(?!\n)/g, ' ');

const references: Array<{ file: string; title: string }> = [];
let lastFile = '';
for (const match of doc.matchAll(/`(?:(test\/[^`\s]+\.ts)(?: › ([^`]+))?|› ([^`]+))`/g)) {
  if (match[1]) {
    lastFile = match[1];
    if (match[2]) references.push({ file: match[1], title: match[2] });
  } else if (match[3] && lastFile) {
    references.push({ file: lastFile, title: match[3] });
  }
}

test('SECURITY.md references tests', () => {
  expect(references.length).toBeGreaterThan(25);
});

test.each(references.map((r) => [`${r.file} › ${r.title}`, r]))('%s exists', (_label, reference) => {
  const { file, title } = reference as { file: string; title: string };
  const full = path.join(root, file);
  expect(fs.existsSync(full)).toBe(true);
  const source = fs.readFileSync(full, 'utf8').replace(/\s+/g, ' ');
  for (const fragment of title.split('…').map((f) => f.trim().replace(/\s+/g, ' ')).filter((f) => f.length > 0)) {
    expect({ file, fragment, found: source.includes(fragment) || matchesTemplate(source, fragment) }).toEqual({ file, fragment, found: true });
  }
});

/**
 * Parameterised titles (`test.each(...)('a token from %s cannot log in', ...)`): the fragment matches a template
 * when it fits the template's fixed text and each substituted part appears among the test's parameters (as a
 * string in the file). A fragment may be a prefix or suffix of the full title.
 */
function matchesTemplate(source: string, fragment: string): boolean {
  const templates = [...source.matchAll(/'([^']*%[sdj][^']*)'/g)].map((m) => m[1]);
  return templates.some((template) => {
    const pieces = template.split(/%[sdj]/).map((piece) => piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    if (pieces.join('').length < 5) return false;
    const whole = new RegExp(`^${pieces.join('(.+?)')}$`);
    const m = whole.exec(fragment);
    if (m && m.slice(1).every((part) => source.includes(part))) return true;
    // A fragment that is only the beginning of a template title: its substituted part runs to the fragment's end.
    const prefix = new RegExp(`^${pieces[0]}(.+)$`);
    const p = prefix.exec(fragment);
    if (p && pieces.length > 1) {
      const words = p[1];
      return source.includes(words) || [...source.matchAll(/'([^']+)'/g)].some((m) => (m[1].length >= 8 && (m[1].startsWith(words) || words.startsWith(m[1]))));
    }
    return false;
  });
}
