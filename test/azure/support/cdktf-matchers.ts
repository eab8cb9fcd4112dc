import { TerraformStack, Testing } from 'cdktf';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';

/** A resource class as the cdktf matchers take it. */
export interface ResourceClass {
  readonly tfResourceType: string;
}

// cdktf ships the matchers but not their jest typings.
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      toHaveResourceWithProperties(resourceType: ResourceClass, properties?: Record<string, unknown>): R;
      toHaveResource(resourceType: ResourceClass): R;
      toHaveDataSourceWithProperties(resourceType: ResourceClass, properties?: Record<string, unknown>): R;
      toHaveProviderWithProperties(resourceType: ResourceClass, properties?: Record<string, unknown>): R;
    }
  }
}

Testing.setupJest();

/** A stack in a fresh testing app. */
export function testStack(): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'stack');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  return stack;
}

/** The synthesized stack as a parsed object, for targeted assertions. */
export function synthJson(stack: TerraformStack): Record<string, Record<string, Record<string, Record<string, unknown>>>> {
  return JSON.parse(Testing.synth(stack, true));
}

/** The single resource of a type in a synthesized stack. */
export function onlyResource(stack: TerraformStack, type: string): Record<string, unknown> {
  const resources = Object.values(synthJson(stack).resource?.[type] ?? {});
  if (resources.length !== 1) throw new Error(`expected one ${type}, found ${resources.length}`);
  return resources[0];
}
