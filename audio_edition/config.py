"""Typed configuration: ``edition.toml`` plus command-line overrides, validated once.

The dataclasses below are the schema: each field's type, range or allowed values
(``schema.setting``) is checked by ``schema.read_table`` before anything is
written. Every problem in the file is collected and reported on one line naming
it, ``<path>: Config value 'table.key': ...; ...``; paths are resolved relative
to the file (docs/architecture.md, "Configuration").
"""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from audio_edition import valid
from audio_edition.audio.bitrates import ANY_RATE, lame_bitrates
from audio_edition.disclosure_config import (
    CredentialsSettings,
    DisclosureSettings,
    check_credentials,
    check_disclosure,
)
from audio_edition.errors import ConfigError
from audio_edition.schema import read_table, setting
from audio_edition.site.categories import apple_category
from audio_edition.sources.settings import SourceSettings, read_sources

CONFIG_NAME = "edition.toml"
MAX_WORKERS = 1024
"""More synthesis workers than any machine runs; fewer than this but more than the
machine can run are capped to its cores and memory when the render starts."""


def _bitrate(kbps: Any) -> str | None:
    if kbps in ANY_RATE:
        return None
    return f"is not a bitrate LAME encodes ({', '.join(map(str, ANY_RATE))})"


@dataclass(frozen=True)
class Publication:
    """The newspaper: what the feed and the tags say about it (``[publication]``)."""

    title: str = setting(check=valid.words)
    """Publication name."""
    description: str = setting(check=valid.words, lines=True)
    """One or two sentences about it."""
    language: str = setting(check=valid.language_tag)
    """BCP 47 language tag of the publication (``en``, ``en-GB``)."""
    author: str = setting(check=valid.words)
    """The newsroom, as credited in tags and the feed."""
    site_url: str = setting(check=valid.http_url)
    """Home page of the publication."""
    base_url: str = setting(check=valid.http_url)
    """Absolute URL where the output folder is published (a ``/`` is added at the end)."""
    category: str = setting("News", check=apple_category)
    """Apple Podcasts category, optionally with a subcategory: ``"News > Daily News"``."""
    explicit: bool = setting(False)
    """Whether the feed is marked explicit."""
    artwork: Path | None = setting(None)
    """Cover image (JPEG or PNG), relative to ``edition.toml``; ``None``: a generated one."""


@dataclass(frozen=True)
class EditionSettings:
    """The ``[edition]`` table: which day, read by which voice."""

    date: dt.date = setting()
    """Date of the edition (``2026-11-27``)."""
    voice: str = setting("en-default", check=valid.token)
    """Voice profile name (``voices/<name>.toml``) or path to a profile."""


@dataclass(frozen=True)
class AudioSettings:
    """How episodes are normalized and encoded (``[audio]``)."""

    bitrate_kbps: int = setting(64, check=_bitrate)
    """Constant MP3 bitrate: one LAME encodes at the voice's sample rate. Every voice
    we ship speaks at 22,050 Hz, which MP3 encodes as MPEG-2 Layer III: 8, 16, 24, 32,
    40, 48, 56, 64, 80, 96, 112, 128, 144 or 160 (a voice at 32 kHz or more: 32 to
    320). Checked against the voice before anything is written (``audio/bitrates.py``)."""
    encoder_quality: int = setting(5, low=0, high=9)
    """LAME's algorithm quality, 0 (best, slowest) to 9 (fastest); 5 is twice as fast
    as LAME's default 3 and, for speech at 64 kbps, sounds the same."""
    loudness_lufs: float = setting(-16.0, low=-36.0, high=-6.0)
    """Integrated loudness target (podcast norm: -16)."""
    true_peak_dbtp: float = setting(-1.5, low=-9.0, high=0.0)
    """True peak ceiling before encoding (the norm asks for at most -1)."""


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/audio-edition/clips`` (``~/.cache`` by default)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "audio-edition" / "clips"


@dataclass(frozen=True)
class SynthesisSettings:
    """How speech is produced (``[synthesis]``)."""

    workers: int = setting(0, low=0, high=MAX_WORKERS)
    """Worker processes; 0 means one per core. More than the machine's cores, or than
    its free memory holds (each engine says how much a worker needs), are capped."""
    timeout_s: float = setting(120.0, low=1.0, high=3600.0)
    """Seconds one clip may take before its worker is killed."""
    cache_dir: Path = field(default_factory=default_cache_dir)
    """Where synthesized clips are kept, keyed by content (relative to ``edition.toml``)."""
    scheduler: str = setting("", check=valid.scheduler_address)
    """A Dask scheduler (``tcp://host:8786``) whose workers speak the clips instead of
    local processes; this machine still checks, caches and masters them. ``""``: local."""


