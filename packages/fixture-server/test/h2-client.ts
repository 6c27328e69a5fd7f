import { type ClientHttp2Session, connect } from 'node:http2';

/** What one HTTP/2 exchange looked like from the client's side of the stream. */
export interface H2Outcome {
  readonly status: number | undefined;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
  /** The stream's RST_STREAM code (0 = none), as nghttp2 reports it. */
  readonly rstCode: number;
  readonly error: string | undefined;
  /** ms from the request to the response head. */
  readonly headersAt: number | undefined;
}

export function h2Connect(url: string, ca: string | undefined): Promise<ClientHttp2Session> {
  return new Promise((resolve, reject) => {
    const session = connect(url, { ca });
    session.once('connect', () => resolve(session));
    session.once('error', reject);
  });
}

/** GET `path` on `session`, reading everything until the stream closes, however it closes. */
export function h2Get(
  session: ClientHttp2Session,
  path: string,
  extra: Record<string, string> = {},
): Promise<H2Outcome> {
  return new Promise((resolve) => {
    const started = performance.now();
    const stream = session.request({ ':path': path, ...extra });
    const chunks: Buffer[] = [];
    let status: number | undefined;
    let headers: H2Outcome['headers'] = {};
    let headersAt: number | undefined;
    let error: string | undefined;
    stream.on('response', (head) => {
      headersAt = performance.now() - started;
      status = Number(head[':status']);
      headers = head;
    });
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('error', (cause: NodeJS.ErrnoException) => {
      error = cause.code ?? cause.message;
    });
    stream.on('close', () =>
      resolve({ status, headers, body: Buffer.concat(chunks), rstCode: stream.rstCode ?? 0, error, headersAt }),
    );
    stream.end();
  });
}
