"""Typed configuration: ``edition.toml`` plus command-line overrides, validated once.

Every problem is collected and reported together as ``Config value 'x': ...``;
paths are resolved relative to the config file.
"""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from audio_edition.errors import ConfigError

CONFIG_NAME = "edition.toml"


@dataclass(frozen=True)
class Publication:
    """The newspaper: what the feed and the tags say about it."""

    title: str
    """Publication name."""
    description: str
    """One or two sentences about it."""
    language: str
    """BCP 47 language tag of the publication."""
    author: str
    """The newsroom, as credited in tags and the feed."""
    site_url: str
    """Home page of the publication."""
    base_url: str
    """Absolute URL where the output folder is published, ending with ``/``."""
    category: str = "News"
    """Podcast category."""
    explicit: bool = False
    """Whether the feed is marked explicit."""
    artwork: Path | None = None
    """Cover image (JPEG or PNG), or ``None`` for a generated one."""


@dataclass(frozen=True)
class AudioSettings:
    """How episodes are normalized and encoded."""

    bitrate_kbps: int = 64
    """Constant MP3 bitrate."""
    encoder_quality: int = 5
    """LAME's algorithm quality, 0 (best, slowest) to 9 (fastest); 5 is twice as fast
    as LAME's default 3 and, for speech at 64 kbps, sounds the same."""
    loudness_lufs: float = -16.0
    """Integrated loudness target (podcast norm: -16)."""
    true_peak_dbtp: float = -1.5
    """True peak ceiling before encoding (the norm asks for at most -1)."""


@dataclass(frozen=True)
class SynthesisSettings:
    """How speech is produced."""

    workers: int = 0
    """Worker processes; 0 means one per core."""
    timeout_s: float = 120.0
    """Seconds one clip may take before its worker is killed."""
    cache_dir: Path = field(default_factory=lambda: default_cache_dir())
    """Where synthesized clips are kept, keyed by content."""


@dataclass(frozen=True)
class FeedSettings:
    """What the podcast feed lists and declares (``[feed]``)."""

    max_episodes: int = 100
    """Newest episodes listed in ``feed.xml``; older ones stay in the catalog and on disk."""
    locked: bool = True
    """``podcast:locked``: ask other platforms not to import the feed."""
    owner_email: str = ""
    """Owner's e-mail for ``itunes:owner`` and ``podcast:locked`` (optional)."""


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

    @property
    def articles_dir(self) -> Path:
        """Folder of the article files."""
        return self.root / "articles"


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/audio-edition/clips`` (``~/.cache`` by default)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "audio-edition" / "clips"


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
    if problems:
        raise ConfigError(f"{path}: " + "; ".join(problems))
    assert config is not None
    return _override(config, {k: v for k, v in overrides.items() if v is not None})


def _build(root: Path, data: dict[str, Any], problems: list[str]) -> EditionConfig | None:
    pub = _table(data, "publication", problems)
    edition = _table(data, "edition", problems)
    audio = _table(data, "audio", problems, required=False)
    synth = _table(data, "synthesis", problems, required=False)
    feed = _feed(_table(data, "feed", problems, required=False), problems)
    text = {
        k: _str(pub, f"publication.{k}", problems)
        for k in ("title", "description", "language", "author", "site_url", "base_url")
    }
    for key in ("site_url", "base_url"):
        _check_url(text[key], f"publication.{key}", problems)
    artwork = pub.get("artwork")
    if artwork is not None and not (root / str(artwork)).is_file():
        problems.append(f"Config value 'publication.artwork': {root / str(artwork)} does not exist")
    date = _date(edition.get("date"), problems)
    voice = edition.get("voice", "en-default")
    if problems or date is None:
        return None
    publication = Publication(
        **text,
        category=str(pub.get("category", "News")),
        explicit=bool(pub.get("explicit", False)),
        artwork=(root / str(artwork)) if artwork else None,
    )
    return EditionConfig(
        root=root,
        publication=_with_slash(publication),
        date=date,
        voice=str(voice),
        audio=AudioSettings(**_known(audio, AudioSettings, "audio", problems)),
        synthesis=_synthesis(root, synth, problems),
        feed=feed,
    )


def _table(data: dict[str, Any], name: str, problems: list[str], required: bool = True) -> Any:
    value = data.get(name)
    if value is None:
        if required:
            problems.append(f"Config value '{name}': missing table [{name}]")
        return {}
    if not isinstance(value, dict):
        problems.append(f"Config value '{name}': must be a table")
        return {}
    return value


def _str(table: dict[str, Any], name: str, problems: list[str]) -> str:
    value = table.get(name.split(".")[-1])
    if not isinstance(value, str) or not value.strip():
        problems.append(f"Config value '{name}': missing or empty")
        return ""
    return value.strip()


def _check_url(url: str, name: str, problems: list[str]) -> None:
    parsed = urlparse(url)
    if url and (parsed.scheme not in ("http", "https") or not parsed.netloc):
        problems.append(f"Config value '{name}': '{url}' is not an absolute http(s) URL")


def _date(value: Any, problems: list[str]) -> dt.date | None:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        problems.append(f"Config value 'edition.date': '{value}' is not a date like 2026-11-27")
        return None


def _known(table: dict[str, Any], cls: type[Any], name: str, problems: list[str]) -> dict[str, Any]:
    fields = {f for f in cls.__dataclass_fields__}
    for key in table:
        if key not in fields:
            problems.append(f"Config value '{name}.{key}': unknown (known: {', '.join(fields)})")
    return {k: v for k, v in table.items() if k in fields}


def _synthesis(root: Path, table: dict[str, Any], problems: list[str]) -> SynthesisSettings:
    values = _known(table, SynthesisSettings, "synthesis", problems)
    if "cache_dir" in values:
        values["cache_dir"] = (root / str(values["cache_dir"])).resolve()
    return SynthesisSettings(**values)


def _feed(table: dict[str, Any], problems: list[str]) -> FeedSettings:
    values = _known(table, FeedSettings, "feed", problems)
    limit = values.get("max_episodes", FeedSettings.max_episodes)
    if not isinstance(limit, int) or isinstance(limit, bool) or limit < 1:
        problems.append(f"Config value 'feed.max_episodes': '{limit}' is not a whole number >= 1")
        values.pop("max_episodes")
    if not isinstance(values.get("locked", True), bool):
        problems.append("Config value 'feed.locked': must be true or false")
        values.pop("locked")
    values["owner_email"] = str(values.get("owner_email", "")).strip()
    return FeedSettings(**values)


def _with_slash(publication: Publication) -> Publication:
    base = publication.base_url
    return replace(publication, base_url=base if base.endswith("/") else base + "/")


def _override(config: EditionConfig, overrides: dict[str, Any]) -> EditionConfig:
    """Apply command-line overrides: ``voice``, ``workers``, ``cache_dir``, ``base_url``."""
    problems: list[str] = []
    if "base_url" in overrides:
        _check_url(overrides["base_url"], "--base-url", problems)
        if problems:
            raise ConfigError(problems[0])
        pub = _with_slash(replace(config.publication, base_url=overrides["base_url"]))
        config = replace(config, publication=pub)
    if "voice" in overrides:
        config = replace(config, voice=overrides["voice"])
    synth = {k: overrides[k] for k in ("workers", "cache_dir") if k in overrides}
    if synth:
        config = replace(config, synthesis=replace(config.synthesis, **synth))
    return config