@dataclass(frozen=True)
class FeedSettings:
    """What the podcast feed lists and declares (``[feed]``)."""

    max_episodes: int = setting(100, low=1, high=5000)
    """Newest episodes each feed lists; older ones stay in the catalog, on disk and on the
    archive page."""
    locked: bool = setting(True)
    """``podcast:locked``: ask other platforms not to import the feed."""
    owner_email: str = setting("", check=valid.email)
    """Owner's e-mail for ``itunes:owner`` and ``podcast:locked`` (optional)."""
    sections: bool = setting(False)
    """Also publish one feed per section (``sections/<section>.xml``) of its articles."""
    keep_superseded_hours: float = setting(48.0, low=0, high=24 * 90)
    """Hours an MP3 replaced by a new version (an edited article) stays on disk, with its
    side files: podcast apps may be downloading it. Then the next render removes it."""


@dataclass(frozen=True)
class EditionConfig:
    """Everything ``render`` needs to know about one edition."""

    root: Path
    """Folder holding ``edition.toml`` and ``articles/``."""
    publication: Publication
    """The newspaper."""
    date: dt.date
    """Date of the edition."""
    voice: str
    """Voice profile name (``voices/<name>.toml``) or path to a profile."""
    audio: AudioSettings
    """Normalization and encoding."""
    synthesis: SynthesisSettings
    """Speech production."""
    feed: FeedSettings = field(default_factory=FeedSettings)
    """The podcast feed."""
    voices: dict[str, str] = field(default_factory=dict)
    """``[voices]``: the voice profile for articles in each other language (``fr =
    "fr-default"``); ``voice`` reads the publication's language."""
    sources: tuple[SourceSettings, ...] = ()
    """``[[sources]]``: where the articles come from, in order; none: the ``articles/``
    folder (``article_sources``)."""
    disclosure: DisclosureSettings = field(default_factory=DisclosureSettings)
    """The spoken notice that the voice is synthetic."""
    credentials: CredentialsSettings = field(default_factory=CredentialsSettings)
    """Who signs the MP3s' Content Credentials (unsigned if none)."""
    edition_language: str = ""
    """Set on the configuration of the edition of another language than the
    publication's (``fr``): its episode, page and feeds go under ``<language>/``."""

    @property
    def prefix(self) -> str:
        """Where this edition's page and feeds go in the output folder: ``""`` or ``fr/``."""
        return f"{self.edition_language}/" if self.edition_language else ""

    def for_language(self, language: str) -> EditionConfig:
        """The configuration of the edition of the articles in ``language`` (a base
        language code): the publication's own edition, or one under ``<language>/``."""
        if not language or language == self.publication.language.split("-")[0].lower():
            return self
        return replace(
            self,
            publication=replace(self.publication, language=language),
            disclosure=replace(self.disclosure, text=""),  # its language's own phrase
            edition_language=language,
        )

    def voice_names(self) -> dict[str, str]:
        """The voice profile configured for each language: the publication's language
        reads with ``voice``, others as ``[voices]`` says (a language with neither reads
        with its built-in ``<language>-default`` profile, where there is one)."""
        own = self.publication.language.split("-")[0].lower()
        return {**{k.lower(): v for k, v in self.voices.items()}, own: self.voice}

    @property
    def articles_dir(self) -> Path:
        """Folder of the article files."""
        return self.root / "articles"

    @property
    def article_sources(self) -> tuple[SourceSettings, ...]:
        """The configured sources, or the ``articles/`` folder when there are none."""
        return self.sources or (SourceSettings(kind="markdown", path=self.articles_dir),)

    @property
    def fetched_dir(self) -> Path:
        """Where pages read from the web are kept between renders, with their ETag and
        Last-Modified, so an unchanged one is not downloaded again."""
        return self.synthesis.cache_dir / "fetched"

    @property
    def path(self) -> Path:
        """The ``edition.toml`` it was read from."""
        return self.root / CONFIG_NAME


TABLES: dict[str, type[Any]] = {
    "publication": Publication,
    "edition": EditionSettings,
    "audio": AudioSettings,
    "synthesis": SynthesisSettings,
    "feed": FeedSettings,
    "disclosure": DisclosureSettings,
    "credentials": CredentialsSettings,
}
"""Every table of ``edition.toml`` and its schema."""
REQUIRED = ("publication", "edition")
VOICES = "voices"
"""The table mapping languages to voice profiles (free keys: language tags)."""
SOURCES = "sources"
"""The array of tables ``[[sources]]``, each read into a ``SourceSettings``."""


