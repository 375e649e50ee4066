"""Cover art: the publication's image checked (JPEG/PNG, square, 1400-3000 px), resized or
refused with one clear line before anything is written; else a generated 1400 px PNG."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from mutagen.id3 import ID3
from PIL import Image
from podcast_checks import NS, channel, render_into, small_edition

from audio_edition.artwork import load_artwork, prepare_cover, write_artwork
from audio_edition.cli import main
from audio_edition.errors import ConfigError


def _image(path: Path, size: tuple[int, int], fmt: str = "PNG", mode: str = "RGB") -> Path:
    Image.new(mode, size, "white" if mode != "CMYK" else (0, 0, 0, 0)).save(path, format=fmt)
    return path


def test_default_cover_is_a_1400_png_from_the_name(tmp_path: Path) -> None:
    cover = prepare_cover(None, "The Harbour Gazette", tmp_path)
    assert cover.name == "cover.png"
    with Image.open(cover) as image:
        assert (image.format, image.size, image.mode) == ("PNG", (1400, 1400), "RGB")
        assert len(image.getcolors(1_000_000) or ()) > 2  # a title drawn on it


def test_good_artwork_is_copied_byte_for_byte(tmp_path: Path) -> None:
    source = _image(tmp_path / "art.png", (1500, 1500))
    (tmp_path / "out").mkdir()
    cover = prepare_cover(source, "x", tmp_path / "out")
    assert cover.name == "cover.png" and cover.read_bytes() == source.read_bytes()


def test_large_artwork_is_resized_to_3000(tmp_path: Path) -> None:
    source = _image(tmp_path / "art.jpeg", (3200, 3200), "JPEG")
    art = load_artwork(source, "x")
    (tmp_path / "out").mkdir()
    cover = write_artwork(art, tmp_path / "out")
    with Image.open(cover) as image:
        assert (cover.name, image.format, image.size) == ("cover.jpg", "JPEG", (3000, 3000))


def test_cmyk_jpeg_is_converted_to_rgb(tmp_path: Path) -> None:
    source = _image(tmp_path / "art.jpg", (1400, 1400), "JPEG", "CMYK")
    (tmp_path / "out").mkdir()
    with Image.open(write_artwork(load_artwork(source, "x"), tmp_path / "out")) as image:
        assert image.mode == "RGB"


def _huge_png(path: Path, side: int) -> Path:
    """A PNG whose header says ``side`` x ``side`` RGB pixels, as a camera or a designer's
    export would (its pixel data is left out: only the header is ever read)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\0" * (3 * 64 + 1))  # a first row or so
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat))
    return path


TOO_LARGE = "over the limit of 36 megapixels (it would take gigabytes to decode); use a square"
BAD: dict[str, tuple[Callable[[Path], Path], str]] = {
    "12,000 px": (lambda d: _huge_png(d / "a.png", 12_000),
                  f"artwork is 12000x12000 px (144 megapixels), {TOO_LARGE}"),
    "20,000 px": (lambda d: _huge_png(d / "a.png", 20_000),
                  f"artwork is 400 megapixels, {TOO_LARGE}"),
    "too small": (lambda d: _image(d / "a.png", (1000, 1000)),
                  "artwork is 1000x1000 px; podcast directories need at least 1400x1400"),
    "not square": (lambda d: _image(d / "a.png", (1600, 1400)),
                   "artwork is 1600x1400 px; it must be square"),
    "not an image": (lambda d: _write(d / "a.png", b"this is text, not pixels"),
                     "not an image Pillow can read"),
    "empty": (lambda d: _write(d / "a.jpg", b""), "not an image Pillow can read"),
    "GIF": (lambda d: _image(d / "a.gif", (1400, 1400), "GIF"), "GIF artwork; podcast apps need"),
    "WebP": (lambda d: _image(d / "a.webp", (1400, 1400), "WEBP"), "WEBP artwork"),
}  # fmt: skip


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_artwork_is_refused_with_a_clear_message(case: str, tmp_path: Path) -> None:
    make, expected = BAD[case]
    with pytest.raises(ConfigError) as caught:
        load_artwork(make(tmp_path), "x")
    assert expected in caught.value.message and "\n" not in caught.value.message


@pytest.mark.parametrize("case", ["too small", "not an image", "12,000 px"])
def test_render_refuses_bad_artwork_before_writing(case: str, tmp_path: Path) -> None:
    edition = small_edition(tmp_path / "edition")
    art = BAD[case][0](edition)
    config = edition / "edition.toml"
    config.write_text(config.read_text().replace("[edition]", f'artwork = "{art.name}"\n[edition]'))
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["render", str(edition), "--out", str(out)])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and result.output.count("\n") == 1, result.output
    assert BAD[case][1] in result.output
    assert not out.exists()  # nothing written, not even the folder


def test_publication_artwork_reaches_the_feed_and_the_tags(tmp_path: Path) -> None:
    edition = small_edition(tmp_path / "edition")
    _image(edition / "art.jpg", (3200, 3200), "JPEG")
    config = edition / "edition.toml"
    config.write_text(config.read_text().replace("[edition]", 'artwork = "art.jpg"\n[edition]'))
    summary = render_into(edition, tmp_path / "out")
    href = channel(tmp_path / "out").find("itunes:image", NS).get("href")
    assert href == "https://gazette.example.org/audio/cover.jpg"
    cover = (tmp_path / "out" / "cover.jpg").read_bytes()
    for episode in (*summary.episodes, summary.edition):
        (apic,) = ID3(episode.mp3).getall("APIC")
        assert (apic.type, apic.mime, apic.data) == (3, "image/jpeg", cover)
