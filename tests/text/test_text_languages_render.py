"""French, Dutch and German through the real path: voice profiles listed, a French edition
rendered by espeak-ng from the command line, articles with foreign words read whole."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from audio_edition import voices
from audio_edition.cli import main
from audio_edition.text import sentence_spans

REPO = Path(__file__).resolve().parents[2]
PROFILES = REPO / "voices"

FRENCH = (
    "---\ntitle: Le marché rouvre ses portes\nlanguage: fr\nsection: Ville\n---\n\n"
    "Le 1er décembre, MM. Leroy et Petit ont rouvert le marché couvert à 8 h 30. "
    "« Nous sommes prêts. Les clients aussi », a déclaré M. Leroy. "
    "L’entrée coûte 2,50 €, soit 3,5 % de plus qu’en 2025.\n"
)
ENGLISH_WITH_FOREIGN_WORDS = (
    "---\ntitle: Brussels agrees on the Quai des Péniches\nlanguage: en\n---\n\n"
    "Minister Vandermeulen told the Chambre des représentants that the Tweede Kamer had "
    "agreed. The Bundesverfassungsgericht ruling was read aloud in the Salle gothique of the "
    "Hôtel de Ville.\n"
)
DUTCH_WITH_ENGLISH_WORDS = (
    "---\ntitle: \"'The Crown' wint in Los Angeles\"\nlanguage: nl\n---\n\n"
    "De serie 'The Crown' won gisteren 3 prijzen op de Emmy Awards. "
    '"It was a long night", zei de regisseur om 23.30 uur.\n'
)
GERMAN = (
    "---\ntitle: Der Markt öffnet wieder\nlanguage: de\n---\n\n"
    "Am 1. Dezember öffnete der Markt um 8.30 Uhr. „Wir sind bereit“, sagte Fr. Weber.\n"
)


def _edition(root: Path, language: str, voice: str, articles: dict[str, str]) -> Path:
    """An edition in ``language`` speaking with the repository's ``voice`` profile."""
    (root / "articles").mkdir(parents=True)
    (root / "voices").mkdir()
    shutil.copy(PROFILES / f"{voice}.toml", root / "voices")  # this checkout's profile
    (root / "edition.toml").write_text(
        f'[publication]\ntitle = "Le Courrier du Quai"\ndescription = "Les nouvelles."\n'
        f'language = "{language}"\nauthor = "La rédaction"\n'
        'site_url = "https://courrier.example.org/"\n'
        'base_url = "https://courrier.example.org/audio/"\ncategory = "News"\n'
        f'explicit = false\n\n[edition]\ndate = "2026-12-01"\nvoice = "{voice}"\n',
        encoding="utf-8",
    )
    for name, text in articles.items():
        (root / "articles" / f"{name}.md").write_text(text, encoding="utf-8")
    return root


def _render(edition: Path, tmp_path: Path) -> Path:
    out = tmp_path / "out"
    command = [sys.executable, "-m", "audio_edition", "render", str(edition), "--out", str(out)]
    command += ["--cache-dir", str(tmp_path / "cache")]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "implausible" not in done.stdout + done.stderr
    return out


def _timing(out: Path, slug: str) -> dict:
    return json.loads((out / "articles" / slug / f"{slug}.timing.json").read_text("utf-8"))


def _body(article: str) -> str:
    return article.split("---", 2)[2].strip()


def test_voices_list_shows_a_voice_for_each_language(monkeypatch: pytest.MonkeyPatch) -> None:
    # The profiles of this checkout (an editable install elsewhere would list that one's).
    monkeypatch.setattr(voices, "builtin_profiles", lambda: sorted(PROFILES.glob("*.toml")))
    result = CliRunner().invoke(main, ["voices", "list"])
    assert result.exit_code == 0, result.output
    rows = {line.split()[0]: line.split() for line in result.output.splitlines() if line.strip()}
    assert rows["fr-default"][1:4] == ["pyttsx3", "fr", "22050"]
    assert rows["nl-default"][1:4] == ["pyttsx3", "nl", "22050"]
    assert rows["de-default"][1:4] == ["pyttsx3", "de", "22050"]
    assert "roa/fr" in result.output and "gmw/nl" in result.output and "gmw/de" in result.output


@pytest.mark.slow
def test_a_french_edition_is_read_in_french(tmp_path: Path) -> None:
    edition = _edition(tmp_path / "edition", "fr", "fr-default", {"marche": FRENCH})
    out = _render(edition, tmp_path)
    timing = _timing(out, "marche")
    body = _body(FRENCH)
    french = [body[a:b] for a, b in sentence_spans(body, "fr")]
    assert french != [body[a:b] for a, b in sentence_spans(body, "en")]  # MM. is no full stop
    said, *text = timing["sentences"]  # the disclosure first, in French, then the article
    assert said["kind"] == "disclosure"
    assert said["text"] == "Ce contenu audio est lu par une voix de synthèse."
    assert [s["text"] for s in text] == ["Le marché rouvre ses portes", *french]
    spoken = " ".join(s["spoken"] for s in timing["sentences"])
    assert "premier décembre" in spoken and "Messieurs Leroy" in spoken
    assert "huit heures trente" in spoken and "deux euros cinquante" in spoken
    assert all(s["end"] > s["start"] for s in timing["sentences"])
    assert list((out / "articles" / "marche").glob("marche-*.mp3"))
    edition_timing = next((out / "editions" / "2026-12-01").glob("edition-2026-12-01.timing.json"))
    lines = [s["text"] for s in json.loads(edition_timing.read_text("utf-8"))["sentences"]]
    assert lines[0] == "Le Courrier du Quai, mardi 1er décembre 2026."
    assert lines[1] == "Ce contenu audio est lu par une voix de synthèse."  # once
    assert lines[2] == "L'article du jour, rubrique Ville."
    assert lines[-1].startswith("C'était Le Courrier du Quai du mardi 1er décembre 2026.")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("language", "voice", "slug", "article"),
    [
        ("en", "en-default", "foreign-words", ENGLISH_WITH_FOREIGN_WORDS),
        ("nl", "nl-default", "english-words", DUTCH_WITH_ENGLISH_WORDS),
        ("de", "de-default", "markt", GERMAN),
    ],
)
def test_foreign_words_are_read_whole(
    tmp_path: Path, language: str, voice: str, slug: str, article: str
) -> None:
    edition = _edition(tmp_path / "edition", language, voice, {slug: article})
    timing = _timing(_render(edition, tmp_path), slug)
    body = _body(article)
    text = [s["text"] for s in timing["sentences"] if s.get("kind") != "disclosure"]
    assert text[1:] == [body[a:b] for a, b in sentence_spans(body, language)]
    for sentence in timing["sentences"]:
        seconds = sentence["end"] - sentence["start"]
        assert (
            0.1 * len(sentence["spoken"].split()) < seconds < 1.0 * len(sentence["spoken"].split())
        )