def load_config(root: Path, **overrides: Any) -> EditionConfig:
    """Read ``root/edition.toml``, apply non-None ``overrides``, validate everything once."""
    path = root / CONFIG_NAME
    if not path.is_file():
        raise ConfigError(f"{path}: not found; an edition folder needs an {CONFIG_NAME}")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc}); fix the syntax") from exc
    problems: list[str] = []
    config = _build(root.resolve(), data, problems)
    if problems or config is None:
        raise ConfigError(f"{path}: " + "; ".join(problems))
    return _override(config, {k: v for k, v in overrides.items() if v is not None})


def _build(root: Path, data: dict[str, Any], problems: list[str]) -> EditionConfig | None:
    tables = _tables(data, problems)
    sources = read_sources(data.get(SOURCES, []), root, SOURCES, problems)
    pub: Publication | None = tables.get("publication")
    if pub is not None and pub.artwork is not None:
        pub = replace(pub, artwork=_existing(root / pub.artwork, "publication.artwork", problems))
    credentials = check_credentials(root, tables.get("credentials"), problems)
    check_disclosure(tables.get("disclosure"), problems)
    if problems or pub is None or credentials is None:
        return None
    synthesis: SynthesisSettings = tables["synthesis"]
    if "cache_dir" in data.get("synthesis", {}):
        synthesis = replace(synthesis, cache_dir=(root / synthesis.cache_dir).resolve())
    return EditionConfig(
        root=root,
        publication=_with_slash(pub),
        date=tables["edition"].date,
        voice=tables["edition"].voice,
        audio=tables["audio"],
        synthesis=synthesis,
        feed=tables["feed"],
        voices=tables[VOICES],
        sources=sources,
        disclosure=tables["disclosure"],
        credentials=credentials,
    )


def _tables(data: dict[str, Any], problems: list[str]) -> dict[str, Any]:
    """Each table read into its dataclass (``None`` where it has problems)."""
    for key in data:
        if key not in TABLES and key not in (VOICES, SOURCES):
            known = ", ".join([*TABLES, VOICES, SOURCES])
            problems.append(f"Config value '{key}': unknown table (known: {known})")
    tables: dict[str, Any] = {VOICES: _voices(data.get(VOICES, {}), problems)}
    for name, schema in TABLES.items():
        if name not in data and name in REQUIRED:
            problems.append(f"Config value '{name}': missing table [{name}]")
        else:
            tables[name] = read_table(schema, data.get(name, {}), name, problems)
    return tables


def _voices(table: Any, problems: list[str]) -> dict[str, str]:
    """``[voices]``: language tag = voice profile."""
    if not isinstance(table, dict):
        problems.append(f"Config value '{VOICES}': must be a table like fr = \"fr-default\"")
        return {}
    for language, name in table.items():
        if problem := valid.language_tag(language):
            problems.append(f"Config value '{VOICES}.{language}': the language {problem}")
        if problem := valid.token(name):
            problems.append(f"Config value '{VOICES}.{language}': {name!r} {problem}")
    return {str(k): str(v) for k, v in table.items()}


def _existing(path: Path, name: str, problems: list[str]) -> Path:
    if not path.is_file():
        problems.append(f"Config value '{name}': {path} does not exist")
    return path


def check_bitrate(config: EditionConfig, sample_rate: int, voice: str) -> None:
    """Raise ConfigError (naming ``edition.toml``) unless LAME encodes the configured
    bitrate at the voice's ``sample_rate``: it would silently take another."""
    kbps, allowed = config.audio.bitrate_kbps, lame_bitrates(sample_rate)
    if kbps not in allowed:
        raise ConfigError(
            f"{config.path}: Config value 'audio.bitrate_kbps': {kbps} is not a bitrate LAME "
            f"encodes at {sample_rate} Hz, the sample rate of voice '{voice}' "
            f"({', '.join(map(str, allowed))})"
        )


def _with_slash(publication: Publication) -> Publication:
    base = publication.base_url
    return replace(publication, base_url=base if base.endswith("/") else base + "/")


def _override(config: EditionConfig, overrides: dict[str, Any]) -> EditionConfig:
    """Apply command-line overrides: ``voice``, ``workers``, ``cache_dir``, ``scheduler``,
    ``base_url``."""
    if "base_url" in overrides:
        url = overrides["base_url"]
        if problem := valid.http_url(url):
            raise ConfigError(f"Config value '--base-url': {url!r} {problem}")
        pub = _with_slash(replace(config.publication, base_url=url))
        config = replace(config, publication=pub)
    if "voice" in overrides:
        config = replace(config, voice=overrides["voice"])
    address = overrides.get("scheduler")
    if address is not None and (problem := valid.scheduler_address(address)):
        raise ConfigError(f"Config value '--scheduler': {address!r} {problem}")
    synth = {k: overrides[k] for k in ("workers", "cache_dir", "scheduler") if k in overrides}
    if synth:
        config = replace(config, synthesis=replace(config.synthesis, **synth))
    return config
