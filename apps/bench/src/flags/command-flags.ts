/** The flags of `serve`, `compare`, `new` and `report`, one entry each (see run-flags.ts for why this shape). */
import { COMPRESSIONS, FAULT_NAMES, LIMITS, LOOPBACK_HOST } from '@fanout/fixture-server';
import { z } from 'zod';
import { integerFlag as integer } from '../cli-numbers.js';
import { faultsFlag } from '../faults-flag.js';
import { flag, toggle } from './flag.js';

const text = z.string().min(1, { error: 'must not be empty' });

export const SERVE_FLAGS = {
  host: flag(text, {
    arg: 'address',
    help: `address to listen on; anything but loopback is reachable from the network (warned)`,
    default: LOOPBACK_HOST,
  }),
  port: flag(integer(0, 65_535), { arg: 'port', help: 'port (0 picks a free one)', default: 0 }),
  latency: flag(integer(0, LIMITS.latencyMs), { arg: 'ms', help: 'added latency per request', default: 0 }),
  size: flag(integer(0, LIMITS.sizeBytes), { arg: 'bytes', help: 'response body size', default: 1024 }),
  faults: flag(faultsFlag, {
    arg: 'mix',
    help: `fault mix for requests without ?fault=, e.g. hang:0.05 (${FAULT_NAMES.join(', ')})`,
  }),
  tls: toggle({ help: 'HTTPS with a CA and certificate made at start; prints the CA file second' }),
  http2: toggle({ help: 'HTTP/2 over TLS (ALPN h2), HTTP/1.1 still offered; needs --tls' }),
  caOut: flag(text, {
    arg: 'file',
    help: 'with --tls: write the CA (PEM) here (default: a temp file, removed at exit)',
  }),
  compress: flag(z.enum(COMPRESSIONS, { error: `must be one of ${COMPRESSIONS.join(', ')}` }), {
    arg: 'coding',
    help: 'pages compressed once per size when the client accepts it (Accept-Encoding)',
  }),
} as const;

const percent = z
  .string()
  .trim()
  .regex(/^\d+(\.\d+)?$/, { error: 'must be a percentage between 0 and 1000' })
  .transform(Number)
  .pipe(z.number().max(1000, { error: 'must be a percentage between 0 and 1000' }));

export const COMPARE_FLAGS = {
  threshold: flag(percent, {
    arg: 'percent',
    help: 'slower by more than this, beyond noise, is a regression',
    default: 10,
  }),
} as const;

export const REPORT_FLAGS = {
  out: flag(text, { arg: 'dir', help: "folder for report.md and sweep.svg (default: the report's folder)" }),
  wide: toggle({ help: "print every column of the table, even past the terminal's width" }),
} as const;

export const NEW_FLAGS = {
  description: flag(
    z
      .string()
      .max(200, { error: 'must be one line of at most 200 characters' })
      .regex(/^[^\n\r]*$/, { error: 'must be one line of at most 200 characters' }),
    { arg: 'text', help: 'one-line description shown by fanout list' },
  ),
  root: flag(text, { arg: 'dir', help: 'workspace root', hidden: true }),
} as const;
