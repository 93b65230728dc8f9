/**
 * Every string and number input of the public API, derived from the jsii assembly (not a hand list), fed a corpus of
 * hostile values: each property of each struct, and each string parameter of each public constructor, method and
 * static method (construct ids included: they become Vault role, variable set and mount names by default). Each case
 * must be either refused at synthesis with a message that names the construct path, the input and the value, or
 * accepted inert: the synthesized JSON holds no `${` or `%{` (in any value or key) that the same scenario does not
 * hold without the hostile value, so no accepted input changes meaning for Terraform.
 *
 * Inputs are exercised through scenarios that build the API the way users do, passing each struct literal and each
 * parameter through a hook keyed by the struct's name or by `Class.method.parameter`. A struct or parameter no
 * scenario passes must be listed in NOT_EXERCISED with the reason, so a new input is covered by construction. The
 * scenarios and the judgement are in public-inputs.ts; this file runs every other input, the second half file the rest.
 */
import { exerciseInput, INPUTS, notExercised, NOT_EXERCISED, printCounts, SCENARIOS, scenarioOf, structs } from './public-inputs';

test('every struct and parameter with string or number inputs is passed by a scenario or listed with a reason, not both', () => {
  expect(INPUTS.filter((i) => scenarioOf(i) === undefined && notExercised(i) === undefined).map((i) => i.key)).toEqual([]);
  expect(INPUTS.filter((i) => scenarioOf(i) !== undefined && notExercised(i) !== undefined).map((i) => i.key)).toEqual([]);
  // Scenarios and reasons name only structs and parameters the assembly has.
  const known = new Set([...structs.keys(), ...INPUTS.map((i) => i.key)]);
  expect([...SCENARIOS.flatMap((s) => s.keys), ...Object.keys(NOT_EXERCISED)].filter((key) => !known.has(key))).toEqual([]);
});

afterAll(printCounts);

// The other half runs in public-inputs-second-half.property.test.ts.
const half = INPUTS.filter((i) => scenarioOf(i) !== undefined).filter((_, index) => index % 2 === 0);

test.each(half.map((i) => [i.key, i] as const))('%s: hostile values are refused naming input and value, or accepted inert', (_key, input) => {
  exerciseInput(input);
}, 120000);
