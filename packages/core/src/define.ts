import { CONTRACT_VERSION, type CreateStrategy, type StrategyDefinition } from './contract.js';
import { parseStrategyOptions } from './options.js';

/**
 * Declares a strategy: every strategy validates its options the same way and
 * states the contract version it was built against.
 */
export function defineStrategy(spec: { readonly name: string; readonly create: CreateStrategy }): StrategyDefinition {
  return {
    contractVersion: CONTRACT_VERSION,
    name: spec.name,
    create: async (options: unknown) => spec.create(parseStrategyOptions(options)),
  };
}
