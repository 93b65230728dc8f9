import * as fs from 'fs';

/** The parts of a compiled jsii assembly (.jsii) the documentation and coverage tests read. */
export interface JsiiAssembly {
  readonly types?: Record<string, JsiiType>;
}

export interface JsiiType {
  readonly kind: string;
  readonly name: string;
  readonly datatype?: boolean;
  readonly properties?: JsiiProperty[];
}

export interface JsiiProperty {
  readonly name: string;
  readonly optional?: boolean;
  readonly docs?: { readonly summary?: string; readonly default?: string };
}

/** Reads a compiled assembly. */
export function readAssembly(file: string): JsiiAssembly {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}
