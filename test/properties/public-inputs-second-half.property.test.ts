/** The second half of the hostile-input property test: see public-inputs.property.test.ts. */
import { exerciseInput, INPUTS, printCounts, scenarioOf } from './public-inputs';

afterAll(printCounts);

// The other half runs in public-inputs.property.test.ts.
const half = INPUTS.filter((i) => scenarioOf(i) !== undefined).filter((_, index) => index % 2 === 1);

test.each(half.map((i) => [i.key, i] as const))('%s: hostile values are refused naming input and value, or accepted inert', (_key, input) => {
  exerciseInput(input);
}, 120000);
