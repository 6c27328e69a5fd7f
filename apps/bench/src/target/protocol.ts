import { X509Certificate } from 'node:crypto';
import type { Compression } from '@fanout/fixture-server';
import { UsageError } from '../usage-error.js';
import { readFlagFile } from './flag-file.js';
import { isLoopback } from './urls.js';

/** What the clients speak to the target, as the flags asked (issue 19). Trusted once resolved. */
export interface ProtocolSettings {
  /** The embedded server serves HTTPS (--tls); for --url targets the scheme says it. */
  readonly tls: boolean;
  /** Clients offer h2 by ALPN (--http2), HTTP/1.1 still offered. */
  readonly http2: boolean;
  /** Clients ask for this coding and decode it (--compress); the embedded server serves it. */
  readonly compress: Compression | undefined;
  /** --ca: the file as given (for the report), and its PEM text, read and checked at the edge. */
  readonly caFile: string | undefined;
  readonly caPem: string | undefined;
}

/** The network the relay adds between the clients and the target; absent: loopback as it is. */
export interface NetworkSettings {
  readonly rttMs: number;
  readonly bandwidthMbit: number | undefined;
}

interface ProtocolFlags {
  readonly tls: boolean;
  readonly http2: boolean;
  readonly compress: Compression | undefined;
  readonly ca: string | undefined;
  readonly rtt: number | undefined;
  readonly bandwidth: number | undefined;
}

/**
 * Checks what spans these flags and the target, and reads --ca. Each mistake is one line naming the flag and the
 * value: a flag that would silently do nothing is refused rather than ignored.
 */
export function resolveProtocol(
  flags: ProtocolFlags,
  urls: readonly string[] | undefined,
): { protocol: ProtocolSettings; network: NetworkSettings | undefined } {
  const external = urls !== undefined && urls.length > 0;
  const https = external && urls.every((url) => new URL(url).protocol === 'https:');
  if (external && flags.tls) {
    throw new UsageError('--tls applies to the embedded server; an --url target speaks TLS when its URL is https://');
  }
  if (flags.http2 && (external ? !https : !flags.tls)) {
    throw new UsageError(
      external
        ? '--http2 needs https --url targets: HTTP/2 is offered over TLS with ALPN (no cleartext h2c)'
        : '--http2 needs --tls: the embedded server speaks HTTP/2 over TLS with ALPN',
    );
  }
  if (flags.ca !== undefined && !external) {
    throw new UsageError('--ca applies to --url targets; the embedded server makes its own CA and hands it over');
  }
  if (flags.ca !== undefined && !urls?.some((url) => new URL(url).protocol === 'https:')) {
    throw new UsageError(`--ca ${JSON.stringify(flags.ca)} is for https --url targets; none was given`);
  }
  if ((flags.rtt !== undefined || flags.bandwidth !== undefined) && external) {
    const remote = urls.find((url) => !isLoopback(new URL(url).hostname));
    if (remote) {
      throw new UsageError(
        `--rtt and --bandwidth add a network in front of a loopback target; ${JSON.stringify(remote)} is not on loopback (it has a network of its own)`,
      );
    }
  }
  const network =
    flags.rtt === undefined && flags.bandwidth === undefined
      ? undefined
      : { rttMs: flags.rtt ?? 0, bandwidthMbit: flags.bandwidth };
  return {
    protocol: {
      tls: flags.tls || https,
      http2: flags.http2,
      compress: flags.compress,
      caFile: flags.ca,
      caPem: flags.ca === undefined ? undefined : readCaFile(flags.ca),
    },
    network,
  };
}

/** The PEM text of --ca FILE, with every certificate in it parsed: a clear error naming the file otherwise. */
export function readCaFile(path: string): string {
  const text = readFlagFile('--ca', path);
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) {
    throw new UsageError(`--ca ${JSON.stringify(path)}: no PEM certificate in it (-----BEGIN CERTIFICATE-----)`);
  }
  for (const [index, block] of blocks.entries()) {
    try {
      new X509Certificate(block);
    } catch (error) {
      throw new UsageError(
        `--ca ${JSON.stringify(path)}: certificate ${index + 1} is not valid PEM X.509 (${(error as Error).message})`,
      );
    }
  }
  return blocks.join('\n');
}

/** The coding clients ask for: the one the run compresses with, else identity. */
export function acceptEncodingOf(protocol: ProtocolSettings): Compression | 'identity' {
  return protocol.compress ?? 'identity';
}
