import type { LatencyPercentiles } from '@fanout/core';
import { followWarmUpRule } from '../harness/warm-up-rule.js';
import type { Peer, PeerMeasurement, PeerPlan } from './peer.js';
import type { TimedBatch } from './protocol.js';
import { lastLine, runProgram } from './spawn-json.js';
import { fromTimedBatches } from './timed-batches.js';

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

/** USER_HZ: /proc reports times in ticks of 1/100 s on every Linux architecture. */
const TICKS_PER_SECOND = 100;

/**
 * The CPU time of the waited-for children of the shell that ran wrk (cutime + cstime of `/proc/<shell>/stat`, read
 * after wrk exited and before anything else ended), in ms; undefined without /proc.
 */
export function childrenCpuMs(statLine: string | undefined): number | undefined {
  if (!statLine) return undefined;
  // The command name (field 2) is in parentheses and may hold spaces; cutime and cstime are fields 16 and 17.
  const fields = statLine.slice(statLine.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[13]) + Number(fields[14]);
  return Number.isFinite(ticks) ? (ticks * 1000) / TICKS_PER_SECOND : undefined;
}

// wrk reports nothing of its own CPU: a shell runs it, waits for it, then prints its own stat line (with its
// children's times), and exits with wrk's status.
const WITH_CPU = 'wrk "$@"; status=$?; cat /proc/$$/stat 2>/dev/null; exit $status';

interface WrkRun extends TimedBatch {
  readonly output: WrkOutput;
}

/** One wrk process sized for `jobs` requests; its figures are scaled to exactly `jobs` requests. */
async function runWrk(plan: PeerPlan, jobs: number, rate: number): Promise<WrkRun> {
  const args = [
    '-t1',
    `-c${plan.concurrency}`,
    `-d${wrkSeconds(jobs, rate)}s`,
    '--timeout',
    `${Math.max(1, Math.ceil(plan.timeoutMs / 1000))}s`,
    '--latency',
    plan.urls[0] as string,
  ];
  const result = await runProgram('sh', ['-c', WITH_CPU, 'sh', ...args], plan.signal);
  if (result.code !== 0) throw new Error(`wrk failed (exit ${result.code}): ${lastLine(result.stderr)}`);
  const output = parseWrkOutput(result.stdout);
  const requests = Math.max(output.requests, 1);
  const cpuMs = childrenCpuMs(/^\d+ \(.*$/m.exec(result.stdout)?.[0]);
  return {
    output,
    ms: (jobs * 1000) / Math.max(output.requestsPerSecond, Number.MIN_VALUE),
    cpuMs: cpuMs === undefined ? Number.NaN : (cpuMs * jobs) / requests,
    // wrk counts a run, not `jobs` answers: its errors are scaled like its time.
    failed: Math.round((output.errors * jobs) / requests),
    succeeded: jobs - Math.min(jobs, Math.round((output.errors * jobs) / requests)),
  };
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
    let rate = 0;
    const sized = async (jobs: number) => {
      const run = await runWrk(plan, jobs, rate);
      rate = run.output.requestsPerSecond;
      return run;
    };
    // The warm-up rule in requests: a slice or a whole batch is a run sized for that many (at least 1 s: wrk's unit).
    const warmUp = await followWarmUpRule(
      plan.jobs,
      plan.concurrency,
      async (jobs) => {
        const started = performance.now();
        const run = await sized(jobs);
        return { jobsMs: run.ms, elapsedMs: performance.now() - started };
      },
      () => plan.signal.aborted,
    );
    const runs: WrkRun[] = [];
    for (let run = 0; run < plan.batches && !plan.signal.aborted; run++) runs.push(await sized(plan.jobs));
    const measured = runs.every((run) => Number.isFinite(run.cpuMs));
    const last = runs.at(-1);
    const seconds = wrkSeconds(plan.jobs, rate);
    const measurement = fromTimedBatches(runs, {
      warmUp,
      ...(last?.output.latencyMs ? { latencyMs: last.output.latencyMs } : {}),
      measures: `wrk -t1 -c${plan.concurrency} -d${seconds}s --latency, a new process per batch${plan.urls.length > 1 ? ' (first URL only)' : ''}: batch time = ${plan.jobs} jobs ÷ its rate, CPU (its children's times, read by the shell that waited for it) scaled to ${plan.jobs} requests; 3xx answers count as answers, redirects not followed`,
    });
    if (measured) return measurement;
    const { cpuMsPerBatch: _unknown, ...withoutCpu } = measurement;
    return withoutCpu;
  },
};
