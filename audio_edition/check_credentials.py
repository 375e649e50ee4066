"""``audio-edition check``: every published MP3's Content Credentials (docs/credentials.md).

Each MP3 a feed lists is read with c2pa's reader: the manifest must be there, its hard
binding must match the file (one byte of audio or a tag changed after signing breaks
it), and its digital source type must be the one of the engine that read it (named in
the timing JSON beside it). The signer is reported; a signer on no trust list (a
newsroom's own CA, the demo certificate) is a note, not an error. The rule for files
without credentials: the timing JSON published beside each MP3 says whether it was
signed (``"credentials": "c2pa"``); one that was and carries none fails (a tool rewrote
it); one that was not (rendered with no ``[credentials]``, maybe before they were
configured) is counted in one note, not an error.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal

from audio_edition.audio.credentials import Credentials, read_credentials, source_type
from audio_edition.publish.layout import side_file

Finding = tuple[Literal["ok", "note", "error"], str]
"""A level and a message, as ``check.Finding`` takes them."""


def credential_findings(root: Path, mp3s: Iterable[Path]) -> list[Finding]:
    """One line per MP3 with Content Credentials (or a problem), and a verdict."""
    findings: list[Finding] = []
    unsigned: list[str] = []
    signed = 0
    for mp3 in sorted(set(mp3s)):
        name, found = mp3.relative_to(root).as_posix(), read_credentials(mp3)
        timing = _timing(root, mp3)
        if found is not None:
            signed += 1
            findings += _findings(name, found, _expected(timing))
        elif timing.get("credentials"):
            gone = "published with Content Credentials, which it no longer carries"
            findings.append(("error", f"{name}: {gone} (a tool rewrote it); render it again"))
        else:
            unsigned.append(name)
    if unsigned:
        findings.append(("note", f"credentials: {len(unsigned)} MP3(s) published without "
                                 "Content Credentials (no [credentials] in edition.toml when "
                                 "they were rendered): they do not say, machine-readably, that "
                                 "their voice is synthetic"))  # fmt: skip
    if signed and not any(level == "error" for level, _ in findings):
        findings.insert(0, ("ok", f"credentials: {signed} MP3(s) signed, bound to their "
                                  "bytes, with the source type of their voice"))  # fmt: skip
    return findings


def _findings(name: str, found: Credentials, expected: str | None) -> list[Finding]:
    if found.failures:
        return [("error", f"{name}: Content Credentials do not match the file "
                          f"({'; '.join(found.failures)}): it was changed after it was "
                          "signed; render it again")]  # fmt: skip
    if not found.source_type or (expected and found.source_type != expected):
        wanted = expected.rsplit("/", 1)[-1] if expected else "a digital source type"
        got = found.source_type.rsplit("/", 1)[-1] or "none"
        return [("error", f"{name}: Content Credentials declare {got}, expected {wanted}")]
    trust = "" if found.trusted else "; the signer is on no trust list (your own CA, or a demo)"
    kind = found.source_type.rsplit("/", 1)[-1]
    return [("note", f"{name}: Content Credentials valid, {kind}, signed by {found.signer}{trust}")]


def _timing(root: Path, mp3: Path) -> dict[str, Any]:
    """The timing JSON published beside ``mp3`` (empty if it cannot be read)."""
    path = root / side_file(mp3.relative_to(root).as_posix(), "timing")
    try:
        timing = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return timing if isinstance(timing, dict) else {}


def _expected(timing: dict[str, Any]) -> str | None:
    """The source type of the engine the timing JSON names, if it names one."""
    voice = timing.get("voice")
    engine = voice.get("engine") if isinstance(voice, dict) else None
    return source_type(str(engine)) if engine else None
