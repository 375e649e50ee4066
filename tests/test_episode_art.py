"""An article that names a picture gets its own episode artwork: in the feed
(``itunes:image``) and in its MP3's tags (issue 13, item 2)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from mutagen.id3 import ID3
from PIL import Image
from podcast_checks import NS, channel, small_edition

from audio_edition.cli import main

BASE = "https://gazette.example.org/audio/"


def _picture(path: Path, size: tuple[int, int] = (2000, 1200)) -> Path:
    """A wide photograph: a harbour-blue left half, a sand-yellow right half."""
    picture = Image.new("RGB", size, (30, 90, 140))
    picture.paste((220, 190, 120), (size[0] // 2, 0, size[0], size[1]))
    picture.save(path, format="JPEG")
    return path


def _with_image(edition: Path, image: str) -> None:
    article = edition / "articles" / "fish-market.md"
    article.write_text(article.read_text().replace("section:", f"image: {image}\nsection:", 1))


def _render(edition: Path, out: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "audio_edition", "render", str(edition), "-q"]
    command += ["--out", str(out), "--cache-dir", str(out.parent / "cache")]
    return subprocess.run(command, capture_output=True, text=True, timeout=600)


def test_an_articles_picture_is_its_episodes_artwork(tmp_path: Path) -> None:
    edition, out = small_edition(tmp_path / "edition"), tmp_path / "out"
    _picture(edition / "articles" / "boats.jpg")
    _with_image(edition, "boats.jpg")
    done = _render(edition, out)
    assert done.returncode == 0, done.stderr
    art = {
        item.findtext("title"): item.find("itunes:image", NS)
        for item in channel(out, "articles.xml").iterfind("item")
    }
    fish = art.pop("Fish Prices Climb as Cold Snap Keeps Boats Ashore")
    assert fish is not None and all(other is None for other in art.values())
    picture = out / fish.get("href").removeprefix(BASE)
    with Image.open(picture) as opened:
        assert (opened.format, opened.size) == ("JPEG", (1400, 1400))
        assert opened.getpixel((100, 700))[2] > 100 and opened.getpixel((1300, 700))[0] > 150
    (mp3,) = (out / "articles" / "fish-market").glob("fish-market-*.mp3")
    assert ID3(mp3).getall("APIC")[0].data == picture.read_bytes()
    assert picture.name == mp3.name.replace(".mp3", ".cover.jpg")  # versioned with its MP3
    checked = CliRunner().invoke(main, ["check", str(out)])
    assert checked.exit_code == 0, checked.output
    again = _render(edition, out)  # the same picture: the same version, nothing new
    assert again.returncode == 0 and list(out.rglob("*.cover.jpg")) == [picture]


def test_a_missing_picture_is_one_line_and_writes_nothing(tmp_path: Path) -> None:
    edition, out = small_edition(tmp_path / "edition"), tmp_path / "out"
    _with_image(edition, "nowhere.jpg")
    done = _render(edition, out)
    assert done.returncode != 0 and len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "fish-market.md: front matter 'image'" in done.stderr and "does not exist" in done.stderr
    assert not out.exists()


def test_a_file_that_is_no_picture_is_one_line(tmp_path: Path) -> None:
    edition, out = small_edition(tmp_path / "edition"), tmp_path / "out"
    (edition / "articles" / "notes.jpg").write_text("not a picture")
    _with_image(edition, "notes.jpg")
    done = _render(edition, out)
    assert done.returncode != 0 and "not an image Pillow can read" in done.stderr
    assert not out.exists()
