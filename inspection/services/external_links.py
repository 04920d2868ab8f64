"""External links and whether they open, each with one bounded request.

A slow, huge or hostile server must not hold the checker, and the checker must not
become a way into the intranet (SSRF), so every host is resolved, vetted and then
connected to at the address that was vetted. Requests to one host are paced
(HostPacer) so that checking a site's many links does not look like an attack on it.
"""

from __future__ import annotations

import http.client
import ipaddress
import logging
import socket
import ssl
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeoutError
from dataclasses import dataclass
from urllib.parse import quote, urljoin, urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.exceptions import HTTPError as Urllib3Error

from inspection.models import SLOW_SECONDS

from .links import Outcome

logger = logging.getLogger(__name__)

__all__ = ["HostPacer", "check_external", "is_refused"]

MAX_REDIRECTS = 5
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# Servers that refuse HEAD (or forbid it while serving GET) get a GET.
HEAD_REFUSED_STATUSES = frozenset({403, 405, 501})
DEFAULT_MAX_BYTES = 8192
USER_AGENT = "Mozilla/5.0 (compatible; PortalLinkCheck/1.0; +government website inspection)"

# getaddrinfo() has no timeout of its own: it runs here so that a slow resolver
# costs the deadline and not more (the lookup itself ends on the resolver's timeout).
_resolver = ThreadPoolExecutor(max_workers=4, thread_name_prefix="linkcheck-dns")


def is_refused(address: str) -> bool:
    """An address the checker must not connect to: anything not on the public internet
    (private, loopback, link-local such as the cloud metadata service, reserved, multicast)."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return True
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return (
        not ip.is_global
        or ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_reserved
        or ip.is_multicast
        or ip.is_unspecified
    )


class _Broken(Exception):
    """A reason the link does not work, raised deep in the request and reported as is."""

    def __init__(self, error: str, status: int | None = None) -> None:
        super().__init__(error)
        self.error = error
        self.status = status


class _Watchdog:
    """The overall deadline of one URL: when it passes, the connection in use is shut
    down, which wakes any blocked read (a server that drips bytes cannot hold us)."""

    def __init__(self, seconds: float) -> None:
        self.at = time.monotonic() + seconds
        self.expired = False
        self._lock = threading.Lock()
        self._fd: int | None = None
        self._timer = threading.Timer(max(seconds, 0.0), self._expire)
        self._timer.daemon = True
        self._timer.start()

    def remaining(self) -> float:
        left = self.at - time.monotonic()
        if left <= 0 or self.expired:
            raise _Broken(_("响应超时"))
        return left

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._fd = sock.fileno()
            if self.expired:
                self._shutdown()

    def unwatch(self) -> None:
        """Called before the socket is closed, so a late timer never touches a reused fd."""
        with self._lock:
            self._fd = None

    def cancel(self) -> None:
        self._timer.cancel()

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            self._shutdown()

    def _shutdown(self) -> None:
        if self._fd is None:
            return
        try:
            # A duplicate of the descriptor: shutdown acts on the connection both share,
            # also while TLS owns the original socket object.
            with socket.fromfd(self._fd, socket.AF_INET, socket.SOCK_STREAM) as dup:
                dup.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


class _PinnedMixin:
    """Connects to the address that was vetted, not to whatever the name resolves to
    now (DNS rebinding), while Host, SNI and the certificate check keep the name."""

    pinned_address = ""
    connect_timeout = 10.0
    watchdog: _Watchdog | None = None
    port: int

    def _new_conn(self) -> socket.socket:
        sock = socket.create_connection(
            (self.pinned_address, self.port), timeout=self.connect_timeout
        )
        if self.watchdog is not None:
            self.watchdog.watch(sock)
        return sock


class _PinnedHTTPConnection(_PinnedMixin, HTTPConnection):
    pass


class _PinnedHTTPSConnection(_PinnedMixin, HTTPSConnection):
    pass


@dataclass(frozen=True)
class _Target:
    scheme: str
    host: str  # ASCII (IDNA) host name or IP literal, no brackets
    port: int
    path: str  # path and query, percent-encoded

    @classmethod
    def parse(cls, url: str) -> _Target:
        try:
            parts = urlsplit(url.strip())
            port = parts.port
            host = parts.hostname or ""
        except ValueError as error:
            raise _Broken(_("链接地址无效")) from error
        if parts.scheme not in ("http", "https"):
            raise _Broken(_("不支持的链接协议"))
        if not host:
            raise _Broken(_("链接地址无效"))
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError as error:
            raise _Broken(_("链接地址无效")) from error
        path = quote(parts.path or "/", safe="/%;:@&=+$,!~*'()")
        if parts.query:
            path += "?" + quote(parts.query, safe="/?%;:@&=+$,!~*'()")
        return cls(parts.scheme, host, port or (443 if parts.scheme == "https" else 80), path)

    @property
    def host_header(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        default = 443 if self.scheme == "https" else 80
        return host if self.port == default else f"{host}:{self.port}"


def _addresses(target: _Target, watchdog: _Watchdog) -> list[str]:
    """The host's addresses, all vetted: one refused address refuses the host."""
    try:
        ipaddress.ip_address(target.host)
        found = [target.host]
    except ValueError:
        lookup = _resolver.submit(
            socket.getaddrinfo, target.host, target.port, type=socket.SOCK_STREAM
        )
        try:
            infos = lookup.result(timeout=watchdog.remaining())
        except FutureTimeoutError as error:
            raise _Broken(_("域名解析超时")) from error
        except (socket.gaierror, UnicodeError) as error:
            raise _Broken(_("域名无法解析")) from error
        found = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not found:
        raise _Broken(_("域名无法解析"))
    if not settings.INSPECTION_ALLOW_PRIVATE_HOSTS and any(is_refused(a) for a in found):
        raise _Broken(_("不检查内网地址"))
    return found


