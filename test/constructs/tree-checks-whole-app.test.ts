/**
 * The stack-wide and app-wide name checks of lib/private/tree-checks.ts, where test/constructs/tree-checks.test.ts and
 * app-collisions.test.ts leave them open (found by `npm run mutate:constructs`): the advice that ends each collision
 * message, collisions between stacks whose providers are aliased, absent, references or spelled with extra slashes or
 * capitals, and a reference mount path that reaches the pipeline policy when validations are skipped.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TfeProvider } from '@cdktf/provider-tfe/lib/provider';
import { VaultProvider } from '@cdktf/provider-vault/lib/provider';
import { App, Lazy, TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { AwsSecretsEngine, HcpTerraformJwtAuthMount, VaultBackedDynamicCredentials, WorkspaceSelector } from '../../lib';
import { synthError } from '../support/synth';

const ARN = 'arn:aws:iam::123456789012:role/runner';
const VAULT = 'https://vault.acme.example:8200';
const MOUNT_FIX = 'Give one of them a different path, or reference the existing mount with fromMountPath (and pass a JWT mount to the trust as authMount)';
const ROLE_FIX = 'Give one of them a different roleName (or roleNamePrefix), or put them in different mounts or namespaces';
const ACROSS = "the stack applied last would silently replace the other's.";
const WITHIN = 'the one applied last would silently replace the other.';
const ENGINE_ROLE_FIX = 'Give one of the engine roles a different name';

/** The app `build` makes, synthesized with validations on unless `skipValidation`; undefined when it succeeds, else the error. */
function appError(build: (app: App) => void, skipValidation = false): string | undefined {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'tree-checks-whole-app-'));
  try {
    const app = new App({ outdir, skipValidation });
    build(app);
    app.synth();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

const errorLines = (error: string | undefined) => (error ?? '').split('\n').filter((l) => /^\s*\[/.test(l)).map((l) => l.trim());

/** A stack whose default Vault provider has `address` and `namespace`, holding only an AWS secrets engine at `aws` (no tfe provider). */
function engineStack(app: App, id: string, vault: { address?: string; namespace?: string } = {}): TerraformStack {
  const stack = new TerraformStack(app, id);
  new VaultProvider(stack, 'vault', { address: vault.address ?? VAULT, namespace: vault.namespace });
  new AwsSecretsEngine(stack, 'aws', {});
  return stack;
}

interface TeamSpec {
  readonly hostname?: string;
  readonly vaultNamespace?: string;
  readonly variableSetName?: string;
  /** Also an aliased Vault provider for another Vault. */
  readonly aliased?: boolean;
  /** The facades of the stack, each with engine aws, role deploy and grant g. */
  readonly facades?: readonly string[];
}

function team(app: App, id: string, spec: TeamSpec = {}): TerraformStack {
  const stack = new TerraformStack(app, id);
  new VaultProvider(stack, 'vault', { address: VAULT });
  if (spec.aliased) new VaultProvider(stack, 'vault-eu', { alias: 'eu', address: 'https://vault.eu.acme.example:8200' });
  const hostname = spec.hostname === 'reference' ? new TerraformVariable(stack, 'host', { type: 'string' }).stringValue : spec.hostname;
  new TfeProvider(stack, 'tfe', { hostname });
  for (const facade of spec.facades ?? ['trust']) {
    const trust = new VaultBackedDynamicCredentials(stack, facade, { organization: 'acme', vaultAddress: VAULT, vaultNamespace: spec.vaultNamespace });
    const role = trust.addAwsSecretsEngine('aws').addAssumedRole('deploy', { roleArns: [ARN] });
    trust.grantWorkspaces('g', {
      project: 'Platform',
      workspaces: WorkspaceSelector.names(`ws-${id}-${facade}`),
      aws: { plan: role, apply: role },
      variableSetName: spec.variableSetName ?? `creds-${id}-${facade}`,
    });
  }
  return stack;
}

/** The cross-stack line for `label` written by `earlier` and `later` (stacks named by their first path segment), on `target`. */
function across(label: string, earlier: string, later: string, fix: string, target = `Vault at ${VAULT}`): string {
  const [a, b] = [earlier.split('/')[0], later.split('/')[0]];
  return `[${b}] ${label} is written by both ${earlier} (stack ${a}) and ${later} (stack ${b}), which both apply to ${target}; ${ACROSS} ${fix}`;
}

describe('collision messages end with the advice for their kind of name', () => {
  test('within a stack: mount, engine role, JWT role and policy each name their fix, and the cross-stack line names the first writer', () => {
    const lines = errorLines(appError((app) => {
      team(app, 'a');
      team(app, 'b', { facades: ['one', 'two'] });
    }));
    expect(lines).toContain(`[b] Vault mount "aws" is written by both b/one/aws and b/two/aws; ${WITHIN} ${MOUNT_FIX}`);
    expect(lines).toContain(
      `[b] secrets-engine role "deploy" in mount "aws" is written by both b/one/aws/deploy and b/two/aws/deploy; ${WITHIN} ${ENGINE_ROLE_FIX}`,
    );
    expect(lines).toContain(`[b] Vault role "tfc-g-plan" in mount "auth/jwt" is written by both b/one/g/plan and b/two/g/plan; ${WITHIN} ${ROLE_FIX}`);
    expect(lines).toContain(`[b] Vault policy "tfc-g-apply" is written by both b/one/g/apply and b/two/g/apply; ${WITHIN} ${ROLE_FIX}`);
    // Across stacks, the later stack's own first writer is named, once per name.
    expect(lines).toContain(across('Vault mount "auth/jwt"', 'a/trust/auth', 'b/one/auth', MOUNT_FIX));
    expect(lines.filter((l) => l.startsWith('[b] Vault mount "auth/jwt" is written by both a/trust/auth'))).toHaveLength(1);
  });

  test('one engine with two roles of one name is reported once, by the engine, not again as a collision', () => {
    const error = synthError((stack) => {
      const engine = AwsSecretsEngine.fromMountPath(stack, 'a', { mountPath: 'aws' });
      engine.addAssumedRole('r', { name: 'deploy', roleArns: [ARN] });
      engine.addAssumedRole('s', { name: 'deploy', roleArns: [ARN] });
    });
    expect(errorLines(error)).toEqual([
      '[test/a] role name "deploy" is used by both test/a/r and test/a/s in mount "aws"; Vault keeps one role per name, so give each its own name',
    ]);
  });
});

test('two mounts in one stack whose namespaces differ only by a trailing slash collide, as they do across stacks', () => {
  const error = synthError((stack) => {
    new AwsSecretsEngine(stack, 'a', { vaultNamespace: 'team-a' });
    new AwsSecretsEngine(stack, 'b', { vaultNamespace: 'team-a/' });
  });
  expect(errorLines(error)).toEqual([
    '[test] Vault mount "aws" in namespace "team-a" is written by both test/a and test/b; the one applied last would silently replace the other. ' +
      'Give one of them a different path, or reference the existing mount with fromMountPath (and pass a JWT mount to the trust as authMount)',
  ]);
});

describe('which Vault and HCP Terraform a stack writes to, for collisions across stacks', () => {
  test('an aliased provider beside the default one does not hide the default Vault: the stacks are still compared', () => {
    const lines = errorLines(appError((app) => {
      team(app, 'a');
      team(app, 'b', { aliased: true });
    }));
    expect(lines).toContain(across('Vault mount "auth/jwt"', 'a/trust/auth', 'b/trust/auth', MOUNT_FIX));
    expect(lines).toContain(across('secrets-engine role "deploy" in mount "aws"', 'a/trust/aws/deploy', 'b/trust/aws/deploy', ENGINE_ROLE_FIX));
  });

  test('stacks without a tfe provider are compared on their Vault', () => {
    expect(errorLines(appError((app) => {
      engineStack(app, 'a');
      engineStack(app, 'b');
    }))).toEqual([across('Vault mount "aws"', 'a/aws', 'b/aws', MOUNT_FIX)]);
  });

  test('HCP Terraform hostnames compare without case, and the message shows the hostname lower-case', () => {
    expect(errorLines(appError((app) => {
      team(app, 'a', { vaultNamespace: 'a', variableSetName: 'vault-creds', hostname: 'TFE.Acme.Example' });
      team(app, 'b', { vaultNamespace: 'b', variableSetName: 'vault-creds', hostname: 'tfe.acme.example' });
    }))).toEqual([
      across('variable set "vault-creds" of organization "acme"', 'a/trust/g/variables', 'b/trust/g/variables', 'Set variableSetName on one of the grants',
        'HCP Terraform at tfe.acme.example'),
    ]);
  });

  test('a Vault address with trailing slashes names the same Vault (synthesis stops at the first stack with problems, so one pair each)', () => {
    for (const address of [`${VAULT}/`, `${VAULT}//`]) {
      expect(errorLines(appError((app) => {
        engineStack(app, 'a');
        engineStack(app, 'b', { address });
      }))).toEqual([across('Vault mount "aws"', 'a/aws', 'b/aws', MOUNT_FIX)]);
    }
  });

  test('a provider namespace with leading or trailing slashes names the same namespace', () => {
    for (const namespace of ['//admin', 'admin//']) {
      expect(errorLines(appError((app) => {
        engineStack(app, 'a', { namespace: 'admin' });
        engineStack(app, 'b', { namespace });
      }))).toEqual([across('Vault mount "aws" in namespace "admin"', 'a/aws', 'b/aws', MOUNT_FIX)]);
    }
  });

  test('a stack whose Vault address, namespace or HCP Terraform hostname is a reference is not compared', () => {
    expect(appError((app) => {
      engineStack(app, 'a');
      const stack = new TerraformStack(app, 'b');
      new VaultProvider(stack, 'vault', { address: new TerraformVariable(stack, 'address', { type: 'string' }).stringValue });
      new AwsSecretsEngine(stack, 'aws', {});
    })).toBeUndefined();
    expect(appError((app) => {
      engineStack(app, 'a');
      const stack = new TerraformStack(app, 'b');
      new VaultProvider(stack, 'vault', { address: VAULT, namespace: new TerraformVariable(stack, 'namespace', { type: 'string' }).stringValue });
      new AwsSecretsEngine(stack, 'aws', {});
    })).toBeUndefined();
    expect(appError((app) => {
      team(app, 'a', { vaultNamespace: 'a', variableSetName: 'vault-creds' });
      team(app, 'b', { vaultNamespace: 'b', variableSetName: 'vault-creds', hostname: 'reference' });
    })).toBeUndefined();
  });

  test('two stacks whose Vault address is one unresolved value are not compared either', () => {
    const address = Lazy.stringValue({ produce: () => VAULT });
    expect(appError((app) => {
      engineStack(app, 'a', { address });
      engineStack(app, 'b', { address });
    })).toBeUndefined();
  });
});

describe('the pipeline policy with validations skipped', () => {
  test('a JWT mount path given as a reference still stops synthesis, naming the role that uses it', () => {
    const error = appError((app) => {
      const stack = new TerraformStack(app, 'test');
      new VaultProvider(stack, 'vault', {});
      new TfeProvider(stack, 'tfe', {});
      const trust = new VaultBackedDynamicCredentials(stack, 'trust', {
        organization: 'acme',
        vaultAddress: VAULT,
        authMount: HcpTerraformJwtAuthMount.fromMountPath(stack, 'jwt', { mountPath: new TerraformVariable(stack, 'mount', { type: 'string' }).stringValue }),
      });
      const role = trust.addAwsSecretsEngine('aws').addAssumedRole('deploy', { roleArns: [ARN] });
      trust.grantWorkspaces('g', { project: 'Platform', workspaces: WorkspaceSelector.names('network'), aws: { plan: role, apply: role } });
      new TerraformOutput(stack, 'vault_pipeline_policy', { value: trust.pipelinePolicy });
    }, true);
    expect(error).toMatch(
      /^Resolution error: test\/trust\/g\/plan: its path or name is a reference, so the pipeline policy cannot name the Vault path it manages; give it a literal value\.$/m,
    );
  });
});
