// `cdktf-vault-backed-credentials/report`: the trust report, as the bundled `vault-backed-credentials-report`
// package exports it (TypeScript and JavaScript only; not part of the jsii API).
export * from 'vault-backed-credentials-report';
