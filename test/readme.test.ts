import * as fs from 'fs';
import * as path from 'path';
import { parse } from '@cdktf/hcl2json';

const readme = fs.readFileSync(path.resolve(__dirname, '..', 'README.md'), 'utf8');
const hclBlocks = [...readme.matchAll(/```hcl\n([\s\S]*?)```/g)].map((m) => m[1]);

test('the README has HCL examples', () => {
  expect(hclBlocks.length).toBeGreaterThan(0);
});

test.each(hclBlocks.map((block, i) => [i + 1, block]))('README HCL block %d parses', async (_n, block) => {
  await expect(parse('readme.tf', block as string)).resolves.toBeDefined();
});

test('"Try it from a clone" is exactly the two commands CI and newcomers run', () => {
  const quickStart = readme.split('## Try it from a clone')[1].split('\n## ')[0];
  const commands = [...quickStart.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1].trim());
  expect(commands).toEqual(['npm ci && npm run synth\nnpm test']);
  const ci = fs.readFileSync(path.resolve(__dirname, '..', '.ci', 'run'), 'utf8');
  expect(ci).toMatch(/^npm ci\b/m);
  expect(ci).toMatch(/^npm test\b/m);
});

test('the README opens for users: install and a minimal example come before anything about the repository', () => {
  const headings = [...readme.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
  expect(headings.slice(0, 3)).toEqual(['Install', 'Minimal example', 'Try it from a clone']);
  expect(readme).toMatch(/^npm install cdktf-vault-backed-credentials /m);
  expect(readme).toMatch(/skipValidation: true/);
});
