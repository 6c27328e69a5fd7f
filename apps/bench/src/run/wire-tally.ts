import type { JobResult } from '@fanout/core';

/**
 * Over the successes of the timed batches: decoded body bytes, the bytes the wire carried (core's `wireBytes` where
 * the body was encoded, else the body itself), and the HTTP version each answer came over where the strategy says
 * (core's `protocol`, set when h2 was offered). What a --url point has instead of server counters.
 */
export function createWireTally() {
  let bytes = 0;
  let wireBytes = 0;
  const protocols: Record<string, number> = {};
  return {
    add(result: JobResult): void {
      if (!result.ok) return;
      // Read as optional fields: a strategy built against an older core sets neither.
      const { wireBytes: wire, protocol } = result as { wireBytes?: number; protocol?: string };
      bytes += result.bytes;
      wireBytes += wire ?? result.bytes;
      if (protocol !== undefined) protocols[protocol] = (protocols[protocol] ?? 0) + 1;
    },
    summary() {
      return { bytes, wireBytes, ...(Object.keys(protocols).length > 0 ? { protocols: { ...protocols } } : {}) };
    },
  };
}
