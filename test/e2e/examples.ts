/**
 * Every example app under examples/: each exported TerraformStack subclass of each example file, synthesized with
 * validations on. New example files are picked up without touching the tests.
 */
import * as fs from 'fs';
import * as path from 'path';
import { TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { SynthesizedStack } from '../support/synth';

export const EXAMPLES_DIR = path.resolve(__dirname, '..', '..', 'examples');

export interface SynthesizedExample {
  /** `examples/<file>#<ExportName>`. */
  readonly name: string;
  readonly json: SynthesizedStack;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

function isStackClass(value: unknown): value is new (scope: Construct, id: string) => TerraformStack {
  return typeof value === 'function' && value.prototype instanceof TerraformStack;
}

/** Synthesizes every example stack. */
export function synthesizeExamples(): SynthesizedExample[] {
  const out: SynthesizedExample[] = [];
  for (const file of sourceFiles(EXAMPLES_DIR).sort()) {
    // Examples are loaded by path at run time; a static import cannot name them.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const loaded = require(file) as Record<string, unknown>;
    for (const [exportName, value] of Object.entries(loaded)) {
      if (!isStackClass(value)) continue;
      const stack = new value(Testing.app(), 'example');
      out.push({ name: `${path.relative(path.dirname(EXAMPLES_DIR), file)}#${exportName}`, json: JSON.parse(Testing.synth(stack, true)) });
    }
  }
  return out;
}