def _connect(target: _Target, addresses: list[str], timeout: float, watchdog: _Watchdog):
    """An open connection to the first address that answers (within the deadline)."""
    failure: _Broken | None = None
    for address in addresses[:3]:
        budget = min(timeout, watchdog.remaining())
        cls = _PinnedHTTPSConnection if target.scheme == "https" else _PinnedHTTPConnection
        conn = cls(target.host, target.port, timeout=budget)
        conn.pinned_address, conn.connect_timeout, conn.watchdog = address, budget, watchdog
        try:
            conn.connect()
            return conn
        except Exception as error:
            watchdog.unwatch()
            conn.close()
            failure = _network_error(error, watchdog, connected=False)
    raise failure or _Broken(_("无法连接"))


def _network_error(error: BaseException, watchdog: _Watchdog, *, connected: bool) -> _Broken:
    """A short Chinese reason for what went wrong on the wire."""
    if isinstance(error, _Broken):
        return error
    if watchdog.expired:
        return _Broken(_("响应超时"))
    if isinstance(error, ssl.SSLCertVerificationError):
        return _Broken(_("证书无效"))
    if isinstance(error, ssl.SSLError):
        return _Broken(_("安全连接失败"))
    if isinstance(error, socket.timeout | TimeoutError):
        return _Broken(_("响应超时") if connected else _("连接超时"))
    if isinstance(error, http.client.HTTPException | Urllib3Error):
        return _Broken(_("响应无效"))
    if isinstance(error, OSError):
        return _Broken(_("连接中断") if connected else _("无法连接"))
    return _Broken(_("无法访问"))


def _request(
    target: _Target, method: str, timeout: float, max_bytes: int, watchdog: _Watchdog
) -> tuple[int, str]:
    """One request: the status and the Location header; at most `max_bytes` of a body
    are read (raw, so a compressed bomb is never inflated), then the connection closes."""
    conn = _connect(target, _addresses(target, watchdog), timeout, watchdog)
    headers = {
        "Host": target.host_header,
        "User-Agent": USER_AGENT,
        "Accept": "*/*",
        "Accept-Encoding": "identity",
        "Connection": "close",
    }
    response = None
    try:
        conn.request(method, target.path, headers=headers, preload_content=False)
        response = conn.getresponse()
        status = response.status
        if method == "GET" and 200 <= status < 300 and not watchdog.expired:
            # The body must begin within the deadline (a page that never arrives does
            # not open); reading it all is neither needed nor safe.
            response.read(max_bytes, decode_content=False)
        if watchdog.expired:
            # Cut off by the deadline: what was read ends at the shutdown, not the answer's end.
            raise _Broken(_("响应超时"))
        return status, response.headers.get("Location", "")
    except Exception as error:
        raise _network_error(error, watchdog, connected=True) from error
    finally:
        watchdog.unwatch()
        if response is not None:
            response.close()
        conn.close()


def _follow(url: str, timeout: float, max_bytes: int, watchdog: _Watchdog) -> Outcome:
    current = url
    for _hop in range(MAX_REDIRECTS + 1):
        target = _Target.parse(current)
        status, location = _request(target, "HEAD", timeout, max_bytes, watchdog)
        if status in HEAD_REFUSED_STATUSES:
            status, location = _request(target, "GET", timeout, max_bytes, watchdog)
        if status in REDIRECT_STATUSES and location:
            current = urljoin(current, location.strip())
            continue  # the next hop is parsed, resolved and vetted afresh
        if 200 <= status < 400:
            return Outcome(True, status)
        return Outcome(False, status, _("返回 %(status)s") % {"status": status})
    return Outcome(False, None, _("重定向次数过多"))


def check_external(
    url: str,
    *,
    timeout: float = 10.0,
    max_bytes: int = DEFAULT_MAX_BYTES,
    deadline: float = SLOW_SECONDS,
) -> Outcome:
    """Whether an http(s) link opens: HEAD (GET when HEAD is refused), redirects followed
    by hand, `timeout` per connect or read, `deadline` for all of it (the inspection
    counts a page that takes 15 s as not opening). Never raises."""
    watchdog = _Watchdog(deadline)
    try:
        return _follow(url, timeout, max_bytes, watchdog)
    except _Broken as broken:
        return Outcome(False, broken.status, broken.error)
    except Exception:
        logger.exception("external link check failed for %r", url)
        return Outcome(False, None, _("无法访问"))
    finally:
        watchdog.cancel()


# --- Pacing ----------------------------------------------------------------------------


class HostPacer:
    """At most one request per `interval` seconds to each host, so that checking a site's
    many links does not look like an attack on it (or get us blocked)."""

    def __init__(
        self,
        interval: float = 1.0,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.interval = interval
        self._clock = clock
        self._sleep = sleep
        self._last: dict[str, float] = {}

    def ready_in(self, host: str) -> float:
        """Seconds until `host` may be asked again (0 when it may now)."""
        last = self._last.get(host.lower())
        if last is None:
            return 0.0
        return max(0.0, last + self.interval - self._clock())

    def wait(self, host: str) -> None:
        """Sleep until `host` may be asked, and count this as its request."""
        delay = self.ready_in(host)
        if delay > 0:
            self._sleep(delay)
        self._last[host.lower()] = self._clock()
