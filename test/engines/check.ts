/**
 * Checks every verdict of the trust report, and of the testing helpers, against a real OpenBao server, for one
 * synthesized configuration:
 *
 * 1. The Vault side is applied to a fresh `bao server -dev` (apply-vault.ts).
 * 2. Rows (the report's matrix: each selector × phase × Vault configuration): the token HCP Terraform would mint for
 *    the run logs in where the run's variables direct it; admitted/refused must equal the row's verdict, and the
 *    issued token's `sys/capabilities-self` on each credential path of the row must equal the row's allowed/denied.
 *    The same run must pass `expectRunCanRead` exactly for the paths OpenBao lets it read, and `expectRunCannotRead`
 *    must throw exactly for the paths some role of the configuration lets its token obtain in OpenBao.
 * 3. Roles: for every JWT role, a token for each `sub` alternative it binds (workspace runs, Stack deployments,
 *    registry module tests) logs in; admitted/refused must equal `simulateLogin`, and capabilities on every credential
 *    path of the role's namespace must equal the report's (`mintingCapability`).
 * 4. Attacks on every role whose own token OpenBao admits (tokens.ts): OpenBao must refuse each, and so must the
 *    report.
 *
 * Every difference is a disagreement, printed with both verdicts.
 */
import * as fs from 'fs';
import * as path from 'path';
import { explain } from '../../packages/report/src/explain';
import {
  knownCredentialPaths,
  loginAt,
  LoginOutcome,
  mintingCapability,
  simulateLogin,
  vaultIndexOf,
  WorkspaceRun,
  workspaceRunClaims,
} from '../../packages/report/src/simulate';
import { expectRunCannotRead, expectRunCanRead } from '../../packages/report/src/testing';
import { literalOf, TerraformConfiguration, textOf } from '../../packages/report/src/terraform-json';
import { globMatch } from '../../packages/report/src/claims/glob';
import type { LoginCondition } from '../../packages/report/src/simulate';
import { LoopbackIssuer } from '../e2e/loopback-issuer';
import { AppliedVault, applyVaultSide } from './apply-vault';
import { REPOSITORY_ROOT, startBao } from './bao-server';
import { OpenBaoApi } from './openbao-api';
import { attacksOn, Claims, claimsOf, EVIL_ISSUER, satisfy, specsOfSubject, TokenSpec } from './tokens';

/** Figures of one configuration. */
export interface Tally {
  stacks: number;
  logins: number;
  admitted: number;
  refused: number;
  capabilityChecks: number;
  attacksRefused: number;
  /** Verdicts the report leaves `unknown` (not compared; the file does not say enough). */
  undecided: number;
  disagreements: string[];
}

export const emptyTally = (): Tally => ({
  stacks: 0,
  logins: 0,
  admitted: 0,
  refused: 0,
  capabilityChecks: 0,
  attacksRefused: 0,
  undecided: 0,
  disagreements: [],
});

export function addTally(into: Tally, from: Tally): void {
  into.stacks += from.stacks;
  into.logins += from.logins;
  into.admitted += from.admitted;
  into.refused += from.refused;
  into.capabilityChecks += from.capabilityChecks;
  into.attacksRefused += from.attacksRefused;
  into.undecided += from.undecided;
  into.disagreements.push(...from.disagreements);
}

/** What HCP Terraform knows and the file may not: the organization's real id, which real tokens carry. */
export interface GroundTruth {
  readonly organizationId?: string;
}

interface EngineLogin {
  readonly admitted: boolean;
  readonly token?: string;
  readonly error?: string;
  readonly policies?: string[];
  /** The token's metadata: what Vault's audit log shows with each request the token makes. */
  readonly metadata?: Record<string, string>;
}

/** The metadata of one admitted login, for the audit checks of the tests. */
export interface AuditedLogin {
  readonly role: string;
  readonly claims: Claims;
  readonly metadata: Record<string, string>;
}

/** Issuers by the `iss` they claim: each mount trusts the one its configuration names. */
class Issuers {
  private readonly byIssuer = new Map<string, LoopbackIssuer>();
  public evil!: LoopbackIssuer;

  public async start(issuers: string[]): Promise<void> {
    for (const issuer of new Set(issuers)) this.byIssuer.set(issuer, await LoopbackIssuer.start(issuer));
    this.evil = await LoopbackIssuer.start(EVIL_ISSUER);
  }

