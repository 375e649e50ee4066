"""Encode the final PCM once to CBR MP3, to a seekable file so the LAME/Xing
header (with the encoder delay) is written and decoders stay sample-exact."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from audio_edition.audio.ffmpeg import run_ffmpeg
from audio_edition.config import AudioSettings


def encode_mp3(wav: Path, mp3: Path, settings: AudioSettings, audio_filter: str = "anull") -> None:
    """Encode ``wav`` through ``audio_filter`` to constant-bitrate MP3 (tags: mutagen's job)."""
    encode_each([(wav, mp3, audio_filter)], settings)


def encode_each(jobs: Sequence[tuple[Path, Path, str]], settings: AudioSettings) -> None:
    """Encode each ``(wav, mp3, audio_filter)`` as ``encode_mp3`` does, all in one ffmpeg
    process (one start-up for many short files, e.g. the edition's own lines)."""
    inputs = [arg for wav, _, _ in jobs for arg in ("-i", str(wav))]
    graph = ";".join(f"[{i}:a]{chain}[e{i}]" for i, (_, _, chain) in enumerate(jobs))
    outputs: list[str] = []
    for i, (_, mp3, _) in enumerate(jobs):
        outputs += [
            "-map", f"[e{i}]", "-map_metadata", "-1",
            "-c:a", "libmp3lame", "-b:a", f"{settings.bitrate_kbps}k",
            "-compression_level", str(settings.encoder_quality),
            "-write_xing", "1", "-id3v2_version", "0", "-write_id3v1", "0",
            "-f", "mp3", str(mp3),
        ]  # fmt: skip
    run_ffmpeg(*inputs, "-filter_complex", graph, *outputs)
