/** setTimeout's largest delay: Node fires a longer one after 1 ms (TimeoutOverflowWarning). */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Calls `onSilence` once `allowedMs` passes without a call of `alive`. A sign of life costs a clock read, not a
 * timer: the one timer, when it fires early, re-arms for what is left; a span past MAX_TIMER_MS is waited for in
 * several timers, never one that overflows. `alive(ms)` also changes the span from then on.
 */
export function watchdog(allowedMs: number, onSilence: (allowedMs: number) => void) {
  let allowed = allowedMs;
  let last = performance.now();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const arm = (ms: number) => {
    timer = setTimeout(check, Math.min(MAX_TIMER_MS, Math.max(1, Math.ceil(ms))));
  };
  const check = () => {
    timer = undefined;
    const left = last + allowed - performance.now();
    if (left > 0) return arm(left);
    stopped = true;
    onSilence(allowed);
  };
  arm(allowed);
  return {
    alive(nextAllowedMs?: number): void {
      if (stopped) return;
      last = performance.now();
      if (nextAllowedMs === undefined || nextAllowedMs === allowed) return;
      // A shorter span must not wait for the timer armed for the longer one.
      allowed = nextAllowedMs;
      clearTimeout(timer);
      arm(allowed);
    },
    stop(): void {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
