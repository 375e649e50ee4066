"""Pronunciation lexicon: how to say the words the rules cannot guess.

A lexicon is one or more TOML files, typically one per publication and one
per voice, loaded in that order (later files override earlier entries)::

    language = "en"          # optional; the language check() speaks in

    [words.Okafor]
    say = "oh kah for"
    test = ["Ms. Okafor spoke.", "Miz oh kah for spoke."]

    [words."ACAS"]
    say = "Acas"
    test = ["ACAS said no.", "Acas said no."]

Each table under ``words`` is one entry:

``say``
    What the engine is told instead of the written word (non-empty).  Write it
    as the engine should read it: espeak-ng spells out all-capital syllables,
    so ``oh kah for`` works where ``oh KAH for`` is read letter by letter.
``test``
    Two strings: a sentence as written and its expected spoken form.
    ``check_lexicon`` (in ``normalize``) runs every test through ``spoken_form``.

An entry may also say how the word is read in one language, in a table named
by the language's tag under the entry; it applies to articles in that language
(``fr``, ``fr-BE`` …) instead of the entry's own ``say``, and brings its own
test, spoken in that language.  An entry may have only such tables: it then
leaves the word alone in every other language (docs/languages.md)::

    [words.Reynders]
    say = "Ray nders"
    test = ["Reynders spoke.", "Ray nders spoke."]

    [words.Reynders.fr]
    say = "Rè nderce"
    test = ["M. Reynders a parlé.", "Monsieur Rè nderce a parlé."]

Keys are written forms, matched whole-word and case-sensitively (``Okafor``
does not match ``okafor`` nor ``Okafors``); they may contain spaces or dots
(``"Ms. X"``).  Curly quotes in keys are treated as straight ones.  The
lexicon is applied before every built-in rule, and what it says is final: no
later rule rewrites it.  An unknown key, a missing ``say`` or ``test``, or a
file that is absent or not TOML raises ``ValueError("<path>: <what>")``.
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeGuard

from audio_edition.text.chars import clean
from audio_edition.valid import LANGUAGE_TAG

_ENTRY_KEYS = {"say", "test"}
_NO_VARIANTS: Mapping[str, Variant] = MappingProxyType({})
_TOP_KEYS = {"language", "words"}


@dataclass(frozen=True)
class Variant:
    """How a word of the lexicon is read in one language."""

    say: str
    """What the engine is asked to say in that language."""
    test: tuple[str, str]
    """A sentence in that language as written and its expected spoken form."""


@dataclass(frozen=True)
class Entry:
    """One word of the lexicon."""

    written: str
    """The word as written in articles (the key)."""
    say: str
    """What the engine is asked to say instead; '' when only ``languages`` say it."""
    test: tuple[str, str]
    """A sentence as written and its expected spoken form (``("", "")`` without ``say``)."""
    languages: Mapping[str, Variant] = field(default_factory=lambda: _NO_VARIANTS)
    """Readings for one language each, by base language code (``fr``)."""

    def say_in(self, language: str) -> str:
        """What to say for the word in ``language`` (a tag or ''); '' to leave it as written."""
        if language and self.languages:
            variant = self.languages.get(_base(language))
            if variant is not None:
                return variant.say
        return self.say


@dataclass(frozen=True, eq=False)
class Lexicon:
    """Immutable mapping of written words to spoken forms, each with a test case."""

    entries: Mapping[str, Entry] = field(default_factory=lambda: MappingProxyType({}))
    """Entries by written form."""
    language: str = "en"
    """Language the test cases are spoken in."""

    @classmethod
    def load(cls, *paths: Path) -> Lexicon:
        """Read TOML lexicons; later files override entries of earlier ones."""
        entries: dict[str, Entry] = {}
        language = "en"
        for path in paths:
            data = _read(Path(path))
            language = _language(path, data, language)
            for written, raw in _words(path, data).items():
                entry = _entry(path, written, raw)
                entries[entry.written] = entry
        return cls(MappingProxyType(entries), language)

    @classmethod
    def empty(cls) -> Lexicon:
        """A lexicon without entries."""
        return cls()

    def apply(self, text: str) -> str:
        """Replace whole-word, case-sensitive written forms by their spoken forms."""
        return self.apply_marked(text, lambda said: said)

    def apply_marked(self, text: str, mark: Callable[[str], str], language: str = "") -> str:
        """Like ``apply``, passing each spoken form through ``mark`` first; ``language``
        (a tag) picks the entries' readings for that language."""
        if not self.entries:
            return text

        def say(match: re.Match[str]) -> str:
            said = self.entries[match.group()].say_in(language)
            return mark(said) if said else match.group()

        return self._pattern.sub(say, text)

    @property
    def version(self) -> str:
        """Stable hash of the entries (written form and spoken forms), for cache keys."""
        pairs: list[Any] = sorted((entry.written, entry.say) for entry in self.entries.values())
        variants = sorted(
            (entry.written, code, variant.say)
            for entry in self.entries.values()
            for code, variant in entry.languages.items()
        )
        blob = json.dumps([pairs, variants] if variants else pairs, ensure_ascii=False,
                          separators=(",", ":"))  # fmt: skip
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]

    def tests(self) -> list[tuple[str, str, str, str]]:
        """Every test case: (written form, language, sentence as written, as spoken)."""
        cases = []
        for entry in self.entries.values():
            if entry.say:
                cases.append((entry.written, self.language, *entry.test))
            for code, variant in entry.languages.items():
                cases.append((entry.written, code, *variant.test))
        return cases

    @property
    def _pattern(self) -> re.Pattern[str]:
        """The compiled pattern of this lexicon's written forms."""
        return _compile(tuple(self.entries))


