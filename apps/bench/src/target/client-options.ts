import type { Compression } from '@fanout/fixture-server';
import type { ProtocolSettings } from './protocol.js';

/**
 * What the run adds to every client's options (core's StrategyOptions `ca`, `http2`, `acceptEncoding`), the one
 * place they are made for the points and the calibration. Only what differs from plaintext HTTP/1.1 is set, so a
 * strategy built against an older core (whose options are strict) still runs a plaintext run.
 */
export interface ClientOptions {
  /** PEM of the extra CAs to trust: the embedded server's, or --ca's. */
  readonly ca?: string;
  /** Offer h2 by ALPN. */
  readonly http2?: true;
  /** Ask for this coding and decode it. */
  readonly acceptEncoding?: Compression;
}

export function clientOptions(protocol: ProtocolSettings, ca: string | undefined): ClientOptions {
  return {
    ...(ca === undefined ? {} : { ca }),
    ...(protocol.http2 ? { http2: true as const } : {}),
    ...(protocol.compress === undefined ? {} : { acceptEncoding: protocol.compress }),
  };
}
