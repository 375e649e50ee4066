"""Preview server for a rendered output folder, built on Werkzeug.

What a static host or CDN does for the published site, on 127.0.0.1: byte
ranges (``206 Partial Content``, so the player can seek), the right MIME types
(``.vtt`` as ``text/vtt``, ``.json``, ``.mp3``...), and CORS headers on the
transcripts, chapters and timing files so other sites' players can read them.
Python's ``http.server`` has no Range support, hence Werkzeug's ``send_file``.

It is a preview, not a production server (docs/player.md): it serves only
files inside the folder (no symbolic link out of it, no dot-path such as the
catalog in ``.audio-edition/``), ignores a malformed Range header as RFC 9110
says, and closes a connection idle for ``IDLE_TIMEOUT_S``.
"""

from __future__ import annotations

import ipaddress
import logging
import os
import re
import socket
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from werkzeug.exceptions import HTTPException, MethodNotAllowed, NotFound
from werkzeug.security import safe_join
from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server
from werkzeug.utils import redirect, send_file
from werkzeug.wrappers import Request, Response

from audio_edition.errors import AudioEditionError

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIEnvironment

log = logging.getLogger(__name__)

MIME_TYPES = {
    ".html": "text/html",
    ".css": "text/css",
    ".js": "text/javascript",
    ".json": "application/json",
    ".vtt": "text/vtt",
    ".xml": "application/rss+xml",
    ".mp3": "audio/mpeg",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".svg": "image/svg+xml",
    ".txt": "text/plain",
}
"""Content types by file suffix (Werkzeug adds ``charset=utf-8`` to text types);
anything else is ``application/octet-stream``."""

CORS_SUFFIXES = frozenset({".json", ".vtt", ".mp3", ".xml"})
"""Files other origins may read: timing, transcripts, chapters, audio, the feed."""

READ_METHODS = ("GET", "HEAD", "OPTIONS")
IDLE_TIMEOUT_S = 30.0
"""A connection that sends or takes nothing for this long is closed (its thread ends)."""

_ONE_RANGE = re.compile(r"bytes=[ \t]*(?:(\d+)-(\d*)|-\d+)[ \t]*", re.IGNORECASE)
"""A single byte range as RFC 9110 writes it: ``bytes=100-199``, ``bytes=100-``, ``bytes=-500``."""


class PreviewApp:
    """A WSGI application serving the files under ``root``, read-only."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        request = Request(environ)
        try:
            response = self.respond(request)
        except HTTPException as exc:
            response = exc.get_response(environ)
        return response(environ, start_response)

    def respond(self, request: Request) -> Response:
        """The response to one request (raises ``HTTPException`` for errors)."""
        if request.method not in READ_METHODS:
            raise MethodNotAllowed(valid_methods=list(READ_METHODS))
        relative = request.path.lstrip("/")
        local = self._local(relative)
        if relative == "" or relative.endswith("/"):
            relative += "index.html"
            local = self._local(relative)
        elif local.is_dir():
            return redirect(request.path + "/", code=301)
        suffix = PurePosixPath(relative).suffix.lower()
        if request.method == "OPTIONS":
            response = Response(status=204)
        else:
            response = self._file(request, local, relative, suffix)
        if suffix in CORS_SUFFIXES:
            _allow_cors(response)
        return response

    def _local(self, relative: str) -> Path:
        """The real path of ``relative``, or 404: never a dot-path (the catalog, scratch),
        never outside the folder, not even through a symbolic link."""
        if any(part.startswith(".") for part in PurePosixPath(relative).parts):
            raise NotFound()
        joined = safe_join(str(self.root), relative)
        if joined is None:
            raise NotFound()
        real = Path(os.path.realpath(joined))
        if real != self.root and not real.is_relative_to(self.root):
            raise NotFound()
        return real

    def _file(self, request: Request, local: Path, relative: str, suffix: str) -> Response:
        if not local.is_file():
            raise NotFound(f"No file {relative!r} in the preview folder.")
        environ = _usable_range(request.environ)
        mimetype = MIME_TYPES.get(suffix, "application/octet-stream")
        response = send_file(local, environ, mimetype=mimetype, conditional=True)
        response.headers["Cache-Control"] = "no-cache"
        return response


def _usable_range(environ: WSGIEnvironment) -> WSGIEnvironment:
    """``environ`` without a Range header it must ignore (RFC 9110, 14.2): one that is
    malformed, not in bytes, or asks for several ranges. A well-formed single range
    that lies beyond the file is kept, and answered 416."""
    header = environ.get("HTTP_RANGE")
    if header is None:
        return environ
    match = _ONE_RANGE.fullmatch(header)
    valid = match is not None and not (match[2] and int(match[2]) < int(match[1]))
    if valid:
        return environ
    return {key: value for key, value in environ.items() if key != "HTTP_RANGE"}


def _allow_cors(response: Response) -> None:
    """Let players and podcast web apps on other origins fetch this file."""
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Allow-Methods"] = ", ".join(READ_METHODS)
    response.headers["Access-Control-Allow-Headers"] = "Range"
    response.headers["Access-Control-Expose-Headers"] = (
        "Content-Length, Content-Range, Accept-Ranges"
    )


def _handler(idle_timeout: float) -> type[WSGIRequestHandler]:
    """Werkzeug's request handler, closing connections idle for ``idle_timeout`` seconds."""

    class IdleTimeoutHandler(WSGIRequestHandler):
        timeout = idle_timeout  # socketserver sets it on each connection's socket

        def log_error(self, format: str, *args: Any) -> None:
            if format.startswith("Request timed out"):
                log.debug("closed an idle connection from %s", self.address_string())
            else:
                super().log_error(format, *args)

    return IdleTimeoutHandler


