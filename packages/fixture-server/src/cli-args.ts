import { parseArgs } from 'node:util';
import { type FaultMix, parseFaultMix } from './faults.js';
import { LIMITS } from './settings.js';

export interface CliSettings {
  readonly port: number;
  readonly latencyMs: number;
  readonly sizeBytes: number;
  readonly faults?: FaultMix;
}

export const USAGE =
  'usage: fanout-fixture-server [--port N] [--latency MS] [--size BYTES] [--faults NAME:RATIO,...]\n' +
  'Serves on 127.0.0.1; the first stdout line is the base URL.';

/** Reads the command line; throws an Error naming the bad flag and value. */
export function parseCliArgs(argv: readonly string[]): CliSettings | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      port: { type: 'string' },
      latency: { type: 'string' },
      size: { type: 'string' },
      faults: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  const settings = {
    port: integer('--port', values.port, 0, 0, 65_535),
    latencyMs: integer('--latency', values.latency, 0, 0, LIMITS.latencyMs),
    sizeBytes: integer('--size', values.size, 1024, 0, LIMITS.sizeBytes),
  };
  if (values.faults === undefined) return settings;
  try {
    return { ...settings, faults: parseFaultMix(values.faults) };
  } catch (error) {
    throw new Error(`--faults ${JSON.stringify(values.faults)}: ${(error as Error).message}`);
  }
}

function integer(flag: string, text: string | undefined, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback;
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(Number.isSafeInteger(value) && value >= min && value <= max)) {
    throw new Error(`${flag} must be an integer in [${min}, ${max}], got ${JSON.stringify(text)}`);
  }
  return value;
}
