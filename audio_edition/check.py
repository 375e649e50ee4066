"""``audio-edition check DIR``: validate an output folder the way podcast apps and directories will.

feedparser (no "bozo") and podcastparser (gPodder's) parse the feed; Apple's
required tags are checked; every URL must name a file under the feed's own base
URL; enclosure lengths, durations, transcripts and chapters are compared with
the files and the audio; GUIDs must be unique. One line a finding; any error fails.
"""

from __future__ import annotations

import io
import json
import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any, Literal
from urllib.parse import unquote, urlsplit

import feedparser
import lxml.html
import podcastparser
from lxml import etree
from mutagen.id3 import ID3
from mutagen.mp3 import MP3, HeaderNotFoundError
from PIL import Image

from audio_edition.artwork import MAX_SIDE, MIN_SIDE
from audio_edition.audio.loudness import measure
from audio_edition.check_credentials import credential_findings
from audio_edition.publish.verify import belongs
from audio_edition.site.categories import APPLE_CATEGORIES
from audio_edition.site.feed import PODCAST_NS, podcast_guid
from audio_edition.site.feeds import ARTICLES_FEED, EDITION_FEED

NS = {"itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd", "podcast": PODCAST_NS,
      "atom": "http://www.w3.org/2005/Atom"}  # fmt: skip
DURATION_TOLERANCE = 1.0
"""Seconds ``itunes:duration`` (whole seconds) may differ from the audio."""
TIMING_TOLERANCE = 0.05
"""Seconds a transcript or chapter may run past the end of the audio (MP3 frame padding)."""
Level = Literal["ok", "note", "error"]


@dataclass(frozen=True)
class Finding:
    """One line of the report."""

    level: Level
    """``ok`` (a check passed), ``note`` (worth knowing) or ``error`` (must be fixed)."""
    message: str
    """What was found, naming the file or episode."""


@dataclass(frozen=True)
class Report:
    """Everything ``check`` found in one output folder."""

    root: Path
    """The folder checked."""
    findings: tuple[Finding, ...]
    """In the order the checks ran."""

    @property
    def errors(self) -> int:
        """How many errors were found."""
        return sum(f.level == "error" for f in self.findings)

    def text(self) -> str:
        """The report, one finding a line, and a verdict."""
        lines = [f"{f.level:<5}  {f.message}" for f in self.findings]
        verdict = "passed" if not self.errors else f"FAILED with {self.errors} error(s)"
        return "\n".join([f"Checking {self.root}/", *lines, f"{self.root}: {verdict}"])


@dataclass
class Site:
    """The output folder and its parsed feed, shared by the checks."""

    root: Path
    """The output folder."""
    name: str
    """The feed's path in the output folder (``feed.xml``, ``articles.xml`` …)."""
    xml: bytes
    """The feed as published."""
    channel: Any
    """The ``<channel>`` element."""
    base: str
    """Base URL: the feed's own URL (``atom:link rel=self``) without the feed's path."""
    durations: dict[Path, float] = field(default_factory=dict)
    """Audio durations measured so far, by file."""
    measured: set[Path] = field(default_factory=set)
    """MP3s whose loudness was measured already (shared by the feeds of one folder)."""

    @property
    def items(self) -> list[Any]:
        """The ``<item>`` elements."""
        return list(self.channel.iterfind("item"))

    def local(self, url: str) -> Path | None:
        """The file a URL names, if it lies under the base URL."""
        if not url.startswith(self.base):
            return None
        return self.root / unquote(url[len(self.base) :].split("#")[0])

    def duration(self, mp3: Path) -> float:
        """Duration of an MP3 from its Xing header (mutagen: up to two frames long)."""
        if mp3 not in self.durations:
            info: Any = MP3(mp3).info
            self.durations[mp3] = float(info.length)
        return self.durations[mp3]


