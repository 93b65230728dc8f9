/**
 * Loads one resource module of the optional peer `@cdktf/provider-aws` when a construct is instantiated, never when
 * the library is imported. Constructs of this folder import the provider's classes with `import type` only, so the
 * package is needed by the stacks that use them and by nobody else. Not exported from the library's entry point.
 */
const PACKAGE = '@cdktf/provider-aws';

/** The module `@cdktf/provider-aws/lib/<resource>`, or a clear error naming the package to install. */
export function awsResourceModule<T>(resource: string, construct: string): T {
  const specifier = `${PACKAGE}/lib/${resource}`;
  try {
    return require(specifier) as T;
  } catch (error) {
    if ((error as { code?: string }).code === 'MODULE_NOT_FOUND' && String((error as Error).message).includes(PACKAGE)) {
      throw new Error(`${construct} creates aws resources and needs the optional peer dependency ${PACKAGE} (^21.22.1); install it with "npm install ${PACKAGE}@^21.22.1"`);
    }
    throw error;
  }
}
