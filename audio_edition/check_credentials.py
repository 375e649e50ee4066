"""``audio-edition check``: every published MP3's Content Credentials (docs/credentials.md).

Each MP3 a feed lists is read with c2pa's reader: the manifest must be there, its hard
binding must match the file (one byte of audio or a tag changed after signing breaks
it), and its digital source type must be the one of the engine that read it (named in
the timing JSON beside it). The signer is reported; a signer on no trust list (a
newsroom's own CA, the demo certificate) is a note, not an error. The rule for files
without credentials: where no MP3 of the folder carries any, the edition is configured
without a signer, and one note says so; where some do, every one must.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

from audio_edition.audio.credentials import Credentials, read_credentials, source_type
from audio_edition.publish.layout import side_file

Finding = tuple[Literal["ok", "note", "error"], str]
"""A level and a message, as ``check.Finding`` takes them."""


def credential_findings(root: Path, mp3s: Iterable[Path]) -> list[Finding]:
    """One line per MP3 with Content Credentials (or a problem), and a verdict."""
    read = {mp3: read_credentials(mp3) for mp3 in sorted(set(mp3s))}
    signed = [mp3 for mp3, found in read.items() if found is not None]
    if not signed:
        unsigned = (
            f"credentials: none of the {len(read)} MP3(s) carries Content Credentials: "
            "edition.toml names no signer ([credentials]); the files do not say, "
            "machine-readably, that their voice is synthetic"
        )
        return [("note", unsigned)]
    findings: list[Finding] = []
    for mp3, found in read.items():
        name = mp3.relative_to(root).as_posix()
        if found is None:
            findings.append(("error", f"{name}: carries no Content Credentials while the "
                                      "folder's other MP3s do; render it again"))  # fmt: skip
        else:
            findings += _findings(name, found, _expected(root, mp3))
    if not any(level == "error" for level, _ in findings):
        findings.insert(0, ("ok", f"credentials: {len(signed)} MP3(s) signed, bound to their "
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


def _expected(root: Path, mp3: Path) -> str | None:
    """The source type of the engine the timing JSON beside ``mp3`` names, if it names one."""
    timing = root / side_file(mp3.relative_to(root).as_posix(), "timing")
    try:
        engine = json.loads(timing.read_text(encoding="utf-8"))["voice"]["engine"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return source_type(str(engine))
