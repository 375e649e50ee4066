"""Fetching what a web source needs (pages, feeds, API pages), done carefully.

httpx with a timeout, a size limit, redirects followed by hand (http and https only, at
most ``Limits.max_redirects``), a User-Agent that says who asks, and conditional requests:
each answer's ETag and Last-Modified are kept with its body in ``store`` (in the clip
cache's folder) so that the next render asks "changed since?" and an unchanged page costs
no download. Within one render each URL is fetched once (docs/architecture.md, "Sources").
Every failure is a ``SourceError`` naming the URL and the problem.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from urllib.parse import urljoin, urlsplit

import httpx

from audio_edition import __version__
from audio_edition.errors import SourceError
from audio_edition.valid import is_web

USER_AGENT = f"audio-edition/{__version__} (reads articles aloud for a podcast feed)"
KEPT_HEADERS = ("content-type", "x-wp-totalpages", "x-wp-total")
"""Headers remembered with a body, for when the next answer is 304 Not Modified."""


@dataclass(frozen=True)
class Limits:
    """How long and how much one fetch may take."""

    timeout_s: float = 20.0
    """Seconds to connect, and between two reads of the answer."""
    max_bytes: int = 5_000_000
    """Largest answer read (a news page is well under 1 MB)."""
    max_redirects: int = 5
    """Redirects followed before giving up (a loop ends here)."""
    total_s: float = 60.0
    """Seconds one answer may take to arrive whole (a server dripping bytes ends here)."""


@dataclass(frozen=True)
class Fetched:
    """One answer, downloaded now or kept from an earlier render."""

    url: str
    """The address asked for."""
    final_url: str
    """Where the answer came from, after redirects."""
    body: bytes
    """The answer's bytes."""
    headers: dict[str, str] = field(default_factory=dict)
    """The answer's headers of ``KEPT_HEADERS``, lower-case names."""
    downloaded: bool = True
    """False where the server said 304 Not Modified and the kept copy was used."""


class Fetcher:
    """One render's fetches: a per-render cache over the store of earlier answers."""

    def __init__(self, store: Path | None, limits: Limits | None = None) -> None:
        self.store = store
        self.limits = limits or Limits()
        self.client = httpx.Client(
            headers={"User-Agent": USER_AGENT},
            timeout=self.limits.timeout_s,
            follow_redirects=False,
        )
        self.seen: dict[str, Fetched] = {}
        self.downloads = 0
        """Answers downloaded whole by this fetcher (not 304, not from this render)."""

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:  # fmt: skip
        self.client.close()

    def get(self, url: str) -> Fetched:
        """The answer for ``url``; ``SourceError`` (naming it) if there is none to use."""
        if url not in self.seen:
            if not is_web(url):
                raise SourceError(url, "not an http(s) URL", "only http and https are read")
            self.seen[url] = self._fetch(url)
        return self.seen[url]

    def _fetch(self, url: str) -> Fetched:
        kept = self._kept(url)
        here = url
        for _ in range(self.limits.max_redirects + 1):
            response, body = self._send(url, here, kept)
            if response.status_code == 304 and kept is not None:
                return kept
            if response.is_redirect:
                here = _next_hop(url, here, response.headers.get("location", ""))
                continue
            if response.status_code >= 400:
                raise SourceError(url, f"HTTP {response.status_code} {response.reason_phrase}",
                                  "check the address, or leave the source out")  # fmt: skip
            return self._keep(url, here, response, body)
        raise SourceError(url, f"more than {self.limits.max_redirects} redirects (a loop?)",
                          "give the address the redirects end at")  # fmt: skip

    def _send(self, url: str, here: str, kept: Fetched | None) -> tuple[httpx.Response, bytes]:
        """The answer at ``here`` and its body (read up to the size limit)."""
        headers = _conditional(self._validators(url)) if kept is not None else {}
        try:
            with self.client.stream("GET", here, headers=headers) as response:
                return response, _read_limited(response, self.limits, url)
        except httpx.TimeoutException:
            raise SourceError(url, f"no answer within {self.limits.timeout_s:g} s",
                              "try again later") from None  # fmt: skip
        except httpx.HTTPError as exc:
            raise SourceError(url, f"cannot fetch it ({exc or type(exc).__name__})",
                              "check the address and the network") from None  # fmt: skip

    def _keep(self, url: str, final: str, response: httpx.Response, body: bytes) -> Fetched:
        headers = {k: response.headers[k] for k in KEPT_HEADERS if k in response.headers}
        fetched = Fetched(url, final, body, headers)
        self.downloads += 1
        validators = {k: response.headers[k] for k in ("etag", "last-modified")
                      if k in response.headers}  # fmt: skip
        if self.store is not None and validators:
            _save(self.store, fetched, validators)
        return fetched

    def _kept(self, url: str) -> Fetched | None:
        return _load(self.store, url) if self.store is not None else None

    def _validators(self, url: str) -> dict[str, str]:
        assert self.store is not None
        try:
            meta = json.loads(_paths(self.store, url)[0].read_text(encoding="utf-8"))
            return dict(meta.get("validators", {}))
        except (OSError, ValueError):
            return {}


