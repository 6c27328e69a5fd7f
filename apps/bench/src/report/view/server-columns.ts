import type { ServerCounters } from '../../model/schema.js';
import { type ColumnSpec, type Measured, NONE, of } from './cell.js';

const whole = (value: number): string => value.toLocaleString('en-US');

/** A point's server counters (embedded server only; a peer or a --url point has none). */
const countersOf = (row: Measured): ServerCounters | undefined => (row.kind === 'point' ? row.run.server : undefined);

/**
 * The fixture server's view of each point's timed batches (issue 19): what the requests spoke, how many connections
 * and TLS handshakes they cost, and HTTP/2 streams. First to go on a narrow terminal; --wide, report.md and
 * report.html show them all.
 */
export const SERVER_COLUMNS = [
  {
    id: 'protocol',
    head: 'proto',
    align: 'left',
    essential: false,
    dropOrder: 0.5,
    whenPresent: true,
    legend:
      'proto, conns, TLS hs, h2 streams, srv max: the fixture server\'s counts over the timed batches (a warm connection kept from the warm-up counts as a connection, not as a handshake; "+n r" are resumed sessions)',
    cell: (row) => {
      const counters = countersOf(row);
      if (counters?.protocol) {
        // The number behind the words: the share of requests that came as HTTP/2 streams.
        const h2Share = counters.requests > 0 ? (counters.http2Streams ?? 0) / counters.requests : 0;
        return { text: counters.protocol, raw: h2Share, warn: false };
      }
      // A --url point has no server counters: what its strategy said each answer came over (when h2 was offered).
      const said = row.kind === 'point' ? row.run.totals.protocols : undefined;
      if (!said) return NONE;
      const total = Object.values(said).reduce((sum, n) => sum + n, 0);
      const names = Object.keys(said).sort((a, b) => (said[b] ?? 0) - (said[a] ?? 0));
      return { text: names.join(' + '), raw: total > 0 ? (said.h2 ?? 0) / total : 0, warn: false };
    },
  },
  {
    id: 'connections',
    head: 'conns',
    essential: false,
    dropOrder: 0.4,
    whenPresent: true,
    cell: (row) => of(countersOf(row)?.connections, whole),
  },
  {
    id: 'tlsHandshakes',
    head: 'TLS hs',
    essential: false,
    dropOrder: 0.3,
    whenPresent: true,
    cell: (row) => {
      const counters = countersOf(row);
      if (!counters || counters.protocol === undefined || counters.protocol === 'http/1.1') return NONE;
      const full = counters.tlsHandshakes ?? 0;
      const resumed = counters.tlsResumed ?? 0;
      return {
        text: `${whole(full)}${resumed > 0 ? ` +${whole(resumed)} r` : ''}`,
        raw: full,
        warn: false,
      };
    },
  },
  {
    id: 'http2Streams',
    head: 'h2 streams',
    essential: false,
    dropOrder: 0.2,
    whenPresent: true,
    cell: (row) => {
      const counters = countersOf(row);
      return counters?.http2Streams ? of(counters.http2Streams, whole) : NONE;
    },
  },
  {
    id: 'wire',
    head: 'wire',
    essential: false,
    dropOrder: 0.15,
    whenPresent: true,
    legend: 'wire: body bytes the wire carried ÷ decoded body bytes (shown when the bodies came compressed)',
    cell: (row) => {
      const totals = row.kind === 'point' ? row.run.totals : undefined;
      if (!totals?.bytes || totals.wireBytes === undefined || totals.wireBytes === totals.bytes) return NONE;
      return of(totals.wireBytes / totals.bytes, (ratio) => `${(ratio * 100).toFixed(1)}%`);
    },
  },
  {
    id: 'serverMaxInFlight',
    head: 'srv max',
    essential: false,
    dropOrder: 0.1,
    whenPresent: true,
    cell: (row) => of(countersOf(row)?.maxInFlight, whole),
  },
] as const satisfies readonly ColumnSpec[];
