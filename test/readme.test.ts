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

test('the quick start is exactly the two commands CI and newcomers run', () => {
  const quickStart = readme.split('## Quick start')[1].split('\n## ')[0];
  const commands = [...quickStart.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1].trim());
  expect(commands).toEqual(['npm ci && npm run synth\nnpm test']);
  const ci = fs.readFileSync(path.resolve(__dirname, '..', '.ci', 'run'), 'utf8');
  expect(ci).toMatch(/^npm ci\b/m);
  expect(ci).toMatch(/^npm test\b/m);
});
