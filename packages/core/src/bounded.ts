/**
 * Runs `task` over every item with at most `limit` in flight and returns the
 * results in item order. Each slot is written by exactly one task, so nothing
 * is lost to a shared accumulator. `task` must not throw: strategies turn
 * failures into results. `onProgress` (RunOptions') hears of each finished
 * item, synchronously, as it finishes.
 */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
  onProgress?: (finished: number) => void,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    for (let index = next++; index < items.length; index = next++) {
      results[index] = await task(items[index] as T, index);
      onProgress?.(1);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}
