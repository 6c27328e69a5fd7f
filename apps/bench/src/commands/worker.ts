import { redactSecrets, redactUrl } from '@fanout/queue/redact';
import { ENV } from '@fanout/queue/settings';
import { type FlagValues, parseFlagText, settleFlags } from '../flags/flag.js';
import { redisReachProblem, redisUrlFlag, WORKER_FLAGS } from '../flags/queue-flags.js';
import { EXIT, UsageError } from '../usage-error.js';

export type WorkerFlags = FlagValues<typeof WORKER_FLAGS>;

/** How long a stopping worker may take once its connections are closed before the process exits anyway. */
const EXIT_GRACE_MS = 2000;

/** --redis, else FANOUT_REDIS_URL (a password in the environment stays out of `ps`), checked as `fanout run` does. */
function redisOf(flags: ReturnType<typeof settleFlags<typeof WORKER_FLAGS>>): string {
  const fromEnv = process.env[ENV.redisUrl];
  const url = flags.redis ?? (fromEnv ? (parseFlagText(ENV.redisUrl, redisUrlFlag, fromEnv) as string) : undefined);
  if (url === undefined) {
    throw new UsageError(`give the run's Redis with --redis URL or ${ENV.redisUrl} (the URL the run was given)`);
  }
  const problem = redisReachProblem(url, flags.allowRemote, flags.redis === undefined ? ENV.redisUrl : '--redis');
  if (problem) throw new UsageError(problem);
  return url;
}

/** Resolves with the first SIGINT or SIGTERM from now on. */
function stopRequested(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals) => () => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve(signal);
    };
    const onInt = on('SIGINT');
    const onTerm = on('SIGTERM');
    process.once('SIGINT', onInt);
    process.once('SIGTERM', onTerm);
  });
}

/**
 * `fanout worker --redis URL [--concurrency K]`: one queue worker, anywhere that reaches the run's Redis and its
 * target. It joins every queue point of a run with --local-workers 0 as it opens, runs its jobs with the core job
 * runner (at most K at once), and leaves when the point ends. Ctrl-C or SIGTERM cancels what it runs and closes its
 * connections; the job it was running ends, at the point, as BullMQ's stalled-job check decides. Nothing it prints
 * names the password.
 */
export async function workerCommand(flags: WorkerFlags): Promise<number> {
  const settled = settleFlags(WORKER_FLAGS, flags);
  const url = redisOf(settled);
  const stop = stopRequested();
  const log = (line: string) => process.stderr.write(`${redactSecrets(line, url)}\n`);
  // Loaded here, not at the top: BullMQ takes about a second to load, and no other command needs it.
  const { startAgent } = await import('@fanout/queue');
  const { concurrency } = settled;
  let agent: Awaited<ReturnType<typeof startAgent>>;
  try {
    agent = await startAgent({ redisUrl: url, ...(concurrency === undefined ? {} : { concurrency }), log });
  } catch (error) {
    log(`fanout worker: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  log(
    `fanout worker ${agent.id}: connected to ${redactUrl(url)}, ${concurrency ?? "each point's W"} job(s) at once; waiting for points (Ctrl-C stops it)`,
  );
  const signal = await stop;
  log(`fanout worker ${agent.id}: stopping (${signal})`);
  await agent.stop();
  // Its connections are closed; a library timer left behind must not keep the process.
  setTimeout(() => process.exit(EXIT.ok), EXIT_GRACE_MS).unref();
  return EXIT.ok;
}
