import { fileURLToPath } from 'node:url';
import { followWarmUpRule } from '../harness/warm-up-rule.js';
import { withCaFile } from './ca-file.js';
import { type Peer, type PeerMeasurement, type PeerPlan, PLAINTEXT } from './peer.js';
import type { PythonPeerSettings, PythonStep, PythonStepReply } from './protocol.js';
import { pythonStepReplySchema } from './replies.js';
import { runProgram } from './spawn-json.js';
import { startStepped } from './stepped-process.js';
import { fromTimedBatches } from './timed-batches.js';
import { speaksHttp1Only, wireNote } from './wire.js';

/** Interpreters to try, in order: the user's choice, the one on PATH, the system's (Debian packages it). */
function candidates(): string[] {
  return [...new Set([process.env.FANOUT_PYTHON, 'python3', '/usr/bin/python3'].filter((x): x is string => !!x))];
}

const found = new Map<string, Promise<string | undefined>>();

/** The first interpreter that can import `module`, or undefined. */
function interpreterWith(module: string): Promise<string | undefined> {
  let lookup = found.get(module);
  if (!lookup) {
    lookup = (async () => {
      for (const python of candidates()) {
        try {
          const probe = await runProgram(python, ['-c', `import ${module}`], AbortSignal.timeout(10_000));
          if (probe.code === 0) return python;
        } catch {
          // not installed
        }
      }
      return undefined;
    })();
    found.set(module, lookup);
  }
  return lookup;
}

/**
 * Drives a Python peer step by step (peers/protocol.ts): the orchestrator follows the warm-up rule, the Python
 * process runs each step's jobs and times them itself (time.perf_counter, and time.process_time for the CPU of the
 * process and its threads), so the rule lives in one place and the pipe is never inside a timed batch.
 */
function drive(python: string, file: string, plan: PeerPlan) {
  return withCaFile(plan.protocol?.ca, (caFile) => driveWith(python, file, plan, caFile ?? null));
}

async function driveWith(python: string, file: string, plan: PeerPlan, caFile: string | null) {
  const settings: PythonPeerSettings = {
    urls: plan.urls,
    concurrency: plan.concurrency,
    timeoutMs: plan.timeoutMs,
    maxRedirects: plan.maxRedirects,
    allowRemote: plan.allowRemote,
    maxPerHost: plan.maxPerHost,
    caFile,
    acceptEncoding: plan.protocol?.compress ?? 'identity',
  };
  const peer = startStepped(python, [file, JSON.stringify(settings)], plan.signal);
  const step = async (jobs: number): Promise<PythonStepReply> => {
    const reply = pythonStepReplySchema.safeParse(await peer.ask({ jobs } satisfies PythonStep));
    if (!reply.success) throw new Error(`not a step reply: ${reply.error.message}`);
    return reply.data;
  };
  try {
    const warmUp = await followWarmUpRule(
      plan.jobs,
      plan.concurrency,
      async (jobs) => (await step(jobs)).ms,
      () => plan.signal.aborted,
    );
    const batches: PythonStepReply[] = [];
    for (let batch = 0; batch < plan.batches && !plan.signal.aborted; batch++) batches.push(await step(plan.jobs));
    return { warmUp, batches };
  } finally {
    await peer.close();
  }
}

function pythonPeer(name: string, script: string, module: string, debian: string, shape: string): Peer {
  const file = fileURLToPath(new URL(`../../peers/python/${script}`, import.meta.url));
  return {
    name,
    async unavailable() {
      return (await interpreterWith(module))
        ? undefined
        : `python3 with ${module} not found (Debian/Ubuntu: apt-get install ${debian}; or pip install ${module}; FANOUT_PYTHON picks the interpreter)`;
    },
    async unspoken(protocol) {
      // Both libraries decode gzip themselves, and br only with the brotli module beside them.
      if (protocol.compress === 'br' && !(await interpreterWith(`${module}, brotli`))) {
        return `${name}: no python3 with both ${module} and brotli, so br bodies would not decode (Debian/Ubuntu: apt-get install python3-brotli)`;
      }
      return speaksHttp1Only(name, protocol);
    },
    async run(plan): Promise<PeerMeasurement> {
      const protocol = plan.protocol ?? PLAINTEXT;
      const python = await interpreterWith(protocol.compress === 'br' ? `${module}, brotli` : module);
      if (!python) throw new Error(`${name}: no python3 with ${module}`);
      const { warmUp, batches } = await drive(python, file, plan).catch((error: Error) => {
        throw new Error(`${name}: ${error.message}`);
      });
      const guard = plan.allowRemote
        ? `redirects followed to any host (--allow-remote), at most ${plan.maxPerHost} at once per remote origin`
        : 'redirects followed to loopback hosts only, others refused and counted as failures';
      const errors = batches.at(-1)?.errors;
      return fromTimedBatches(batches, {
        warmUp,
        ...(errors ? { errors } : {}),
        measures: `${shape}, W = ${plan.concurrency}; ${guard}${wireNote(protocol, { verifies: true, decodes: true })} (${python})`,
      });
    },
  };
}

export const pythonAsyncioPeer = pythonPeer(
  'python-asyncio',
  'asyncio_peer.py',
  'aiohttp',
  'python3-aiohttp',
  "the seed post's asyncio program fixed: one aiohttp session, TCPConnector(limit=W), gather, bodies read, failures counted",
);

export const pythonThreadsPeer = pythonPeer(
  'python-threads',
  'threads_peer.py',
  'requests',
  'python3-requests',
  "the seed post's thread program fixed: ThreadPoolExecutor(max_workers=W), a requests.Session per thread, bodies read, failures counted",
);
