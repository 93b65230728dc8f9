/**
 * A minimal client of OpenBao's HTTP API (the same API as HashiCorp Vault's): one request per call, the token in
 * `X-Vault-Token`, the namespace in `X-Vault-Namespace`. Errors keep OpenBao's own message.
 */

export interface ApiResponse {
  readonly status: number;
  /** The parsed JSON body (`{}` for 204). */
  readonly body: Record<string, unknown> & { errors?: string[]; data?: Record<string, unknown>; auth?: Record<string, unknown> };
}

export class OpenBaoApi {
  /** How many requests this client sent (for the suite's figures). */
  public requests = 0;

  constructor(public readonly address: string) {}

  public async call(method: string, path: string, options: { token?: string; namespace?: string; body?: unknown } = {}): Promise<ApiResponse> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (options.token !== undefined) headers['X-Vault-Token'] = options.token;
    if (options.namespace !== undefined && options.namespace !== '') headers['X-Vault-Namespace'] = options.namespace;
    this.requests++;
    const response = await fetch(`${this.address}/v1/${path.replace(/^\/+/, '')}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    let body: ApiResponse['body'] = {};
    if (text.trim() !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        body = { errors: [text] };
      }
    }
    return { status: response.status, body };
  }

  /** Like {@link call}, but throws with OpenBao's errors unless the status is 2xx. */
  public async must(method: string, path: string, options: { token?: string; namespace?: string; body?: unknown } = {}): Promise<ApiResponse> {
    const response = await this.call(method, path, options);
    if (response.status < 200 || response.status >= 300) {
      const where = options.namespace ? ` (namespace ${options.namespace})` : '';
      throw new Error(`${method} /v1/${path}${where} -> HTTP ${response.status}: ${(response.body.errors ?? []).join('; ') || JSON.stringify(response.body)}`);
    }
    return response;
  }

  /** A JWT login: the client token, or the refusal OpenBao gave. */
  public async jwtLogin(
    namespace: string,
    mountPath: string,
    role: string,
    jwt: string,
  ): Promise<{ token?: string; policies?: string[]; metadata?: Record<string, string>; error?: string }> {
    const response = await this.call('POST', `auth/${mountPath}/login`, { namespace, body: { role, jwt } });
    const auth = response.body.auth as { client_token?: string; policies?: string[]; metadata?: Record<string, string> | null } | undefined;
    if (response.status === 200 && auth?.client_token) return { token: auth.client_token, policies: auth.policies ?? [], metadata: auth.metadata ?? {} };
    return { error: `HTTP ${response.status}: ${(response.body.errors ?? []).join('; ')}` };
  }

  /** `sys/capabilities-self` for many paths at once, in the token's namespace. */
  public async capabilitiesSelf(token: string, namespace: string, paths: readonly string[]): Promise<Record<string, string[]>> {
    return this.capabilities(token, namespace, paths);
  }

  /**
   * The capabilities of `of` on many paths: `sys/capabilities-self` with that token, or, given `asker` (a root token),
   * `sys/capabilities` asked by `asker` about `of` (for a token whose policies do not allow capabilities-self).
   */
  public async capabilities(of: string, namespace: string, paths: readonly string[], asker?: string): Promise<Record<string, string[]>> {
    if (paths.length === 0) return {};
    const response =
      asker === undefined
        ? await this.must('POST', 'sys/capabilities-self', { token: of, namespace, body: { paths } })
        : await this.must('POST', 'sys/capabilities', { token: asker, namespace, body: { token: of, paths } });
    const out: Record<string, string[]> = {};
    for (const path of paths) {
      const value = response.body[path] ?? (response.body.data as Record<string, unknown> | undefined)?.[path];
      if (!Array.isArray(value)) throw new Error(`sys/capabilities-self gave no answer for ${path}: ${JSON.stringify(response.body)}`);
      out[path] = value.map(String);
    }
    return out;
  }
}
