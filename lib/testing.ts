// `cdktf-vault-backed-credentials/testing`: assertions on who can read what, from the bundled
// `vault-backed-credentials-report` package (TypeScript and JavaScript only; not part of the jsii API).
export * from 'vault-backed-credentials-report/testing';
