"""The seed post's thread-pool program, with its mistakes fixed, as a fanout peer.

ThreadPoolExecutor(max_workers=W) with executor.map, each thread lazily
creating its own requests.Session through threading.local() (sessions are not
shared between threads). Fixed against the post: every body is read and
counted, a failure is counted by kind instead of raising out of map and losing
the batch, and the printed count is the number of results.

Usage: python3 threads_peer.py '{"urls": [...], "jobs": N, "concurrency": W, "batches": B, "timeoutMs": T}'
Prints one JSON line: batchesMs, succeeded, failed, errors, bytes (of the last batch).
"""

import concurrent.futures
import json
import sys
import threading
import time

import requests

thread_local = threading.local()


def get_session():
    if not hasattr(thread_local, "session"):
        thread_local.session = requests.Session()
    return thread_local.session


def download_site(args):
    url, timeout = args
    try:
        response = get_session().get(url, timeout=timeout)
        return response.status_code, len(response.content), None
    except requests.RequestException as error:
        return None, 0, type(error).__name__


def batch(executor, urls, jobs, timeout):
    work = [(urls[i % len(urls)], timeout) for i in range(jobs)]
    results = list(executor.map(download_site, work))
    assert len(results) == jobs, "one result per job"
    succeeded = failed = size = 0
    errors = {}
    for status, length, error in results:
        if error is None and 200 <= status < 300:
            succeeded += 1
            size += length
        else:
            failed += 1
            kind = error or f"HTTP {status}"
            errors[kind] = errors.get(kind, 0) + 1
    return {"succeeded": succeeded, "failed": failed, "errors": errors, "bytes": size}


def main(plan):
    timeout = plan["timeoutMs"] / 1000
    with concurrent.futures.ThreadPoolExecutor(max_workers=plan["concurrency"]) as executor:
        batch(executor, plan["urls"], plan["jobs"], timeout)  # warm-up: threads and sessions made
        times = []
        last = None
        for _ in range(plan["batches"]):
            started = time.perf_counter()
            last = batch(executor, plan["urls"], plan["jobs"], timeout)
            times.append((time.perf_counter() - started) * 1000)
    print(json.dumps({"batchesMs": times, **last}))


if __name__ == "__main__":
    main(json.loads(sys.argv[1]))
