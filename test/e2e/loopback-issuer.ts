/**
 * A loopback OIDC issuer for tests: it plays HCP Terraform (or an attacker's look-alike) on 127.0.0.1, serves the
 * discovery and JWKS documents, and signs workload identity tokens shaped exactly like HCP Terraform's.
 */
import { randomUUID } from 'crypto';
import * as http from 'http';
import { AddressInfo } from 'net';
import { exportJWK, exportSPKI, generateKeyPair, JWK, KeyLike, SignJWT } from 'jose';

/** The fields a workspace run token is made from. */
export interface RunFacts {
  readonly organization: string;
  readonly project: string;
  readonly workspace: string;
  readonly runPhase: 'plan' | 'apply';
  readonly audience?: string;
}

export class LoopbackIssuer {
  /** Starts an issuer whose tokens say `iss = issuer`, served at http://127.0.0.1:<port>. */
  public static async start(issuer: string): Promise<LoopbackIssuer> {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const kid = randomUUID();
    const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
    const instance = new LoopbackIssuer(issuer, privateKey, kid, jwk, await exportSPKI(publicKey));
    await new Promise<void>((resolve) => instance.server.listen(0, '127.0.0.1', resolve));
    return instance;
  }

  /** Requests served, by path (to prove verification really went through discovery). */
  public readonly hits: string[] = [];
  private readonly server: http.Server;
  /** The key this issuer signs with, when told to sign with another issuer's key. */
  private signingKey: { key: KeyLike; kid: string };

  private constructor(
    public readonly issuer: string,
    privateKey: KeyLike,
    kid: string,
    private readonly jwk: JWK,
    /** The verification key as a PEM public key, for a mount's `jwt_validation_pubkeys` (test/engines). */
    public readonly publicKeyPem: string,
  ) {
    this.signingKey = { key: privateKey, kid };
    this.server = http.createServer((request, response) => {
      this.hits.push(request.url ?? '');
      const send = (status: number, body: unknown): void => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      };
      if (request.url === '/.well-known/openid-configuration') {
        send(200, {
          issuer: this.issuer,
          jwks_uri: `${this.issuer}/.well-known/jwks`,
          response_types_supported: ['id_token'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
          claims_supported: [
            'sub',
            'aud',
            'exp',
            'iat',
            'iss',
            'jti',
            'nbf',
            'ref',
            'terraform_organization_id',
            'terraform_workspace_id',
            'terraform_run_phase',
          ],
        });
      } else if (request.url === '/.well-known/jwks') {
        send(200, { keys: [this.jwk] });
      } else {
        send(404, { errors: ['not found'] });
      }
    });
  }

  /** Where the issuer really listens. */
  public get origin(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Signs with another issuer's private key from now on (a forged token). */
  public forgeWithKeyOf(other: LoopbackIssuer): void {
    this.signingKey = other.signingKey;
  }

  /** A workload identity token for a workspace run, with HCP Terraform's header and claims. */
  public async sign(facts: RunFacts, overrides: Record<string, unknown> = {}): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const ids = (prefix: string, name: string) => `${prefix}-${Buffer.from(name).toString('hex').slice(0, 16)}`;
    const fullWorkspace = `organization:${facts.organization}:project:${facts.project}:workspace:${facts.workspace}`;
    return new SignJWT({
      terraform_organization_id: ids('org', facts.organization),
      terraform_organization_name: facts.organization,
      terraform_project_id: ids('prj', `${facts.organization}/${facts.project}`),
      terraform_project_name: facts.project,
      terraform_workspace_id: ids('ws', `${facts.organization}/${facts.workspace}`),
      terraform_workspace_name: facts.workspace,
      terraform_full_workspace: fullWorkspace,
      terraform_run_id: `run-${randomUUID().replace(/-/g, '').slice(0, 16)}`,
      terraform_run_phase: facts.runPhase,
      ...overrides,
    })
      .setProtectedHeader({ typ: 'JWT', alg: 'RS256', kid: this.signingKey.kid })
      .setJti(randomUUID())
      .setIssuer(this.issuer)
      .setAudience(facts.audience ?? 'vault.workload.identity')
      .setSubject(`${fullWorkspace}:run_phase:${facts.runPhase}`)
      .setIssuedAt(now)
      .setNotBefore(now - 5)
      .setExpirationTime(now + 300)
      .sign(this.signingKey.key);
  }

  /**
   * Signs exactly the claims given (iss, aud and sub included), adding only what they lack of `iat`, `nbf` (5 s
   * back), `exp` (5 minutes on) and `jti`: for tokens built from the trust report's own claim builders.
   */
  public async signClaims(claims: Record<string, unknown>): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ iat: now, nbf: now - 5, exp: now + 300, jti: randomUUID(), ...claims })
      .setProtectedHeader({ typ: 'JWT', alg: 'RS256', kid: this.signingKey.kid })
      .sign(this.signingKey.key);
  }

  public async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }
}
