"""Every type that crosses a module boundary.

Data flows one way: ``Article`` -> ``Script`` (sentences with spans and spoken
forms) -> ``Clip`` per sentence -> ``Track`` (PCM on disk + cues) ->
``Episode`` (MP3, duration, cues, chapters) -> feed and pages.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

BlockKind = Literal["headline", "summary", "paragraph"]
SentenceKind = Literal["text", "disclosure"]
"""``text``: written in the article (or the edition's own lines); ``disclosure``: the
spoken notice that a synthetic voice reads, which no page text holds."""


@dataclass(frozen=True)
class Block:
    """One readable block of an article: the headline, the summary or a paragraph."""

    kind: BlockKind
    """What the block is; decides the pause that follows it."""
    start: int
    """Offset of the block's first character in ``Article.text``."""
    end: int
    """Offset one past the block's last character in ``Article.text``."""


@dataclass(frozen=True)
class Article:
    """One article as the editor wrote it, read from its source file."""

    slug: str
    """Identity of the article: stable, URL-safe, unique in the edition."""
    title: str
    """Headline as written."""
    summary: str
    """Standfirst as written (may be empty)."""
    author: str
    """Byline."""
    section: str
    """Desk or section name (may be empty)."""
    language: str
    """BCP 47 language tag, e.g. ``en`` or ``en-GB``."""
    date: dt.datetime
    """Publication time, timezone-aware."""
    text: str
    """Plain text read aloud: headline, summary and paragraphs joined by blank lines."""
    blocks: tuple[Block, ...]
    """The blocks of ``text`` in reading order."""
    source: Path | str
    """Where the article was read from, for messages and ``script``: its file, or the
    URL of its page, feed or API (docs/architecture.md, "Sources")."""
    image: Path | None = None
    """The article's picture (front matter ``image``), its episode's artwork; ``None``:
    the publication's cover."""
    link: str = ""
    """The article's canonical web address (read from the web): its episode's link;
    empty for a file, whose episode links to its page in the output folder."""

    @property
    def origin(self) -> str:
        """The source, as messages name it: a file's name, or the whole URL."""
        return self.source.name if isinstance(self.source, Path) else self.source


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article, as written and as it will be spoken."""

    index: int
    """Position of the sentence in the article, from 0."""
    paragraph: int
    """Index of the block it belongs to (0 is the headline)."""
    start: int
    """Offset of the sentence's first character in ``Article.text``."""
    end: int
    """Offset one past its last character in ``Article.text``."""
    text: str
    """The sentence exactly as written: ``Article.text[start:end]``."""
    spoken: str
    """What the engine is asked to say (numbers, abbreviations expanded)."""
    kind: SentenceKind = "text"
    """``disclosure`` for the spoken notice that the voice is synthetic (its span is
    empty: it is not in the article's text; the player highlights nothing meanwhile)."""


@dataclass(frozen=True)
class Script:
    """An article ready for synthesis."""

    article: Article
    """The article read."""
    sentences: tuple[Sentence, ...]
    """Every sentence in reading order (those with nothing to say are left out)."""
    spelled: tuple[str, ...] = ()
    """Words the front end will read letter by letter because it does not know them."""


@dataclass(frozen=True)
class Pauses:
    """Silences inserted between sentences, in milliseconds."""

    after_headline_ms: int = 700
    """After the headline (and after the summary)."""
    sentence_ms: int = 300
    """Between two sentences of one paragraph."""
    paragraph_ms: int = 650
    """Between paragraphs."""


class EngineSettings:
    """Base of an engine's own settings: the frozen dataclass read from the voice
    profile's table named after the engine (``[pyttsx3]``, ``[piper]``, ``[fake]``)."""

    def words_per_minute(self) -> float:
        """About how fast the voice reads, for estimates before synthesis (a news
        reader's 160 unless the engine knows better)."""
        return 160.0


@dataclass(frozen=True)
class Voice:
    """A voice, the unit of speech: an engine with its model and every setting,
    resolved from a voice profile (``voices/*.toml``) and checked."""

    name: str
    """Profile name (file stem)."""
    engine: str
    """Engine that speaks it: ``pyttsx3``, ``piper`` or ``fake``."""
    language: str
    """BCP 47 language the voice reads."""
    settings: EngineSettings
    """The engine's own settings (model, speed, ...), validated."""
    pauses: Pauses
    """Silences between sentences and paragraphs."""
    sample_rate: int
    """Samples per second of every clip it speaks."""
    identity: str
    """Cache identity: engine name and version, model digest and every synthesis
    setting; clips made with another identity are never reused."""
    word_timings: bool
    """Whether the engine reports when each word is spoken."""
    profile: Path
    """The profile file it was read from."""
    describe: str = ""
    """A few words for people: the espeak-ng voice, or the model and where it is."""
    worker_mb: int = 200
    """Memory one synthesis worker needs for this voice, in MB (the engine's estimate)."""


@dataclass(frozen=True)
class SynthesisRequest:
    """One piece of text for an engine to speak into one WAV file."""

    text: str
    """Spoken form; never empty or whitespace-only."""
    path: Path
    """Where the engine writes the WAV (word timings, if any, go beside it)."""


@dataclass(frozen=True)
class WordTiming:
    """Where one spoken word lies in a clip, in samples from the clip's first sample."""

    start_frame: int
    """First sample of the word."""
    end_frame: int
    """One past its last sample."""


@dataclass(frozen=True)
class Clip:
    """The audio of one sentence: a mono 16-bit WAV on disk."""

    sentence: Sentence
    """The sentence spoken."""
    paths: tuple[Path, ...]
    """WAV files (in the cache) played one after the other: one, unless the
    sentence was too long to synthesize in one piece."""
    frames: int
    """Number of samples; timings are computed from this, never from milliseconds."""
    sample_rate: int
    """Samples per second."""
    words: tuple[WordTiming, ...] | None = None
    """One entry per whitespace-separated word of ``sentence.spoken`` (every piece
    joined, offsets from the clip's start), or ``None`` where the engine gives no
    word timings."""


@dataclass(frozen=True)
class Word:
    """One written word of a sentence and when it is spoken, on an episode's timeline."""

    start: int
    """Offset of the word's first character in ``Article.text``."""
    end: int
    """Offset one past its last character in ``Article.text``."""
    start_frame: int
    """First sample of the word's audio."""
    end_frame: int
    """One past its last sample."""


@dataclass(frozen=True)
class Cue:
    """Where one sentence lies on an episode's timeline, in samples."""

    sentence: Sentence
    """The sentence."""
    start_frame: int
    """First sample of the sentence's audio."""
    end_frame: int
    """One past its last sample."""
    words: tuple[Word, ...] | None = None
    """The sentence's written words with their times, or ``None`` where the engine
    gave no word timings (the player then highlights whole sentences)."""


@dataclass(frozen=True)
class Track:
    """Stitched PCM of one episode on disk, with the timeline of its sentences."""

    wav: Path
    """Mono 16-bit WAV of the whole episode."""
    sample_rate: int
    """Samples per second."""
    frames: int
    """Total number of samples."""
    cues: tuple[Cue, ...]
    """Every sentence with its place on the timeline."""
    loudness_lufs: float | None = None
    """Integrated loudness of the PCM, metered from the clips while stitching."""


@dataclass(frozen=True)
class Loudness:
    """A loudness measurement (EBU R 128)."""

    integrated_lufs: float
    """Integrated loudness."""
    true_peak_dbtp: float | None
    """Maximum true peak, or ``None`` where it was not measured (an MP3 mastered before
    its true peak was recorded in its tags; ``audio-edition check`` measures it)."""


@dataclass(frozen=True)
class Chapter:
    """A chapter of the edition episode: one article."""

    title: str
    """Chapter title (the headline)."""
    start: float
    """Start in seconds."""
    end: float
    """End in seconds."""
    url: str = ""
    """Link to the article page, if any."""


@dataclass(frozen=True)
class Episode:
    """A finished, tagged MP3 and everything published beside it."""

    slug: str
    """Identity of the episode (the article slug, or ``edition-<date>``)."""
    title: str
    """Episode title."""
    mp3: Path
    """The final, tagged MP3."""
    duration: float
    """Duration in seconds, from the sample count."""
    sample_rate: int
    """Samples per second of the timeline."""
    cues: tuple[Cue, ...]
    """Sentence timeline."""
    loudness: Loudness
    """Loudness measured on the final PCM."""
    files: dict[str, Path] = field(default_factory=dict)
    """Side files by kind: ``timing``, ``vtt``, ``transcript``, ``chapters``."""
    chapters: tuple[Chapter, ...] = ()
    """Chapters (edition episode only)."""


@dataclass(frozen=True)
class Published:
    """An article and the episode published for it."""

    article: Article
    """The article as written."""
    episode: Episode
    """Its audio and side files, in the output folder."""
    encoded: bool = True
    """Whether its MP3 was encoded by this render (false: the unchanged one was kept)."""


@dataclass(frozen=True)
class Edition:
    """One language's part of a render: its articles and their edition episode."""

    language: str
    """``""`` for the publication's own language, else a base language code (``fr``):
    that edition's episode, page and feeds go under ``<language>/``."""
    published: tuple[Published, ...]
    """Its articles, published, in the edition's order."""
    episode: Episode | None
    """Its edition episode (``None``: withdrawn, failed, or no article published)."""


@dataclass(frozen=True)
class RenderSummary:
    """What one ``render`` produced, for the closing summary."""

    out_dir: Path
    """The output folder."""
    episodes: tuple[Episode, ...]
    """Episodes rendered (one per article that did not fail)."""
    failures: tuple[str, ...]
    """One line per article that failed (the others were still published)."""
    wall_seconds: float
    """Time the render took."""
    edition: Episode | None = None
    """The edition episode (all articles, with chapters), unless no article was rendered."""
    voice: str = ""
    """Which voice read it, for people: profile name, engine and model."""
    clips_made: int = 0
    """Clips synthesized by this render."""
    clips_reused: int = 0
    """Clips taken from the cache."""
    encoded: int = 0
    """Article MP3s encoded by this render (the others were unchanged, and kept)."""
    languages: tuple[str, ...] = ()
    """The other languages with an edition of their own (``fr``), under ``<language>/``."""

    @property
    def audio_seconds(self) -> float:
        """Total duration of the episodes rendered."""
        return sum(e.duration for e in self.episodes)


EpisodeKind = Literal["article", "edition"]


@dataclass(frozen=True)
class Channel:
    """What ``feed.xml`` says about the podcast as a whole.

    Kept in the catalog, so the feed can be written again (``withdraw``)
    without the edition folder.
    """

    title: str
    """Podcast title: the publication's name."""
    description: str
    """What the podcast is about."""
    language: str
    """BCP 47 language of the podcast."""
    author: str
    """The newsroom (``itunes:author``)."""
    base_url: str
    """Absolute URL the output folder is published at, ending with ``/``."""
    cover: str
    """Cover image, relative to the output folder (ends ``.jpg`` or ``.png``)."""
    category: str
    """Apple Podcasts category, ``"News"`` or with a subcategory ``"News > Daily News"``."""
    explicit: bool
    """Whether the podcast is marked explicit."""
    locked: bool
    """``podcast:locked``: other platforms must not import the feed."""
    owner_email: str
    """Owner's e-mail (``itunes:owner``, ``podcast:locked owner``), or empty."""
    max_episodes: int
    """How many of the newest episodes the feed lists."""
    podcast_guid: str
    """``podcast:guid``: UUIDv5 of the feed URL when the catalog was created; never changes."""
    updated: dt.datetime
    """When the newest edition came out: ``lastBuildDate`` of a feed with no episodes."""
    sections: bool = False
    """Whether each section also gets a feed of its own articles."""
    path: str = "feed.xml"
    """Where this feed is, relative to the output folder (one channel per feed)."""

    @property
    def feed_url(self) -> str:
        """Absolute URL of this feed."""
        return self.base_url + self.path


@dataclass(frozen=True)
class FeedEntry:
    """One published episode, as the catalog records it and the feed lists it.

    Paths are relative to the output folder; URLs are made from them and the
    channel's base URL when the feed is written.
    """

    guid: str
    """Derived from the article's identity when first published; never changes."""
    kind: EpisodeKind
    """An article's episode or an edition episode."""
    slug: str
    """Article slug, or ``edition-<date>``."""
    edition: dt.date
    """Date of the edition that last published it."""
    title: str
    """Episode title (the headline)."""
    summary: str
    """Episode description, plain text."""
    author: str
    """Byline."""
    language: str
    """BCP 47 language of the episode (transcripts too)."""
    published: dt.datetime
    """Publication time, timezone-aware (UTC in the catalog)."""
    page: str
    """Web page of the episode (article page, or the edition page)."""
    mp3: str
    """Enclosure: the versioned, tagged MP3."""
    length: int
    """Byte count of the MP3 (enclosure length)."""
    duration: float
    """Duration of the audio in seconds."""
    vtt: str
    """WebVTT captions."""
    transcript: str
    """Podcasting 2.0 JSON transcript."""
    chapters: str = ""
    """Podcasting 2.0 JSON chapters (edition episodes), or empty."""
    section: str = ""
    """The article's desk or section (empty for editions and articles without one)."""
    body: str = ""
    """The text read, paragraphs separated by blank lines (``content:encoded``)."""
    image: str = ""
    """The episode's own artwork (``itunes:image``), or empty: the publication's cover."""
    link: str = ""
    """The article's canonical web address, the item's ``<link>`` (an article read from
    the web); empty: its page in the output folder (``page``)."""