def check_output(root: Path) -> Report:
    """Run every check on each feed of the output folder ``root``."""
    if not (root / EDITION_FEED).is_file():
        feed = root / EDITION_FEED
        return Report(root, (Finding("error", f"{feed}: missing; render an edition first"),))
    findings: list[Finding] = []
    guids: dict[str, str] = {}
    measured: set[Path] = set()
    audio: set[Path] = set()  # every MP3 a feed lists, for its Content Credentials
    for path in feed_files(root):
        name = path.relative_to(root).as_posix()
        site = _site(root, name, measured)
        if isinstance(site, Finding):
            findings.append(site)
            continue
        findings += [replace(f, message=f"{name} · {f.message}") for f in _feed_findings(site)]
        if "sections/" not in name:  # section feeds repeat articles.xml's episodes
            findings += _not_twice(site, guids)
        if name == EDITION_FEED:
            findings += _run(_pages, site)
        audio.update(path for _, path in _with_audio(site))
    findings += [Finding(level, message) for level, message in credential_findings(root, audio)]
    return Report(root, tuple(findings))


def feed_files(root: Path) -> list[Path]:
    """The feeds of an output folder: the edition's, the articles', the sections'; the
    publication's own language first, then each other language's (``fr/feed.xml`` …)."""
    found = []
    languages = [
        p.parent for p in root.glob(f"*/{EDITION_FEED}") if not p.parent.name.startswith(".")
    ]
    for folder in [root, *sorted(languages)]:  # not .work-* (a stopped render's scratch)
        found += [folder / EDITION_FEED, folder / ARTICLES_FEED]
        found += sorted(folder.glob("sections/*.xml"))
    return [path for path in found if path.is_file()]


def _site(root: Path, name: str, measured: set[Path]) -> Site | Finding:
    xml = (root / name).read_bytes()
    try:
        tree = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as exc:
        return Finding("error", f"{name}: not well-formed XML ({exc})")
    channel = tree.find("channel")
    self_url = channel.find("atom:link[@rel='self']", NS) if channel is not None else None
    href = "" if self_url is None else str(self_url.get("href", ""))
    if channel is None or not href.endswith(name):
        return Finding("error", f"{name}: no <channel> with an atom:link rel=self to {name}")
    return Site(root, name, xml, channel, href[: -len(name)], measured=measured)


def _feed_findings(site: Site) -> list[Finding]:
    return [finding for check in CHECKS for finding in _run(check, site)]


def _not_twice(site: Site, seen: dict[str, str]) -> Iterator[Finding]:
    """A listener subscribed to two feeds never downloads one episode twice."""
    for item in site.items:
        guid = (item.findtext("guid") or "").strip()
        if guid in seen and seen[guid] != site.name:
            title = (item.findtext("title") or "?")[:40]
            yield Finding("error", f"{site.name} · {title}: also in {seen[guid]} (same GUID)")
        seen.setdefault(guid, site.name)


def _links(site: Site) -> Iterator[Finding]:
    """links: every URL in the feed under {base} names a file that is there"""
    for element in site.channel.iter():
        for url in (element.get("url"), element.get("href"), element.text):
            if url and url.strip().startswith(site.base):
                path = site.local(url.strip())
                if (
                    path is not None
                    and not (path / "index.html" if path.is_dir() else path).exists()
                ):
                    yield Finding("error", f"{url.strip()}: dead link ({element.tag})")


def _pages(site: Site) -> Iterator[Finding]:
    """pages: every link and media address in every page of the folder leads to a file"""
    for page in sorted(site.root.rglob("*.html")):
        if any(part.startswith(".") for part in page.relative_to(site.root).parts):
            continue
        tree = lxml.html.fromstring(page.read_bytes())
        found = [(element, link) for element, _, link, _ in tree.iterlinks()]
        found += [(e, e.get(a)) for a in PLAYER_LINKS for e in tree.xpath(f"//*[@{a}]")]
        for element, link in found:
            target = _target(site, page, link)
            if target is not None and not target.exists():
                where = page.relative_to(site.root).as_posix()
                yield Finding("error", f"{where}: dead link {link!r} (<{element.tag}>)")


def _target(site: Site, page: Path, link: str) -> Path | None:
    """The file a link of ``page`` leads to, if it is one of the folder's."""
    parts = urlsplit(link)
    if parts.scheme in ("http", "https"):
        local = site.local(link)
        if local is None:
            return None  # another site's: not ours to check
        path = local
    elif parts.scheme or parts.netloc or not parts.path:
        return None  # data:, mailto:, a fragment of the same page
    else:
        path = page.parent / unquote(parts.path)
    return path / "index.html" if link.split("?")[0].split("#")[0].endswith("/") else path


