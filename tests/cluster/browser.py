"""A minimal HTTP client for the cluster tests: one cookie jar, any server, no redirects.

The layout serves plain HTTP on loopback while production settings mark the
session and CSRF cookies Secure, which urllib's cookie jar (rightly) keeps
from plain HTTP; browsers treat loopback as secure. This client keeps every
cookie by name and sends it to whichever server a request goes to, which is
what a browser does behind one nginx.
"""

from __future__ import annotations

import http.client
import urllib.parse
from dataclasses import dataclass, field
from http.cookies import SimpleCookie


@dataclass
class Response:
    status_code: int
    headers: http.client.HTTPMessage
    content: bytes

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", "replace")


@dataclass
class Browser:
    base_url: str
    cookies: dict[str, str] = field(default_factory=dict)

    def on(self, base_url: str) -> Browser:
        """The same browser (the same cookie jar) talking to another server."""
        other = Browser(base_url)
        other.cookies = self.cookies
        return other

    def request(self, method: str, path: str, data: dict | None = None) -> Response:
        url = urllib.parse.urlsplit(self.base_url)
        connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
        headers = {"Host": f"{url.hostname}:{url.port}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=headers)
            raw = connection.getresponse()
            content = raw.read()
        finally:
            connection.close()
        for header in raw.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return Response(raw.status, raw.headers, content)

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def post(self, path: str, data: dict) -> Response:
        return self.request("POST", path, {"csrfmiddlewaretoken": self.csrf_token(), **data})

    def csrf_token(self) -> str:
        return self.cookies.get("csrftoken", "")

    def log_in(self, login_path: str, username: str, password: str) -> Response:
        """Fill in a Django login form as a person would (GET it first for the CSRF cookie)."""
        self.get(login_path)
        return self.post(login_path, {"username": username, "password": password})
