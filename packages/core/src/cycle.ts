/**
 * Job i goes to item i mod n, so 200 jobs over two pages alternate like the Python post's list. The one home of
 * that rule: every workload's jobs, the target's URLs, the calibration, the peers and the bare dispatch loop cycle
 * through their URLs with it. Free of imports, so the bare loop's process loads nothing else for it.
 */
export function cycleAt<T>(items: readonly T[], index: number): T {
  return items[index % items.length] as T;
}

/** The first `count` items of `items` repeated in order. */
export function cycle<T>(items: readonly T[], count: number): T[] {
  return Array.from({ length: count }, (_, index) => cycleAt(items, index));
}
