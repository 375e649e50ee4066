"""English: the rules of ``english.py``, the boundary lists of ``wordlists.py``, the
edition's lines and the page strings as the templates and the player write them."""

from __future__ import annotations

import datetime as dt
from types import MappingProxyType

from audio_edition.text import english, numbers
from audio_edition.text.languages import Language, Phrases
from audio_edition.text.wordlists import ENGLISH

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip


def written_date(date: dt.date) -> str:
    """``Friday 27 November 2026``."""
    return f"{WEEKDAYS[date.weekday()]} {date.day} {MONTHS[date.month - 1]} {date.year}"


def spoken_date(date: dt.date, where: str = "intro") -> str:
    """``Friday the twenty-seventh of November 2026`` (the year is read by the rules)."""
    day = numbers.ordinal(date.day, "en")
    return f"{WEEKDAYS[date.weekday()]} the {day} of {MONTHS[date.month - 1]} {date.year}"


PHRASES = Phrases(
    intro="{title}, {date}.",
    outro="That was {title} for {date}. Thank you for listening.",
    only="Today's story",
    first="First",
    next="Next",
    last="Finally",
    desk="{lead}, from the {section} desk.",
    no_desk="{lead}.",
    written_date=written_date,
    spoken_date=spoken_date,
    disclosure="This audio is read by a synthetic voice.",
)

STRINGS = MappingProxyType(
    {
        # pages (site/templates)
        "language_name": "English",
        "audio_edition": "Audio edition",
        "todays_edition": "Today’s audio edition",
        "listen_to_edition": "Listen to the edition",
        "listen_to_article": "Listen to this article",
        "listen_mp3": "Listen (MP3)",
        "listen_mp3_duration": "Listen (MP3, {duration})",
        "play_item": "Play from: {title}",
        "listen_item": "Listen: {title}",
        "by_author": "By {author}",
        "articles_count": "{count} articles",
        "no_articles": "No articles in this edition.",
        "also_in": "Also in:",
        "subscribe_to": "Subscribe: {feed}",
        "feed_link": "{feed} (podcast feed)",
        "other_editions": "Other editions",
        "article_page": "Article page",
        "audio_files": "Audio files",
        "transcript_vtt": "Transcript (WebVTT)",
        "transcript_json": "Transcript (JSON)",
        "all_articles": "All articles in this edition",
        "synthetic_voice": "Read aloud by a synthetic voice.",
        "read_by_synthetic": "Read by a synthetic voice",
        "synthetic_about": "The audio on this page is not a recording of a person: "
        "a speech synthesizer reads the text as written.",
        "credentials_about": "Its MP3 files carry Content Credentials (C2PA), signed "
        "by the publisher, that name the tool and the voice.",
        "no_tracking": "No tracking: this page loads only its own audio and timing files.",
        # feeds (site/feeds.py, history.py)
        "in_this_edition": "In this edition: {titles}.",
        "feed_edition_about": "The daily edition: one episode a day, a chapter per article.",
        "feed_edition_label": "The daily edition, one episode a day",
        "feed_articles_title": "{title}: Articles",
        "feed_articles_about": "Every article as an episode of its own.",
        "feed_articles_label": "Every article, one episode each",
        "feed_section_about": "The articles of the {section} desk.",
        "feed_section_label": "The {section} desk’s articles",
        # player (site/static/player.js, through its labels attribute)
        "player_play": "Play",
        "player_pause": "Pause",
        "player_prev": "Previous article",
        "player_next": "Next article",
        "player_back": "Back {seconds} seconds",
        "player_fwd": "Forward {seconds} seconds",
        "player_seek": "Seek",
        "player_of": "{time} of {duration}",
        "player_speed": "Playback speed {rate}×",
        "player_copy": "Copy link at {time}",
        "player_copied": "Link to {time} copied",
        "player_dl": "Download MP3",
        "player_resume": "Resume from {time}",
    }
)
"""Page and player strings; every language gives the same keys and placeholders."""

LANGUAGE = Language(
    code="en",
    name="English",
    speak=english.speak,
    boundaries=ENGLISH,
    phrases=PHRASES,
    strings=STRINGS,
    announces_foreign=True,
)
