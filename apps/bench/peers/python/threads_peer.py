"""The seed post's thread-pool program, with its mistakes fixed, as a fanout peer.

ThreadPoolExecutor(max_workers=W) with executor.map, each thread lazily
creating its own requests.Session through threading.local() (sessions are not
shared between threads). Fixed against the post: every body is read and
counted, a failure is counted by kind instead of raising out of map and losing
the batch, and the printed count is the number of results. Redirects are
followed hop by hop under fanout's remote guard (reach.py): each hop is the
request requests itself prepares (Response.next), and the host urllib3 will
connect to is checked before it is sent. No proxy or .netrc from the environment
(trust_env off): a proxy would carry the requests somewhere else.

Usage: python3 threads_peer.py '{"urls": [...], "concurrency": W, "timeoutMs": T,
"maxRedirects": R, "allowRemote": false, "maxPerHost": M}', then one {"jobs": n}
line per step on stdin (peer_steps.py).
"""

import concurrent.futures
import threading
from urllib.parse import urlparse

import requests
from urllib3.util import parse_url

from peer_steps import serve, settings
from reach import Reach

thread_local = threading.local()


def get_session():
    if not hasattr(thread_local, "session"):
        session = requests.Session()
        session.trust_env = False
        thread_local.session = session
    return thread_local.session


def download_site(url, timeout, reach):
    session = get_session()
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
                return response.status_code, size, None
            hops += 1
            if hops > reach.max_redirects:
                return None, 0, "TooManyRedirects"
            request = response.next
    except requests.RequestException as error:
        return None, 0, type(error).__name__


def main(plan):
    timeout = plan["timeoutMs"] / 1000
    urls = plan["urls"]
    reach = Reach(plan, threading.BoundedSemaphore)
    with concurrent.futures.ThreadPoolExecutor(max_workers=plan["concurrency"]) as executor:

        def batch(jobs):
            return list(executor.map(lambda i: download_site(urls[i % len(urls)], timeout, reach), range(jobs)))

        serve(batch)


if __name__ == "__main__":
    main(settings())
