/**
 * The pipeline policy of each example stack, proven against OpenBao (pipeline.ts): sufficient (a token holding only
 * it applies, updates and destroys the Vault side) and necessary (without any one of its path blocks, that run fails).
 */
import { Testing } from 'cdktf';
import { EnterpriseExample } from '../../examples/enterprise';
import { VaultBackedCredentialsExample } from '../../examples/main';
import { TerraformConfiguration } from '../../packages/report/src/terraform-json';
import { LoopbackIssuer } from '../e2e/loopback-issuer';
import { startBao } from './bao-server';
import { emptyTally, recordTally } from './check';
import { OpenBaoApi } from './openbao-api';
import { pathBlocks, pipelineRun, preparePipeline } from './pipeline';

jest.setTimeout(300_000);

const tally = { ...emptyTally(), pipeline: { stacks: 0, paths: 0, necessary: 0, sufficient: 0 } };
afterAll(() => recordTally('pipeline', tally));

const examples = [
  ['examples/main.ts', () => new VaultBackedCredentialsExample(Testing.app(), 'example')],
  ['examples/enterprise.ts', () => new EnterpriseExample(Testing.app(), 'example')],
] as const;

test.each(examples)('%s: the pipeline policy is sufficient and each of its paths necessary', async (name, build) => {
  const json = JSON.parse(Testing.synth(build()));
  const config = new TerraformConfiguration(json);
  const policy = String(json.output.vault_pipeline_policy.value);
  const blocks = pathBlocks(policy);
  const issuer = await LoopbackIssuer.start('https://app.terraform.io');
  const bao = await startBao();
  try {
    const api = new OpenBaoApi(bao.address);
    const { plan, needs, providerNamespace } = await preparePipeline(api, bao.rootToken, config, () => issuer.publicKeyPem);
    tally.pipeline.stacks++;
    tally.pipeline.paths += blocks.length;

    const full = await pipelineRun(api, bao.rootToken, providerNamespace, plan, needs, policy);
    if (full.ok) tally.pipeline.sufficient++;
    else
      tally.disagreements.push(
        `${name}: the pipeline policy is not sufficient\n    library: vault_pipeline_policy lets the pipeline apply the stack\n    OpenBao: ${full.failure}`,
      );

    const unnecessary: string[] = [];
    for (const block of blocks) {
      const without = blocks
        .filter((b) => b !== block)
        .map((b) => b.text)
        .join('\n');
      const run = await pipelineRun(api, bao.rootToken, providerNamespace, plan, needs, without);
      if (run.ok) unnecessary.push(block.path);
      else tally.pipeline.necessary++;
    }
    for (const path of unnecessary) {
      tally.disagreements.push(
        `${name}: path "${path}" of the pipeline policy is not needed\n    library: every path is needed\n    OpenBao: the run passes without it`,
      );
    }
    expect({ unnecessary }).toEqual({ unnecessary: [] });
    expect({ sufficient: full.failure ?? 'yes' }).toEqual({ sufficient: 'yes' });
    expect(blocks.length).toBeGreaterThan(8);
  } finally {
    await bao.stop();
    await issuer.close();
  }
});
