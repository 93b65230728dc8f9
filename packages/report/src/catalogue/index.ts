/**
 * The domain catalogue: every default, limit, identifier grammar and Vault object description of the project, and
 * its one duration parser. Pure: constructs, the pipeline policy, adoption, the collision checks and the report read
 * it (`vault-backed-credentials-report/catalogue`), and nothing else restates what it holds.
 */
export * from './audit';
export * from './defaults';
export * from './durations';
export * from './grammars';
export * from './vault-objects';