def _run(check: Callable[[Site], Iterator[Finding]], site: Site) -> list[Finding]:
    """A check's problems, or its docstring as an ``ok`` line; a crash in it is an error."""
    try:
        found = list(check(site))
    except (OSError, ValueError, KeyError, TypeError, HeaderNotFoundError) as exc:
        found = [Finding("error", f"{check.__name__.strip('_')}: {type(exc).__name__}: {exc}")]
    passed = (check.__doc__ or "").format(n=len(site.items), base=site.base)
    errors = any(f.level == "error" for f in found)
    return found if errors else [Finding("ok", passed), *found]


def _parsers(site: Site) -> Iterator[Finding]:
    """{n} episode(s), parsed by feedparser (no bozo) and podcastparser"""
    parsed = feedparser.parse(site.xml)
    if parsed.bozo:
        yield Finding("error", f"feedparser: bozo ({parsed.bozo_exception})")
    gpodder = podcastparser.parse(site.base + site.name, io.BytesIO(site.xml))["episodes"]
    if not len(site.items) == len(parsed.entries) == len(gpodder):
        counts = f"{len(site.items)}, {len(parsed.entries)}, {len(gpodder)}"
        yield Finding("error", f"episodes in the feed, feedparser, podcastparser: {counts}")
    if gpodder and not any("transcript_url" in episode for episode in gpodder):
        yield Finding("note", f"podcastparser {podcastparser.__version__} maps only the GitHub URL "
                      f"of the namespace {PODCAST_NS}: gPodder sees no transcripts")  # fmt: skip


def _channel(site: Site) -> Iterator[Finding]:
    """channel: title, description, language, link, itunes:category/explicit/image, podcast:*"""
    c = site.channel
    for name in ("title", "description", "language", "link"):
        if not (c.findtext(name) or "").strip():
            yield Finding("error", f"channel: <{name}> missing or empty")
    yield from _category(c)
    if c.findtext("itunes:explicit", namespaces=NS) not in ("true", "false"):
        yield Finding("error", "channel: itunes:explicit missing (Apple wants true or false)")
    image = c.find("itunes:image", NS)
    href = "" if image is None else image.get("href", "")
    if not re.search(r"\.(jpg|png)$", href):
        yield Finding("error", f"channel: itunes:image {href!r} must be a URL ending .jpg or .png")
    yield from _podcast_channel(site)


def _category(channel: Any) -> Iterator[Finding]:
    """itunes:category: one of Apple's, and its subcategory (if any) one of that category's."""
    category = channel.find("itunes:category", NS)
    text = None if category is None else category.get("text")
    if text not in APPLE_CATEGORIES:
        got = "none" if category is None else repr(text)
        yield Finding("error", f"channel: itunes:category {got} is not an Apple category")
        return
    sub = category.find("itunes:category", NS)
    if sub is not None and sub.get("text") not in APPLE_CATEGORIES[text]:
        yield Finding("error", f"channel: itunes:category {sub.get('text')!r} is not an Apple "
                      f"subcategory of {text!r}")  # fmt: skip


def _podcast_channel(site: Site) -> Iterator[Finding]:
    guid = site.channel.findtext("podcast:guid", namespaces=NS) or ""
    try:
        uuid.UUID(guid)
    except ValueError:
        yield Finding("error", f"channel: podcast:guid {guid!r} is not a UUID")
        return
    if guid != podcast_guid(site.base + site.name):
        yield Finding("note", "channel: podcast:guid was made for an earlier feed URL (it stays)")
    if site.channel.findtext("podcast:locked", namespaces=NS) not in ("yes", "no"):
        yield Finding("error", "channel: podcast:locked must be yes or no")
    if site.channel.find("itunes:owner", NS) is None:
        yield Finding("note", "channel: no itunes:owner; Apple asks for an owner e-mail to "
                      "verify the feed ([feed] owner_email in edition.toml)")  # fmt: skip


