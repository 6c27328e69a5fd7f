import { parseFaultMix } from '@fanout/fixture-server';
import { z } from 'zod';

/** `--faults NAME:RATIO,…` for the fixture server, parsed here once into a FaultMix. */
export const faultsFlag = z.string().transform((text, context) => {
  try {
    return parseFaultMix(text);
  } catch (error) {
    context.addIssue({
      code: 'custom',
      message: `${JSON.stringify(text)}: ${(error as Error).message}`,
      params: { quotesValue: true },
    });
    return z.NEVER;
  }
});
