"""Pages and player in the article's language: a French reader sees French controls
(issue 11, item 1: the page and player strings)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest import copy_edition
from playwright.sync_api import Browser

from audio_edition.build import render
from audio_edition.site.serve import RunningServer, start

from .conftest import Tab, new_tab

pytestmark = pytest.mark.slow

PLAYER = "document.querySelector('audio-edition-player')"


@pytest.fixture(scope="module")
def french_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    """The sample edition's English and French articles, each read by a fake voice of its
    language (a profile of the test's own), served on a free port."""
    base = tmp_path_factory.mktemp("french")
    edition = copy_edition(base / "edition", languages=("en", "fr"))
    (edition / "voices").mkdir()
    (edition / "voices" / "fake-fr.toml").write_text(
        'engine = "fake"\nlanguage = "fr"\n\n[fake]\nrate = 600\n', encoding="utf-8"
    )
    config = edition / "edition.toml"
    config.write_text(config.read_text(encoding="utf-8") + '\n[voices]\nfr = "fake-fr"\n')
    summary = render(edition, base / "out", cache_dir=base / "cache")
    assert not summary.failures, summary.failures
    server = start(base / "out", "127.0.0.1", 0)
    yield server
    server.stop()


@pytest.fixture
def french_tab(browser: Browser, french_site: RunningServer) -> Iterator[Tab]:
    """A fresh page on the French and English site."""
    yield from new_tab(browser, french_site.url)


def _labels(tab: Tab) -> list[str]:
    return tab.page.eval_on_selector_all(
        "audio-edition-player button:not([hidden])", "els => els.map(e => e.ariaLabel)"
    )


def test_a_french_article_has_french_controls(french_tab: Tab) -> None:
    page = french_tab.open("articles/marche-noel/")
    assert page.get_attribute("html", "lang") == "fr"
    assert page.text_content(".listen-label").startswith("Écouter cet article · ")
    assert _labels(french_tab) == [
        "Copier le lien à 0:00", "Lecture", "Reculer de 15 secondes",
        "Avancer de 15 secondes", "Vitesse de lecture 1×",
    ]  # fmt: skip
    slider = page.locator(".aep-seek")
    assert slider.get_attribute("aria-label") == "Position"
    shown = page.text_content(".aep-time")
    assert slider.get_attribute("aria-valuetext") == shown.replace(" / ", " sur ")
    page.click(".aep-speed")
    assert page.locator(".aep-speed").get_attribute("aria-label") == "Vitesse de lecture 1.25×"
    page.click(".aep-play")
    page.wait_for_function(f"() => {PLAYER}.audio.currentTime > 0.2")
    assert page.locator(".aep-play").get_attribute("aria-label") == "Pause"
    assert "Par " in page.text_content(".byline")
    assert not french_tab.warnings, french_tab.warnings


def test_the_french_edition_page_links_the_english_one(french_tab: Tab) -> None:
    page = french_tab.open("fr/")
    assert page.text_content("h1") == "L’édition audio du jour"
    assert page.text_content(".listen-label").startswith("Écouter l’édition · ")
    other = page.locator(".languages a")
    assert other.text_content() == "English" and other.get_attribute("hreflang") == "en"
    assert page.locator(".aep-prev").get_attribute("aria-label") == "Article précédent"


def test_an_english_page_keeps_the_english_player(french_tab: Tab) -> None:
    page = french_tab.open("articles/storm-warning/")
    assert page.locator("audio-edition-player").get_attribute("labels") is None
    assert "Play" in _labels(french_tab)
    page = french_tab.open("")
    assert page.locator(".languages a").text_content() == "Français"


def test_labels_are_text_never_markup(french_tab: Tab) -> None:
    """A publisher's labels reach the controls as words, whatever characters they hold."""
    page = french_tab.open("articles/storm-warning/")
    timing = page.get_attribute("audio-edition-player", "timing")
    hostile = '"><b id="injected">bold</b> & <i'
    page.evaluate(
        """([timing, label]) => {
             const p = document.createElement('audio-edition-player');
             p.id = 'second';
             p.setAttribute('timing', timing);
             p.setAttribute('labels', JSON.stringify({play: label}));
             document.body.append(p);
           }""",
        [timing, hostile],
    )
    assert page.locator("#injected").count() == 0
    assert page.locator("#second .aep-play").get_attribute("aria-label") == hostile
