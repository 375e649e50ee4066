"""Article pages with the player, and the edition page (placeholder: writes nothing yet)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from audio_edition.config import EditionConfig
from audio_edition.models import Published
from audio_edition.publish import Output


def write_pages(out: Output, config: EditionConfig, published: Sequence[Published]) -> list[Path]:
    """Write every article page, the edition page and the player's static files."""
    return []
