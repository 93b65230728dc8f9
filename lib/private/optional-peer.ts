/**
 * Loads one resource module of an optional peer provider package (`@cdktf/provider-aws`, `-google`, `-azurerm`) when
 * a cloud-side identity construct is instantiated, never when the library is imported. Those constructs import the
 * provider's classes with `import type` only, so the package is needed by the stacks that use them and by nobody
 * else. The version range in the error message is read from this package's own `peerDependencies`, so it cannot
 * drift from what npm enforces.
 */
export function optionalPeerModule<T>(peer: string, resource: string, construct: string): T {
  const specifier = `${peer}/lib/${resource}`;
  try {
    // A dynamic require is the point: the module is resolved only when the construct is created.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(specifier) as T;
  } catch (error) {
    if ((error as { code?: string }).code === 'MODULE_NOT_FOUND' && String((error as Error).message).includes(peer)) {
      const range = peerRange(peer);
      throw new Error(
        `${construct} creates ${peer.replace('@cdktf/provider-', '')} resources and needs the optional peer dependency ${peer} ` +
          `(${range}); install it with "npm install ${peer}@${range}"`,
        { cause: error },
      );
    }
    throw error;
  }
}

/** The range this package declares for a peer in package.json (`build/private` and `lib/private` sit two levels down). */
function peerRange(peer: string): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const manifest = require('../../package.json') as { peerDependencies?: Record<string, string> };
  return manifest.peerDependencies?.[peer] ?? 'latest';
}
