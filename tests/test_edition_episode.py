"""The edition episode: intro, each article announced then read as in its own episode, outro;
one chapter per article, exact to the sample, in the ID3 tags and the Podcasting 2.0 JSON."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path

import numpy as np
import pytest
from audio_checks import ONE_MS, SAMPLE_RATE, best_lag, onset, read_wav
from conftest import Rendered, decode, write_article
from mutagen.id3 import ID3, CTOCFlags
from podcast_checks import render_into, small_edition

from audio_edition.cache import ClipCache
from audio_edition.config import EditionConfig, load_config
from audio_edition.edition import edition_script
from audio_edition.models import Article, Cue, Episode
from audio_edition.sources import Defaults, load_articles
from audio_edition.text.lexicon import Lexicon
from audio_edition.text.script import make_script
from audio_edition.voices import load_voice


def _timing(episode: Episode) -> dict:
    return json.loads(episode.files["timing"].read_text())


def _cache(rendered: Rendered, voice_name: str) -> ClipCache:
    voice = load_voice(voice_name, rendered.edition)
    return ClipCache(rendered.cache, voice)


def test_intro_announcements_and_outro(rendered_fake: Rendered) -> None:
    edition = rendered_fake.summary.edition
    sentences = _timing(edition)["sentences"]
    assert sentences[0]["text"] == "The Harbour Gazette, Friday 27 November 2026."
    said = "The Harbour Gazette, Friday the twenty-seventh of November "  # then the year
    assert sentences[0]["spoken"].startswith(said)
    assert sentences[-1]["text"].startswith("That was The Harbour Gazette for Friday 27 November")
    said_once = [s["text"] for s in sentences if s.get("kind") == "disclosure"]
    assert said_once == ["This audio is read by a synthetic voice."]  # once, after the intro
    assert sentences[1]["kind"] == "disclosure"
    own = [s["text"] for s in sentences if not s["article"] and not s.get("kind")]
    announcements = own[1:-1]
    assert announcements[0] == "First, from the Business desk."
    assert announcements[-1] == "Finally, from the City desk."
    assert [c.title for c in edition.chapters] == [e.title for e in rendered_fake.summary.episodes]
    assert (
        edition.mp3.name.startswith("edition-2026-11-27-")
        and edition.mp3.parent.name == "2026-11-27"
    )


def test_the_editions_own_lines_have_exact_spans(rendered_fake: Rendered) -> None:
    config = load_config(rendered_fake.edition)
    scripts = [make_script(a, Lexicon.empty()) for a in _articles(config)]
    speech = edition_script(config, scripts, Lexicon.empty())
    assert len(speech.sentences) == len(scripts) + 3  # intro, disclosure, outro
    for sentence in speech.sentences:
        block = speech.article.blocks[sentence.paragraph]
        text = speech.article.text
        assert text[sentence.start : sentence.end] == sentence.text == text[block.start : block.end]


def _articles(config: EditionConfig) -> list[Article]:
    morning = dt.datetime.combine(config.date, dt.time(6), tzinfo=dt.UTC)
    return load_articles(config.articles_dir, Defaults("Newsroom", "en", morning))


def test_each_article_keeps_its_own_timeline_inside_the_edition(rendered_fake: Rendered) -> None:
    edition = rendered_fake.summary.edition
    owners = [s["article"] for s in _timing(edition)["sentences"]]
    rate = edition.sample_rate
    for episode, chapter in zip(rendered_fake.summary.episodes, edition.chapters, strict=True):
        inside = [c for c, owner in zip(edition.cues, owners, strict=True) if owner == episode.slug]
        own = [c for c in episode.cues if c.sentence.kind == "text"]  # said once, by the edition
        assert len(own) == len(episode.cues) - 1
        assert [c.sentence for c in inside] == [c.sentence for c in own]
        shift = inside[0].start_frame - own[0].start_frame
        assert [(c.start_frame - shift, c.end_frame - shift) for c in inside] == [
            (c.start_frame, c.end_frame) for c in own
        ]  # the same frames, moved as one block
        announcement = _cue_before(edition.cues, inside[0])
        assert chapter.start * rate == pytest.approx(announcement.start_frame, abs=1e-6)
        pause = inside[0].start_frame - announcement.end_frame
        # The voice's sentence pause, plus the encoder's padding and delay where the
        # announcement's segment meets the article's own MP3 (at most three frames).
        assert round(0.300 * rate) <= pause <= round(0.300 * rate) + 3 * 576


def test_chapters_in_id3_and_json_agree(rendered_fake: Rendered) -> None:
    edition = rendered_fake.summary.edition
    tags = ID3(edition.mp3)
    assert tags.version == (2, 4, 0)  # signed: c2pa writes the tag as ID3v2.4, frames kept
    (toc,) = tags.getall("CTOC")
    assert toc.flags & CTOCFlags.TOP_LEVEL and toc.flags & CTOCFlags.ORDERED
    assert toc.sub_frames["TIT2"].text == ["Chapters"]
    chapters = json.loads(edition.files["chapters"].read_text())
    assert chapters["version"] == "1.2.0" and len(chapters["chapters"]) == len(
        toc.child_element_ids
    )
    for child, chapter, expected in zip(
        toc.child_element_ids, chapters["chapters"], edition.chapters, strict=True
    ):
        chap = tags[f"CHAP:{child}"]
        assert chap.start_time == round(expected.start * 1000)
        assert chap.sub_frames["TIT2"].text == [expected.title] == [chapter["title"]]
        assert chapter["startTime"] == round(expected.start, 3)
        assert chapter["url"].endswith("/index.html")
    assert tags.getall("APIC")[0].type == 3  # the cover, embedded


def test_ffprobe_lists_the_chapters_in_order(rendered_fake: Rendered) -> None:
    """Players that read CHAP frames in file order (ffprobe, apps built on ffmpeg) see the
    chapters in time order: mutagen alone writes them ordered by their size."""
    edition = rendered_fake.summary.edition
    probed = subprocess.run(
        ["ffprobe", "-v", "error", "-show_chapters", "-of", "json", str(edition.mp3)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    listed = json.loads(probed.stdout)["chapters"]
    assert [c["tags"]["title"] for c in listed] == [c.title for c in edition.chapters]
    starts = [float(c["start_time"]) for c in listed]
    assert starts == sorted(starts) and len(set(len(c.title) for c in edition.chapters)) > 1


def test_chapter_starts_are_where_their_audio_starts_fake(rendered_fake: Rendered) -> None:
    """Decoded as a player would, each chapter's first clip begins at its start (<= 1 ms)."""
    edition = rendered_fake.summary.edition
    audio = decode(edition.mp3)
    assert abs(len(audio) - round(edition.duration * SAMPLE_RATE)) <= 2 * ONE_MS
    cache = _cache(rendered_fake, "test-fake")
    starts = {round(c.start * SAMPLE_RATE) for c in edition.chapters}
    checked = 0
    for cue in edition.cues:
        expected = cue.start_frame
        if expected not in starts and cue.sentence.index != 0:
            continue  # the intro, the announcements and each article's headline
        clip = read_wav(cache.path_for(cue.sentence.spoken))
        level = 0.4 * float(abs(clip).max()) * _gain(audio, clip, expected)
        assert abs(onset(audio, expected, level)) <= ONE_MS, cue.sentence.text
        checked += 1
    assert checked == 2 * len(edition.chapters) + 1  # + the intro


