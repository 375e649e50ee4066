"""What a render reads and checks before it writes anything: bad input writes nothing."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image

from audio_edition.artwork import Artwork, episode_artwork, load_artwork
from audio_edition.audio.credentials import SigningKey, load_signing_key
from audio_edition.config import EditionConfig, check_bitrate, load_config
from audio_edition.errors import ConfigError
from audio_edition.models import Script, Voice
from audio_edition.sources import Defaults, read_sources
from audio_edition.text.lexicon import Lexicon
from audio_edition.text.normalize import announces_foreign, base_language
from audio_edition.text.script import make_script
from audio_edition.text.scripts import foreign_scripts
from audio_edition.voices import builtin_profiles, load_voice

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    """Everything a render reads and checks before it writes anything."""

    config: EditionConfig
    """The edition's configuration, with the command line's overrides."""
    voice: Voice
    """The publication's voice, checked and resolved by its engine: it reads the articles
    in the publication's language and the edition's own lines."""
    voices: dict[str, Voice]
    """The voice of each language an article is in (base language: ``fr``), the
    publication's included."""
    lexicon: Lexicon
    """The publication's and the voice's pronunciations."""
    scripts: tuple[Script, ...]
    """Every article of the edition, as it will be spoken."""
    art: Artwork
    """The cover, checked."""
    pictures: dict[str, Image.Image]
    """Each article's own episode artwork (from its ``image``), by slug, checked."""
    skipped: tuple[str, ...] = ()
    """One line per web article or source left out (unreachable, not an article ...):
    reported as failures; the rest of the edition renders."""
    signing: SigningKey | None = None
    """Who signs the MP3s' Content Credentials, checked (``None``: none configured)."""


def read_job(edition: Path, **overrides: Any) -> Job:
    """Read and check everything first: bad input writes nothing."""
    config = load_config(edition, **overrides)
    voice = load_voice(config.voice, config.root)
    check_bitrate(config, voice.sample_rate, voice.name)
    lexicon = load_lexicon(config, voice)
    defaults = Defaults(config.publication.author, config.publication.language, _morning(config))
    gathered = read_sources(config.article_sources, defaults, config.fetched_dir)
    scripts = [make_script(a, lexicon) for a in gathered.articles]
    voices = _voices(config, voice, scripts)
    _warn_spelled(scripts)
    for script in scripts:
        _warn_foreign(script, voices[base_language(script.article.language)])
    art = load_artwork(config.publication.artwork, config.publication.title)
    pictures = {
        s.article.slug: episode_artwork(s.article.image) for s in scripts if s.article.image
    }
    signing = load_signing_key(config.credentials, config.path)
    return Job(config, voice, voices, lexicon, tuple(scripts), art, pictures,
               gathered.skipped, signing)  # fmt: skip


def _voices(config: EditionConfig, own: Voice, scripts: list[Script]) -> dict[str, Voice]:
    """A voice for each language the articles are in, checked before anything is written:
    one clear line for an article whose language has none."""
    defaults = {p.stem.removesuffix("-default"): p.stem for p in builtin_profiles()
                if p.stem.endswith("-default")}  # fmt: skip
    names = {**defaults, **config.voice_names()}
    voices = {base_language(config.publication.language): own}
    for script in scripts:
        language = base_language(script.article.language)
        if language in voices:
            continue
        if language not in names:
            configured = ", ".join(f"{k} ({v})" for k, v in sorted(names.items()))
            raise ConfigError(
                f"{script.article.source}: no voice reads its language '{language}' "
                f"(voices: {configured}); name one in {config.path}'s [voices] table, "
                f'e.g. {language} = "<profile>"'
            )
        voice = load_voice(names[language], config.root)
        check_bitrate(config, voice.sample_rate, voice.name)
        if voice.sample_rate != own.sample_rate:
            raise ConfigError(
                f"{config.path}: voice '{voice.name}' ({language}) speaks at "
                f"{voice.sample_rate} Hz, voice '{own.name}' at {own.sample_rate} Hz; the "
                "edition episode joins their MP3s, so choose voices of one sample rate"
            )
        voices[language] = voice
    return voices


def load_lexicon(config: EditionConfig, voice: Voice) -> Lexicon:
    """The publication's lexicon (``lexicon.toml``) and the voice's, if present."""
    paths = [config.root / "lexicon.toml", config.root / "voices" / f"{voice.name}.lexicon.toml"]
    try:
        return Lexicon.load(*(p for p in paths if p.is_file()))
    except ValueError as exc:
        raise ConfigError(str(exc)) from exc


def _warn_spelled(scripts: list[Script]) -> None:
    """Warn once per word the voice will spell out because nothing says how to read it."""
    seen: dict[str, str] = {}
    for script in scripts:
        for word in script.spelled:
            seen.setdefault(word, script.article.origin)
    for word, source in seen.items():
        log.warning(
            "'%s' (first in %s) will be spelled out; add it to lexicon.toml if wrong", word, source
        )


def _warn_foreign(script: Script, voice: Voice) -> None:
    """Warn for an article with text in a script its voice cannot read (text/scripts.py)."""
    how = "announced" if announces_foreign(voice.language) else "spelled out"
    names = foreign_scripts(script.article.text, base_language(voice.language))
    if names:
        log.warning("%s: text in %s, which voice '%s' (%s) cannot read; it is %s, not read",
                    script.article.source, ", ".join(names), voice.name, voice.language,
                    how)  # fmt: skip


def _morning(config: EditionConfig) -> dt.datetime:
    """Publication time of an article that gives none: 06:00 UTC on the edition's date."""
    return dt.datetime.combine(config.date, dt.time(6, 0), tzinfo=dt.UTC)
