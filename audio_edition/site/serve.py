"""Preview server for a rendered output folder, built on Werkzeug.

What a static host or CDN does for the published site, on 127.0.0.1: byte
ranges (``206 Partial Content``, so the player can seek), the right MIME types
(``.vtt`` as ``text/vtt``, ``.json``, ``.mp3``...), and CORS headers on the
transcripts, chapters and timing files so other sites' players can read them.
Python's ``http.server`` has no Range support, hence Werkzeug's ``send_file``.
"""

from __future__ import annotations

import logging
import socket
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from werkzeug.exceptions import HTTPException, MethodNotAllowed, NotFound
from werkzeug.security import safe_join
from werkzeug.serving import BaseWSGIServer, make_server
from werkzeug.utils import redirect, send_from_directory
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
        local = safe_join(str(self.root), relative)
        if local is None:
            raise NotFound()
        if relative == "" or relative.endswith("/"):
            relative += "index.html"
        elif Path(local).is_dir():
            return redirect(request.path + "/", code=301)
        suffix = PurePosixPath(relative).suffix.lower()
        if request.method == "OPTIONS":
            response = Response(status=204)
        else:
            response = self._file(request, relative, suffix)
        if suffix in CORS_SUFFIXES:
            _allow_cors(response)
        return response

    def _file(self, request: Request, relative: str, suffix: str) -> Response:
        mimetype = MIME_TYPES.get(suffix, "application/octet-stream")
        try:
            response = send_from_directory(
                self.root, relative, request.environ, mimetype=mimetype, conditional=True
            )
        except NotFound:
            raise NotFound(f"No file {relative!r} in the preview folder.") from None
        response.headers["Cache-Control"] = "no-cache"
        return response


def _allow_cors(response: Response) -> None:
    """Let players and podcast web apps on other origins fetch this file."""
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Allow-Methods"] = ", ".join(READ_METHODS)
    response.headers["Access-Control-Allow-Headers"] = "Range"
    response.headers["Access-Control-Expose-Headers"] = (
        "Content-Length, Content-Range, Accept-Ranges"
    )


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


def _make(directory: Path, host: str, port: int) -> BaseWSGIServer:
    """A threaded Werkzeug server on a socket bound here (so a busy port is an error, not exit)."""
    if not directory.is_dir():
        raise AudioEditionError(f"{directory}: not a folder; render an edition into it first")
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        listening = socket.create_server((host, port), family=family)
    except OSError as exc:
        raise AudioEditionError(
            f"cannot listen on {host}:{port} ({exc.strerror}); try another --port"
        ) from exc
    with listening:  # Werkzeug works on a duplicate of this socket
        bound = listening.getsockname()[1]
        return make_server(host, bound, PreviewApp(directory), threaded=True, fd=listening.fileno())


def start(directory: Path, host: str = "127.0.0.1", port: int = 0) -> RunningServer:
    """Serve ``directory`` in a daemon thread; port 0 picks a free port."""
    server = _make(directory, host, port)
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
    server = _make(directory, host, port)
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