def _artwork(site: Site) -> Iterator[Finding]:
    """artwork: the podcast's and each episode's, square RGB JPEG or PNG, 1400-3000 px"""
    image = site.channel.find("itunes:image", NS)
    path = site.local("" if image is None else image.get("href", ""))
    if path is None or not path.is_file():
        yield Finding("error", f"artwork: itunes:image names no file under {site.base}")
        return
    yield from _art(path)
    for item in site.items:
        own = item.find("itunes:image", NS)
        if own is not None:
            path = site.local(own.get("href", ""))
            if path is None or not path.is_file():
                title = (item.findtext("title") or "?")[:40]
                yield Finding("error", f"{title}: itunes:image names no file under {site.base}")
            else:
                yield from _art(path)


def _art(path: Path) -> Iterator[Finding]:
    with Image.open(path) as art:
        width, height, kind, mode = *art.size, art.format, art.mode
    if kind not in ("JPEG", "PNG") or width != height or not MIN_SIDE <= width <= MAX_SIDE:
        yield Finding("error", f"artwork {path.name}: {kind} {width}x{height} px")
    elif mode not in ("RGB", "RGBA", "P"):
        yield Finding("error", f"artwork {path.name}: {mode} pixels; Apple wants RGB")


def _items(site: Site) -> Iterator[Finding]:
    """items: each has a title, an audio/mpeg enclosure, a unique GUID, a dated pubDate"""
    guids: dict[str, str] = {}
    for number, item in enumerate(site.items, start=1):
        name = f"item {number} ({(item.findtext('title') or '?')[:40]})"
        if not (item.findtext("title") or "").strip():
            yield Finding("error", f"{name}: no title")
        enclosure = item.find("enclosure")
        if enclosure is None or enclosure.get("type") != "audio/mpeg":
            yield Finding("error", f"{name}: no enclosure of type audio/mpeg")
        guid = (item.findtext("guid") or "").strip()
        if not guid or guid in guids:
            yield Finding("error", f"{name}: GUID {guid!r} empty or also in {guids.get(guid)}")
        guids[guid] = name
        if parsedate_to_datetime(item.findtext("pubDate") or "").tzinfo is None:
            yield Finding("error", f"{name}: pubDate has no timezone")


def _enclosures(site: Site) -> Iterator[Finding]:
    """enclosures: lengths are the files' byte counts, itunes:duration within 1 s of the audio"""
    for item in site.items:
        enclosure, title = item.find("enclosure"), (item.findtext("title") or "?")[:40]
        path = site.local(enclosure.get("url", "")) if enclosure is not None else None
        if path is None or not path.is_file():
            yield Finding("error", f"{title}: enclosure names no file under {site.base}")
            continue
        size, length = path.stat().st_size, int(enclosure.get("length", "-1"))
        if size != length:
            yield Finding("error", f"{path.name}: enclosure length {length}, file has {size} bytes")
        stated = _seconds(item.findtext("itunes:duration", namespaces=NS))
        if abs(stated - site.duration(path)) > DURATION_TOLERANCE:
            audio = site.duration(path)
            yield Finding(
                "error", f"{path.name}: itunes:duration {stated:.0f} s, audio {audio:.2f} s"
            )


def _transcripts(site: Site) -> Iterator[Finding]:
    """transcripts: VTT and JSON parse, in order, within the audio, with language and rel"""
    for item, audio in _with_audio(site):
        for tag in item.iterfind("podcast:transcript", NS):
            path, kind = site.local(tag.get("url", "")), tag.get("type", "")
            if path is None or not path.is_file():
                yield Finding("error", f"{audio.name}: transcript {tag.get('url')} names no file")
                continue
            yield from _within(path, _times(path, kind), site.duration(audio))
            if not tag.get("language") or tag.get("rel") != "captions":
                yield Finding("error", f"{path.name}: transcript without language or rel=captions")


def _chapters(site: Site) -> Iterator[Finding]:
    """chapters: JSON in order, within the audio, the same as the MP3's ID3 CTOC/CHAP frames"""
    for item, audio in _with_audio(site):
        tag = item.find("podcast:chapters", NS)
        if tag is None:
            continue
        path = site.local(tag.get("url", ""))
        if path is None or not path.is_file() or tag.get("type") != "application/json+chapters":
            yield Finding("error", f"{audio.name}: podcast:chapters names no JSON chapters file")
            continue
        chapters = json.loads(path.read_text(encoding="utf-8"))["chapters"]
        starts = [c["startTime"] for c in chapters]
        yield from _within(path, [(s, s) for s in starts], site.duration(audio))
        yield from _match_id3(path, starts, audio)


