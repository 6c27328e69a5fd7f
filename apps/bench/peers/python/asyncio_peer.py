"""The seed post's asyncio program, with its mistakes fixed, as a fanout peer.

One aiohttp.ClientSession, one task per URL, asyncio.gather. Fixed against the
post: every body is read to the end (the post read only Content-Length), a
failure is counted by kind instead of vanishing in return_exceptions=True, the
connector is limited to W connections (so W means what it means for fanout),
and the printed count is the number of results. Redirects are followed hop by
hop under fanout's remote guard (reach.py): the host aiohttp will connect to
(the yarl URL's raw_host) is checked before every hop. Over https it verifies
through the run's CA, and it asks for the run's coding and decodes it (wire.py).

Usage: python3 asyncio_peer.py '{"urls": [...], "concurrency": W, "timeoutMs": T,
"maxRedirects": R, "allowRemote": false, "maxPerHost": M, "caFile": PATH or null,
"acceptEncoding": "gzip"}', then one {"jobs": n}
line per step on stdin (peer_steps.py).
"""

import asyncio

import aiohttp
import yarl

from peer_steps import serve, settings
from reach import REDIRECT_STATUSES, Reach, RedirectRefused, TooManyRedirects
from wire import accept_encoding, decoding_failure, ssl_context


async def download(session, url, reach):
    hops = 0
    while True:
        refusal = reach.refusal(url.scheme, url.raw_host)
        if refusal:
            raise RedirectRefused(refusal)
        async with reach.slot(str(url.origin()), url.raw_host):
            async with session.get(url, allow_redirects=False) as response:
                body = await response.read()
                location = response.headers.get("Location") if response.status in REDIRECT_STATUSES else None
                if location is None:
                    return response.status, len(body), decoding_failure(response.headers, len(body))
                target = response.url.join(yarl.URL(location))
        hops += 1
        if hops > reach.max_redirects:
            raise TooManyRedirects(f"more than {reach.max_redirects} redirects")
        url = target


async def batch(session, urls, jobs, reach):
    tasks = [download(session, urls[i % len(urls)], reach) for i in range(jobs)]
    return await asyncio.gather(*tasks, return_exceptions=True)


async def open_session(plan):
    # None: aiohttp's default verified context (in aiohttp 3.8 ssl=True would mean *unverified*); a context of ours
    # adds the run's CA to the default roots.
    connector = aiohttp.TCPConnector(limit=plan["concurrency"], ssl=ssl_context(plan))
    timeout = aiohttp.ClientTimeout(total=plan["timeoutMs"] / 1000)
    headers = {"Accept-Encoding": accept_encoding(plan)}
    return aiohttp.ClientSession(connector=connector, timeout=timeout, headers=headers)


def main(plan):
    loop = asyncio.new_event_loop()
    reach = Reach(plan, asyncio.Semaphore)
    urls = [yarl.URL(url) for url in plan["urls"]]
    session = loop.run_until_complete(open_session(plan))
    try:
        serve(lambda jobs: loop.run_until_complete(batch(session, urls, jobs, reach)))
    finally:
        loop.run_until_complete(session.close())
        loop.close()


if __name__ == "__main__":
    main(settings())
