import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Page } from '../profiles.js';
import { fixtureControl } from './control.js';
import { cycleJobs, type Target } from './target.js';

const CLI = fileURLToPath(new URL('../cli.js', import.meta.url));

/**
 * Starts the fixture server in a child process (so its CPU is not billed to
 * the strategy under test) through `fanout serve`, and learns its URL over IPC.
 * The child exits by itself if this process dies (IPC disconnect).
 */
export async function startEmbeddedTarget(pages: readonly Page[], faults?: string): Promise<Target> {
  const args = [CLI, 'serve', '--port', '0', ...(faults ? ['--faults', faults] : [])];
  // Its own process group: a terminal's Ctrl-C must reach only the orchestrator, or the server would drop the
  // interrupted point's connections before that point is told to stop (its jobs would fail, not abort).
  const child = spawn(process.execPath, args, {
    detached: process.platform !== 'win32',
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
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
    calibrationUrls: (count) => cycleJobs(urls, count).map((job) => `${job.url}&fault=none`),
    controlUrl: url,
    jobs: (count) => cycleJobs(urls, count),
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
    child.once('message', (message) => {
      child.off('exit', onExit);
      const url = (message as { url?: unknown }).url;
      if (typeof url === 'string') resolve(url);
      else reject(new Error('fixture server sent no URL'));
    });
  });
}
