import type { PeerProtocol } from './peer.js';

/** Why an HTTP/1.1-only peer is left out of a run whose points spoke h2. */
export function speaksHttp1Only(name: string, protocol: PeerProtocol): string | undefined {
  return protocol.http2
    ? `${name} speaks HTTP/1.1 only, and the points spoke h2 here (run over HTTP/1.1 it would measure another protocol)`
    : undefined;
}

/** What a peer's client does with the run's TLS and coding. */
export interface WireHabits {
  /** It verifies the certificate itself (else it ran only after the orchestrator's verified probe). */
  readonly verifies: boolean;
  /** It decodes compressed bodies (else it counts them as they came over the wire). */
  readonly decodes: boolean;
}

/** The part of a peer's "what ran" line that says how it spoke: "" for plaintext HTTP/1.1 with identity bodies. */
export function wireNote(protocol: PeerProtocol, habits: WireHabits): string {
  const parts: string[] = [];
  if (protocol.tls) {
    parts.push(
      `${protocol.http2 ? 'h2' : 'HTTP/1.1'} over TLS, ${
        habits.verifies
          ? "certificate verified through the run's CA"
          : "certificate not verified by this client (the orchestrator verified it through the run's CA first)"
      }`,
    );
  }
  if (protocol.compress) {
    parts.push(
      habits.decodes
        ? `${protocol.compress} asked for and decoded`
        : `${protocol.compress} asked for, bodies counted as sent, not decoded (the points decode them)`,
    );
  }
  return parts.length === 0 ? '' : `; ${parts.join('; ')}`;
}
