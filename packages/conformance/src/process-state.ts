import { readFileSync } from 'node:fs';

/** OS threads of this process (Linux), or undefined where /proc is not available. */
export function osThreadCount(): number | undefined {
  try {
    const match = /^Threads:\s+(\d+)$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** Active libuv handles of a kind that a strategy could leak. */
export function countResources(kind: string): number {
  return process.getActiveResourcesInfo().filter((name) => name === kind).length;
}

/** Polls `probe` until it holds or `timeoutMs` passes; returns its last value. */
export async function eventually<T>(probe: () => T, holds: (value: T) => boolean, timeoutMs = 3000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = probe();
  while (!holds(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    value = probe();
  }
  return value;
}
