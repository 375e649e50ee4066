"""The constant bitrates an MP3 can have, by sample rate: LAME encodes no others.

An MP3 frame's header names its bitrate from a table fixed by the MPEG version,
and the version follows from the sample rate: MPEG-1 at 32, 44.1 and 48 kHz,
MPEG-2 at 16, 22.05 and 24 kHz, MPEG-2.5 at 8, 11.025 and 12 kHz. Asked for a
bitrate the table lacks, LAME (through ffmpeg) silently takes the nearest it has:
measured here, 192 and 320 kbps at 22,050 Hz both give a 160 kbps file. So the
bitrate is checked against the voice's sample rate before anything is encoded
(docs/architecture.md, "Audio").
"""

from __future__ import annotations

MPEG1 = (32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320)
"""Layer III bitrates (kbps) at 32 kHz and above."""
MPEG2 = (8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160)
"""Layer III bitrates (kbps) at 16 to 24 kHz: every voice we ship speaks at 22,050 Hz."""
MPEG25 = (8, 16, 24, 32, 40, 48, 56, 64)
"""Below 16 kHz: MPEG-2's table, but LAME goes no higher than 64 kbps (measured)."""
ANY_RATE = tuple(sorted(set(MPEG1) | set(MPEG2)))
"""Every bitrate some sample rate allows."""


def lame_bitrates(sample_rate: int) -> tuple[int, ...]:
    """The bitrates LAME encodes at ``sample_rate`` Hz, in kbps."""
    if sample_rate >= 32000:
        return MPEG1
    return MPEG2 if sample_rate >= 16000 else MPEG25
