import * as fs from 'fs';
import * as path from 'path';

// The README's Python, Java and Go examples are the files `npm run test:languages` runs (scripts/test-languages.js
// checks the same before it runs them); this keeps them equal in every `npm test`, without the language toolchains.
const root = path.resolve(__dirname, '..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');

const files: Array<[string, string, string]> = [
  ['languages-python', 'python', 'test/languages/python/main.py'],
  ['languages-java', 'java', 'test/languages/java/src/main/java/example/Main.java'],
  ['languages-go', 'go', 'test/languages/go/main.go'],
];

test.each(files)('the README block marked %s is %s exactly as in %s', (marker, fence, file) => {
  const comment = new RegExp(`<!-- (?:[^>]* )?${marker}[ :][^>]*-->\\s*\`\`\`${fence}\\n([\\s\\S]*?)\`\`\``).exec(readme);
  expect(comment).not.toBeNull();
  expect(comment?.[1].trimEnd()).toBe(fs.readFileSync(path.join(root, file), 'utf8').trimEnd());
});

