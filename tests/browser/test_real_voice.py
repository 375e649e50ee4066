"""The player on the edition rendered with the real voice (espeak-ng): the real timing path."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest import Rendered
from playwright.sync_api import Browser

from audio_edition.site.pages import clock
from audio_edition.site.serve import RunningServer

from .conftest import Tab, new_tab
from .test_player import PAGE, assert_highlight_follows, timing, wait_playing_past

pytestmark = pytest.mark.slow


@pytest.fixture
def real_tab(browser: Browser, real_site: RunningServer) -> Iterator[Tab]:
    """A fresh page on the espeak-ng site."""
    yield from new_tab(browser, real_site.url)


def test_real_voice_duration_and_highlight(real_tab: Tab, rendered_real: Rendered) -> None:
    data = timing(rendered_real)
    page = real_tab.open(PAGE)
    shown = page.text_content("audio-edition-player .aep-time")
    assert shown == f"0:00 / {clock(data['duration'])}"
    page.click('[data-sentence="2"]')
    wait_playing_past(real_tab, data["sentences"][2]["start"] + 0.5)
    assert_highlight_follows(real_tab, data, samples=4)
    assert not real_tab.warnings, real_tab.warnings
