/**
 * Node flags every point process starts with, whatever its strategy (fork-point.ts; a process pool's or a queue's
 * children are forked with them too, since `fork` passes its parent's exec flags on, and worker threads share them).
 *
 * `--single-threaded-gc`: V8 does a point's garbage collection on the thread that allocates, not also on background
 * helper threads. On a machine whose cores the server and the point already keep busy (2 cores here), the helpers
 * competed with both: a point with parallel scavenges and concurrent marking spent more CPU on collecting than with
 * them on its own thread (more than its main thread's pauses grew by), was preempted about four times as often, and
 * one fresh point in five ran 15-25% slower for its whole life; with the flag none did (docs/performance.md, "Same
 * point, same cost"). A strategy's collections are still in its timed batches, CPU and wall time alike; only where
 * they run changed, and the report's settings say so (`pointNodeFlags`).
 */
export const POINT_NODE_FLAGS: readonly string[] = ['--single-threaded-gc'];
