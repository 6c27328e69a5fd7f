import type { LatencyPercentiles } from '@fanout/core';
import { type Peer, type PeerMeasurement, type PeerPlan, type PeerProtocol, PLAINTEXT } from './peer.js';
import { measureSizedRuns, type SizedRun } from './sized-runs.js';
import { lastLine } from './spawn-json.js';
import { missingTool, runToolWithCpu } from './tools.js';
import { speaksHttp1Only, wireNote } from './wire.js';

export interface WrkOutput {
  readonly requests: number;
  readonly seconds: number;
  readonly requestsPerSecond: number;
  readonly errors: number;
  readonly latencyMs?: LatencyPercentiles;
}

const UNIT_MS: Readonly<Record<string, number>> = { us: 0.001, ms: 1, s: 1000, m: 60_000 };

function durationMs(text: string): number {
  const match = /^([\d.]+)(us|ms|s|m)$/.exec(text);
  if (!match) throw new Error(`wrk: cannot read the duration ${JSON.stringify(text)}`);
  return Number(match[1]) * (UNIT_MS[match[2] as string] as number);
}

/** Reads wrk's report (with --latency): totals, the rate, errors, and its latency distribution. */
export function parseWrkOutput(output: string): WrkOutput {
  const totals = /(\d+) requests in ([\d.]+)(us|ms|s|m),/.exec(output);
  const rate = /Requests\/sec:\s+([\d.]+)/.exec(output);
  if (!totals || !rate) throw new Error(`wrk: unexpected output: ${lastLine(output)}`);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(output);
  const errors =
    (socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0) + (non2xx ? Number(non2xx[1]) : 0);
  const percentile = (p: string) => {
    const match = new RegExp(`^\\s+${p}%\\s+([\\d.]+(?:us|ms|s|m))$`, 'm').exec(output);
    return match ? durationMs(match[1] as string) : undefined;
  };
  const max = /^\s+Latency\s+\S+\s+\S+\s+(\S+)/m.exec(output);
  const [p50, p90, p99] = [percentile('50'), percentile('90'), percentile('99')];
  return {
    requests: Number(totals[1]),
    seconds: durationMs(`${totals[2]}${totals[3]}`) / 1000,
    requestsPerSecond: Number(rate[1]),
    errors,
    ...(p50 !== undefined && p90 !== undefined && p99 !== undefined && max
      ? { latencyMs: { p50, p90, p99, max: durationMs(max[1] as string) } }
      : {}),
  };
}

/** wrk runs for whole seconds: long enough for about `jobs` requests at the last rate seen (1 s before any). */
export function wrkSeconds(jobs: number, rate: number): number {
  const seconds = rate > 0 ? jobs / rate : 1;
  return Math.min(30, Math.max(1, Math.ceil(seconds)));
}

interface WrkPlan {
  readonly plan: PeerPlan;
  readonly protocol: PeerProtocol;
}

/** One wrk process sized for `jobs` requests; its figures are scaled to exactly `jobs` requests. */
async function runWrk({ plan, protocol }: WrkPlan, jobs: number, rate: number): Promise<SizedRun> {
  const args = [
    '-t1',
    `-c${plan.concurrency}`,
    `-d${wrkSeconds(jobs, rate)}s`,
    '--timeout',
    `${Math.max(1, Math.ceil(plan.timeoutMs / 1000))}s`,
    '--latency',
    ...(protocol.compress ? ['-H', `Accept-Encoding: ${protocol.compress}`] : []),
    plan.urls[0] as string,
  ];
  const result = await runToolWithCpu('wrk', args, plan.signal);
  if (result.code !== 0) throw new Error(`wrk failed (exit ${result.code}): ${lastLine(result.stderr)}`);
  const output = parseWrkOutput(result.stdout);
  const requests = Math.max(output.requests, 1);
  // wrk counts a run, not `jobs` answers: its errors are scaled like its time.
  const failed = Math.min(jobs, Math.round((output.errors * jobs) / requests));
  return {
    rate: output.requestsPerSecond,
    latencyMs: output.latencyMs,
    ms: (jobs * 1000) / Math.max(output.requestsPerSecond, Number.MIN_VALUE),
    cpuMs: result.cpuMs === undefined ? Number.NaN : (result.cpuMs * jobs) / requests,
    failed,
    succeeded: jobs - failed,
  };
}

export const wrkPeer: Peer = {
  name: 'wrk',
  unavailable: () => missingTool('wrk', /wrk/, 'Debian/Ubuntu: apt-get install wrk; macOS: brew install wrk'),
  // Over https through OpenSSL (it does not verify certificates: the orchestrator's probe did); HTTP/1.1 only.
  unspoken: async (protocol) => speaksHttp1Only('wrk', protocol),
  run(plan): Promise<PeerMeasurement> {
    const protocol = plan.protocol ?? PLAINTEXT;
    return measureSizedRuns(
      plan,
      (jobs, rate) => runWrk({ plan, protocol }, jobs, rate),
      (rate) =>
        `wrk -t1 -c${plan.concurrency} -d${wrkSeconds(plan.jobs, rate)}s --latency, a new process per batch${plan.urls.length > 1 ? ' (first URL only)' : ''}: batch time = ${plan.jobs} jobs ÷ its rate, CPU (its children's times, read by the shell that waited for it) scaled to ${plan.jobs} requests; 3xx answers count as answers, redirects not followed${wireNote(protocol, { verifies: false, decodes: false })}`,
    );
  },
};
