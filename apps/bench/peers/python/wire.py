"""How fanout's Python peers speak to the target as the points do (issue 19).

TLS: the default roots plus the run's CA (the embedded server's, or --ca's), verification on, as Node's
clients trust them. Coding: the Accept-Encoding the points send (the run's --compress, else identity, so a
server that compresses by default does not hand the peers less work); both libraries decode gzip and deflate
themselves, and br with the brotli module beside them.
"""

import ssl


def ssl_context(settings, check_hostname=True):
    """An SSL context trusting the default roots plus the PEM file settings["caFile"], or None without a CA.

    check_hostname=False only for urllib3 1.x, which matches the host itself after the handshake (an IP
    address included, which it sends no SNI for) whenever the context does not: the name is checked either way.
    """
    ca_file = settings.get("caFile")
    if not ca_file:
        return None
    context = ssl.create_default_context()
    context.load_verify_locations(cafile=ca_file)
    context.check_hostname = check_hostname
    return context


def accept_encoding(settings):
    return settings.get("acceptEncoding") or "identity"


# The fixture server's header with a body's length before compression (packages/fixture-server, body.ts).
DECODED_LENGTH = "X-Decoded-Content-Length"


def decoding_failure(headers, size):
    """'DecodedLengthMismatch' when the server said how long the decoded body is and `size` is not that, else None."""
    expected = headers.get(DECODED_LENGTH)
    if expected is None or not expected.isdigit() or int(expected) == size:
        return None
    return "DecodedLengthMismatch"
