import { type AddressInfo, connect, createServer, type Socket } from 'node:net';
import { createLink, type Link } from './link.js';
import { planRelay, type RelayOptions } from './options.js';

export interface RelayStats {
  /** Connections accepted since start. */
  readonly connections: number;
  readonly openConnections: number;
  /** Bytes delivered client → target and target → client. */
  readonly bytesUp: number;
  readonly bytesDown: number;
}

export interface Relay {
  /** The target's URL with the relay's port in place of the target's: use it instead of the target's. */
  readonly url: string;
  readonly port: number;
  stats(): RelayStats;
  /** Closes the listener and every relayed connection at once; safe to call twice. */
  close(): Promise<void>;
}

/**
 * Starts a TCP relay in this process (tests; the bench runs it in its own process, see `spawnRelay`). Each accepted
 * connection gets its own connection to the target at once, and two links:
 * - client → target: nothing leaves before the connection is one RTT old (the SYN, SYN-ACK the kernel skipped on
 *   loopback), then each chunk travels RTT / 2;
 * - target → client: nothing leaves before 1.5 RTT (when a real server would have accepted), then RTT / 2.
 * So a request on a new connection arrives after 1.5 RTT and its answer after 2 RTT, and TLS's round trips add
 * themselves because its bytes cross the same links. A target that refuses the connection resets the client's after
 * one RTT (a refused SYN costs a round trip), as ECONNRESET rather than ECONNREFUSED: the client's connect already
 * succeeded against the relay.
 */
export async function startRelay(options: RelayOptions): Promise<Relay> {
  const plan = planRelay(options);
  const half = plan.rttMs / 2;
  const open = new Set<Socket>();
  const pairs = new Set<{ readonly up: Link; readonly down: Link }>();
  let connections = 0;
  let bytesUp = 0;
  let bytesDown = 0;

  const server = createServer({ allowHalfOpen: true, noDelay: true }, (client) => {
    const openedAt = performance.now();
    connections += 1;
    const target = connect({ host: plan.targetHost, port: plan.targetPort, allowHalfOpen: true, noDelay: true });
    const up = createLink(client, target, {
      delayMs: half,
      bytesPerMs: plan.bytesPerMs,
      notBefore: openedAt + plan.rttMs,
    });
    const down = createLink(target, client, {
      delayMs: half,
      bytesPerMs: plan.bytesPerMs,
      notBefore: openedAt + 3 * half,
    });
    const pair = { up, down };
    pairs.add(pair);
    for (const socket of [client, target]) {
      open.add(socket);
      // Errors end in 'close', which the links turn into a reset on the other side.
      socket.on('error', () => undefined);
    }
    let closed = 0;
    const onClose = (socket: Socket) => () => {
      open.delete(socket);
      closed += 1;
      if (closed < 2) return;
      bytesUp += up.delivered();
      bytesDown += down.delivered();
      up.stop();
      down.stop();
      pairs.delete(pair);
    };
    client.once('close', onClose(client));
    target.once('close', onClose(target));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(plan.port, plan.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: plan.relayedUrl(port),
    port,
    stats: () => {
      let up = bytesUp;
      let down = bytesDown;
      for (const pair of pairs) {
        up += pair.up.delivered();
        down += pair.down.delivered();
      }
      return { connections, openConnections: pairs.size, bytesUp: up, bytesDown: down };
    },
    close() {
      // The links stop first, so the closes below pass nothing on and leave no timer behind.
      for (const pair of pairs) {
        pair.up.stop();
        pair.down.stop();
      }
      closing ??= Promise.all([
        new Promise<void>((resolve) => server.close(() => resolve())),
        ...[...open].map((socket) => new Promise<void>((resolve) => socket.once('close', () => resolve()).destroy())),
      ]).then(() => undefined);
      return closing;
    },
  };
}
