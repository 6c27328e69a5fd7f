"""The seed post's asyncio program, with its mistakes fixed, as a fanout peer.

One aiohttp.ClientSession, one task per URL, asyncio.gather. Fixed against the
post: every body is read to the end (the post read only Content-Length), a
failure is counted by kind instead of vanishing in return_exceptions=True, the
connector is limited to W connections (so W means what it means for fanout),
and the printed count is the number of results.

Usage: python3 asyncio_peer.py '{"urls": [...], "jobs": N, "concurrency": W, "batches": B, "timeoutMs": T}'
Prints one JSON line: batchesMs, succeeded, failed, errors, bytes (of the last batch).
"""

import asyncio
import json
import sys
import time

import aiohttp


async def download(session, url):
    async with session.get(url) as response:
        body = await response.read()
        return response.status, len(body)


async def batch(session, urls, jobs):
    tasks = [download(session, urls[i % len(urls)]) for i in range(jobs)]
    results = await asyncio.gather(*tasks, return_exceptions=True)
    assert len(results) == jobs, "one result per job"
    succeeded = failed = size = 0
    errors = {}
    for result in results:
        if isinstance(result, BaseException):
            failed += 1
            errors[type(result).__name__] = errors.get(type(result).__name__, 0) + 1
        elif 200 <= result[0] < 300:
            succeeded += 1
            size += result[1]
        else:
            failed += 1
            errors[f"HTTP {result[0]}"] = errors.get(f"HTTP {result[0]}", 0) + 1
    return {"succeeded": succeeded, "failed": failed, "errors": errors, "bytes": size}


async def main(plan):
    connector = aiohttp.TCPConnector(limit=plan["concurrency"])
    timeout = aiohttp.ClientTimeout(total=plan["timeoutMs"] / 1000)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        await batch(session, plan["urls"], plan["jobs"])  # warm-up: connections opened
        times = []
        last = None
        for _ in range(plan["batches"]):
            started = time.perf_counter()
            last = await batch(session, plan["urls"], plan["jobs"])
            times.append((time.perf_counter() - started) * 1000)
    print(json.dumps({"batchesMs": times, **last}))


if __name__ == "__main__":
    asyncio.run(main(json.loads(sys.argv[1])))
