"""Every MP3 meets the podcast loudness norm, measured independently with ffmpeg."""

from __future__ import annotations

import re
import subprocess
import sys
import wave
from pathlib import Path

import numpy as np
import pytest
from audio_checks import ONE_MS, best_lag
from click.testing import CliRunner
from conftest import Rendered, copy_edition, decode, write_article

from audio_edition.audio.master import master
from audio_edition.cli import main
from audio_edition.config import AudioSettings


def ebur128(path: Path) -> tuple[float, float]:
    """Integrated loudness (LUFS) and true peak (dBTP) as ffmpeg's meter reports them."""
    log = subprocess.run(
        ["ffmpeg", "-hide_banner", "-nostats", "-i", str(path),
         "-af", "ebur128=peak=true:framelog=verbose", "-f", "null", "-"],
        capture_output=True, text=True, check=True,
    ).stderr  # fmt: skip
    integrated = float(re.findall(r"I:\s+(-?[\d.]+) LUFS", log)[-1])
    peak = float(re.findall(r"Peak:\s+(-?[\d.]+) dBFS", log)[-1])
    return integrated, peak


@pytest.mark.slow
def test_real_engine_episodes_at_minus_16_lufs(rendered_real: Rendered) -> None:
    assert len(rendered_real.summary.episodes) == 6
    for episode in rendered_real.summary.episodes:
        integrated, peak = ebur128(episode.mp3)
        assert -17.0 <= integrated <= -15.0, (episode.slug, integrated)
        assert peak <= -1.0, (episode.slug, peak)
        assert episode.loudness.integrated_lufs == pytest.approx(integrated, abs=0.15)


def test_fake_engine_episodes_at_minus_16_lufs(rendered_fake: Rendered) -> None:
    for episode in rendered_fake.summary.episodes:
        integrated, peak = ebur128(episode.mp3)
        assert -17.0 <= integrated <= -15.0 and peak <= -1.0, (episode.slug, integrated, peak)


def _overs_prone(path: Path, seconds: int = 12) -> np.ndarray:
    """Quiet speech-like body with sharp clicks, each a burst of a sine at a quarter of
    the sample rate whose samples fall 45 degrees off its crests: the true peak lies 3 dB
    above every sample, so a limiter that holds only the samples lets it through."""
    rate = 22050
    t = np.arange(seconds * rate)
    body = 0.05 * np.sin(2 * np.pi * 300 * t / rate) * (1 + 0.5 * np.sin(2 * np.pi * t / rate))
    click = 0.5 * np.sin(np.pi / 2 * np.arange(44) + np.pi / 4)
    for start in range(rate // 4, len(t) - 44, rate // 3):
        body[start : start + 44] += click
    samples = np.round(body * 32767).astype("<i2")
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(samples.tobytes())
    return samples.astype(np.float64)


def test_mastering_limits_the_true_peak_not_only_the_samples(tmp_path: Path) -> None:
    raw = tmp_path / "raw.wav"
    original = _overs_prone(raw)
    mastered = master(raw, tmp_path / "out.mp3", AudioSettings())
    integrated, peak = ebur128(tmp_path / "out.mp3")
    assert peak <= -1.0 and -17.0 <= integrated <= -15.0, (integrated, peak)
    assert mastered.loudness.true_peak_dbtp == pytest.approx(peak, abs=0.2)
    # The oversampled limiter moves nothing: same length, every click where it was.
    decoded = decode(tmp_path / "out.mp3")
    assert 0 <= len(decoded) - len(original) <= 2 * ONE_MS
    for start in range(22050 // 4, len(original) - 22050, 22050 * 2):
        piece = original[start - 2000 : start + 2000]
        assert abs(best_lag(decoded, piece, start - 2000)) <= 1, start


@pytest.mark.slow
def test_loud_articles_stay_under_minus_1_dbtp(tmp_path: Path) -> None:
    """Bright, sibilant, shouted speech (espeak-ng) and full-volume tones (the fake
    engine), rendered as a user does: every MP3, the edition's too, at most -1 dBTP."""
    for voice in ("en-default", "loud-fake"):
        edition = copy_edition(tmp_path / voice, voice)
        (edition / "voices").mkdir()
        (edition / "voices" / "loud-fake.toml").write_text(LOUD_FAKE)
        for path in (edition / "articles").iterdir():
            path.unlink()
        write_article(edition, "sibilants.md", SIBILANTS, title='"Six Ships Slip Moorings"')
        write_article(edition, "shouting.md", SHOUTING, title='"Crack! Fizz! Bang!"')
        out = tmp_path / f"out-{voice}"
        args = ["render", str(edition), "--out", str(out), "--cache-dir", str(tmp_path / "c")]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
        mp3s = sorted(out.glob("*/*/*.mp3"))
        assert len(mp3s) == 3
        for mp3 in mp3s:
            integrated, peak = ebur128(mp3)
            assert peak <= -1.0 and -17.0 <= integrated <= -15.0, (voice, mp3.name, peak)


LOUD_FAKE = 'engine = "fake"\nlanguage = "en"\n\n[fake]\nrate = 600\nvolume = 1.0\n'
SIBILANTS = """Shipwrights say six sturdy schooners slipped their moorings as the surge swept \
past the seawall, scattering spars across Shingle Street.

"It's chaos, sheer chaos!" shouted Sasha Sisk, the harbour's chief steward, as sirens \
sounded. Sixteen sailors sheltered in the customs shed."""
SHOUTING = """Boom! Crack! Whizz! Pop! Fizz! Bang! The fireworks cracked, hissed and fizzed \
over the quays at six sharp.

Children yelled "Yes! Yes! Yes!" as sparks showered the ships, while clicks and pips of \
starting pistols echoed past Ship Street. "Tsk, tsk," said Chief Fitch. "Such shrieks!\""""


@pytest.mark.slow
@pytest.mark.parametrize("voice", ["test-fake", "en-default"])
def test_each_article_is_encoded_once(voice: str, tmp_path: Path) -> None:
    """The first encode lands within the tolerance: no article is mastered twice (the
    encoder takes some loudness of its own, which the gain makes up for)."""
    edition = copy_edition(tmp_path / "e", voice=voice, signed=False)
    command = [sys.executable, "-m", "audio_edition", "--debug", "render", str(edition)]
    command += ["--out", str(tmp_path / "o"), "--cache-dir", str(tmp_path / "c")]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    encodes = re.findall(r"DEBUG: (\S+\.mp3): [+-][\d.]+ dB: (-?[\d.]+) LUFS", done.stderr)
    names = [name for name, _ in encodes]
    assert len([n for n in names if n.endswith(".own.mp3")]) == 6, done.stderr
    assert len(names) == len(set(names)), f"encoded again: {sorted(names)}"
    assert all(abs(float(level) + 16.0) <= 0.4 for _, level in encodes), encodes
