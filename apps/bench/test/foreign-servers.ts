import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { vi } from 'vitest';

/**
 * HTTPS servers nobody here wrote, for `--url https://…` tests: Python's http.server wrapped in `ssl` (HTTP/1.1, no
 * ALPN), nghttp2's nghttpd (h2 only; Debian nghttp2-server) and nginx (h2 and HTTP/1.1, gzip; Debian nginx). Their certificates are made with the openssl command
 * line: a private CA, and a server certificate it signed for 127.0.0.1 and localhost.
 */

export interface Certificates {
  readonly caFile: string;
  readonly keyFile: string;
  readonly certFile: string;
}

export interface ForeignServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Makes a P-256 CA and a server certificate it signed (subjectAltName IP:127.0.0.1, DNS:localhost) in `dir`. */
export function makeCertificates(dir: string): Certificates {
  const file = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const key = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  openssl('req', '-x509', ...key, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '1', '-subj', '/CN=test CA');
  openssl('req', ...key, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1');
  writeFileSync(file('san.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  openssl(
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-days',
    '1',
    '-extfile',
    'san.cnf',
    '-out',
    'server.pem',
  );
  return { caFile: file('ca.pem'), keyFile: file('server.key'), certFile: file('server.pem') };
}

export function hasCommand(command: string, versionFlag = '--version'): boolean {
  return spawnSync(command, [versionFlag], { stdio: 'ignore' }).status === 0;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

// The standard library's own server and TLS, keep-alive on (HTTP/1.1); the script only wires them together.
const PYTHON_HTTPS = `
import http.server, os, ssl, sys
os.chdir(sys.argv[1])
class Handler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *args):
        pass
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(sys.argv[3], sys.argv[2])
server.socket = context.wrap_socket(server.socket, server_side=True)
print(server.server_address[1], flush=True)
server.serve_forever()
`;

/** Python's http.server over TLS serving the files of `root`. */
export async function startPythonHttps(root: string, certs: Certificates): Promise<ForeignServer> {
  const child = spawn('/usr/bin/python3', ['-c', PYTHON_HTTPS, root, certs.keyFile, certs.certFile], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const port = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`python3 https server exited (${code})`)));
  });
  return { url: `https://127.0.0.1:${port}`, close: () => stop(child) };
}

/** The TCP port a process listens on, read from /proc (its socket inodes, then /proc/net/tcp's LISTEN rows). */
function listeningPort(pid: number): number | undefined {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const link = readlinkSync(`/proc/${pid}/fd/${fd}`);
      const inode = /^socket:\[(\d+)\]$/.exec(link)?.[1];
      if (inode) inodes.add(inode);
    } catch {
      // closed meanwhile
    }
  }
  for (const row of readFileSync('/proc/net/tcp', 'utf8').trim().split('\n').slice(1)) {
    const fields = row.trim().split(/\s+/);
    // local_address is "0100007F:PORT" in hex, st 0A is LISTEN, the inode is field 10.
    if (fields[3] === '0A' && inodes.has(fields[9] as string))
      return Number.parseInt(fields[1]?.split(':')[1] ?? '', 16);
  }
  return undefined;
}

/** nghttpd (h2 only, ALPN h2) on 127.0.0.1 and a port of the kernel's choosing, serving the files of `root`. */
export async function startNghttpd(root: string, certs: Certificates): Promise<ForeignServer> {
  const child = spawn('nghttpd', ['-a', '127.0.0.1', '-d', root, '0', certs.keyFile, certs.certFile], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const pid = child.pid as number;
  const port = await vi
    .waitFor(
      () => {
        if (child.exitCode !== null) throw new Error(`nghttpd exited (${child.exitCode})`);
        const listening = listeningPort(pid);
        if (listening === undefined) throw new Error('nghttpd is not listening yet');
        return listening;
      },
      { timeout: 5000, interval: 50 },
    )
    .catch(async (error: Error) => {
      await stop(child);
      throw error;
    });
  return { url: `https://127.0.0.1:${port}`, close: () => stop(child) };
}

/** A port the kernel just had free on 127.0.0.1 (for servers that cannot listen on port 0 themselves). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** nginx's configuration: one TLS server offering h2 and HTTP/1.1 by ALPN, gzip for text, everything under `dir`. */
function nginxConfig(dir: string, root: string, port: number, certs: Certificates): string {
  return `daemon off;
master_process off;
worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log stderr warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${dir}; proxy_temp_path ${dir}; fastcgi_temp_path ${dir}; uwsgi_temp_path ${dir}; scgi_temp_path ${dir};
  types { text/plain txt; application/octet-stream bin; }
  gzip on; gzip_types text/plain; gzip_min_length 0;
  server {
    listen 127.0.0.1:${port} ssl http2;
    ssl_certificate ${certs.certFile}; ssl_certificate_key ${certs.keyFile};
    root ${root};
  }
}
`;
}

/**
 * nginx (Debian nginx) over TLS with h2 and HTTP/1.1 by ALPN and gzip for text files, serving `root`. nginx cannot
 * listen on port 0, so it gets a port that was just free, and another if that one was taken meanwhile.
 */
export async function startNginx(dir: string, root: string, certs: Certificates): Promise<ForeignServer> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const config = join(dir, `nginx-${port}.conf`);
    writeFileSync(config, nginxConfig(dir, root, port, certs));
    const child = spawn('nginx', ['-p', dir, '-c', config, '-e', 'stderr'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const listening = await vi
      .waitFor(
        () => {
          if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}): ${stderr.trim()}`);
          if (listeningPort(child.pid as number) !== port) throw new Error('nginx is not listening yet');
        },
        { timeout: 5000, interval: 50 },
      )
      .then(
        () => true,
        async (error: Error) => {
          await stop(child);
          if (attempt >= 3 || !/in use/.test(stderr)) throw error;
          return false;
        },
      );
    if (listening) return { url: `https://127.0.0.1:${port}`, close: () => stop(child) };
  }
}
