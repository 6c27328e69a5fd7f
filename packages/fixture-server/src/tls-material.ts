// tsyringe, under @peculiar/x509 2.x, wants the Reflect metadata polyfill loaded first. This module is imported
// only when a server is asked for TLS, so a plain HTTP server (and every test that starts one) never loads either.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import { isIP } from 'node:net';
import * as x509 from '@peculiar/x509';

/**
 * A private CA and a server certificate signed by it, made at start, in PEM. Made with @peculiar/x509 over Node's
 * own WebCrypto: a maintained X.509 library (the one `selfsigned` 5 itself wraps), keys generated natively, no
 * shell-out to openssl and no pure-JS RSA. ECDSA P-256 keys, as most HTTPS sites now serve: key generation takes
 * milliseconds, and clients pay a real ECDHE key exchange and ECDSA signature check per full handshake.
 */
export interface TlsMaterial {
  /** The CA certificate: what a client must trust (`ca` in Node's TLS options, `--cacert` for curl). */
  readonly ca: string;
  /** The server certificate (subjectAltName: every host given) and its private key (PKCS #8). */
  readonly cert: string;
  readonly key: string;
}

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Every host of `hosts` goes into the certificate's subjectAltName: an IP address as an IP entry, else DNS. */
export async function makeTlsMaterial(hosts: readonly string[]): Promise<TlsMaterial> {
  x509.cryptoProvider.set(webcrypto as ReturnType<typeof x509.cryptoProvider.get>);
  // Valid from an hour ago (clock skew between processes is no concern on one machine, but a test may fake time
  // a little) for 30 days: long enough for any run, short enough that nobody keeps one around.
  const notBefore = new Date(Date.now() - 60 * 60 * 1000);
  const notAfter = new Date(Date.now() + 30 * DAY_MS);
  const caKeys = await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: 'CN=fanout fixture CA (made at start)',
    notBefore,
    notAfter,
    keys: caKeys,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });
  const serverKeys = await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
  const names = [...new Set(hosts)].map((host) => ({ type: isIP(host) ? 'ip' : 'dns', value: host }) as const);
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: `CN=${hosts[0] ?? 'localhost'}`,
    issuer: ca.subject,
    notBefore,
    notAfter,
    publicKey: serverKeys.publicKey,
    signingKey: caKeys.privateKey,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(names),
      await x509.AuthorityKeyIdentifierExtension.create(ca),
      await x509.SubjectKeyIdentifierExtension.create(serverKeys.publicKey),
    ],
  });
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', serverKeys.privateKey);
  return { ca: ca.toString('pem'), cert: cert.toString('pem'), key: x509.PemConverter.encode(pkcs8, 'PRIVATE KEY') };
}

/** A positive random 64-bit serial in hex (RFC 5280 asks for unique, positive, at most 20 bytes). */
function serial(): string {
  const bytes = webcrypto.getRandomValues(new Uint8Array(8));
  bytes[0] = (bytes[0] as number) & 0x7f;
  return Buffer.from(bytes).toString('hex');
}
