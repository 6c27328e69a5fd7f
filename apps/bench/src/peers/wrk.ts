import type { Peer, PeerMeasurement } from './peer.js';
import { lastLine, runProgram } from './spawn-json.js';

export interface WrkOutput {
  readonly requests: number;
  readonly seconds: number;
  readonly requestsPerSecond: number;
  readonly errors: number;
  readonly latencyMs?: { p50: number; p90: number; p99: number; max: number };
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

/** wrk runs for a time, not a count: long enough for about `jobs` requests at a rate guessed from its warm-up. */
export function wrkSeconds(jobs: number, warmUpRate: number): number {
  const seconds = warmUpRate > 0 ? jobs / warmUpRate : 2;
  return Math.min(30, Math.max(2, Math.ceil(seconds)));
}

export const wrkPeer: Peer = {
  name: 'wrk',
  async unavailable() {
    try {
      const probe = await runProgram('wrk', ['--version'], AbortSignal.timeout(5000));
      return /wrk/.test(probe.stdout + probe.stderr) ? undefined : 'wrk did not answer --version';
    } catch {
      return 'wrk is not on PATH (Debian/Ubuntu: apt-get install wrk; macOS: brew install wrk)';
    }
  },
  async run(plan): Promise<PeerMeasurement> {
    const url = plan.urls[0] as string;
    const once = async (seconds: number) => {
      const args = [
        '-t1',
        `-c${plan.concurrency}`,
        `-d${seconds}s`,
        `--timeout`,
        `${Math.ceil(plan.timeoutMs / 1000)}s`,
      ];
      const result = await runProgram('wrk', [...args, '--latency', url], plan.signal);
      if (result.code !== 0) throw new Error(`wrk failed (exit ${result.code}): ${lastLine(result.stderr)}`);
      return parseWrkOutput(result.stdout);
    };
    const warmUp = await once(1);
    const seconds = wrkSeconds(plan.jobs, warmUp.requestsPerSecond);
    const runs: WrkOutput[] = [];
    for (let run = 0; run < plan.batches && !plan.signal.aborted; run++) runs.push(await once(seconds));
    const last = runs.at(-1) ?? warmUp;
    return {
      // Duration-based: a batch of `jobs` requests at the measured rate.
      batchesMs: runs.map((run) => (plan.jobs * 1000) / Math.max(run.requestsPerSecond, Number.MIN_VALUE)),
      // wrk counts per run, not per batch of `jobs`: only its errors are reported (as failures of that run).
      failed: last.errors,
      ...(last.latencyMs ? { latencyMs: last.latencyMs } : {}),
      measures: `wrk -t1 -c${plan.concurrency} -d${seconds}s --latency${plan.urls.length > 1 ? ' (first URL only)' : ''}: batch time = ${plan.jobs} jobs ÷ its rate; failures are those of a ${seconds} s run`,
    };
  },
};
