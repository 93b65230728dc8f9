import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { TerraformStack } from 'cdktf';
import { byPath, JsonObject, synthError, synthWith } from '../support/synth';

/** Which cloud providers a test stack configures (besides vault and tfe). */
export type Cloud = 'aws' | 'google' | 'azurerm';

function addProviders(stack: TerraformStack, clouds: Cloud[]): void {
  if (clouds.includes('aws')) new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  if (clouds.includes('google')) new GoogleProvider(stack, 'google', { project: 'acme-data' });
  if (clouds.includes('azurerm')) new AzurermProvider(stack, 'azurerm', { features: [{}] });
}

/** `synthWith` for stacks that also hold cloud-side resources. */
export function synthWithClouds(clouds: Cloud[], build: (stack: TerraformStack) => void) {
  return synthWith((stack) => {
    addProviders(stack, clouds);
    build(stack);
  });
}

/** `synthError` for stacks that also hold cloud-side resources. */
export function synthErrorWithClouds(clouds: Cloud[], build: (stack: TerraformStack) => void): string {
  return synthError((stack) => {
    addProviders(stack, clouds);
    build(stack);
  });
}

/** The body of the only resource of `type` (fails when there is not exactly one). */
export function only(json: unknown, type: string): JsonObject {
  const bodies = Object.values(byPath(json, type));
  if (bodies.length !== 1) throw new Error(`expected one ${type}, found ${bodies.length}`);
  return bodies[0];
}
