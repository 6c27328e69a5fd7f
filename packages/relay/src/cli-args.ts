import { parseArgs } from 'node:util';
import type { RelayOptions } from './options.js';

export const USAGE =
  'usage: fanout-relay --target URL --rtt MS [--bandwidth MBIT] [--host H] [--port N] [--allow-remote]\n' +
  'Relays TCP to the target (http or https URL; TLS passes through), holding each chunk RTT/2 each way and\n' +
  'pacing each connection to MBIT Mbit/s. Listens on 127.0.0.1 unless --host says otherwise; the first stdout\n' +
  "line is the target's URL through the relay.";

/** Reads the command line; throws an Error naming the bad flag and value (the rest is checked by planRelay). */
export function parseCliArgs(argv: readonly string[]): RelayOptions | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      target: { type: 'string' },
      rtt: { type: 'string' },
      bandwidth: { type: 'string' },
      host: { type: 'string' },
      port: { type: 'string' },
      'allow-remote': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  if (values.target === undefined) throw new Error('--target is required (the URL to relay to)');
  if (values.rtt === undefined) throw new Error('--rtt is required (ms; 0 relays without delay)');
  return {
    target: values.target,
    rttMs: number('--rtt', values.rtt),
    ...(values.bandwidth === undefined ? {} : { bandwidthMbit: number('--bandwidth', values.bandwidth) }),
    ...(values.host === undefined ? {} : { host: values.host }),
    ...(values.port === undefined ? {} : { port: number('--port', values.port) }),
    ...(values['allow-remote'] ? { allowRemoteTarget: true } : {}),
  };
}

// Decimal numbers only: Number() would also take '', '0x10' or '1e3', which in a flag is a typo.
function number(flag: string, text: string): number {
  if (!/^\d+(\.\d+)?$/.test(text))
    throw new Error(`${flag} must be a non-negative number, got ${JSON.stringify(text)}`);
  return Number(text);
}
