import { once } from 'node:events';
import { startAgent } from './agent.js';
import type { FromLocalWorker, LocalWorkerArgs } from './protocol.js';
import { redactSecrets } from './redact.js';
import { ENV } from './settings.js';

// A worker process started by a point (see local-workers.ts): its own event loop and connections, this one point's
// jobs only. Its settings come as the first IPC message; the URL by environment, so its password is not in `ps`.
const url = process.env[ENV.redisUrl] ?? '';
const send = (message: FromLocalWorker) => process.send?.(message);
const log = (line: string) => process.stderr.write(`${line}\n`);

try {
  const [args] = (await once(process, 'message')) as [LocalWorkerArgs];
  const { id, concurrency, connections, point } = args;
  const agent = await startAgent({ redisUrl: url, id, concurrency, connections, point, log });
  // The point's process gone (closed, crashed, killed): leave and exit.
  process.on('disconnect', () => {
    void agent.stop().finally(() => process.exit(0));
  });
  send({ type: 'ready' });
} catch (error) {
  send({ type: 'failed', message: redactSecrets(error instanceof Error ? error.message : String(error), url) });
  process.exit(1);
}
