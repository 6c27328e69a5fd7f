"""The step protocol of fanout's Python peers (apps/bench/src/peers/protocol.ts).

The orchestrator follows fanout's one warm-up rule and sends each step as a JSON line on stdin:
{"jobs": n}, meaning "run the batch's first n jobs". The peer runs them, times them itself
(time.perf_counter for the batch, time.process_time for the CPU of this process and all its
threads), counts the answers after the clock stops, and prints one JSON line:
{"ms", "cpuMs", "succeeded", "failed", "errors"}. At the end of stdin it returns.
"""

import json
import sys
import time


def settings():
    """The peer's settings, the first argument: urls, concurrency, timeoutMs, maxRedirects, allowRemote, maxPerHost."""
    return json.loads(sys.argv[1])


def tally(results, jobs):
    """Counts a batch's results: each an exception, or (status, bytes, error kind or None)."""
    assert len(results) == jobs, "one result per job"
    succeeded = failed = 0
    errors = {}
    for result in results:
        if isinstance(result, BaseException):
            kind = type(result).__name__
        else:
            status, _size, kind = result
            if kind is None and not 200 <= status < 300:
                kind = f"HTTP {status}"
        if kind is None:
            succeeded += 1
        else:
            failed += 1
            errors[kind] = errors.get(kind, 0) + 1
    return succeeded, failed, errors


def serve(run_batch):
    """Answers every step on stdin with run_batch(n) for the batch's first n jobs, timed."""
    for line in sys.stdin:
        jobs = json.loads(line)["jobs"]
        cpu = time.process_time()
        started = time.perf_counter()
        results = run_batch(jobs)
        ms = (time.perf_counter() - started) * 1000
        cpu_ms = (time.process_time() - cpu) * 1000
        succeeded, failed, errors = tally(results, jobs)
        reply = {"ms": ms, "cpuMs": cpu_ms, "succeeded": succeeded, "failed": failed, "errors": errors}
        print(json.dumps(reply), flush=True)
