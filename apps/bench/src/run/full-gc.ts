import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * A full collection of this process's heap, whether or not it was started with --expose-gc: the flag, set now,
 * exposes `gc` to contexts made after it (the pattern Node's own documentation of v8.setFlagsFromString shows).
 *
 * A point calls it once, before its warm-up. Its process starts with the plan's 20,000 jobs and the harness's own
 * garbage in the heap, so without it the first mark-compact came ~200 ms in, during the cold first warm-up batch.
 * V8 takes its allocation-site pretenuring decisions from that collection (in optimised code it stops tracking
 * sites), and while marking runs every request object stored into a connection's parser looks alive: in about one
 * point in four it then pretenured undici's per-response header arrays for the rest of the process, and every
 * scavenge promoted the header buffers they held (2 MB a scavenge instead of 0.3 MB, 15-25% more CPU per request;
 * docs/performance.md, "Same point, same cost"). Collected first, the heap's next mark-compact comes seconds later,
 * after the code is optimised. A bare client's small fresh process never had that garbage.
 */
export function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}
