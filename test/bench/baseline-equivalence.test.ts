import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Variable } from '@cdktf/provider-tfe/lib/variable';
import { App, Testing } from 'cdktf';
import { buildBaselineFleet } from '../../bench/baseline';
import { buildLibraryFleet } from '../../bench/fleet';
import { FleetBuilder, STACK_NAME } from '../../bench/spec';
import { bodiesOf, stringAt, SynthesizedStack } from '../support/synth';

/** Testing.synth of a fleet (validations on), as text. */
function synthText(build: FleetBuilder, grants: number): string {
  return Testing.synth(build(Testing.app(), grants), true);
}

/** The cdk.tf.json a real `app.synth()` writes (with the "//" construct-path metadata), as text. */
function fullSynthText(build: FleetBuilder, grants: number): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-equivalence-'));
  try {
    const app: App = Testing.app({ outdir });
    build(app, grants);
    app.synth();
    return fs.readFileSync(path.join(outdir, 'stacks', STACK_NAME, 'cdk.tf.json'), 'utf8');
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

function count(json: SynthesizedStack, section: 'resource' | 'data', type: string): number {
  return Object.keys(json[section]?.[type] ?? {}).length;
}

describe.each([1, 3])('benchmark fleet of %i grant(s)', (grants) => {
  let library: string;
  let baseline: string;
  beforeAll(() => {
    library = synthText(buildLibraryFleet, grants);
    baseline = synthText(buildBaselineFleet, grants);
  });

  test('the hand-written baseline synthesizes exactly what the library does', () => {
    expect(JSON.parse(baseline)).toEqual(JSON.parse(library));
    expect(baseline).toBe(library);
  });

  test('the full app synthesis (with construct-path metadata) is byte-identical too', () => {
    const libraryFull = fullSynthText(buildLibraryFleet, grants);
    const baselineFull = fullSynthText(buildBaselineFleet, grants);
    expect(JSON.parse(baselineFull)).toEqual(JSON.parse(libraryFull));
    expect(baselineFull).toBe(libraryFull);
  });

  test('the fleet has every resource the benchmark claims to measure', () => {
    const json: SynthesizedStack = JSON.parse(library);
    expect(count(json, 'resource', 'vault_jwt_auth_backend')).toBe(1);
    expect(count(json, 'resource', 'vault_aws_secret_backend')).toBe(1);
    expect(count(json, 'resource', 'vault_gcp_secret_backend')).toBe(1);
    expect(count(json, 'resource', 'vault_azure_secret_backend')).toBe(1);
    expect(count(json, 'resource', 'vault_jwt_auth_backend_role')).toBe(2 * grants);
    expect(count(json, 'resource', 'vault_policy')).toBe(2 * grants);
    expect(count(json, 'resource', 'vault_aws_secret_backend_role')).toBe(2 * grants);
    expect(count(json, 'resource', 'vault_gcp_secret_roleset')).toBe(2 * grants);
    expect(count(json, 'resource', 'vault_azure_secret_backend_role')).toBe(2 * grants);
    // From two grants on, the 14 settings every grant gives alike live in one shared set attached to every workspace;
    // each grant's own set keeps its 10 role and role-ARN variables.
    const sharing = grants >= 2;
    expect(count(json, 'resource', 'tfe_variable_set')).toBe(grants + (sharing ? 1 : 0));
    expect(count(json, 'resource', 'tfe_variable')).toBe(sharing ? 10 * grants + 14 : 24 * grants);
    expect(count(json, 'resource', 'tfe_workspace_variable_set')).toBe((sharing ? 4 : 2) * grants);
    expect(count(json, 'data', 'tfe_workspace')).toBe(2 * grants);
    expect(count(json, 'data', 'tfe_project')).toBe(grants);
    const policies = bodiesOf(library, 'vault_policy').map((p) => stringAt(p, 'policy'));
    expect(policies.every((p) => p.includes('path "auth/token/renew-self"') && /path "aws\/sts\/g\d+-(read|admin)"/.test(p))).toBe(true);
    const lookups = bodiesOf(library, 'tfe_workspace', true);
    expect(lookups.every((w) => stringAt(w, 'lifecycle', 'postcondition', 0, 'condition').startsWith('${(self.project_id == data.tfe_project.'))).toBe(true);
  });
});

test('a drifted baseline is caught', () => {
  const drifted: FleetBuilder = (app, grants, hook) => {
    const stack = buildBaselineFleet(app, grants, hook);
    stack.node.findAll().forEach((c) => {
      if (c instanceof Variable && c.node.id === 'TFC_VAULT_NAMESPACE') c.value = 'admin/other';
    });
    return stack;
  };
  expect(synthText(drifted, 1)).not.toBe(synthText(buildLibraryFleet, 1));
});
