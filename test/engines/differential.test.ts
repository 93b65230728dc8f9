/**
 * The differential run: generated configurations (generate.ts, fixed seed) applied to OpenBao, every verdict of the
 * report and the testing helpers compared with OpenBao's (check.ts). A disagreement is a report bug unless OpenBao
 * is documented to differ from Vault; each known one is recorded in test/engines/KNOWN-DISAGREEMENTS.md and still
 * fails the run.
 */
import { addTally, checkConfiguration, emptyTally, recordTally } from './check';
import { generateConfigurations } from './generate';

/** Sized so `npm run test:engines` stays under 3 minutes on a 2-core machine (see README). */
export const SEED = 20261205;
export const CONFIGURATIONS = Number(process.env.ENGINES_CONFIGURATIONS ?? 40);
const FLEET_GRANTS = 6;

jest.setTimeout(600_000);

const total = emptyTally();
afterAll(() => recordTally('differential', total));

const configurations = generateConfigurations(SEED, CONFIGURATIONS, FLEET_GRANTS);

test('the generated configurations cover every perturbation', () => {
  const recipes = configurations.flatMap((c) => c.recipe).join('\n');
  for (const feature of [
    'bound by id',
    'project',
    'prefix',
    'ids',
    'organization',
    'shared run role',
    'tagged configuration',
    'Stack grant',
    'module test grant',
    'namespace admin/platform',
    'namespace team-a',
    'namespace (root)',
    'string -> glob',
    'glob svc-',
    '+/',
    '-*',
    'deny',
    'also carries',
  ]) {
    expect({ feature, found: recipes.includes(feature) }).toEqual({ feature, found: true });
  }
});

test.each(configurations.map((c) => [c.name, c] as const))('%s agrees with OpenBao', async (_name, configuration) => {
  const result = await checkConfiguration(configuration.name, configuration.json, configuration.truth);
  addTally(total, result);
  expect({ recipe: configuration.recipe, disagreements: result.disagreements }).toEqual({ recipe: configuration.recipe, disagreements: [] });
});
