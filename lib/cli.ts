#!/usr/bin/env node
// The `cdktf-vault-backed-credentials` command: the trust report's CLI, bundled with the construct library so that a
// cdktf app can run `npx cdktf-vault-backed-credentials explain cdktf.out` with nothing else installed.
import { main } from 'vault-backed-credentials-report/cli';

void main(process.argv.slice(2), {
  program: 'cdktf-vault-backed-credentials',
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}).then((status) => {
  process.exitCode = status;
});
