"""Joining finished MP3s frame by frame: each part decodes bit for bit where it is said to start."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import pytest
from conftest import Rendered, decode
from test_loudness import ebur128

from audio_edition.audio.encode import encode_mp3
from audio_edition.audio.splice import read_stream, splice
from audio_edition.config import AudioSettings
from audio_edition.release import text_stream


def _tone(path: Path, seconds: float, frequency: int) -> Path:
    wav = path.with_suffix(".wav")
    subprocess.run(
        ["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
         f"sine=f={frequency}:r=22050:d={seconds}", "-ac", "1", str(wav)],
        check=True,
    )  # fmt: skip
    encode_mp3(wav, path, AudioSettings())
    return path


@pytest.mark.parametrize("lengths", [(1.0, 2.5, 0.7), (3.3, 0.4)])
def test_spliced_parts_decode_exactly_at_their_starts(tmp_path: Path, lengths: tuple) -> None:
    parts = [_tone(tmp_path / f"p{i}.mp3", s, 300 + 150 * i) for i, s in enumerate(lengths)]
    streams = [read_stream(p) for p in parts]
    joined = splice(streams, tmp_path / "joined.mp3")
    whole = decode(tmp_path / "joined.mp3")
    assert len(whole) == joined.samples
    for part, stream, start in zip(parts, streams, joined.starts, strict=True):
        alone = decode(part)
        assert len(alone) == stream.audio_samples
        assert np.array_equal(whole[start : start + len(alone)], alone)


def test_refuses_a_file_without_an_info_header(tmp_path: Path) -> None:
    wav = tmp_path / "t.wav"
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "sine=r=22050:d=1", "-ac", "1",
                    str(wav)], check=True)  # fmt: skip
    piped = tmp_path / "piped.mp3"
    with piped.open("wb") as sink:  # written to a pipe: no Info header
        subprocess.run(["ffmpeg", "-v", "error", "-i", str(wav), "-c:a", "libmp3lame", "-b:a",
                        "64k", "-f", "mp3", "-"], stdout=sink, check=True)  # fmt: skip
    with pytest.raises(ValueError, match="no Info header"):
        read_stream(piped)


def test_edition_holds_each_article_bit_identical(rendered_fake: Rendered) -> None:
    edition = rendered_fake.summary.edition
    assert edition is not None
    whole = decode(edition.mp3)
    for episode in rendered_fake.summary.episodes:
        # The article's own audio, after the disclosure its MP3 begins with (said once by
        # the edition): those frames are copied unchanged into the edition.
        stream, own_start = text_stream(episode.mp3)
        alone = decode(episode.mp3)[own_start : own_start + stream.audio_samples]
        heading = next(c for c in episode.cues if c.sentence.kind == "text")
        first = next(c for c in edition.cues if c.sentence == heading.sentence)
        start = first.start_frame - (heading.start_frame - own_start)
        assert len(alone) == stream.audio_samples > 0
        assert np.array_equal(whole[start : start + len(alone)], alone), episode.slug


@pytest.mark.parametrize(
    "which", ["rendered_fake", pytest.param("rendered_real", marks=pytest.mark.slow)]
)
def test_edition_loudness_from_its_parts_matches_a_measurement(
    which: str, request: pytest.FixtureRequest
) -> None:
    edition = request.getfixturevalue(which).summary.edition
    assert edition is not None
    integrated, peak = ebur128(edition.mp3)
    assert -17.0 <= integrated <= -15.0 and peak <= -1.0
    assert edition.loudness.integrated_lufs == pytest.approx(integrated, abs=0.3)
