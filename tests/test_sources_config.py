"""``[[sources]]`` in edition.toml (issue 12): each problem one phrase of one line, a
file: URL refused, a Markdown folder as one source among others, filters applied."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import copy_edition

from audio_edition.cli import main
from audio_edition.config import load_config
from audio_edition.errors import ConfigError
from audio_edition.job import read_job


def with_sources(edition: Path, toml: str) -> Path:
    config = edition / "edition.toml"
    config.write_text(config.read_text(encoding="utf-8") + "\n" + toml, encoding="utf-8")
    return edition


def test_every_problem_of_every_source_is_one_phrase_of_one_line(tmp_path: Path) -> None:
    edition = with_sources(copy_edition(tmp_path / "e"), """
[[sources]]
kind = "pdf"
url = "https://news.example.org/a.pdf"

[[sources]]
kind = "rss"

[[sources]]
kind = "html"
url = "file:///etc/passwd"

[[sources]]
kind = "wordpress"
url = "https://news.example.org/"
since = "yesterday"
limit = -1

[[sources]]
kind = "markdown"
path = "nowhere"
""")  # fmt: skip
    with pytest.raises(ConfigError) as caught:
        load_config(edition)
    message = caught.value.message
    assert "\n" not in message
    assert message.startswith(f"{edition.resolve() / 'edition.toml'}: ")
    for phrase in (
        "Config value 'sources[0].kind': 'pdf' is not one of markdown, html, rss, atom, feed, "
        "wordpress",
        "Config value 'sources[1].url': missing (a rss source is on the web)",
        "Config value 'sources[2].url': 'file:///etc/passwd' is not an absolute http(s) URL",
        "Config value 'sources[3].since': 'yesterday' is not a date like 2026-11-27",
        "Config value 'sources[3].limit': -1 is out of range (0 to 1000)",
        f"Config value 'sources[4].path': {(edition / 'nowhere').resolve()} is not a folder",
    ):
        assert phrase in message


def test_sources_must_be_an_array_of_tables(tmp_path: Path) -> None:
    edition = copy_edition(tmp_path / "e")
    config = edition / "edition.toml"  # a top-level key: before the first table
    config.write_text('sources = "articles"\n' + config.read_text("utf-8"), encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(edition), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1 and result.output.count("\n") == 1
    assert "Config value 'sources': must be an array of tables [[sources]]" in result.output
    assert not (tmp_path / "o").exists()


def test_markdown_folders_are_sources_with_filters(tmp_path: Path) -> None:
    edition = copy_edition(tmp_path / "e")
    shutil.move(edition / "articles", edition / "desk")
    with_sources(edition, '[[sources]]\nkind = "markdown"\npath = "desk"\nsection = "business"\n')
    job = read_job(edition, cache_dir=tmp_path / "cache")
    sections = {s.article.section for s in job.scripts}
    assert sections == {"Business"}
    assert all(Path(s.article.source).parent == (edition / "desk").resolve() for s in job.scripts)
    assert job.skipped == ()


def test_without_sources_the_articles_folder_is_read_as_before(tmp_path: Path) -> None:
    edition = copy_edition(tmp_path / "e")
    job = read_job(edition, cache_dir=tmp_path / "cache")
    names = sorted(p.name for p in (edition / "articles").glob("*.md"))
    assert sorted(Path(s.article.source).name for s in job.scripts) == names
    assert all(s.article.link == "" for s in job.scripts)
