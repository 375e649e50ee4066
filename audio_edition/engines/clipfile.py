"""A finished clip placed in the cache: validated, its word timings beside it, the
first one made kept, its digest written last (docs/architecture.md, "Cache").

Shared by the local worker processes (``pool.py``), which place what they speak, and
by the Dask backend (``dask_pool.py``), whose coordinator places what the cluster
returns: the same checks wherever a clip was made.
"""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

from audio_edition.audio.wav import validate
from audio_edition.cache import State, seal, state, words_path
from audio_edition.engines.base import Words
from audio_edition.models import SynthesisRequest, Voice

LINK_REFUSED = (errno.EEXIST, errno.EXDEV, errno.EPERM, errno.EOPNOTSUPP, errno.EMLINK)
"""Why a hard link may fail: the clip is there, or the file system has no hard links."""


def place(temporary: Path, request: SynthesisRequest, voice: Voice, words: Words) -> int:
    """Validate the complete WAV at ``temporary`` (spoken for ``request``) and move it,
    with its word timings, to the request's place in the cache; return its frames."""
    text = request.text
    frames = validate(temporary, len(text.split()), voice.sample_rate, len(text))
    timings = words_file(words, request.path) if voice.word_timings else None
    keep_first(temporary, request.path, timings)
    return frames


def words_file(words: Words, clip: Path) -> Path:
    """The clip's word timings (``null`` where the engine had none) in a temporary file."""
    pairs = None if words is None else [[w.start_frame, w.end_frame] for w in words]
    temporary = words_path(clip).with_name(f"{clip.name}.{os.getpid()}.words.tmp")
    temporary.write_text(json.dumps(pairs))
    return temporary


def keep_first(temporary: Path, path: Path, timings: Path | None) -> None:
    """Move a finished clip (and its word timings) into place unless a sound one is there
    already: the first one made stays, so a clip never changes under a render that is
    reading it; a damaged one, or one without a digest, is replaced. Its digest is
    written last (docs/architecture.md, "Cache")."""
    if state(path) is State.SOUND:  # another worker made it meanwhile
        for scratch in (temporary, timings):
            if scratch is not None:
                scratch.unlink()
        return
    if timings is not None:
        os.replace(timings, words_path(path))
    try:
        os.link(temporary, path)  # first one wins, where the file system has hard links
    except OSError as exc:
        if exc.errno not in LINK_REFUSED:
            raise
        if exc.errno != errno.EEXIST or state(path) is not State.SOUND:
            os.replace(temporary, path)
    temporary.unlink(missing_ok=True)
    seal(path)
