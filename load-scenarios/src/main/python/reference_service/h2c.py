"""uvicorn as a newer one behaves toward an offer of HTTP/2 over cleartext (``Upgrade: h2c``): it ignores it.

Debian's uvicorn 0.17 answers 400 "Unsupported upgrade request." to any upgrade other than to WebSocket, and
Java's HttpClient offers h2c on its first request over http:// unless told to speak HTTP/1.1, so load-runs'
pool sampler would get 400s where the Java service answers. uvicorn 0.20 and later ignore the offer and
answer over HTTP/1.1, as the RFC allows; this protocol does the same by taking the offer out of the request
before uvicorn reads it (h11 itself treats an answer other than 101 as the offer declined).
"""
import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

_OFFER = (b"upgrade", b"http2-settings")


class H11IgnoringH2c(H11Protocol):
    def connection_made(self, transport):
        super().connection_made(transport)
        next_event = self.conn.next_event

        def without_h2c():
            event = next_event()
            if isinstance(event, h11.Request) and _offers_h2c(event.headers):
                event = h11.Request(method=event.method, target=event.target, http_version=event.http_version,
                                    headers=_declined(event.headers))
            return event

        self.conn.next_event = without_h2c


def _offers_h2c(headers) -> bool:
    return any(name == b"upgrade" and value.strip().lower() == b"h2c" for name, value in headers)


def _declined(headers):
    kept = []
    for name, value in headers:
        if name in _OFFER:
            continue
        if name == b"connection":
            tokens = [t.strip() for t in value.split(b",") if t.strip().lower() not in _OFFER]
            if not tokens:
                continue
            value = b", ".join(tokens)
        kept.append((name, value))
    return kept