_CACHE: dict[tuple[str, ...], re.Pattern[str]] = {}


def _compile(keys: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for every key, factored as a trie, cached per key set.

    A trie keeps matching at each position proportional to the key length
    instead of to the number of entries (thousands of names stay fast).
    """
    pattern = _CACHE.get(keys)
    if pattern is None:
        trie: dict[str, Any] = {}
        for key in keys:
            node = trie
            for ch in key:
                node = node.setdefault(ch, {})
            node[""] = {}
        pattern = re.compile(rf"(?<!\w)(?:{_trie_regex(trie)})(?!\w)")
        if len(_CACHE) > 64:
            _CACHE.clear()
        _CACHE[keys] = pattern
    return pattern


def _trie_regex(node: dict[str, Any]) -> str:
    """Regular expression for one trie node (keys sharing a prefix)."""
    branches = [re.escape(ch) + _trie_regex(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:
        return f"(?:{body})?"
    return body


def _read(path: Path) -> dict[str, Any]:
    """Parse one TOML file, or raise a one-line ``ValueError``."""
    if not path.is_file():
        raise ValueError(f"{path}: lexicon file not found")
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{path}: not valid TOML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path}: cannot read lexicon: {exc}") from None


def _language(path: Path, data: dict[str, Any], default: str) -> str:
    """Check the top-level keys and return the file's language."""
    unknown = sorted(set(data) - _TOP_KEYS)
    if unknown:
        raise ValueError(f"{path}: unknown key {unknown[0]!r} (expected 'language' or 'words')")
    language = data.get("language", default)
    if not isinstance(language, str) or not language:
        raise ValueError(f"{path}: 'language' must be a non-empty string such as \"en\"")
    return language


def _words(path: Path, data: dict[str, Any]) -> dict[str, Any]:
    """The ``words`` table of a file."""
    words = data.get("words", {})
    if not isinstance(words, dict):
        raise ValueError(f"{path}: 'words' must be a table of entries ([words.Name])")
    return words


def _entry(path: Path, written: str, raw: Any) -> Entry:
    """Validate one ``[words.X]`` table and its language tables."""
    where = f"{path}: words.{written}"
    if not isinstance(raw, dict):
        raise ValueError(f"{where}: must be a table with 'say' and 'test'")
    tags = {k: v for k, v in raw.items() if isinstance(v, dict) and LANGUAGE_TAG.fullmatch(k)}
    unknown = sorted(set(raw) - _ENTRY_KEYS - set(tags))
    if unknown:
        raise ValueError(
            f"{where}: unknown key {unknown[0]!r} (expected 'say', 'test' or a language"
            " table such as [words.X.fr])"
        )
    key = clean(written)
    if not key or len(key) > 100:
        raise ValueError(f"{where}: the written form must have 1 to 100 characters")
    languages = {_base(tag): _variant(f"{where}.{tag}", table) for tag, table in tags.items()}
    if not languages or "say" in raw or "test" in raw:
        default = _variant(where, {k: v for k, v in raw.items() if k in _ENTRY_KEYS})
        return Entry(key, default.say, default.test, MappingProxyType(languages))
    return Entry(key, "", ("", ""), MappingProxyType(languages))


def _variant(where: str, raw: dict[str, Any]) -> Variant:
    """Validate ``say`` and ``test`` of an entry or of one of its language tables."""
    unknown = sorted(set(raw) - _ENTRY_KEYS)
    if unknown:
        raise ValueError(f"{where}: unknown key {unknown[0]!r} (expected 'say' and 'test')")
    say, test = raw.get("say"), raw.get("test")
    if not isinstance(say, str) or not say.strip():
        raise ValueError(f"{where}: 'say' must be a non-empty string")
    if not _is_pair(test):
        raise ValueError(f'{where}: \'test\' must be ["as written", "as spoken"]')
    return Variant(" ".join(say.split()), (test[0], test[1]))


def _base(tag: str) -> str:
    """``fr-BE`` -> ``fr``."""
    return tag.replace("_", "-").split("-")[0].lower()


def _is_pair(value: Any) -> TypeGuard[list[str]]:
    """``["as written", "as spoken"]``: two non-empty strings."""
    return (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(item, str) and item.strip() for item in value)
    )