def _match_id3(path: Path, starts: list[float], mp3: Path) -> Iterator[Finding]:
    tags: Any = ID3(mp3)
    toc = tags.getall("CTOC")
    children = toc[0].child_element_ids if toc else []
    marks = [tags[f"CHAP:{child}"].start_time / 1000 for child in children]
    close = all(abs(a - b) <= 0.0015 for a, b in zip(marks, starts, strict=False))
    if len(marks) != len(starts) or not close:
        yield Finding("error", f"{path.name}: chapters differ from the ID3 CTOC/CHAP of {mp3.name}")


def _versions(site: Site) -> Iterator[Finding]:
    """versions: each item's transcripts, chapters and timing JSON belong to its enclosure"""
    for item, audio in _with_audio(site):
        named: dict[Path, list[float]] = {}
        for tag in [
            *item.iterfind("podcast:transcript", NS),
            *item.iterfind("podcast:chapters", NS),
        ]:
            path, kind = site.local(tag.get("url", "")), tag.get("type", "")
            if path is not None and path.is_file():
                named[path] = [start for start, _ in _times(path, kind)]
        for error, message in belongs(audio, site.duration(audio), named):
            yield Finding("error" if error else "note", message)


def _times(path: Path, kind: str) -> list[tuple[float, float]]:
    if kind == "text/vtt":
        return _vtt_times(path)
    if kind == "application/json+chapters":
        chapters = json.loads(path.read_text(encoding="utf-8"))["chapters"]
        return [(float(c["startTime"]), float(c["startTime"])) for c in chapters]
    return _json_times(path)


def _loudness(site: Site) -> Iterator[Finding]:
    """loudness: every MP3 at -16 LUFS +-1 LU integrated, true peak at most -1 dBTP"""
    for _, audio in _with_audio(site):
        if audio in site.measured:
            continue
        site.measured.add(audio)
        level = measure(audio)
        peak = level.true_peak_dbtp if level.true_peak_dbtp is not None else 0.0
        figures = f"{audio.name}: {level.integrated_lufs:.1f} LUFS, true peak {peak:.1f} dBTP"
        ok = abs(level.integrated_lufs - PODCAST_LUFS) <= 1.0 and peak <= PODCAST_PEAK_DBTP
        yield Finding("note" if ok else "error", figures)


def _with_audio(site: Site) -> Iterator[tuple[Any, Path]]:
    for item in site.items:
        enclosure = item.find("enclosure")
        path = site.local(enclosure.get("url", "")) if enclosure is not None else None
        if path is not None and path.is_file():
            yield item, path


def _within(path: Path, times: list[tuple[float, float]], duration: float) -> Iterator[Finding]:
    starts = [start for start, _ in times]
    if starts != sorted(starts) or any(s < 0 or e < s for s, e in times):
        yield Finding("error", f"{path.name}: times out of order")
    end = max((e for _, e in times), default=0.0)
    if end > duration + TIMING_TOLERANCE:
        yield Finding(
            "error", f"{path.name}: runs to {end:.3f} s, the audio lasts {duration:.3f} s"
        )


def _vtt_times(path: Path) -> list[tuple[float, float]]:
    text = path.read_text(encoding="utf-8")
    if not text.startswith("WEBVTT"):
        raise ValueError(f"{path.name} does not start with WEBVTT")
    stamps = re.findall(r"^(\S+) --> (\S+)", text, flags=re.MULTILINE)
    return [(_seconds(start), _seconds(end)) for start, end in stamps]


def _json_times(path: Path) -> list[tuple[float, float]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [(float(s["startTime"]), float(s["endTime"])) for s in data["segments"]]


def _seconds(stamp: str | None) -> float:
    """``97``, ``1:37``, ``00:01:37.250`` -> seconds."""
    total = 0.0
    for part in (stamp or "").split(":"):
        total = total * 60 + float(part)
    return total


CHECKS = [_parsers, _channel, _artwork, _items, _links, _enclosures, _transcripts, _chapters,
          _versions, _loudness]  # fmt: skip
PLAYER_LINKS = ("timing", "artwork")
"""Attributes of the page player that name files (``src`` is an ordinary link)."""
PODCAST_LUFS, PODCAST_PEAK_DBTP = -16.0, -1.0
