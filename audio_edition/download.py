"""Fetch one file from an http(s) URL or a local folder: resumable, size- and digest-checked.

Used only by `audio-edition voices add` (README "Neural voices"); nothing at render
time ever touches the network.
"""

from __future__ import annotations

import errno
import hashlib
import http.client
import io
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.error import HTTPError, URLError
from urllib.parse import quote, urlsplit
from urllib.request import Request, urlopen

from audio_edition import __version__
from audio_edition.errors import VoiceStoreError

CHUNK = 1 << 16
TIMEOUT = 30.0
"""Seconds to wait for a connection or for the next bytes of a response."""
USER_AGENT = f"audio-edition/{__version__}"

Progress = Callable[[int], None]
"""Called with the number of bytes of the file on disk so far."""


@dataclass(frozen=True)
class Expected:
    """What a downloaded file must be, as its catalog says."""

    size: int
    """Its length in bytes."""
    md5: str
    """Its MD5 digest, lowercase hex."""


def is_url(source: str) -> bool:
    """True for an http(s) URL; anything else is a path on this machine."""
    return urlsplit(source).scheme in ("http", "https")


def locate(base: str, relative: str) -> str:
    """The URL or path of ``relative`` (a catalog path like "en/en_US/…") under ``base``."""
    parts = PurePosixPath(relative).parts
    if not parts or relative.startswith("/") or ".." in parts:
        raise VoiceStoreError(f"{base}: the catalog lists a bad file path '{relative}'")
    if is_url(base):
        return f"{base}/{quote(relative)}"
    return str(Path(base, *parts))


def read_bytes(source: str) -> bytes:
    """The whole content of ``source`` (a small file such as a catalog)."""
    with _open(source, 0) as (stream, _):
        return _read_all(stream, source)


def fetch(source: str, part: Path, expected: Expected, progress: Progress) -> None:
    """Download ``source`` into ``part``, continuing what ``part`` already holds, then
    check its size and digest; a complete but wrong file is removed."""
    offset = _resume_offset(part, expected.size)
    progress(offset)
    if offset < expected.size:
        with _open(source, offset) as (stream, start):
            done = _write(stream, source, part, start, expected.size, progress)
        if done < expected.size and is_url(source):
            raise _interrupted(source, done, expected.size, "the connection closed early")
    _verify(part, expected)


def unreachable(source: str, reason: object) -> VoiceStoreError:
    """The one line for a catalog that cannot be reached."""
    text = getattr(reason, "strerror", None) or str(reason) or type(reason).__name__
    return VoiceStoreError(
        f"cannot reach {source} ({text}); voices add needs the network or a mirror: --catalog-url"
    )


def write_error(path: Path, error: OSError) -> VoiceStoreError:
    """The one line for a file that cannot be written: disk full, not writable."""
    reason = error.strerror or str(error)
    if error.errno == errno.ENOSPC:
        return VoiceStoreError(
            f"cannot write {path}: no space left on the device; free some space and run "
            "the same command again (the partial download is kept and resumes)"
        )
    return VoiceStoreError(
        f"cannot write {path} ({reason}); set AUDIO_EDITION_DATA_DIR to a writable folder"
    )


def _resume_offset(part: Path, size: int) -> int:
    """How many bytes of ``part`` can be kept: all of them unless it is too long."""
    try:
        have = part.stat().st_size
    except FileNotFoundError:
        return 0
    if have > size:
        part.unlink()
        return 0
    return have


@contextmanager
def _open(source: str, offset: int) -> Iterator[tuple[io.BufferedIOBase, int]]:
    """A stream of ``source`` from ``offset`` and the offset it really starts at
    (0 when a server ignores the Range request: the download starts over)."""
    if not is_url(source):
        try:
            stream = open(source, "rb")  # noqa: SIM115 (closed by the with below)
        except OSError as error:
            reason = error.strerror or str(error)
            raise VoiceStoreError(f"{source}: cannot read it from the catalog ({reason})") from None
        with stream:
            stream.seek(offset)
            yield stream, offset
        return
    with _request(source, offset) as response:
        yield response, (offset if response.status == 206 else 0)


def _request(source: str, offset: int) -> http.client.HTTPResponse:
    """The response to a GET of ``source``, asking for the bytes from ``offset`` on."""
    headers = {"User-Agent": USER_AGENT}
    if offset:
        headers["Range"] = f"bytes={offset}-"
    try:
        response: http.client.HTTPResponse = urlopen(
            Request(source, headers=headers), timeout=TIMEOUT
        )
    except HTTPError as error:
        if error.code == 416 and offset:  # what we have is no prefix of the file: start over
            return _request(source, 0)
        raise VoiceStoreError(
            f"{source}: HTTP {error.code} {error.reason}; is --catalog-url a catalog "
            "laid out like rhasspy/piper-voices?"
        ) from None
    except URLError as error:
        raise unreachable(source, error.reason) from None
    except (OSError, http.client.HTTPException) as error:
        raise unreachable(source, error) from None
    if response.status == 206 and not _starts_at(response, offset):
        response.close()
        raise VoiceStoreError(f"{source}: the server sent the wrong byte range; try again")
    return response


def _starts_at(response: http.client.HTTPResponse, offset: int) -> bool:
    content_range = response.headers.get("Content-Range", "")
    return content_range.startswith(f"bytes {offset}-")


def _read_all(stream: io.BufferedIOBase, source: str) -> bytes:
    try:
        return stream.read()
    except (OSError, http.client.HTTPException) as error:
        raise unreachable(source, error) from None


def _write(
    stream: io.BufferedIOBase, source: str, part: Path, start: int, size: int, progress: Progress
) -> int:
    """Append the stream to ``part`` (or replace it when ``start`` is 0); the bytes now in it."""
    done = start
    try:
        with part.open("ab" if start else "wb") as out:
            progress(done)
            while done <= size and (chunk := _read_chunk(stream, source, done, size)):
                out.write(chunk)
                out.flush()  # what arrived is on disk if the process is killed: it resumes
                done += len(chunk)
                progress(done)
            out.flush()
            os.fsync(out.fileno())
    except VoiceStoreError:
        raise
    except OSError as error:
        raise write_error(part, error) from None
    return done


def _read_chunk(stream: io.BufferedIOBase, source: str, done: int, size: int) -> bytes:
    try:
        return stream.read1(CHUNK)  # what has arrived, not a full CHUNK
    except (OSError, http.client.HTTPException) as error:
        reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
        raise _interrupted(source, done, size, reason) from None


def _interrupted(source: str, done: int, size: int, reason: str) -> VoiceStoreError:
    return VoiceStoreError(
        f"download of {source} stopped at {done} of {size} bytes ({reason}); "
        "run the same command again to resume"
    )


def _verify(part: Path, expected: Expected) -> None:
    """Remove ``part`` and fail unless it has the expected size and digest."""
    size = part.stat().st_size
    problem = ""
    if size != expected.size:
        problem = f"{size} bytes where the catalog says {expected.size}"
    elif (digest := _md5(part)) != expected.md5.lower():
        problem = f"MD5 {digest} where the catalog says {expected.md5}"
    if problem:
        part.unlink()
        raise VoiceStoreError(
            f"{part.name}: {problem}; the file was removed, run the same command again"
        )


def _md5(path: Path) -> str:
    digest = hashlib.md5(usedforsecurity=False)
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()
