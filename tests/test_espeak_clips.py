"""espeak-ng clips are whole: the samples that arrive with the end of a message are kept,
and a sentence gives the same clip in every worker process (pyttsx3's own driver wrote
its file before those samples, so some processes cut every clip short)."""

from __future__ import annotations

import ctypes
import subprocess
import sys
import wave
from pathlib import Path

import pytest
from pyttsx3.drivers import _espeak

from audio_edition.engines.pyttsx3_engine import _Collector

SENTENCE = "Le conseil a voté le budget du marché couvert à huit heures trente, jeudi soir."

SPEAK = """
import sys
from pathlib import Path
from audio_edition.voices import load_voice
from audio_edition.engines import get_engine
voice = load_voice("fr-default", None)
speaker = get_engine(voice.engine).open(voice, 1)
for index, path in enumerate(sys.argv[2:]):
    speaker.speak(sys.argv[1], Path(path))
"""


def _events(*kinds: int) -> ctypes.Array[_espeak.EVENT]:
    events = (_espeak.EVENT * (len(kinds) + 1))()
    for index, kind in enumerate(kinds):
        events[index].type = kind
    events[len(kinds)].type = _espeak.EVENT_LIST_TERMINATED
    return events


def test_the_samples_that_come_with_the_end_of_the_message_are_kept() -> None:
    collector = _Collector()
    first = (ctypes.c_short * 3)(1, 2, 3)
    last = (ctypes.c_short * 2)(4, 5)
    collector(first, 3, _events(_espeak.EVENT_WORD))
    assert not collector.done.is_set()
    collector(last, 2, _events(_espeak.EVENT_WORD, _espeak.EVENT_MSG_TERMINATED))
    assert collector.done.is_set()
    samples = b"".join(collector.chunks)
    assert list((ctypes.c_short * 5).from_buffer_copy(samples)) == [1, 2, 3, 4, 5]


def _seconds(path: Path) -> float:
    with wave.open(str(path)) as clip:
        return clip.getnframes() / clip.getframerate()


@pytest.mark.slow
def test_a_sentence_gives_the_same_whole_clip_in_every_worker(tmp_path: Path) -> None:
    turns: list[list[Path]] = [[], []]
    for process in range(4):  # the cut depended on the process, so several are asked
        paths = [tmp_path / f"{process}-{turn}.wav" for turn in range(len(turns))]
        command = [sys.executable, "-c", SPEAK, SENTENCE, *map(str, paths)]
        subprocess.run(command, check=True, timeout=120, capture_output=True)
        for turn, path in zip(turns, paths, strict=True):
            turn.append(path)
    for clips in turns:  # a worker's first clip may differ from its next by a few samples
        assert len({path.read_bytes() for path in clips}) == 1, [_seconds(p) for p in clips]
    # 14 words at 170 a minute take about five seconds; a cut clip lost up to all of them.
    for clips in turns:
        assert 4.0 < _seconds(clips[0]) < 8.0