def _read_limited(response: httpx.Response, limits: Limits, url: str) -> bytes:
    """The body, or ``SourceError`` as soon as it is larger than the limit or late."""
    limit, deadline = limits.max_bytes, time.monotonic() + limits.total_s
    if response.status_code == 304 or response.is_redirect or response.status_code >= 400:
        return b""
    declared = response.headers.get("content-length", "")
    too_big = SourceError(url, f"the answer is larger than {limit / 1e6:g} MB",
                          "point the source at an article page or a feed")  # fmt: skip
    if declared.isdigit() and int(declared) > limit:
        raise too_big
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        if time.monotonic() > deadline:
            raise SourceError(url, f"the answer took over {limits.total_s:g} s",
                              "try again later")  # fmt: skip
        size += len(chunk)
        if size > limit:
            raise too_big
        chunks.append(chunk)
    return b"".join(chunks)


def _next_hop(url: str, here: str, location: str) -> str:
    target = urljoin(here, location)
    if not is_web(target):
        scheme = urlsplit(target).scheme or "no"
        raise SourceError(url, f"redirects to a {scheme}: address ({target})",
                          "only http and https redirects are followed")  # fmt: skip
    return target


def _conditional(validators: dict[str, str]) -> dict[str, str]:
    headers = {}
    if "etag" in validators:
        headers["If-None-Match"] = validators["etag"]
    if "last-modified" in validators:
        headers["If-Modified-Since"] = validators["last-modified"]
    return headers


def _paths(store: Path, url: str) -> tuple[Path, Path]:
    name = hashlib.blake2b(url.encode("utf-8"), digest_size=16).hexdigest()
    return store / f"{name}.json", store / f"{name}.body"


def _save(store: Path, fetched: Fetched, validators: dict[str, str]) -> None:
    """Keep the answer and its validators; each file placed whole (never half-written)."""
    meta_path, body_path = _paths(store, fetched.url)
    store.mkdir(parents=True, exist_ok=True)
    meta = {"url": fetched.url, "final_url": fetched.final_url, "headers": fetched.headers,
            "validators": validators,
            "digest": hashlib.blake2b(fetched.body, digest_size=16).hexdigest()}  # fmt: skip
    for path, data in ((body_path, fetched.body), (meta_path, json.dumps(meta).encode())):
        temporary = path.with_suffix(f".{os.getpid()}.tmp")  # two renders at once
        temporary.write_bytes(data)
        os.replace(temporary, path)


def _load(store: Path, url: str) -> Fetched | None:
    """The kept answer for ``url``, if whole (its digest matches), else ``None``."""
    meta_path, body_path = _paths(store, url)
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        body = body_path.read_bytes()
    except (OSError, ValueError):
        return None
    if meta.get("url") != url or hashlib.blake2b(body, digest_size=16).hexdigest() != meta.get(
        "digest"
    ):
        return None
    return Fetched(url, str(meta.get("final_url", url)), body, dict(meta.get("headers", {})),
                   downloaded=False)  # fmt: skip