@pytest.mark.slow
def test_chapter_starts_are_where_their_audio_starts_real(rendered_real: Rendered) -> None:
    """With espeak-ng speech: the announcement clip, cross-correlated, sits at the chapter start."""
    edition = rendered_real.summary.edition
    audio = decode(edition.mp3)
    cache = _cache(rendered_real, "en-default")
    by_start = {cue.start_frame: cue.sentence for cue in edition.cues}
    for chapter in edition.chapters:
        expected = round(chapter.start * SAMPLE_RATE)
        clip = read_wav(cache.path_for(by_start[expected].spoken))
        assert abs(best_lag(audio, clip, expected)) <= ONE_MS, chapter.title


def test_articles_are_not_synthesized_twice(tmp_path: Path, engine_requests: list[str]) -> None:
    asked = engine_requests
    summary = render_into(small_edition(tmp_path / "edition"), tmp_path / "out")
    spoken = {c.sentence.spoken for e in summary.episodes for c in e.cues}
    assert len(asked) == len(set(asked))  # nothing twice
    new = set(asked) - spoken  # the edition's own lines: intro, 2 announcements, outro
    assert len(new) == 4 and set(asked) >= spoken


def _cue_before(cues: tuple[Cue, ...], cue: Cue) -> Cue:
    return cues[cues.index(cue) - 1]


def _gain(audio: np.ndarray, clip: np.ndarray, start: int) -> float:
    """How much mastering scaled this clip (peak ratio over its middle)."""
    middle = slice(len(clip) // 4, len(clip) // 2)
    shifted = slice(start + len(clip) // 4, start + len(clip) // 2)
    return float(abs(audio[shifted]).max() / abs(clip[middle]).max())


def test_two_announcements_alike_make_one_segment(tmp_path: Path) -> None:
    """Two articles in a row from one desk are announced alike ("Next, from the Harbour
    desk."): the same segment twice in the edition, mastered once."""
    edition = small_edition(tmp_path / "edition")
    texts = ("Crews repaired the north quay.", "The ferry sails again.", "Pilots are busy.")
    for n, text in enumerate(texts):
        when = f"2026-11-27T0{n + 4}:30:00+00:00"  # before the other articles: first, next, next
        write_article(edition, f"harbour-{n}.md", text, slug=f"harbour-{n}",
                      section="Harbour", title=f"Harbour news {n}", date=when)  # fmt: skip
    summary = render_into(edition, tmp_path / "out")
    assert summary.edition is not None
    said = [c.sentence.text for c in summary.edition.cues]
    assert said.count("Next, from the Harbour desk.") == 2
