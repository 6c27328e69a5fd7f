import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Page } from '../profiles.js';
import { fixtureControl } from './control.js';
import type { Target } from './target.js';

// The fixture server's own bin: a small start, without commander, tinybench or the chart libraries.
const SERVER_BIN = fileURLToPath(import.meta.resolve('@fanout/fixture-server/cli'));

/**
 * Starts the fixture server's bin in a child process (so its CPU is not billed
 * to the strategy under test) and reads its URL from the first stdout line.
 * The IPC channel is there only so the child exits by itself if this process
 * dies (disconnect).
 */
export async function startServerProcess(pages: readonly Page[], faults?: string): Promise<Target> {
  const args = [SERVER_BIN, '--port', '0', ...(faults ? ['--faults', faults] : [])];
  // Its own process group: a terminal's Ctrl-C must reach only the orchestrator, or the server would drop the
  // interrupted point's connections before that point is told to stop (its jobs would fail, not abort).
  const child = spawn(process.execPath, args, {
    detached: process.platform !== 'win32',
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const url = await readyUrl(child);
  const control = fixtureControl(url);
  // Each page's size and latency travel in its query, so the server needs no preset.
  const urls = pages.map((page) => `${url}${page.path}?size=${page.sizeBytes}&latency=${page.latencyMs}`);
  let closing: Promise<void> | undefined;
  return {
    description: `embedded fixture server at ${url} (child process): ${pages
      .map((page) => `${page.path} ${page.sizeBytes} B after ${page.latencyMs} ms`)
      .join(', ')}${faults ? `; faults ${faults}` : ''}`,
    // fault=none: the calibration measures the server, not the fault mix under test.
    urls,
    calibrationUrls: urls.map((page) => `${page}&fault=none`),
    controlUrl: url,
    ...(child.pid !== undefined ? { pid: child.pid } : {}),
    stats: () => control.stats(),
    resetStats: () => control.reset(),
    close() {
      closing ??= (async () => {
        await control.close();
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGTERM');
        await exited;
      })();
      return closing;
    },
  };
}

function readyUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`fixture server exited early (code ${code})`));
    child.once('exit', onExit);
    child.once('error', reject);
    if (child.stdout === null) throw new Error('fixture server started without a stdout pipe');
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => {
      child.off('exit', onExit);
      // Nothing else is printed, but keep the pipe drained so the child never blocks on it.
      lines.on('line', () => {});
      if (/^http:\/\/127\.0\.0\.1:\d+$/.test(line)) resolve(line);
      else reject(new Error(`fixture server printed ${JSON.stringify(line)} instead of its URL`));
    });
  });
}
