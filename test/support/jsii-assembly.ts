import * as fs from 'fs';
import * as path from 'path';

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

let properties: string[] | undefined;

/** `Struct.property` for every property of every datatype interface of the library's compiled assembly, sorted. */
export function structProperties(): string[] {
  if (properties === undefined) {
    const file = path.resolve(__dirname, '..', '..', '.jsii');
    if (!fs.existsSync(file)) throw new Error(`${file} does not exist: run npm run build first`);
    const out: string[] = [];
    for (const type of Object.values(readAssembly(file).types ?? {})) {
      if (type.kind !== 'interface' || type.datatype !== true) continue;
      for (const property of type.properties ?? []) out.push(`${type.name}.${property.name}`);
    }
    properties = out.sort();
  }
  return properties;
}
