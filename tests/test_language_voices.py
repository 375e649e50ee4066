"""An article's language picks its voice: a mixed edition renders in one command, each
article read by a voice of its language (issue 11, item 3)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from conftest import write_article
from podcast_checks import NS, channel, small_edition

from audio_edition.cli import main

FRENCH = (
    "Le conseil municipal a voté mardi soir la rénovation du marché couvert. "
    "Les travaux commenceront au printemps et dureront huit mois."
)
DUTCH = (
    "De veerdienst naar het eiland vaart vanaf maandag weer volgens de zomerregeling. "
    "Reizigers wordt gevraagd hun kaartje vooraf te kopen."
)


def _mixed(tmp_path: Path) -> Path:
    """The small English edition (fake voice) with a French and a Dutch article."""
    edition = small_edition(tmp_path / "edition")
    write_article(edition, "marche.md", FRENCH, slug="marche-couvert", language="fr",
                  title="Le marché couvert sera rénové")  # fmt: skip
    write_article(edition, "veer.md", DUTCH, slug="veerdienst", language="nl-BE",
                  title="Veerdienst vaart weer volgens zomerregeling")  # fmt: skip
    return edition


def _render(edition: Path, out: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "audio_edition", "render", str(edition), "--out", str(out)]
    command += ["--cache-dir", str(out.parent / "cache")]
    return subprocess.run(command, capture_output=True, text=True, timeout=600)


def _voice(out: Path, slug: str) -> dict[str, str]:
    timing = json.loads((out / "articles" / slug / f"{slug}.timing.json").read_text())
    return timing["voice"]


def test_each_article_is_read_by_a_voice_of_its_language(tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = _render(_mixed(tmp_path), out)
    assert done.returncode == 0, done.stderr
    assert _voice(out, "fish-market")["name"] == "test-fake"
    assert _voice(out, "marche-couvert") == {
        "name": "fr-default", "engine": "pyttsx3", "language": "fr"
    }  # fmt: skip
    assert _voice(out, "veerdienst")["name"] == "nl-default"
    voices = next(line for line in done.stdout.splitlines() if line.startswith("Voice: "))
    assert "test-fake" in voices and "fr-default" in voices and "nl-default" in voices
    timing = json.loads((out / "articles" / "marche-couvert" / "marche-couvert.timing.json")
                        .read_text())  # fmt: skip
    assert [s["text"] for s in timing["sentences"]][-2:] == [
        "Le conseil municipal a voté mardi soir la rénovation du marché couvert.",
        "Les travaux commenceront au printemps et dureront huit mois.",
    ]
    assert CliRunner().invoke(main, ["check", str(out)]).exit_code == 0


def test_the_voices_table_names_other_profiles(tmp_path: Path) -> None:
    edition = _mixed(tmp_path)
    config = edition / "edition.toml"
    config.write_text(config.read_text() + '\n[voices]\nfr = "test-fake"\nnl = "test-fake"\n')
    out = tmp_path / "out"
    done = _render(edition, out)
    assert done.returncode == 0, done.stderr
    assert _voice(out, "marche-couvert")["name"] == "test-fake"


def test_a_language_without_a_voice_is_one_line_and_writes_nothing(tmp_path: Path) -> None:
    edition = small_edition(tmp_path / "edition")
    write_article(edition, "mercado.md", "El mercado abre el lunes.", slug="mercado",
                  language="es", title="Abre el mercado")  # fmt: skip
    out = tmp_path / "out"
    done = _render(edition, out)
    assert done.returncode != 0
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "mercado.md: no voice reads its language 'es'" in lines[0]
    assert "fr (fr-default)" in lines[0] and "[voices]" in lines[0]
    assert not out.exists()


def test_a_bad_voices_table_is_one_line(tmp_path: Path) -> None:
    edition = small_edition(tmp_path / "edition")
    config = edition / "edition.toml"
    config.write_text(config.read_text() + '\n[voices]\n"f r" = "fr-default"\n')
    done = _render(edition, tmp_path / "out")
    assert done.returncode != 0 and "Config value 'voices.f r'" in done.stderr
    assert not (tmp_path / "out").exists()


def test_each_language_has_its_own_edition_feeds_and_page(tmp_path: Path) -> None:
    """Podcast apps expect one language per feed (issue 11, item 4)."""
    out = tmp_path / "out"
    done = _render(_mixed(tmp_path), out)
    assert done.returncode == 0, done.stderr
    languages = {}
    for feed in ("feed.xml", "articles.xml", "fr/feed.xml", "fr/articles.xml", "nl/feed.xml"):
        found = channel(out, feed)
        items = [i.findtext("title") for i in found.iterfind("item")]
        languages[feed] = (found.findtext("language"), items)
    assert languages["feed.xml"] == ("en", ["The Harbour Gazette: Friday 27 November 2026"])
    assert languages["fr/feed.xml"] == ("fr", ["The Harbour Gazette: vendredi 27 novembre 2026"])
    assert languages["fr/articles.xml"] == ("fr", ["Le marché couvert sera rénové"])
    assert languages["nl/feed.xml"][0] == "nl" and len(languages["nl/feed.xml"][1]) == 1
    assert "Le marché couvert sera rénové" not in languages["articles.xml"][1]
    french = channel(out, "fr/feed.xml")  # a French listener's app shows French
    assert french.findtext("title") == "The Harbour Gazette (Français)"
    assert "L’édition du jour : un épisode par jour" in french.findtext("description")
    assert channel(out, "nl/articles.xml").findtext("title") == (
        "The Harbour Gazette (Nederlands): artikels"
    )
    item = french.find("item")
    assert item is not None
    assert item.findtext("description") == (
        "Dans cette édition : Le marché couvert sera rénové.\n\nLu par une voix de synthèse."
    )
    guids = {channel(out, f).findtext("podcast:guid", namespaces=NS) for f in languages}
    assert len(guids) == 5  # each feed a podcast of its own
    (timing,) = (out / "editions" / "2026-11-27").glob("edition-2026-11-27-fr-*.timing.json")
    intro = json.loads(timing.read_text())["sentences"][0]["text"]
    assert intro == "The Harbour Gazette, vendredi 27 novembre 2026."  # said in French
    french_page = (out / "fr" / "index.html").read_text()
    assert 'href="../"' in french_page and "../nl/" in french_page  # the languages linked
    assert "S’abonner : L’édition du jour, un épisode par jour" in french_page
    assert "Lu par une voix de synthèse." in french_page and "Subscribe" not in french_page
    assert "vendredi 27 novembre 2026" in french_page
    dutch_page = (out / "articles" / "veerdienst" / "index.html").read_text()
    assert "Luister naar dit artikel" in dutch_page and 'labels="' in dutch_page
    assert 'href="./fr/"' in (out / "index.html").read_text()
    checked = CliRunner().invoke(main, ["check", str(out)])
    assert checked.exit_code == 0, checked.output
    assert "fr/feed.xml · 1 episode(s)" in checked.output


def test_withdrawing_one_languages_edition_leaves_the_others(tmp_path: Path) -> None:
    edition, out = _mixed(tmp_path), tmp_path / "out"
    assert _render(edition, out).returncode == 0
    english = sorted((out / "editions" / "2026-11-27").glob("edition-2026-11-27-??????????.mp3"))
    result = CliRunner().invoke(main, ["withdraw", str(out), "edition-2026-11-27-fr"])
    assert result.exit_code == 0, result.output
    assert english and all(mp3.is_file() for mp3 in english)  # the same folder, kept
    assert not list((out / "editions" / "2026-11-27").glob("edition-2026-11-27-fr-*"))
    assert list(channel(out, "fr/feed.xml").iterfind("item")) == []
    assert list(channel(out, "fr/articles.xml").iterfind("item"))  # its articles stay
    assert "<audio-edition-player" not in (out / "fr" / "index.html").read_text()
    checked = CliRunner().invoke(main, ["check", str(out)])
    assert checked.exit_code == 0, checked.output
