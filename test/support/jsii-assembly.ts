import * as fs from 'fs';

/** The parts of a compiled jsii assembly (.jsii) the documentation and coverage tests read. */
export interface JsiiAssembly {
  readonly types?: Record<string, JsiiType>;
}

/** Documentation of a type or member, as jsii records its TSDoc. */
export interface JsiiDocs {
  readonly summary?: string;
  readonly remarks?: string;
  readonly default?: string;
  readonly returns?: string;
  readonly deprecated?: string;
  readonly example?: string;
}

export interface JsiiType {
  readonly kind: string;
  readonly name: string;
  readonly datatype?: boolean;
  readonly docs?: JsiiDocs;
  readonly properties?: JsiiProperty[];
  readonly methods?: JsiiMethod[];
  /** Enum members. */
  readonly members?: Array<{ readonly name: string; readonly docs?: JsiiDocs }>;
  readonly initializer?: { readonly parameters?: JsiiParameter[] };
}

export interface JsiiProperty {
  readonly name: string;
  readonly optional?: boolean;
  readonly docs?: JsiiDocs;
}

export interface JsiiParameter {
  readonly name: string;
  readonly docs?: JsiiDocs;
}

export interface JsiiMethod {
  readonly name: string;
  readonly static?: boolean;
  readonly docs?: JsiiDocs;
  readonly parameters?: JsiiParameter[];
}

/** Reads a compiled assembly. */
export function readAssembly(file: string): JsiiAssembly {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}
