"""fanout's remote guard for the Python peers: which redirect hops a job may follow.

The rule is the one fanout applies to --url (apps/bench/src/target/urls.ts): a loopback host
(localhost, 127.0.0.0/8, ::1) is always allowed; any other host only with --allow-remote, and then
at most --max-per-host requests at once per remote origin. Each peer checks the host its library
will connect to, parsed by that library (yarl for aiohttp, urllib3 for requests), before every hop.
A refused hop raises RedirectRefused: the job is a failure, and nothing is sent to that host.
IP literals are read with ipaddress: an IPv4-mapped IPv6 address or a scoped one is refused, and
so are forms a URL parser would have to normalise first (127.1, 2130706433): stricter, never looser.
"""

import contextlib
import ipaddress

REDIRECT_STATUSES = frozenset((301, 302, 303, 307, 308))


class RedirectRefused(Exception):
    """A redirect to a host the guard does not allow."""


class TooManyRedirects(Exception):
    """More hops than --max-redirects."""


def is_loopback(host):
    if not host:
        return False
    name = host[1:-1] if host.startswith("[") and host.endswith("]") else host
    if name.lower() == "localhost":
        return True
    if "%" in name:
        return False
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return False
    return address.is_loopback


class Reach:
    """The guard of one peer: what it allows, and a semaphore per remote origin (make_semaphore(n))."""

    def __init__(self, settings, make_semaphore):
        self.allow_remote = bool(settings["allowRemote"])
        self.max_per_host = int(settings["maxPerHost"])
        self.max_redirects = int(settings["maxRedirects"])
        self._make_semaphore = make_semaphore
        self._slots = {}

    def refusal(self, scheme, host):
        """Why a request to scheme://host may not be sent, or None."""
        if scheme not in ("http", "https"):
            return f"{scheme!r} is not http or https"
        if is_loopback(host) or self.allow_remote:
            return None
        return f"{host!r} is not a loopback host: fanout run --allow-remote would allow it"

    def is_capped(self, host):
        return self.allow_remote and not is_loopback(host)

    def slot(self, origin, host):
        """The semaphore that caps requests in flight to a remote origin; a no-op for loopback hosts."""
        if not self.is_capped(host):
            return _NO_SLOT
        slot = self._slots.get(origin)
        if slot is None:
            slot = self._slots.setdefault(origin, self._make_semaphore(self.max_per_host))
        return slot


class _NoSlot(contextlib.AbstractContextManager, contextlib.AbstractAsyncContextManager):
    def __exit__(self, *_):
        return None

    async def __aexit__(self, *_):
        return None


_NO_SLOT = _NoSlot()
