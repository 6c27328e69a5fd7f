"""The seed post's thread-pool program, with its mistakes fixed, as a fanout peer.

ThreadPoolExecutor(max_workers=W) with executor.map, each thread lazily
creating its own requests.Session through threading.local() (sessions are not
shared between threads). Fixed against the post: every body is read and
counted, a failure is counted by kind instead of raising out of map and losing
the batch, and the printed count is the number of results. Redirects are
followed hop by hop under fanout's remote guard (reach.py): each hop is the
request requests itself prepares (Response.next), and the host urllib3 will
connect to is checked before it is sent. No proxy or .netrc from the environment
(trust_env off): a proxy would carry the requests somewhere else. Over https it
verifies through the run's CA, and it asks for the run's coding and decodes it
(wire.py).

Usage: python3 threads_peer.py '{"urls": [...], "concurrency": W, "timeoutMs": T,
"maxRedirects": R, "allowRemote": false, "maxPerHost": M, "caFile": PATH or null,
"acceptEncoding": "gzip"}', then one {"jobs": n}
line per step on stdin (peer_steps.py).
"""

import concurrent.futures
import threading
from urllib.parse import urlparse

import requests
from requests.adapters import HTTPAdapter
from urllib3.util import parse_url

from peer_steps import serve, settings
from reach import Reach
from wire import accept_encoding, decoding_failure, ssl_context

thread_local = threading.local()


class TrustingAdapter(HTTPAdapter):
    """requests' adapter with an SSL context that trusts the run's CA beside the default roots (verify stays on)."""

    def __init__(self, context):
        self._context = context
        super().__init__()

    def init_poolmanager(self, *args, **kwargs):
        kwargs["ssl_context"] = self._context
        return super().init_poolmanager(*args, **kwargs)


def get_session(wire):
    if not hasattr(thread_local, "session"):
        context, encoding = wire
        session = requests.Session()
        session.trust_env = False
        session.headers["Accept-Encoding"] = encoding
        if context is not None:
            session.mount("https://", TrustingAdapter(context))
        thread_local.session = session
    return thread_local.session


def download_site(url, timeout, reach, wire):
    session = get_session(wire)
    try:
        request = session.prepare_request(requests.Request("GET", url))
        hops = 0
        while True:
            # As requests' HTTPAdapter hands the URL to urllib3, which connects to this host.
            target = parse_url(urlparse(request.url).geturl())
            refusal = reach.refusal(target.scheme, target.host)
            if refusal:
                return None, 0, "RedirectRefused"
            with reach.slot(f"{target.scheme}://{target.netloc}", target.host):
                if reach.is_capped(target.host):
                    # One thread's idle connection must not outlive its slot: open connections stay within the cap.
                    request.headers["Connection"] = "close"
                response = session.send(request, allow_redirects=False, timeout=timeout)
                size = len(response.content)
            if response.next is None:
                return response.status_code, size, decoding_failure(response.headers, size)
            hops += 1
            if hops > reach.max_redirects:
                return None, 0, "TooManyRedirects"
            request = response.next
    except Exception as error:  # noqa: BLE001 - every failure is a job's result, counted by kind
        return None, 0, type(error).__name__


def main(plan):
    timeout = plan["timeoutMs"] / 1000
    urls = plan["urls"]
    reach = Reach(plan, threading.BoundedSemaphore)
    # One context for every thread's session: the roots are loaded once.
    wire = (ssl_context(plan, check_hostname=False), accept_encoding(plan))
    with concurrent.futures.ThreadPoolExecutor(max_workers=plan["concurrency"]) as executor:

        def batch(jobs):
            return list(executor.map(lambda i: download_site(urls[i % len(urls)], timeout, reach, wire), range(jobs)))

        serve(batch)


if __name__ == "__main__":
    main(settings())
