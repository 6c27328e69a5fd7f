import * as tls from 'node:tls';

/** What one verified TLS connection to the target's origin found. */
export type ProbeResult =
  | { readonly ok: true /** What the target chose by ALPN ('h2' or 'http/1.1'). */; readonly alpn: string }
  | { readonly ok: false; readonly reason: string };

const PROBE_TIMEOUT_MS = 10_000;

/**
 * One TLS connection to `url`'s origin before any peer runs, verifying its certificate as the points do (Node's
 * default roots plus `ca`; `rejectUnauthorized` left at its default, true) and offering what the points offered by
 * ALPN. Two uses: a peer that does not verify certificates itself (wrk, h2load; autocannon, which connects with
 * `rejectUnauthorized: false`) is only run against a target whose certificate verified here; and `alpn` says whether
 * the points spoke h2, so an HTTP/1.1-only peer is left out of an h2 run and h2load out of an HTTP/1.1 one. The
 * calibration uses the same probe before its sweep (target/calibration-probe.ts), to multiplex the origins that chose
 * h2 as the points do.
 */
export function probeTls(url: string, ca: string | undefined, offerH2: boolean): Promise<ProbeResult> {
  const { hostname, port } = new URL(url);
  const host = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
  return new Promise((resolve) => {
    const socket = tls.connect({
      host,
      port: Number(port || 443),
      // SNI is for names only (RFC 6066); the certificate is still checked against an IP address.
      ...(/^[\d.]+$|:/.test(host) ? {} : { servername: host }),
      ...(ca === undefined ? {} : { ca: [...tls.rootCertificates, ca] }),
      ALPNProtocols: offerH2 ? ['h2', 'http/1.1'] : ['http/1.1'],
    });
    const done = (result: ProbeResult) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(PROBE_TIMEOUT_MS, () =>
      done({ ok: false, reason: `no TLS handshake within ${PROBE_TIMEOUT_MS} ms` }),
    );
    socket.once('secureConnect', () => done({ ok: true, alpn: socket.alpnProtocol || 'http/1.1' }));
    socket.once('error', (error: NodeJS.ErrnoException) =>
      done({ ok: false, reason: `${error.code ?? error.name}: ${error.message}` }),
    );
  });
}
