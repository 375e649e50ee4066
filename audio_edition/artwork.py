"""Cover art: the publication's own image, validated, or one generated from its name.

Podcast directories want a square JPEG or PNG of 1400 to 3000 pixels.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, UnidentifiedImageError

from audio_edition.errors import ConfigError

MIN_SIDE, MAX_SIDE, DEFAULT_SIDE = 1400, 3000, 1400
BACKGROUND, FOREGROUND, ACCENT = (22, 41, 66), (250, 247, 240), (232, 160, 52)


def prepare_cover(source: Path | None, title: str, out_dir: Path) -> Path:
    """Write ``cover.jpg``/``cover.png`` into ``out_dir`` and return its path."""
    if source is None:
        return _generate(title, out_dir / "cover.png")
    try:
        image = Image.open(source)
        image.load()
    except (OSError, UnidentifiedImageError) as exc:
        raise ConfigError(
            f"{source}: not an image Pillow can read; use a square JPEG or PNG"
        ) from exc
    return _checked(source, image, out_dir)


def _checked(source: Path, image: Image.Image, out_dir: Path) -> Path:
    if image.format not in ("JPEG", "PNG"):
        raise ConfigError(f"{source}: {image.format} artwork; podcast apps need JPEG or PNG")
    width, height = image.size
    if width != height:
        raise ConfigError(f"{source}: artwork is {width}x{height}; it must be square")
    if width < MIN_SIDE:
        raise ConfigError(
            f"{source}: artwork is {width} px wide; podcast directories need at least {MIN_SIDE}"
        )
    suffix = ".png" if image.format == "PNG" else ".jpg"
    target = out_dir / f"cover{suffix}"
    if width > MAX_SIDE:
        image = image.resize((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    if image.mode not in ("RGB", "L") and suffix == ".jpg":
        image = image.convert("RGB")
    image.save(target, format=image.format or ("PNG" if suffix == ".png" else "JPEG"))
    return target


def _generate(title: str, target: Path) -> Path:
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
    image.save(target, format="PNG", optimize=True)
    return target
