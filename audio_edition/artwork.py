"""Cover art: the publication's own image, validated, or one generated from its name.

Podcast directories want a square JPEG or PNG of 1400 to 3000 pixels.
"""

from __future__ import annotations

import logging
import re
import shutil
import textwrap
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, UnidentifiedImageError

from audio_edition.errors import ConfigError

MIN_SIDE, MAX_SIDE, DEFAULT_SIDE = 1400, 3000, 1400
BACKGROUND, FOREGROUND, ACCENT = (22, 41, 66), (250, 247, 240), (232, 160, 52)
GOOD_MODES = ("RGB", "RGBA", "P")
"""RGB pixel modes; others (CMYK, greyscale, 16-bit) are converted (Apple wants RGB)."""
WANTED = f"a square JPEG or PNG of {MIN_SIDE} to {MAX_SIDE} px a side"
MAX_PIXELS = 6000 * 6000
"""Larger artwork is refused before it is decoded (a 12,000 px cover takes 1.3 GB):
twice the largest side podcast directories accept (README, "Limits")."""
_BOMB_PIXELS = re.compile(r"\((\d+) pixels\)")
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Artwork:
    """Cover art, checked and ready to write into the output folder."""

    name: str
    """File name to publish it under: ``cover.png`` or ``cover.jpg``."""
    source: Path | None
    """The publication's image, copied byte for byte when it needs no change."""
    image: Image.Image | None
    """The image to encode instead (generated, resized or converted to RGB)."""


def prepare_cover(source: Path | None, title: str, out_dir: Path) -> Path:
    """Write ``cover.jpg``/``cover.png`` into ``out_dir`` and return its path."""
    return write_artwork(load_artwork(source, title), out_dir)


def load_artwork(source: Path | None, title: str) -> Artwork:
    """Check the publication's image (or draw the default one); write nothing.

    Raises ``ConfigError`` (one line) for anything podcast directories refuse.
    """
    if source is None:
        return Artwork("cover.png", None, _generate(title))
    try:
        with _open(source) as opened:
            _refuse_huge(source, opened.size)
            opened.load()
            image = opened.copy()
            image.format = opened.format
    except (OSError, UnidentifiedImageError) as exc:
        raise ConfigError(f"{source}: not an image Pillow can read; use {WANTED}") from exc
    return _checked(source, image)


def episode_artwork(source: Path) -> Image.Image:
    """An article's picture as its episode's artwork: the square at its centre, at
    ``DEFAULT_SIDE`` px, RGB (what directories want of episode art too); writes nothing.
    Raises ``ConfigError`` (one line) for a file that is not a picture, or too large."""
    try:
        with _open(source) as opened:
            _refuse_huge(source, opened.size)
            picture = opened.convert("RGB")
    except (OSError, UnidentifiedImageError) as exc:
        raise ConfigError(f"{source}: not an image Pillow can read; use a JPEG or PNG") from exc
    width, height = picture.size
    side = min(width, height)
    box = ((width - side) // 2, (height - side) // 2, (width + side) // 2, (height + side) // 2)
    return picture.resize((DEFAULT_SIDE, DEFAULT_SIDE), Image.Resampling.LANCZOS, box=box)


def write_picture(picture: Image.Image, target: Path) -> Path:
    """Write episode artwork as a JPEG (the same picture gives the same bytes)."""
    picture.save(target, format="JPEG", quality=90)
    return target


def _open(source: Path) -> Image.Image:
    """Open ``source`` lazily (the header only); Pillow's own bomb check becomes ours."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # ours is stricter
        try:
            return Image.open(source)
        except Image.DecompressionBombError as exc:
            found = _BOMB_PIXELS.search(str(exc))
            pixels = int(found.group(1)) if found else MAX_PIXELS + 1
            raise ConfigError(_too_large(source, f"{pixels / 1e6:,.0f} megapixels")) from exc


def _refuse_huge(source: Path, size: tuple[int, int]) -> None:
    width, height = size
    if width * height > MAX_PIXELS:
        area = f"{width}x{height} px ({width * height / 1e6:,.0f} megapixels)"
        raise ConfigError(_too_large(source, area))


def _too_large(source: Path, area: str) -> str:
    return (
        f"{source}: artwork is {area}, over the limit of {MAX_PIXELS / 1e6:.0f} megapixels "
        f"(it would take gigabytes to decode); use {WANTED}"
    )


def write_artwork(art: Artwork, out_dir: Path) -> Path:
    """Write the cover into ``out_dir``; return its path."""
    target = out_dir / art.name
    if art.image is None:
        assert art.source is not None
        shutil.copyfile(art.source, target)
    elif art.name.endswith(".png"):
        art.image.save(target, format="PNG")  # optimize=True triples the time for 3% less
    else:
        art.image.save(target, format="JPEG", quality=92, optimize=True)
    return target


def _checked(source: Path, image: Image.Image) -> Artwork:
    if image.format not in ("JPEG", "PNG"):
        raise ConfigError(f"{source}: {image.format} artwork; podcast apps need {WANTED}")
    width, height = image.size
    if width != height:
        raise ConfigError(f"{source}: artwork is {width}x{height} px; it must be square ({WANTED})")
    if width < MIN_SIDE:
        raise ConfigError(
            f"{source}: artwork is {width}x{height} px; podcast directories need at least "
            f"{MIN_SIDE}x{MIN_SIDE} ({WANTED})"
        )
    name = "cover.png" if image.format == "PNG" else "cover.jpg"
    if width <= MAX_SIDE and image.mode in GOOD_MODES:
        return Artwork(name, source, None)  # as the editor made it
    if image.mode not in GOOD_MODES:
        image = image.convert("RGBA" if "A" in image.getbands() and name == "cover.png" else "RGB")
    if width > MAX_SIDE:
        log.info("%s: artwork is %d px; resized to %d", source, width, MAX_SIDE)
        image = image.resize((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    return Artwork(name, None, image)


def _generate(title: str) -> Image.Image:
    image = Image.new("RGB", (DEFAULT_SIDE, DEFAULT_SIDE), BACKGROUND)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=130)
    lines = textwrap.wrap(title, width=14)[:5] or [title[:14]]
    line_height = 160
    top = (DEFAULT_SIDE - line_height * len(lines)) // 2
    for number, line in enumerate(lines):
        draw.text((DEFAULT_SIDE // 2, top + number * line_height), line, FOREGROUND, font, "mt")
    draw.rectangle((200, DEFAULT_SIDE - 260, DEFAULT_SIDE - 200, DEFAULT_SIDE - 240), ACCENT)
    small = ImageFont.load_default(size=70)
    draw.text((DEFAULT_SIDE // 2, DEFAULT_SIDE - 200), "AUDIO EDITION", ACCENT, small, "mt")
    return image
