import { parseArgs } from 'node:util';
import { COMPRESSIONS, type Compression } from './encoding.js';
import { type FaultMix, parseFaultMix } from './faults.js';
import { LOOPBACK_HOST } from './listen-host.js';
import { LIMITS } from './settings.js';

export interface CliSettings {
  readonly host: string;
  readonly port: number;
  readonly latencyMs: number;
  readonly sizeBytes: number;
  readonly faults?: FaultMix;
  readonly tls: boolean;
  readonly http2: boolean;
  readonly compress?: Compression;
  /** Where to write the CA (PEM) with --tls; a fresh temp folder when absent. */
  readonly caOut?: string;
}

export const USAGE =
  'usage: fanout-fixture-server [--host H] [--port N] [--latency MS] [--size BYTES] [--faults NAME:RATIO,...]\n' +
  '                             [--tls [--http2] [--ca-out FILE]] [--compress gzip|br]\n' +
  `Serves on ${LOOPBACK_HOST} unless --host says otherwise; the first stdout line is the base URL, and with --tls\n` +
  'the second is "ca: FILE", the CA certificate (PEM) clients must trust.';

/** Reads the command line; throws an Error naming the bad flag and value. */
export function parseCliArgs(argv: readonly string[]): CliSettings | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      latency: { type: 'string' },
      size: { type: 'string' },
      faults: { type: 'string' },
      tls: { type: 'boolean' },
      http2: { type: 'boolean' },
      compress: { type: 'string' },
      'ca-out': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  const tls = values.tls === true;
  const http2 = values.http2 === true;
  if (http2 && !tls) throw new Error('--http2 needs --tls (HTTP/2 is served over TLS with ALPN)');
  if (values['ca-out'] !== undefined && !tls) throw new Error('--ca-out needs --tls (without TLS there is no CA)');
  if (values.host !== undefined && values.host.trim() === '') throw new Error('--host must not be empty');
  return {
    host: values.host ?? LOOPBACK_HOST,
    port: integer('--port', values.port, 0, 0, 65_535),
    latencyMs: integer('--latency', values.latency, 0, 0, LIMITS.latencyMs),
    sizeBytes: integer('--size', values.size, 1024, 0, LIMITS.sizeBytes),
    tls,
    http2,
    ...(values.compress === undefined ? {} : { compress: compression(values.compress) }),
    ...(values['ca-out'] === undefined ? {} : { caOut: values['ca-out'] }),
    ...(values.faults === undefined ? {} : { faults: faultMix(values.faults) }),
  };
}

function compression(text: string): Compression {
  if ((COMPRESSIONS as readonly string[]).includes(text)) return text as Compression;
  throw new Error(`--compress must be one of ${COMPRESSIONS.join(', ')}, got ${JSON.stringify(text)}`);
}

function faultMix(text: string): FaultMix {
  try {
    return parseFaultMix(text);
  } catch (error) {
    throw new Error(`--faults ${JSON.stringify(text)}: ${(error as Error).message}`);
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
