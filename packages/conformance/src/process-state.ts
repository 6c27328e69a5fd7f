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