  public keyFor = (issuer: string): string => {
    const found = this.byIssuer.get(issuer);
    if (!found) throw new Error(`no loopback issuer for ${issuer}`);
    return found.publicKeyPem;
  };

  /** Signs as the issuer the token names (an unknown issuer signs with the evil key: nobody trusts it). */
  public sign(claims: Claims, signer: 'mount-issuer' | 'evil-issuer' = 'mount-issuer'): Promise<string> {
    const issuer = signer === 'evil-issuer' ? this.evil : this.byIssuer.get(String(claims.iss)) ?? this.evil;
    return issuer.signClaims(claims);
  }

  public async close(): Promise<void> {
    await Promise.all([...this.byIssuer.values(), this.evil].filter((i) => i !== undefined).map((i) => i.close()));
  }
}

/** The issuers a configuration's mounts name. */
function mountIssuers(config: TerraformConfiguration): string[] {
  return config
    .resourcesOfType('vault_jwt_auth_backend')
    .map(
      (b) => textOf(config.resolve(b.body.bound_issuer)) ?? textOf(config.resolve(b.body.oidc_discovery_url)) ?? textOf(config.resolve(b.body.jwks_url)) ?? '',
    );
}

/** Checks one configuration against a fresh OpenBao. `name` labels the disagreements. */
export async function checkConfiguration(
  name: string,
  json: unknown,
  truth: GroundTruth = {},
): Promise<Tally & { applied: AppliedVault; audited: AuditedLogin[] }> {
  const tally = emptyTally();
  tally.stacks = 1;
  const config = new TerraformConfiguration(json);
  const index = vaultIndexOf(config);
  const report = explain(config);
  const issuers = new Issuers();
  await issuers.start(mountIssuers(config));
  const bao = await startBao();
  try {
    const api = new OpenBaoApi(bao.address);
    const applied = await applyVaultSide(config, api, bao.rootToken, issuers.keyFor);
    const disagree = (what: string, reportSays: string, openBaoSays: string) =>
      tally.disagreements.push(`${name}: ${what}\n    report: ${reportSays}\n    OpenBao: ${openBaoSays}`);

    // Every admitted token's metadata must be what the role's claim_mappings (which the report's role table reads)
    // say: each mapped claim's value under its key, and the role name under `role`.
    const audited: AuditedLogin[] = [];
    const checkMetadata = (namespace: string, mountPath: string, role: string, claims: Claims, metadata: Record<string, string>) => {
      const appliedRole = applied.roles.find((r) => r.namespace === namespace && r.mountPath === mountPath && r.name === role);
      const raw = appliedRole?.body.claim_mappings;
      const mappings = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
      const expected: Record<string, string> = { role };
      for (const [claim, key] of Object.entries(mappings)) if (claims[claim] !== undefined) expected[String(key)] = String(claims[claim]);
      if (JSON.stringify(Object.entries(metadata).sort()) !== JSON.stringify(Object.entries(expected).sort())) {
        const where = `token metadata of a login as role "${role}" at auth/${mountPath} in namespace "${namespace}"`;
        disagree(where, JSON.stringify(expected), JSON.stringify(metadata));
      }
      audited.push({ role, claims, metadata });
    };
    const logins = new Map<string, Promise<EngineLogin>>();
    const login = (
      namespace: string,
      mountPath: string,
      role: string,
      claims: Claims,
      signer: 'mount-issuer' | 'evil-issuer' = 'mount-issuer',
    ): Promise<EngineLogin> => {
      const key = JSON.stringify([namespace, mountPath, role, claims, signer]);
      let found = logins.get(key);
      if (!found) {
        found = (async () => {
          const result = await api.jwtLogin(namespace, mountPath, role, await issuers.sign(claims, signer));
          tally.logins++;
          if (result.token) tally.admitted++;
          else tally.refused++;
          if (result.token) checkMetadata(namespace, mountPath, role, claims, result.metadata ?? {});
          return { admitted: result.token !== undefined, ...result };
        })();
        logins.set(key, found);
      }
      return found;
    };
    const capabilities = async (token: string, namespace: string, paths: string[]): Promise<Record<string, string[]>> => {
      const unique = [...new Set(paths)];
      tally.capabilityChecks += unique.length;
      return api.capabilitiesSelf(token, namespace, unique);
    };
    /** The capabilities that obtain the credential at `path` (`read`, or more where the engine issues on writes). */
    const minting = new Map<string, readonly string[]>();
    for (const role of index.engineRoles) {
      const ns = literalOf(role.namespace);
      if (ns !== undefined) for (const p of role.credentialPaths) minting.set(`${ns}\u0000${p}`, role.mintingCapabilities);
    }
    const obtains = (caps: string[], namespace: string, path: string) => (minting.get(`${namespace}\u0000${path}`) ?? ['read']).some((c) => caps.includes(c));

    // Every credential path the report knows, by namespace.
    const pathsByNamespace = new Map<string, Set<string>>();
    const addPath = (namespace: string, path: string) => {
      const set = pathsByNamespace.get(namespace) ?? new Set<string>();
      set.add(path);
      pathsByNamespace.set(namespace, set);
    };
    for (const { namespace, path } of knownCredentialPaths(config)) addPath(namespace, path);
    for (const { namespace, path } of report.model.usedPaths) addPath(namespace, path);

    const roleAudience = (role: AppliedVault['roles'][number]) => (role.body.bound_audiences as string[])[0] ?? 'vault.workload.identity';

    // --- 2. Rows -------------------------------------------------------------------------------------------------
    for (const evaluation of report.model.evaluations) {
      const { selector, phase, identity, outcome } = evaluation;
      const run: WorkspaceRun = {
        organization: identity.organization,
        project: identity.project ?? '',
        workspace: identity.workspace,
        runPhase: phase,
        workspaceId: identity.workspaceId,
        projectId: identity.projectId,
        organizationId: truth.organizationId ?? identity.organizationId,
        hostname: selector.hostname,
      };
      const label = `${selector.label} ${phase}`;
      const engineReadable = new Set<string>();
      for (const v of outcome.vault) {
        const where = `${label} [${v.configuration.tag ?? 'default'} configuration]`;
        const namespace = literalOf(v.configuration.namespace);
        const mountPath = literalOf(v.configuration.authPath);
        const roleName = literalOf(v.role?.value);
        const audience = literalOf(v.configuration.audience);
        if (!v.login || namespace === undefined || mountPath === undefined || roleName === undefined || audience === undefined) {
          tally.undecided++;
          continue;
        }
        const real = workspaceRunClaims(run, audience);
        const simulated = evaluation.claims(audience);
        const engine = await login(namespace, mountPath, roleName, real);
        // A conditional verdict ("admitted if the id of … is …") admits exactly the tokens whose id claims meet it.
        const conditions = v.login.conditions;
        const expectAdmitted = (claims: Claims) => v.login!.verdict === 'admitted' && meets(claims, conditions);
        if (v.login.verdict === 'unknown') {
          tally.undecided++;
        } else if (expectAdmitted(real) !== engine.admitted) {
          const same = JSON.stringify(real) === JSON.stringify(simulated);
          disagree(
            `login of ${where} as role "${roleName}" at auth/${mountPath} in namespace "${namespace}" with the token HCP Terraform mints (${JSON.stringify(
              real,
            )})`,
            `${v.login.verdict}${v.login.reason ? ` (${v.login.reason})` : ''}${same ? '' : `, judged on its stand-in token ${JSON.stringify(simulated)}`}`,
            engine.admitted ? `admitted, policies ${JSON.stringify(engine.policies)}` : `refused (${engine.error})`,
          );
        }
        if (JSON.stringify(real) !== JSON.stringify(simulated) && v.login.verdict !== 'unknown') {
          // The report judged a stand-in token: OpenBao must agree on that token too.
          const onStandIn = await login(namespace, mountPath, roleName, simulated);
          if (expectAdmitted(simulated) !== onStandIn.admitted) {
            disagree(
              `login of ${where} with the report's stand-in token ${JSON.stringify(simulated)}`,
              `${v.login.verdict}${conditions.length > 0 ? ` if ${conditions.map((c) => c.text).join(' and ')}` : ''}`,
              onStandIn.admitted ? 'admitted' : `refused (${onStandIn.error})`,
            );
          }
        }
        // The token whose capabilities are compared with the report's cells: the run's own, or, when the run's ids do
        // not meet the conditions of a conditional verdict, the same token with the ids they name.
        let judged = engine;
        if (v.login.verdict === 'admitted' && conditions.length > 0) {
          // The same token with the ids the conditions name: OpenBao must admit it.
          const met = meeting(simulated, conditions);
          const onMet = await login(namespace, mountPath, roleName, met);
          if (!meets(real, conditions)) judged = onMet;
          if (!onMet.admitted) {
            disagree(
              `login of ${where} with the ids its conditions name ${JSON.stringify(met)}`,
              `admitted if ${conditions.map((c) => c.text).join(' and ')}`,
              `refused (${onMet.error})`,
            );
          }
        }
        const cells = outcome.credentials.filter((c) => c.configuration.vaultTag === v.configuration.tag && c.path !== undefined);
        if (!judged.token) {
          for (const cell of cells)
            if (cell.read === 'allowed') disagree(`read of ${cell.path} by ${where}`, 'allowed', `the login was refused (${judged.error})`);
          continue;
        }
        const caps = await capabilities(
          judged.token,
          namespace,
          cells.map((c) => c.path!),
        );
        for (const cell of cells) {
          const allowed = caps[cell.path!].includes('read');
          if (allowed) engineReadable.add(cell.path!);
          if (cell.read === 'unknown') tally.undecided++;
          else if ((cell.read === 'allowed') !== allowed)
            disagree(`read of ${cell.path} by ${where}`, cell.read, `capabilities ${JSON.stringify(caps[cell.path!])}`);
        }
      }

      // The testing helpers on the same run.
      const rowPaths = [...new Set(outcome.credentials.map((c) => c.path).filter((p): p is string => p !== undefined && !p.includes('${')))];
      for (const path of rowPaths) {
        let canRead: string | undefined;
        try {
          expectRunCanRead(config, run, path);
        } catch (error) {
          canRead = String(error);
        }
        if (canRead !== undefined && canRead.includes('the verdict is conditional')) {
          tally.undecided++;
          continue;
        }
        if ((canRead === undefined) !== engineReadable.has(path)) {
          disagree(
            `expectRunCanRead(${label}, ${path})`,
            canRead === undefined ? 'passes (can read)' : `throws: ${canRead.split('\n')[0]}`,
            engineReadable.has(path) ? 'the directed login reads it' : 'the directed login does not read it',
          );
        }
      }
      // Attacker's view: every role of the configuration, with an audience it accepts.
      const reachable = new Map<string, string>();
      for (const role of applied.roles) {
        const claims = workspaceRunClaims(run, roleAudience(role));
        const engine = await login(role.namespace, role.mountPath, role.name, claims);
        if (!engine.token) continue;
        const paths = rowPaths;
        const caps = await capabilities(engine.token, role.namespace, paths);
        for (const path of paths)
          if (obtains(caps[path], role.namespace, path) && !reachable.has(path))
            reachable.set(path, `${role.name} in "${role.namespace}" (${caps[path].join(',')})`);
      }
      for (const path of rowPaths) {
        let cannot: string | undefined;
        try {
          expectRunCannotRead(config, run, path);
        } catch (error) {
          cannot = String(error);
        }
        if (cannot !== undefined && cannot.includes('the verdict is conditional')) {
          tally.undecided++;
          continue;
        }
        if ((cannot !== undefined) !== reachable.has(path)) {
          disagree(
            `expectRunCannotRead(${label}, ${path})`,
            cannot === undefined ? 'passes (cannot obtain it)' : `throws: ${cannot.split('\n')[0]}`,
            reachable.has(path) ? `obtained through role ${reachable.get(path)}` : 'no role of the configuration lets the token obtain it',
          );
        }
      }
    }

    // --- 3. Roles and 4. attacks -----------------------------------------------------------------------------------
    for (const role of applied.roles) {
      const info = index.roleByAddress(role.address);
      const boundClaims = role.body.bound_claims as Record<string, string[]>;
      const glob = role.body.bound_claims_type === 'glob';
      const subs = [
        ...(boundClaims.sub ?? []),
        ...(typeof role.body.bound_subject === 'string' && role.body.bound_subject !== '' ? [role.body.bound_subject] : []),
      ];
      const mount = applied.mounts.find((m) => m.namespace === role.namespace && m.path === role.mountPath);
      const iss = mount?.boundIssuer ?? mount?.keyIssuer ?? 'https://app.terraform.io';
      const orgId = (boundClaims.terraform_organization_id ?? []).find((v) => !v.includes('*')) ?? truth.organizationId;
      const applyOnly = subs.length > 0 && subs.every((s) => /:(run_phase|operation):apply$/.test(s));
      const paths = [...(pathsByNamespace.get(role.namespace) ?? [])];
      for (const pattern of subs) {
        for (const concrete of specsOfSubject(pattern, glob)) {
          const claims = satisfy(claimsOfSpec(concrete, iss, roleAudience(role), orgId), boundClaims, glob);
          const where = `role ${role.name} (${role.address}) at auth/${role.mountPath} in "${role.namespace}", token ${JSON.stringify(claims)}`;
          const reportLogin: LoginOutcome = loginAt(index, { literal: role.namespace }, { literal: role.mountPath }, { literal: role.name }, claims);
          const engine = await login(role.namespace, role.mountPath, role.name, claims);
          if (reportLogin.verdict === 'unknown') tally.undecided++;
          else if (reportLogin.admitted !== engine.admitted) {
            disagree(`login to ${where}`, `${reportLogin.verdict} (${reportLogin.reason ?? ''})`, engine.admitted ? 'admitted' : `refused (${engine.error})`);
          }
          if (engine.token) {
            const caps = await capabilities(engine.token, role.namespace, paths);
            for (const path of paths) {
              const reportCan = reportLogin.admitted && mintingCapability(index, reportLogin, role.namespace, path) !== undefined;
              if (reportLogin.policiesIncomplete) tally.undecided++;
              else if (reportCan !== obtains(caps[path], role.namespace, path))
                disagree(`credential ${path} for the ${where}`, reportCan ? 'obtains it' : 'does not obtain it', `capabilities ${JSON.stringify(caps[path])}`);
            }
          }
          if (!engine.admitted || !info) continue;
          for (const attack of attacksOn(concrete, claims, boundClaims, applyOnly)) {
            const result = await login(role.namespace, role.mountPath, role.name, attack.claims, attack.signer);
            // The report sees the configuration as written (its mount's issuer and key source), so it judges every
            // attack, a token from another issuer included.
            const reportAttack = simulateLogin(config, { roleName: role.name, authPath: role.mountPath, namespace: role.namespace }, attack.claims);
            const label = `attack "${attack.label}" on ${role.name} in "${role.namespace}": ${JSON.stringify(attack.claims)}`;
            if (result.admitted) disagree(label, `${reportAttack.verdict} (${reportAttack.reason ?? ''})`, 'ADMITTED');
            else if (reportAttack.verdict !== 'refused') disagree(label, `${reportAttack.verdict} (${reportAttack.reason ?? ''})`, `refused (${result.error})`);
            else tally.attacksRefused++;
          }
        }
      }
    }
    return { ...tally, applied, audited };
  } finally {
    await bao.stop();
    await issuers.close();
  }
}

