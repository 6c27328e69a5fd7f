import { h2Layout } from '@fanout/core/bare';
import { type Peer, type PeerMeasurement, type PeerPlan, PLAINTEXT } from './peer.js';
import { measureSizedRuns, type SizedRun } from './sized-runs.js';
import { lastLine } from './spawn-json.js';
import { missingTool, runToolWithCpu } from './tools.js';
import { wireNote } from './wire.js';

export interface H2loadOutput {
  /** Requests h2load was asked for (its -n). */
  readonly requests: number;
  /** Requests answered with a 2xx (h2load's own "succeeded" counts 3xx too). */
  readonly ok2xx: number;
  readonly seconds: number;
  readonly requestsPerSecond: number;
}

const UNIT_S: Readonly<Record<string, number>> = { us: 1e-6, ms: 1e-3, s: 1, m: 60 };

/** Reads h2load's summary: "finished in 46.05ms, 4343.01 req/s, …", "requests: N total, …", "status codes: …". */
export function parseH2loadOutput(output: string): H2loadOutput {
  const finished = /^finished in ([\d.]+)(us|ms|s|m), ([\d.]+) req\/s/m.exec(output);
  const requests = /^requests: (\d+) total/m.exec(output);
  const status = /^status codes: (\d+) 2xx/m.exec(output);
  if (!finished || !requests || !status) throw new Error(`h2load: unexpected output: ${lastLine(output)}`);
  return {
    requests: Number(requests[1]),
    ok2xx: Number(status[1]),
    seconds: Number(finished[1]) * (UNIT_S[finished[2] as string] as number),
    requestsPerSecond: Number(finished[3]),
  };
}

/**
 * h2load's clients (connections) and streams per client for W in flight: ⌈W ÷ 100⌉ carrying W streams in all, as
 * core's transport, the undici peer and the calibration open them (core's h2Layout).
 */
export function h2loadShape(concurrency: number): { clients: number; streams: number } {
  const { connections, streams } = h2Layout(concurrency);
  return { clients: connections, streams };
}

/**
 * Requests for a run of `jobs` answers, lasting at least a second at the last rate seen (wrk runs for whole seconds):
 * a connection's handshake is then spread over about as many requests as in a wrk run.
 */
export function h2loadRequests(jobs: number, rate: number, clients: number): number {
  return Math.max(jobs, Math.ceil(rate), clients);
}

/** One h2load process sized for `jobs` requests; its figures are scaled to exactly `jobs` requests. */
async function runH2load(plan: PeerPlan, jobs: number, rate: number): Promise<SizedRun> {
  const { clients, streams } = h2loadShape(plan.concurrency);
  const protocol = plan.protocol ?? PLAINTEXT;
  const origin = new URL(plan.urls[0] as string).origin;
  const n = h2loadRequests(jobs, rate, clients);
  const args = [
    `-n${n}`,
    `-c${clients}`,
    `-m${streams}`,
    '-t1',
    // h2 or nothing: a target that does not choose h2 fails the run rather than being measured over HTTP/1.1.
    '--npn-list=h2',
    ...(protocol.compress ? ['-H', `accept-encoding: ${protocol.compress}`] : []),
    // Every URL of the first origin, in job order: h2load sends them in turn on each connection.
    ...plan.urls.filter((url) => new URL(url).origin === origin),
  ];
  const result = await runToolWithCpu('h2load', args, plan.signal);
  const output = parseH2loadOutput(result.stdout);
  if (result.code !== 0 || output.ok2xx === 0) {
    const summary = /^requests: .*$/m.exec(result.stdout)?.[0] ?? lastLine(result.stderr);
    throw new Error(`h2load answered no request with a 2xx (exit ${result.code}; ${summary}); it speaks h2 only`);
  }
  const failed = Math.min(jobs, Math.round(((output.requests - output.ok2xx) * jobs) / output.requests));
  return {
    rate: output.requestsPerSecond,
    ms: (jobs * 1000) / Math.max(output.requestsPerSecond, Number.MIN_VALUE),
    cpuMs: result.cpuMs === undefined ? Number.NaN : (result.cpuMs * jobs) / output.requests,
    failed,
    succeeded: jobs - failed,
  };
}

export const h2loadPeer: Peer = {
  name: 'h2load',
  unavailable: () =>
    missingTool('h2load', /nghttp2/, 'Debian/Ubuntu: apt-get install nghttp2-client; macOS: brew install nghttp2'),
  async unspoken(protocol) {
    return protocol.http2
      ? undefined
      : 'h2load is the HTTP/2 peer, and the points spoke HTTP/1.1 here (h2 needs https, --http2 and a target that chooses h2)';
  },
  run(plan): Promise<PeerMeasurement> {
    const { clients, streams } = h2loadShape(plan.concurrency);
    return measureSizedRuns(
      plan,
      (jobs, rate) => runH2load(plan, jobs, rate),
      (rate) =>
        `h2load -c${clients} -m${streams} -t1 -n${h2loadRequests(plan.jobs, rate, clients)} --npn-list=h2 (nghttp2), a new process per batch${new Set(plan.urls.map((url) => new URL(url).origin)).size > 1 ? ' (first origin only)' : ''}: batch time = ${plan.jobs} jobs ÷ its rate, its connections' handshakes included, CPU (its children's times, read by the shell that waited for it) scaled to ${plan.jobs} requests; only 2xx count as answered, redirects not followed${wireNote(plan.protocol ?? PLAINTEXT, { verifies: false, decodes: false })}`,
    );
  },
};
