import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Peer, PeerMeasurement } from './peer.js';
import { lastJsonLine, lastLine, runProgram } from './spawn-json.js';

const outputSchema = z.object({
  batchesMs: z.array(z.number().min(0)).min(1),
  succeeded: z.number().int().min(0),
  failed: z.number().int().min(0),
  errors: z.record(z.string(), z.number()),
});

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

function pythonPeer(name: string, script: string, module: string, debian: string, shape: string): Peer {
  const file = fileURLToPath(new URL(`../../peers/python/${script}`, import.meta.url));
  return {
    name,
    async unavailable() {
      return (await interpreterWith(module))
        ? undefined
        : `python3 with ${module} not found (Debian/Ubuntu: apt-get install ${debian}; or pip install ${module}; FANOUT_PYTHON picks the interpreter)`;
    },
    async run(plan): Promise<PeerMeasurement> {
      const python = await interpreterWith(module);
      if (!python) throw new Error(`${name}: no python3 with ${module}`);
      const { signal, ...rest } = plan;
      const result = await runProgram(python, [file, JSON.stringify(rest)], signal);
      const parsed = outputSchema.safeParse(lastJsonLine(result.stdout));
      if (!parsed.success) throw new Error(`${name} gave no result (exit ${result.code}): ${lastLine(result.stderr)}`);
      const { batchesMs, succeeded, failed } = parsed.data;
      return { batchesMs, succeeded, failed, measures: `${shape}, W = ${plan.concurrency} (${python})` };
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
