"""Markdown articles with YAML front matter -> ``Article``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import frontmatter
import yaml
from frontmatter.default_handlers import YAMLHandler
from markdown_it import MarkdownIt
from markdown_it.token import Token

from audio_edition.errors import ArticleError
from audio_edition.models import Article
from audio_edition.sources.compose import CONTROL, SLUG, Defaults, assemble

FILE_EXTENSIONS = (".md", ".markdown")
_PARSER = MarkdownIt("commonmark")
_TEXT_BLOCKS = {"paragraph_open", "heading_open"}


class _AliasRefused(yaml.YAMLError):  # type: ignore[misc]
    """Front matter with a YAML anchor or alias."""


class _PlainLoader(yaml.SafeLoader):  # type: ignore[misc]
    """YAML's safe loader without anchors and aliases (``&name``, ``*name``): a few hundred
    bytes of nested aliases expand to gigabytes, and an article's metadata never needs one."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise _AliasRefused(f"line {event.start_mark.line + 1}")
        return super().compose_node(parent, index)


class _PlainYAML(YAMLHandler):
    """python-frontmatter's YAML handler, with ``_PlainLoader``."""

    def load(self, fm: str, **kwargs: object) -> Any:
        return yaml.load(fm, Loader=_PlainLoader)


_YAML = _PlainYAML()


def read_markdown(path: Path, defaults: Defaults) -> Article:
    """Read one article; raise ``ArticleError`` naming the file and the problem."""
    raw = _read_text(path)
    _reject_control(path, raw)
    post = _front_matter(path, raw)
    meta: dict[str, Any] = dict(post.metadata)
    title = _field(path, meta, "title", required=True)
    summary = _field(path, meta, "summary")
    paragraphs = list(_paragraphs(post.content))
    if not paragraphs:
        raise ArticleError(
            path, "empty body", "write at least one paragraph after the front matter"
        )
    text, blocks = assemble(title, summary, paragraphs)
    return Article(
        slug=_slug(path, meta),
        title=title,
        summary=summary,
        author=_field(path, meta, "author") or defaults.author,
        section=_field(path, meta, "section"),
        language=_field(path, meta, "language") or defaults.language,
        date=_date(path, meta.get("date"), defaults.date),
        text=text,
        blocks=blocks,
        source=path,
        image=_image(path, meta),
    )


def _image(path: Path, meta: dict[str, Any]) -> Path | None:
    """The article's picture, a path relative to the article's file."""
    name = _field(path, meta, "image")
    if not name:
        return None
    image = (path.parent / name).resolve()
    if not image.is_file():
        raise ArticleError(path, f"front matter 'image': {image} does not exist",
                           "give a JPEG or PNG's path relative to the article")  # fmt: skip
    return image


def _front_matter(path: Path, raw: str) -> frontmatter.Post:
    try:
        return frontmatter.loads(raw, handler=_YAML if _YAML.detect(raw) else None)
    except _AliasRefused as exc:
        raise ArticleError(
            path,
            f"front matter uses a YAML anchor or alias (&name or *name, {exc})",
            "write each value out in full",
        ) from exc
    except (yaml.YAMLError, ValueError) as exc:
        problem = str(exc).splitlines()[0]
        raise ArticleError(path, f"malformed front matter ({problem})", "fix the YAML") from exc


def _read_text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ArticleError(path, f"not UTF-8 (byte {exc.start})", "save the file as UTF-8") from exc


def _reject_control(path: Path, raw: str) -> None:
    match = CONTROL.search(raw)
    if match:
        line = raw.count("\n", 0, match.start()) + 1
        code = f"U+{ord(match.group()):04X}"
        raise ArticleError(path, f"control character {code} on line {line}", "remove it")


def _field(path: Path, meta: dict[str, Any], name: str, required: bool = False) -> str:
    value = meta.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ArticleError(path, f"missing {name} in front matter", f"add '{name}: ...'")
        return ""
    if not isinstance(value, str | int | float):
        raise ArticleError(path, f"front matter '{name}' must be text")
    return " ".join(str(value).split())


def _slug(path: Path, meta: dict[str, Any]) -> str:
    slug = str(meta.get("slug") or meta.get("id") or path.stem)
    if not SLUG.fullmatch(slug):
        raise ArticleError(
            path,
            f"slug '{slug}' is not usable as a file name (it could leave the output folder)",
            "use lowercase letters, digits and hyphens",
        )
    return slug


def _date(path: Path, value: Any, default: dt.datetime) -> dt.datetime:
    if value is None:
        return default
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, dt.date):
        moment = dt.datetime.combine(value, default.timetz())
    else:
        try:
            moment = dt.datetime.fromisoformat(str(value))
        except ValueError as exc:
            raise ArticleError(
                path, f"date '{value}' is not ISO 8601", "write e.g. 2026-11-27T06:00:00+00:00"
            ) from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _paragraphs(markdown: str) -> Iterator[str]:
    """Plain text of each paragraph, heading or list item, in order."""
    tokens = _PARSER.parse(markdown)
    for index, token in enumerate(tokens):
        if token.type in _TEXT_BLOCKS:
            inline = tokens[index + 1]
            text = "".join(_inline_text(inline.children or []))
            text = " ".join(text.split())
            if text:
                yield text


def _inline_text(children: list[Token]) -> Iterator[str]:
    for child in children:
        if child.type in ("text", "code_inline"):
            yield child.content
        elif child.type in ("softbreak", "hardbreak"):
            yield " "
        elif child.type == "image":
            yield ""
