import { get as httpGet, type IncomingMessage } from 'node:http';
import { get as httpsGet } from 'node:https';
import { urlProblem } from '../target/urls.js';

export interface ReferenceLimits {
  readonly timeoutMs: number;
  readonly maxBodyBytes: number;
  readonly maxRedirects: number;
  /** Remote hosts were allowed (--allow-remote): a redirect elsewhere is followed only then. */
  readonly allowRemote: boolean;
}

/** One answer as the harness itself read it: the final status and the whole body, or why there is none. */
export type ReferenceBody =
  | { readonly ok: true; readonly status: number; readonly body: Buffer }
  | { readonly ok: false; readonly why: string };

/**
 * GETs `url` over node:http or node:https, one fresh connection, following redirects as a job would (at most
 * `maxRedirects`, each hop held to the run's host rule), and keeps the body: the harness's own path to a page,
 * sharing nothing with the strategies' transport (core's undici runner), so its view of a page is independent of
 * theirs. Never rejects.
 */
export async function fetchReference(
  url: string,
  limits: ReferenceLimits,
  signal: AbortSignal,
): Promise<ReferenceBody> {
  let current = url;
  for (let hop = 0; ; hop++) {
    const answer = await getOnce(current, limits, signal);
    if (!answer.ok || answer.location === undefined) return answer;
    if (hop >= limits.maxRedirects) return { ok: false, why: `more than ${limits.maxRedirects} redirects` };
    const next = new URL(answer.location, current).href;
    const problem = urlProblem(next, limits.allowRemote);
    if (problem) return { ok: false, why: `redirects to ${next}, which ${problem}` };
    current = next;
  }
}

type Answer = ReferenceBody & { readonly location?: string };

function getOnce(url: string, limits: ReferenceLimits, signal: AbortSignal): Promise<Answer> {
  return new Promise((resolve) => {
    const get = new URL(url).protocol === 'https:' ? httpsGet : httpGet;
    // timeoutMs is at most an hour (the --timeout range): far below a timer's limit.
    const timer = setTimeout(
      () => finish({ ok: false, why: `no whole answer within ${limits.timeoutMs} ms` }),
      limits.timeoutMs,
    );
    const request = get(url, { agent: false, signal }, (response) => read(response, limits, finish));
    request.on('error', (error) => finish({ ok: false, why: error.message }));
    let done = false;
    function finish(answer: Answer): void {
      if (done) return;
      done = true;
      clearTimeout(timer);
      request.destroy();
      resolve(answer);
    }
  });
}

function read(response: IncomingMessage, limits: ReferenceLimits, finish: (answer: Answer) => void): void {
  const status = response.statusCode ?? 0;
  const location = response.headers.location;
  if (status >= 300 && status < 400 && location !== undefined) {
    response.resume();
    finish({ ok: true, status, body: Buffer.alloc(0), location });
    return;
  }
  const chunks: Buffer[] = [];
  let bytes = 0;
  response.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
    if (bytes > limits.maxBodyBytes)
      finish({ ok: false, why: `its body is larger than --max-body ${limits.maxBodyBytes}` });
    else chunks.push(chunk);
  });
  response.on('error', (error) => finish({ ok: false, why: error.message }));
  response.on('end', () => finish({ ok: true, status, body: Buffer.concat(chunks) }));
  response.on('close', () => {
    if (!response.complete) finish({ ok: false, why: 'the answer was cut short' });
  });
}
