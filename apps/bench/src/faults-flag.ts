import { type FaultMix, parseFaultMix } from '@fanout/fixture-server';
import { UsageError } from './usage-error.js';

/** `--faults NAME:RATIO,…` for the fixture server; undefined when the flag is absent. */
export function parseFaultsFlag(text: string | undefined): FaultMix | undefined {
  if (text === undefined) return undefined;
  try {
    return parseFaultMix(text);
  } catch (error) {
    throw new UsageError(`--faults ${JSON.stringify(text)}: ${(error as Error).message}`);
  }
}