@dataclass
class RunningServer:
    """A preview server answering in a background thread (for tests and tools)."""

    server: BaseWSGIServer
    """The Werkzeug server."""
    thread: threading.Thread
    """The thread running its loop."""

    @property
    def url(self) -> str:
        """Base URL of the served folder, ending with ``/``."""
        return _url(self.server)

    def stop(self) -> None:
        """Stop answering and release the port."""
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


def _url(server: BaseWSGIServer) -> str:
    address, port = server.server_address[:2]
    host = str(address)
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def _make(directory: Path, host: str, port: int, idle_timeout: float) -> BaseWSGIServer:
    """A threaded Werkzeug server on a socket bound here (so a busy port is an error, not exit)."""
    if not directory.is_dir():
        raise AudioEditionError(f"{directory}: not a folder; render an edition into it first")
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        listening = socket.create_server((host, port), family=family)
    except OSError as exc:
        raise AudioEditionError(
            f"cannot listen on {host}:{port} ({exc.strerror}); try another --port or --host"
        ) from exc
    with listening:  # Werkzeug works on a duplicate of this socket
        bound = listening.getsockname()[1]
        app, handler = PreviewApp(directory), _handler(idle_timeout)
        return make_server(host, bound, app, threaded=True, request_handler=handler,
                           fd=listening.fileno())  # fmt: skip


def start(
    directory: Path,
    host: str = "127.0.0.1",
    port: int = 0,
    idle_timeout: float = IDLE_TIMEOUT_S,
) -> RunningServer:
    """Serve ``directory`` in a daemon thread; port 0 picks a free port."""
    server = _make(directory, host, port, idle_timeout)
    thread = threading.Thread(target=server.serve_forever, name="preview-server", daemon=True)
    thread.start()
    return RunningServer(server, thread)


def serve(
    directory: Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    announce: Callable[[str], None] | None = None,
) -> None:
    """Serve ``directory`` until interrupted (Ctrl+C); ``announce`` gets the URL once listening."""
    if not is_loopback(host):
        log.warning(
            "serving on %s, reachable from other machines: 'serve' is a preview, not a "
            "production server; publish the folder to a static host or CDN instead",
            host,
        )
    server = _make(directory, host, port, IDLE_TIMEOUT_S)
    url = _url(server)
    log.info("serving %s at %s", directory, url)
    if announce is not None:
        announce(url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def is_loopback(host: str) -> bool:
    """Whether ``host`` (a name or an address) reaches this machine only."""
    try:
        found = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
        return bool(found) and all(ipaddress.ip_address(info[4][0]).is_loopback for info in found)
    except (OSError, UnicodeError, ValueError):
        return False
