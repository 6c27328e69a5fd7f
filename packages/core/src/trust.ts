import { X509Certificate } from 'node:crypto';
import * as tls from 'node:tls';

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g;

/**
 * The certificates of a PEM text (`ca`), or why it is not one: at least one `BEGIN CERTIFICATE` block, each of
 * which parses as X.509. Checked at the edge, so a mistyped CA fails the run before anything connects instead of
 * leaving every job to fail with TLS_CERT_INVALID.
 */
export function caProblem(pem: string): string | undefined {
  const blocks = pem.match(PEM_BLOCK) ?? [];
  if (blocks.length === 0) return 'must hold at least one PEM certificate (-----BEGIN CERTIFICATE-----)';
  for (const [index, block] of blocks.entries()) {
    try {
      new X509Certificate(block);
    } catch (error) {
      return `certificate ${index + 1} of ${blocks.length} does not parse: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  return undefined;
}

/**
 * Node's default roots: with `tls.getCACertificates` (Node 22.15 and later) those the process trusts by default,
 * NODE_EXTRA_CA_CERTS included; before it, the bundled Mozilla roots (`tls.rootCertificates`).
 */
function defaultRoots(): readonly string[] {
  const read = (tls as { getCACertificates?: (type: 'default') => string[] }).getCACertificates;
  return read ? read('default') : tls.rootCertificates;
}

/**
 * One secure context trusting Node's default roots plus `ca`, made once per transport and handed to every TLS
 * connection: passing `ca` to each connect would parse the roots again per connection (and `ca` alone would
 * replace the defaults instead of adding to them). Verification stays on: nothing here touches
 * `rejectUnauthorized`.
 */
export function trustingContext(ca: string): tls.SecureContext {
  return tls.createSecureContext({ ca: [...defaultRoots(), ...(ca.match(PEM_BLOCK) ?? [])] });
}
