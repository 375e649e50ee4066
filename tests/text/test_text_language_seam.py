"""The language seam: one Language per language, found by tag, supplying boundaries,
spoken forms, the edition's lines and the page strings (docs/languages.md)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from audio_edition.config import load_config
from audio_edition.edition import edition_script, edition_title
from audio_edition.models import Article
from audio_edition.site import pages
from audio_edition.text import english, spoken_form
from audio_edition.text.languages import BUILTIN, PLAYER, has_rules, language_for, registry
from audio_edition.text.lexicon import Lexicon
from audio_edition.text.script import make_script, plain_blocks

FRIDAY = dt.date(2026, 11, 27)
FIRST = dt.date(2026, 12, 1)
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@pytest.mark.parametrize(
    ("tag", "code"),
    [("fr-BE", "fr"), ("nl_BE", "nl"), ("de-AT", "de"), ("EN-gb", "en"), ("", "en")],
)
def test_a_tag_finds_its_language(tag: str, code: str) -> None:
    assert language_for(tag).code == code
    assert has_rules(tag)


def test_a_language_without_a_module_gets_the_generic_one() -> None:
    spanish = language_for("es-MX")
    assert spanish.code == "es" and not has_rules("es")
    assert spoken_form("Llegaron 30 personas.", "es").text == "Llegaron treinta personas."
    assert spanish.phrases == language_for("en").phrases  # English lines until es has its own


def test_english_is_behind_the_same_seam() -> None:
    assert language_for("en").speak is english.speak
    assert set(BUILTIN) <= set(registry())


def test_every_language_gives_every_page_string_with_the_same_placeholders() -> None:
    english_strings = language_for("en").strings
    for code in BUILTIN:
        strings = language_for(code).strings
        assert set(strings) == set(english_strings), code
        for key, text in strings.items():
            assert text.strip(), (code, key)
            found = set(_PLACEHOLDER.findall(text))
            assert found == set(_PLACEHOLDER.findall(english_strings[key])), (code, key)
            values = {"title": "T", "author": "A", "count": 3, "seconds": 10, "rate": 1.5}
            values |= {
                "time": "1:02",
                "duration": "4:12",
                "feed": "F",
                "titles": "T",
                "section": "S",
            }
            text.format(**values)
            if key.startswith(PLAYER):  # the player fills its {} in order
                assert _PLACEHOLDER.findall(text) == _PLACEHOLDER.findall(english_strings[key])


def test_every_page_string_is_used_and_the_player_knows_every_player_string() -> None:
    site = Path(pages.__file__).parent
    player = (site / "static" / "player.js").read_text(encoding="utf-8")
    defaults = re.search(r"const T = \{(.*?)\};", player, re.S)
    assert defaults is not None
    player_keys = set(re.findall(r"(\w+): \"", defaults.group(1)))
    users = [*(site / "templates").glob("*.html"), site / "feeds.py", site / "pages.py"]
    users.append(site.parent / "history.py")
    code = "".join(path.read_text(encoding="utf-8") for path in users)
    for key in language_for("en").strings:
        if key.startswith(PLAYER):
            assert key.removeprefix(PLAYER) in player_keys, key
        else:
            assert f'"{key}"' in code or f"'{key}'" in code, f"{key} is not used"
    assert {PLAYER + k for k in player_keys} <= set(language_for("en").strings)


def test_the_player_is_told_only_what_differs_from_its_english() -> None:
    assert language_for("en").player_labels() == {}
    french = language_for("fr").player_labels()
    assert french["play"] == "Lecture" and french["of"] == "{} sur {}"
    assert "pause" not in french  # "Pause" in both


@pytest.mark.parametrize(
    ("code", "intro", "said", "outro"),
    [
        ("en", "Le Quai, Friday 27 November 2026.", "Friday the twenty-seventh of November",
         "That was Le Quai for Friday 27 November 2026. Thank you for listening."),
        ("fr", "Le Quai, vendredi 27 novembre 2026.", "vendredi vingt-sept novembre deux mille",
         "C'était Le Quai du vendredi 27 novembre 2026. Merci de votre écoute."),
        ("nl", "Le Quai, vrijdag 27 november 2026.", "vrijdag zevenentwintig november twee",
         "Dat was Le Quai van vrijdag 27 november 2026. Bedankt voor het luisteren."),
        ("de", "Le Quai, Freitag, 27. November 2026.", "Freitag, der siebenundzwanzigste Nov",
         "Das war Le Quai vom Freitag, 27. November 2026. Danke fürs Zuhören."),
    ],
)  # fmt: skip
def test_the_editions_lines_in_each_language(code: str, intro: str, said: str, outro: str) -> None:
    phrases = language_for(code).phrases
    written, spoken = phrases.intro_line("Le Quai", FRIDAY)
    assert written == intro
    assert said in spoken_form(spoken, code).text
    assert phrases.outro_line("Le Quai", FRIDAY)[0] == outro


def test_announcements_first_next_finally() -> None:
    french, dutch, german = (language_for(c).phrases for c in ("fr", "nl", "de"))
    assert [french.announcement(n, 3, "Sport") for n in (1, 2, 3)] == [
        "Pour commencer, rubrique Sport.", "Ensuite, rubrique Sport.", "Enfin, rubrique Sport."
    ]  # fmt: skip
    assert dutch.announcement(1, 1, "") == "Het verhaal van vandaag."
    assert german.announcement(3, 3, "Kultur") == "Zum Schluss aus dem Ressort Kultur."


def test_first_of_the_month_and_german_outro_case() -> None:
    assert language_for("fr").phrases.written_date(FIRST) == "mardi 1er décembre 2026"
    _, said = language_for("de").phrases.outro_line("Der Kurier", FIRST)
    assert (
        "vom Dienstag, dem ersten Dezember zweitausendsechsundzwanzig"
        in spoken_form(said, "de").text
    )
    assert edition_title("Le Quai", FIRST, "fr") == "Le Quai: mardi 1er décembre 2026"


def test_a_french_publications_edition_speaks_french(tmp_path: Path) -> None:
    edition = tmp_path / "edition"
    (edition / "articles").mkdir(parents=True)
    (edition / "edition.toml").write_text(
        '[publication]\ntitle = "Le Courrier"\ndescription = "Les nouvelles."\nlanguage = "fr"\n'
        'author = "La rédaction"\nsite_url = "https://c.example.org/"\n'
        'base_url = "https://c.example.org/audio/"\ncategory = "News"\nexplicit = false\n\n'
        '[edition]\ndate = "2026-12-01"\nvoice = "test-fake"\n',
        encoding="utf-8",
    )
    config = load_config(edition)
    text = "Le marché rouvre. M. Dupont est ravi."
    article = Article("marche", "Le marché", "", "R", "Ville", "fr",
                      dt.datetime(2026, 12, 1, 6, tzinfo=dt.UTC), text, plain_blocks(text),
                      edition / "articles" / "marche.md")  # fmt: skip
    speech = edition_script(config, [make_script(article, Lexicon.empty())], Lexicon.empty())
    lines = [s.text for s in speech.sentences]
    assert lines == [
        "Le Courrier, mardi 1er décembre 2026.",
        "Ce contenu audio est lu par une voix de synthèse.",  # said once, in French
        "L'article du jour, rubrique Ville.",
        "C'était Le Courrier du mardi 1er décembre 2026. Merci de votre écoute.",
    ]
    assert speech.sentences[0].spoken == "Le Courrier, mardi premier décembre deux mille vingt-six."
    assert speech.article.title == "Le Courrier: mardi 1er décembre 2026"
