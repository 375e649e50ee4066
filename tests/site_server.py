"""A local news site for the sources tests: the pages, feeds and WordPress API under
tests/data/sites, served on 127.0.0.1 by http.server in a thread (no network needed).

Every answer has an ETag and a Last-Modified and honours If-None-Match with 304, so a
test can tell a download from a conditional hit; ``requests`` logs each one. ``{{BASE}}``
in a file becomes the server's own address. ``/wp/wp-json/wp/v2/posts`` emulates the
WordPress REST API over ``wp/posts.json`` (at most two posts a page, like a site that
caps ``per_page``; ``/wp-half/`` the same, its second page failing); ``/broken/...``
answers the ways a web source goes wrong.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

SITES = Path(__file__).parent / "data" / "sites"
LAST_MODIFIED = "Thu, 26 Nov 2026 22:00:00 GMT"
WP_MAX_PER_PAGE = 2


@dataclass
class Site:
    """The running server: its address and what it was asked."""

    base: str
    requests: list[tuple[str, int]] = field(default_factory=list)
    """(path with query, status) of every request, in order."""
    changed: dict[str, bytes] = field(default_factory=dict)
    """Paths whose content a test replaced."""

    def downloads(self) -> list[str]:
        """Paths answered with a body (status 200)."""
        return [path for path, status in self.requests if status == 200]


class _Handler(BaseHTTPRequestHandler):
    site: Site

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        if parts.path.startswith("/broken/"):
            return self._broken(parts.path.removeprefix("/broken/"))
        if parts.path == "/wp/wp-json/wp/v2/posts":
            return self._wordpress(parse_qs(parts.query))
        if parts.path == "/wp-half/wp-json/wp/v2/posts":  # page 2 fails
            query = parse_qs(parts.query)
            if query.get("page") == ["2"]:
                return self._answer(500, b'{"code":"internal_server_error"}')
            return self._wordpress(query)
        body = self._file(parts.path)
        if body is None:
            return self._answer(404, b"<html><body><h1>Not found</h1></body></html>")
        return self._answer(200, body, _type(parts.path))

    def _file(self, path: str) -> bytes | None:
        if path in self.site.changed:
            return self.site.changed[path]
        local = (SITES / path.lstrip("/")).resolve()
        if not local.is_relative_to(SITES):
            return None
        for candidate in (local, local.with_name(local.name + ".html"), local / "index.html"):
            if candidate.is_file():
                return candidate.read_bytes().replace(b"{{BASE}}", self.site.base.encode())
        return None

    def _wordpress(self, query: dict[str, list[str]]) -> None:
        text = (SITES / "wp" / "posts.json").read_text(encoding="utf-8")
        posts = json.loads(text.replace("{{BASE}}", self.site.base))
        per_page = min(int(query.get("per_page", ["10"])[0]), WP_MAX_PER_PAGE)
        page = int(query.get("page", ["1"])[0])
        pages = -(-len(posts) // per_page)
        if page > pages:
            return self._answer(400, b'{"code":"rest_post_invalid_page_number"}')
        chunk = posts[(page - 1) * per_page : page * per_page]
        headers = {"X-WP-Total": str(len(posts)), "X-WP-TotalPages": str(pages)}
        self._answer(200, json.dumps(chunk).encode(), "application/json", headers)

    def _broken(self, what: str) -> None:
        if what == "slow":
            time.sleep(2)
            return self._answer(200, b"<html><body><p>Too late.</p></body></html>")
        if what == "drip":  # a byte now and then: never a read timeout, never done
            return self._drip()
        if what == "loop":
            return self._redirect("/broken/loop")
        if what == "to-file":
            return self._redirect("file:///etc/passwd")
        if what == "huge":
            return self._answer(200, b"<p>" + b"words " * 1_200_000 + b"</p>")
        self._answer(500 if what == "error" else 404, b"<html><body>Server error</body></html>")

    def _drip(self) -> None:
        self.send_response(200)
        self.send_header("Content-Length", "100000")
        self.end_headers()
        self.site.requests.append((self.path, 200))
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            for _ in range(15):
                self.wfile.write(b"<p>drip</p>")
                self.wfile.flush()
                time.sleep(0.2)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()
        self.site.requests.append((self.path, 302))

    def _answer(self, status: int, body: bytes, kind: str = "text/html; charset=utf-8",
                headers: dict[str, str] | None = None) -> None:  # fmt: skip
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if status == 200 and self.headers.get("If-None-Match") == etag:
            status, body = 304, b""
        self.send_response(status)
        if status in (200, 304):
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", LAST_MODIFIED)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.site.requests.append((self.path, status))
        # The client may give up (a timeout, a size limit): what those tests want.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)


def _type(path: str) -> str:
    if path.endswith(".xml"):
        return "application/xml"
    return "text/html; charset=utf-8"


def start_site() -> tuple[Site, ThreadingHTTPServer]:
    """Start the site on a free port; call ``server.shutdown()`` when done."""
    handler = type("Handler", (_Handler,), {})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    site = Site(f"http://127.0.0.1:{server.server_address[1]}")
    handler.site = site
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return site, server
