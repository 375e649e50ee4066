"""Join finished CBR MP3 files frame by frame, with no re-encoding, at known offsets.

Each input was encoded once, from its own final PCM, by the same encoder with
the same settings, so its frames can follow another file's frames unchanged (the
encoder starts every file with an empty bit reservoir). What a decoder outputs
for the joined file is then known to the sample: every input contributes all its
frames (``frames * samples_per_frame``: its encoder delay, its audio, its
padding), and only the first input's delay and the last input's padding are
trimmed, as the new LAME/Info header says. So an input's audio starts exactly
``start_frames`` samples into the joined file (see ``Spliced``).

This is how the edition episode costs no second encode (docs/architecture.md,
"Audio"). Per-sentence MP3s are never spliced: their padding would break timing;
whole episodes' does not.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

_BITRATES = {  # kbps by (MPEG version bit, bitrate index), Layer III
    1: (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
    0: (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
}
MAX_FRAME = 1441
"""Longest Layer III frame (320 kbps at 32 kHz, padded)."""
_RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}


@dataclass(frozen=True)
class Mp3Stream:
    """The audio frames of one CBR MP3 file and what its LAME/Info header says."""

    path: Path
    """The file."""
    info_frame: bytes
    """The Info frame (header for gapless playback)."""
    body: tuple[int, int]
    """Byte offset and length of the audio frames in the file (read only when joined)."""
    frame_count: int
    """Number of audio frames."""
    samples_per_frame: int
    """576 (MPEG-2) or 1152 (MPEG-1)."""
    sample_rate: int
    """Samples per second."""
    delay: int
    """Samples a decoder skips at the start (the LAME tag's encoder delay field)."""
    padding: int
    """Padding samples at the end."""

    @property
    def audio_samples(self) -> int:
        """Samples a decoder outputs for this file alone."""
        return self.frame_count * self.samples_per_frame - self.delay - self.padding


@dataclass(frozen=True)
class Spliced:
    """Where each input's audio starts in the joined file, in samples."""

    starts: tuple[int, ...]
    """Sample offset of each input's first audio sample."""
    samples: int
    """Total samples a decoder outputs for the joined file."""


def read_stream(path: Path) -> Mp3Stream:
    """Read the headers of a CBR MP3 written by our encoder (ID3v2 tag, Info frame)."""
    with path.open("rb") as source:
        head = source.read(10)
        source.seek(_id3_size(head))
        start = source.tell()
        frame = source.read(MAX_FRAME)
        size = path.stat().st_size
        source.seek(size - 128)
        has_id3v1 = source.read(3) == b"TAG"
    length, spf, rate = _frame_shape(frame, 0)
    info = frame[:length]
    tag = _info_offset(info)
    if info[tag : tag + 4] not in (b"Info", b"Xing"):
        raise ValueError(f"{path.name}: no Info header; encode to a seekable file")
    frames = _info_frames(info, tag)
    delay, padding = _delay_padding(info, tag)
    body = (start + length, size - start - length - (128 if has_id3v1 else 0))
    return Mp3Stream(path, info, body, frames, spf, rate, delay, padding)


def portion(
    stream: Mp3Stream, skip: int, size: int, frames: int, delay: int, padding: int
) -> Mp3Stream:
    """The frames of an input that ``stream`` (a joined file) holds: ``size`` bytes after
    the first ``skip`` bytes of its audio frames, as that input's own header counted them."""
    if skip + size > stream.body[1]:
        raise ValueError(f"{stream.path.name}: shorter than its parts say")
    return replace(stream, body=(stream.body[0] + skip, size), frame_count=frames, delay=delay,
                   padding=padding)  # fmt: skip


def plan_splice(streams: list[Mp3Stream]) -> Spliced:
    """Where each stream's audio will start once they are joined (nothing is written)."""
    shapes = {(s.samples_per_frame, s.sample_rate, len(s.info_frame)) for s in streams}
    if len(shapes) != 1:
        raise ValueError("only MP3 files encoded with the same settings can be joined")
    first, last = streams[0], streams[-1]
    starts, position = [], 0
    for stream in streams:
        starts.append(position + stream.delay - first.delay)
        position += stream.frame_count * stream.samples_per_frame
    return Spliced(tuple(starts), position - first.delay - last.padding)


def write_splice(streams: list[Mp3Stream], out: Path) -> None:
    """Write ``streams`` one after the other into ``out`` with a header for the whole,
    copying each file's frames in blocks (memory stays bounded)."""
    plan_splice(streams)  # refuses streams that cannot be joined
    frames = sum(s.frame_count for s in streams)
    body_bytes = sum(s.body[1] for s in streams)
    first, last = streams[0], streams[-1]
    header = _rewrite_info(first.info_frame, frames, body_bytes, first.delay, last.padding)
    with out.open("wb") as sink:
        sink.write(header)
        for stream in streams:
            with stream.path.open("rb") as source:
                source.seek(stream.body[0])
                _copy(source, sink, stream.body[1])


def _copy(source: BinaryIO, sink: BinaryIO, length: int) -> None:
    while length > 0:
        block = source.read(min(length, 1 << 20))
        if not block:
            raise ValueError(f"{source.name}: shorter than its headers say")
        sink.write(block)
        length -= len(block)


def splice(streams: list[Mp3Stream], out: Path) -> Spliced:
    """Join ``streams`` into ``out``; return where each one's audio starts."""
    write_splice(streams, out)
    return plan_splice(streams)


def _id3_size(head: bytes) -> int:
    """Bytes taken by an ID3v2 tag at the start of a file (0 if there is none)."""
    if head[:3] != b"ID3":
        return 0
    size = (head[6] << 21) | (head[7] << 14) | (head[8] << 7) | head[9]
    return 10 + size + (10 if head[5] & 0x10 else 0)


def _frame_shape(data: bytes, offset: int) -> tuple[int, int, int]:
    """Length in bytes, samples per frame and sample rate of the frame at ``offset``."""
    header = data[offset : offset + 4]
    if len(header) < 4 or header[0] != 0xFF or header[1] & 0xE0 != 0xE0:
        raise ValueError(f"no MPEG audio frame at byte {offset}")
    version = (header[1] >> 3) & 3
    if (header[1] >> 1) & 3 != 1 or version == 1:
        raise ValueError("not an MPEG Layer III frame")
    kbps = _BITRATES[1 if version == 3 else 0][header[2] >> 4]
    rate = _RATES[version][(header[2] >> 2) & 3]
    padded = (header[2] >> 1) & 1
    spf = 1152 if version == 3 else 576
    return spf // 8 * kbps * 1000 // rate + padded, spf, rate


def _info_frames(frame: bytes, tag: int) -> int:
    """The number of audio frames the Info header counts."""
    flags = struct.unpack(">I", frame[tag + 4 : tag + 8])[0]
    if not flags & 1:
        raise ValueError("the Info header does not count the frames")
    return int(struct.unpack(">I", frame[tag + 8 : tag + 12])[0])


def _info_offset(frame: bytes) -> int:
    """Where the Xing/Info tag starts: after the header and the side information."""
    mpeg1, mono = (frame[1] >> 3) & 3 == 3, frame[3] >> 6 == 3
    side = (17 if mono else 32) if mpeg1 else (9 if mono else 17)
    return 4 + side


def _lame_offset(frame: bytes, tag: int) -> int:
    flags = struct.unpack(">I", frame[tag + 4 : tag + 8])[0]
    sizes = ((1, 4), (2, 4), (4, 100), (8, 4))
    return tag + 8 + sum(size for bit, size in sizes if flags & bit)


def _delay_padding(frame: bytes, tag: int) -> tuple[int, int]:
    lame = _lame_offset(frame, tag)
    a, b, c = frame[lame + 21 : lame + 24]
    return (a << 4) | (b >> 4), ((b & 0x0F) << 8) | c


def _rewrite_info(frame: bytes, frames: int, body_bytes: int, delay: int, padding: int) -> bytes:
    out = bytearray(frame)
    tag = _info_offset(frame)
    flags = struct.unpack(">I", frame[tag + 4 : tag + 8])[0]
    position = tag + 8
    if flags & 1:
        out[position : position + 4] = struct.pack(">I", frames)
        position += 4
    if flags & 2:
        out[position : position + 4] = struct.pack(">I", body_bytes + len(frame))
        position += 4
    if flags & 4:  # seek table of a constant-bitrate stream: a straight line
        out[position : position + 100] = bytes(i * 256 // 100 for i in range(100))
    lame = _lame_offset(frame, tag)
    out[lame + 21 : lame + 24] = bytes(
        (delay >> 4, ((delay & 0x0F) << 4) | (padding >> 8), padding & 0xFF)
    )
    out[lame + 28 : lame + 32] = struct.pack(">I", body_bytes + len(frame))  # music length
    out[lame + 34 : lame + 36] = struct.pack(">H", _crc16(bytes(out[: lame + 34])))
    return bytes(out)


def _crc16(data: bytes) -> int:
    """CRC-16/ARC, as the LAME tag's own checksum."""
    crc = 0
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
    return crc
