import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_TIMER_MS, watchdog } from '../src/run/watchdog.js';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/**
 * Fake timers and clock; every delay the watchdog asks setTimeout for is kept, and one past a timer's range throws
 * (Node would fire it after 1 ms, with a TimeoutOverflowWarning).
 */
function fakeClock(): number[] {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  const delays: number[] = [];
  const real = globalThis.setTimeout;
  vi.spyOn(globalThis, 'setTimeout').mockImplementation(((callback: () => void, ms?: number) => {
    if ((ms ?? 0) > MAX_TIMER_MS) throw new Error(`a timer armed for ${ms} ms, past 2^31 − 1`);
    delays.push(ms ?? 0);
    return real(callback, ms);
  }) as typeof setTimeout);
  return delays;
}

describe('the watchdog', () => {
  it('waits out a silence past a timer’s range in timers within it, and fires once, at the end', () => {
    const delays = fakeClock();
    const allowed = 3 * MAX_TIMER_MS + 5;
    const onSilence = vi.fn();
    watchdog(allowed, onSilence);
    vi.advanceTimersByTime(allowed - 1);
    expect(onSilence).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onSilence).toHaveBeenCalledExactlyOnceWith(allowed);
    expect(delays.length).toBeGreaterThanOrEqual(4);
    expect(Math.max(...delays)).toBeLessThanOrEqual(MAX_TIMER_MS);
  });

  it('counts silence from the last sign of life, which arms no timer; a new span re-arms at once', () => {
    const delays = fakeClock();
    const onSilence = vi.fn();
    const watch = watchdog(1000, onSilence);
    for (let i = 0; i < 10; i++) {
      vi.advanceTimersByTime(900);
      watch.alive();
    }
    // Ten signs of life in 9 s: no timer per sign, only the re-arm when the first timer found life.
    expect(onSilence).not.toHaveBeenCalled();
    expect(delays.length).toBeLessThanOrEqual(11);
    watch.alive(200);
    vi.advanceTimersByTime(199);
    expect(onSilence).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onSilence).toHaveBeenCalledExactlyOnceWith(200);
  });

  it('is silent after stop', () => {
    fakeClock();
    const onSilence = vi.fn();
    watchdog(1000, onSilence).stop();
    vi.advanceTimersByTime(10_000);
    expect(onSilence).not.toHaveBeenCalled();
  });
});
