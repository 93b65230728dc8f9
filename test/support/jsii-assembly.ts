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

/** A type reference: a primitive, a named type, or a collection of either. */
export interface JsiiTypeRef {
  readonly primitive?: string;
  readonly fqn?: string;
  readonly collection?: { readonly kind: 'array' | 'map'; readonly elementtype: JsiiTypeRef };
}

export interface JsiiType {
  readonly kind: string;
  readonly name: string;
  readonly datatype?: boolean;
  /** Base interfaces, by fully qualified name. */
  readonly interfaces?: string[];
  readonly docs?: JsiiDocs;
  readonly properties?: JsiiProperty[];
  readonly methods?: JsiiMethod[];
  /** Enum members. */
  readonly members?: Array<{ readonly name: string; readonly docs?: JsiiDocs }>;
  readonly initializer?: { readonly parameters?: JsiiParameter[] };
}

export interface JsiiProperty {
  readonly name: string;
  readonly type?: JsiiTypeRef;
  readonly optional?: boolean;
  readonly docs?: JsiiDocs;
}

export interface JsiiParameter {
  readonly name: string;
  readonly type?: JsiiTypeRef;
  readonly variadic?: boolean;
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
let library: JsiiAssembly | undefined;

/** The library's compiled assembly (`.jsii` at the repository root), read once. */
export function libraryAssembly(): JsiiAssembly {
  if (library === undefined) {
    const file = path.resolve(__dirname, '..', '..', '.jsii');
    if (!fs.existsSync(file)) throw new Error(`${file} does not exist: run npm run build first`);
    library = readAssembly(file);
  }
  return library;
}

/** `Struct.property` for every property of every datatype interface of the library's compiled assembly, sorted. */
export function structProperties(): string[] {
  if (properties === undefined) {
    const out: string[] = [];
    for (const type of Object.values(libraryAssembly().types ?? {})) {
      if (type.kind !== 'interface' || type.datatype !== true) continue;
      for (const property of type.properties ?? []) out.push(`${type.name}.${property.name}`);
    }
    properties = out.sort();
  }
  return properties;
}