function claimsOfSpec(spec: TokenSpec, iss: string, aud: string, organizationId: string | undefined): Claims {
  return claimsOf(spec, iss, aud, { organizationId });
}

/** Where each test file leaves its figures for scripts/engines/run.js, which prints the summary line. */
export const RESULTS_DIR = path.join(REPOSITORY_ROOT, '.engines', 'results');

/** Writes one test file's figures (disagreements included) for the runner. */
export function recordTally(file: string, tally: Tally): void {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  fs.writeFileSync(path.join(RESULTS_DIR, `${file}.json`), JSON.stringify(tally, null, 2));
}

/** True when the token's id claims meet every condition (no conditions: always). */
function meets(claims: Claims, conditions: readonly LoginCondition[]): boolean {
  return conditions.every((c) => {
    const value = claims[c.claim];
    if (typeof value !== 'string') return false;
    return c.glob ? c.values.some((pattern) => globMatch(pattern, value)) : c.values.includes(value);
  });
}

/** The token with each conditioned claim set to a value the condition admits (a glob's `*` read as "x"). */
function meeting(claims: Claims, conditions: readonly LoginCondition[]): Claims {
  const out: Claims = { ...claims };
  for (const c of conditions) out[c.claim] = c.glob ? c.values[0].replace(/\*/g, 'x') : c.values[0];
  return out;
}
