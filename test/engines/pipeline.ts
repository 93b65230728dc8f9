/**
 * The pipeline policy proven against OpenBao: a token holding only the stack's `vault_pipeline_policy` output (no
 * `default` policy) creates, updates and destroys the Vault side through the provider's HTTP calls (apply-vault.ts),
 * and removing any single `path` block from the policy makes that run fail.
 *
 * The cloud secrets engines cannot be mounted in OpenBao. For them the proof is OpenBao's ACL alone: the token's
 * `sys/capabilities-self` must hold every capability the provider needs on each of their paths (the requests below,
 * read from terraform-provider-vault v5.6.0: the mount, its tune, its config and the engine roles). The provider's
 * start-up call `auth/token/lookup-self` is made first (skip_child_token is set, so no `auth/token/create`).
 */
import { literalOf, TerraformConfiguration } from '../../packages/report/src/terraform-json';
import { createNamespaces, KeyFor, ProviderCall, runCalls, VaultPlan, vaultPlan } from './apply-vault';
import { OpenBaoApi } from './openbao-api';

/** One capability the provider needs on a path it cannot exercise against OpenBao (a cloud engine's). */
interface Need {
  readonly address: string;
  readonly namespace: string;
  readonly path: string;
  readonly capabilities: string[];
}

const CRUD = ['create', 'read', 'update', 'delete'];

/** What the provider needs for the cloud engine resources, by their API paths. */
export function cloudEngineNeeds(config: TerraformConfiguration, namespaceOf: (address: string) => string): Need[] {
  const needs: Need[] = [];
  const mountOf = (value: unknown, fallback: string) => literalOf(config.resolve(value)) ?? fallback;
  for (const block of config.resources) {
    const ns = namespaceOf(block.address);
    const add = (path: string, capabilities: string[]) => needs.push({ address: block.address, namespace: ns, path, capabilities });
    const body = block.body;
    switch (block.type) {
      case 'vault_aws_secret_backend':
      case 'vault_gcp_secret_backend':
      case 'vault_azure_secret_backend': {
        const path = mountOf(body.path, block.type.split('_')[1]);
        // Mount: enable (POST), read back (GET sys/mounts/<path>), tune (lease TTLs), disable (DELETE).
        add(`sys/mounts/${path}`, CRUD);
        add(`sys/mounts/${path}/tune`, ['read', 'update']);
        add(block.type === 'vault_aws_secret_backend' ? `${path}/config/root` : `${path}/config`, ['create', 'read', 'update']);
        break;
      }
      case 'vault_aws_secret_backend_role':
        add(`${mountOf(body.backend, 'aws')}/roles/${literalOf(config.resolve(body.name))}`, CRUD);
        break;
      case 'vault_azure_secret_backend_role':
        add(`${mountOf(body.backend, 'azure')}/roles/${literalOf(config.resolve(body.role))}`, CRUD);
        break;
      case 'vault_gcp_secret_roleset':
        add(`${mountOf(body.backend, 'gcp')}/roleset/${literalOf(config.resolve(body.roleset))}`, CRUD);
        break;
      default:
        break;
    }
  }
  return needs;
}

/** The `path "..." { ... }` blocks of a policy text, each with its full text. */
export function pathBlocks(policy: string): Array<{ path: string; text: string }> {
  const blocks: Array<{ path: string; text: string }> = [];
  const pattern = /path\s+"([^"]+)"\s*\{[^}]*\}\s*/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(policy)) !== null) blocks.push({ path: match[1], text: match[0] });
  const rest = policy.replace(pattern, '').trim();
  if (rest !== '') throw new Error(`the pipeline policy has text outside path blocks: ${rest.slice(0, 80)}`);
  return blocks;
}

/** The outcome of one pipeline run: the first refusal, if any. */
export interface PipelineRun {
  readonly ok: boolean;
  /** The failing call or the missing capability. */
  readonly failure?: string;
  readonly calls: number;
}

/**
 * One apply, update and destroy of the Vault side with a fresh token holding only `policy` (written in the provider's
 * namespace as "pipeline"), then the capability checks for the cloud engines. Cleans up with the root token after.
 */
export async function pipelineRun(
  api: OpenBaoApi,
  rootToken: string,
  providerNamespace: string,
  plan: VaultPlan,
  needs: Need[],
  policy: string,
): Promise<PipelineRun> {
  const start = api.requests;
  await api.must('PUT', 'sys/policies/acl/pipeline', { token: rootToken, namespace: providerNamespace, body: { policy } });
  const created = await api.must('POST', 'auth/token/create', {
    token: rootToken,
    namespace: providerNamespace,
    body: { policies: ['pipeline'], no_default_policy: true, ttl: '10m' },
  });
  const token = String((created.body.auth as { client_token: string }).client_token);
  const step = async (label: string, calls: readonly ProviderCall[]): Promise<string | undefined> => {
    try {
      await runCalls(api, token, calls);
      return undefined;
    } catch (error) {
      return `${label}: ${(error as Error).message}`;
    }
  };
  let failure = await step('provider start-up', [{ method: 'GET', path: 'auth/token/lookup-self', namespace: providerNamespace }]);
  for (const r of plan.resources) failure ??= await step(`create ${r.address}`, r.create);
  for (const r of plan.resources) failure ??= await step(`update ${r.address}`, r.update);
  for (const r of [...plan.resources].reverse()) failure ??= await step(`destroy ${r.address}`, r.destroy);
  if (failure === undefined) {
    const byNamespace = new Map<string, Need[]>();
    for (const need of needs) byNamespace.set(need.namespace, [...(byNamespace.get(need.namespace) ?? []), need]);
    for (const [namespace, list] of byNamespace) {
      const caps = await api.capabilities(
        token,
        namespace,
        list.map((n) => n.path),
        rootToken,
      );
      for (const need of list) {
        const missing = need.capabilities.filter((c) => !caps[need.path].includes(c));
        if (missing.length > 0 && failure === undefined)
          failure = `${need.address}: ${missing.join(', ')} on ${need.path} (namespace "${namespace}") missing; OpenBao grants ${JSON.stringify(
            caps[need.path],
          )}`;
      }
    }
  }
  // Leave nothing behind for the next run (root; a missing object is fine).
  for (const r of [...plan.resources].reverse())
    for (const call of r.destroy) await api.call(call.method, call.path, { token: rootToken, namespace: call.namespace });
  await api.call('POST', 'auth/token/revoke-self', { token, namespace: providerNamespace });
  return { ok: failure === undefined, failure, calls: api.requests - start };
}

/** The plan and the cloud needs of a configuration, with the namespaces set up by root. */
export async function preparePipeline(
  api: OpenBaoApi,
  rootToken: string,
  config: TerraformConfiguration,
  keyFor: KeyFor,
): Promise<{ plan: VaultPlan; needs: Need[]; providerNamespace: string }> {
  const plan = vaultPlan(config, keyFor);
  await createNamespaces(api, rootToken, plan.presumedNamespaces);
  const provider = config.providers.find((p) => p.type === 'vault' && p.alias === undefined);
  const providerNamespace = (literalOf(config.resolve(provider?.body.namespace)) ?? '').replace(/^\/+|\/+$/g, '');
  const namespaceOf = (address: string): string => {
    const block = config.block(address)!;
    const own = (literalOf(config.resolve(block.body.namespace)) ?? '').replace(/^\/+|\/+$/g, '');
    return [providerNamespace, own].filter((s) => s !== '').join('/');
  };
  return { plan, needs: cloudEngineNeeds(config, namespaceOf), providerNamespace };
}
