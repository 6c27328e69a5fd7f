import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RedirectServer {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** A URL of this server that answers 302 with `Location: to`. */
  to(location: string): string;
  close(): Promise<void>;
}

/**
 * A loopback server whose every answer is a 302 to the absolute URL in its `to` query parameter: the loopback
 * target that tries to send a strategy somewhere else (the fixture server only redirects to itself).
 */
export async function startRedirectServer(): Promise<RedirectServer> {
  const server = createServer((request, response) => {
    const location = new URL(request.url ?? '/', 'http://redirect').searchParams.get('to') ?? '/';
    response.writeHead(302, { location, 'content-length': 0 }).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    to: (location) => `${url}/hop?to=${encodeURIComponent(location)}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
