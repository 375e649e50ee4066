"""Listeners are told the voice is synthetic, and every MP3 says so in signed Content
Credentials (C2PA) that c2pa's own reader validates; a changed byte is caught."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import c2pa
import numpy as np
import pytest
from click.testing import CliRunner
from conftest import Rendered, decode, signing_chain
from credential_checks import SIGNER, credentials_table, make_chain
from mutagen.id3 import ID3
from podcast_checks import NS, channel, small_edition

from audio_edition import __version__
from audio_edition.audio.splice import read_stream
from audio_edition.build import render
from audio_edition.check_credentials import credential_findings
from audio_edition.cli import main
from audio_edition.config import load_config

ALGORITHMIC = "http://cv.iptc.org/newscodes/digitalsourcetype/algorithmicMedia"
BASE = "https://gazette.example.org/audio/"


def _manifest(mp3: Path) -> tuple[dict[str, Any], list[str], list[str]]:
    """The active manifest c2pa reads in ``mp3``, its validation failures and successes."""
    with c2pa.Reader(str(mp3)) as reader:
        manifest = reader.get_active_manifest()
        results = reader.get_validation_results()["activeManifest"]
    return (
        manifest,
        [f["code"] for f in results["failure"]],
        [s["code"] for s in results["success"]],
    )


def _assertion(manifest: dict[str, Any], label: str) -> Any:
    return next(a["data"] for a in manifest["assertions"] if a["label"] == label)


def _one_article(edition: Path) -> Path:
    """The small edition cut to its shortest article: quicker to render."""
    (edition / "articles" / "city-hall-cyberattack.md").unlink()
    return edition


def _timing(mp3: Path) -> dict[str, Any]:
    return json.loads(mp3.with_name(mp3.name.removesuffix(".mp3") + ".timing.json").read_text())


def test_every_mp3_carries_a_valid_manifest_saying_how_it_was_made(rendered_fake: Rendered) -> None:
    summary = rendered_fake.summary
    assert summary.edition is not None
    for episode in [*summary.episodes, summary.edition]:
        manifest, failures, successes = _manifest(episode.mp3)
        assert failures == ["signingCredential.untrusted"]  # the tests' own CA: on no trust list
        assert "assertion.dataHash.match" in successes  # the hard binding holds
        assert manifest["signature_info"]["common_name"] == SIGNER
        assert manifest["title"] == episode.title
        (created,) = _assertion(manifest, "c2pa.actions.v2")["actions"]
        assert created["digitalSourceType"] == ALGORITHMIC  # the fake engine is rule-based
        assert created["softwareAgent"] == {"name": "audio-edition", "version": __version__}
        assert created["parameters"]["voice"] == "test-fake"
        assert created["parameters"]["engine"] == "fake"
        work = _assertion(manifest, "stds.schema-org.CreativeWork")
        page = "" if episode is summary.edition else f"articles/{episode.slug}/"
        assert work["url"] == BASE + page and work["name"] == episode.title


def test_tags_and_chapters_survive_signing(rendered_fake: Rendered) -> None:
    edition = rendered_fake.summary.edition
    assert edition is not None
    tags = ID3(edition.mp3)
    assert str(tags["TIT2"]) == edition.title and tags.getall("APIC") and tags.getall("USLT")
    (toc,) = tags.getall("CTOC")
    chapters = sorted(tags.getall("CHAP"), key=lambda c: c.start_time)
    assert toc.child_element_ids == [c.element_id for c in chapters]
    assert [c.start_time for c in chapters] == [round(c.start * 1000) for c in edition.chapters]
    assert [str(c.sub_frames["TIT2"]) for c in chapters] == [c.title for c in edition.chapters]


def test_one_changed_byte_of_audio_fails_check(rendered_fake: Rendered, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(rendered_fake.out, out)
    mp3 = out / rendered_fake.summary.episodes[0].mp3.relative_to(rendered_fake.out)
    offset, length = read_stream(mp3).body
    data = bytearray(mp3.read_bytes())
    data[offset + length // 2] ^= 0x01
    mp3.write_bytes(bytes(data))
    stripped = out / rendered_fake.summary.episodes[1].mp3.relative_to(rendered_fake.out)
    tags = ID3(stripped)
    tags.delall("GEOB")  # a tag editor dropped the manifest
    tags.save(stripped)
    result = CliRunner().invoke(main, ["check", str(out)])
    assert result.exit_code == 1
    name = mp3.relative_to(out).as_posix()
    (line,) = [x for x in result.output.splitlines() if name + ": Content Credentials" in x]
    assert line.startswith("error") and "assertion.dataHash.mismatch" in line
    assert "changed after it was signed; render it again" in line
    (line,) = [x for x in result.output.splitlines() if stripped.name in x and "no longer" in x]
    assert line.startswith("error") and "render it again" in line


def test_a_signing_command_signs_and_unchanged_files_keep_their_bytes(tmp_path: Path) -> None:
    """A key in an HSM signs through a command (here openssl, given the bytes on stdin);
    a second render signs nothing again: every MP3 keeps its bytes and its name."""
    edition = _one_article(small_edition(tmp_path / "e", signed=False))
    chain, key = make_chain(tmp_path / "hsm")
    command = f"openssl dgst -sha256 -sign {key}"
    with (edition / "edition.toml").open("a") as config:
        config.write("\n" + credentials_table(chain, command=command))
    first = render(edition, tmp_path / "o", cache_dir=tmp_path / "c")
    mp3s = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (tmp_path / "o").rglob("*.mp3")}
    assert len(mp3s) == 2  # the article's and the edition's
    for mp3 in mp3s:
        _, failures, _ = _manifest(mp3)
        assert failures == ["signingCredential.untrusted"]
    second = render(edition, tmp_path / "o", cache_dir=tmp_path / "c")
    assert second.encoded == 0 and first.encoded == 1
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (tmp_path / "o").rglob("*.mp3")}
    assert after == mp3s


def test_without_a_signer_render_says_so_once_and_still_speaks(tmp_path: Path) -> None:
    edition = _one_article(small_edition(tmp_path / "e", signed=False))
    out = tmp_path / "o"
    command = [sys.executable, "-m", "audio_edition", "render", str(edition), "-q",
               "--out", str(out), "--cache-dir", str(tmp_path / "c")]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith("WARNING: The MP3s carry no Content Credentials")
    assert "EU AI Act" in line and "the spoken disclosure is still read" in line
    for mp3 in out.rglob("*.mp3"):
        assert c2pa.Reader.try_create(str(mp3)) is None
        assert ID3(mp3).version == (2, 3, 0)  # unsigned: the tag as mutagen wrote it
        kinds = [s.get("kind") for s in _timing(mp3)["sentences"]]
        assert kinds.count("disclosure") == 1
    ((level, message),) = credential_findings(out, out.rglob("*.mp3"))  # as check reports
    assert level == "note" and "2 MP3(s) published without Content Credentials" in message


def test_the_disclosure_at_the_end_in_the_newsrooms_words(tmp_path: Path) -> None:
    edition = _one_article(small_edition(tmp_path / "e"))
    words = "You heard a synthetic voice, checked by our editors."
    with (edition / "edition.toml").open("a") as config:
        config.write(f'\n[disclosure]\ntext = "{words}"\nposition = "end"\n')
    summary = render(edition, tmp_path / "o", cache_dir=tmp_path / "c")
    for episode in summary.episodes:
        sentences = _timing(episode.mp3)["sentences"]
        *text, said = sentences
        assert said["kind"] == "disclosure" and said["text"] == words and said["span"] == [0, 0]
        assert not any(s.get("kind") for s in text) and said["start"] > text[-1]["end"]
        audio = decode(episode.mp3)
        start, end = round(said["start"] * 22050), round(said["end"] * 22050)
        assert np.sqrt(np.mean(audio[start:end] ** 2)) > 300  # it is spoken
        assert episode.duration * 22050 >= end
    assert summary.edition is not None
    timing = _timing(summary.edition.mp3)["sentences"]
    assert [s["text"] for s in timing if s.get("kind")] == [words]  # once, after the outro
    assert timing[-1]["text"] == words and timing[-2]["text"].startswith("That was")
    assert summary.edition.chapters[-1].end == pytest.approx(timing[-2]["start"], abs=0.001)


def test_pages_and_feeds_say_the_voice_is_synthetic(rendered_fake: Rendered) -> None:
    out = rendered_fake.out
    for item in channel(out, "articles.xml").iterfind("item"):
        assert item.findtext("description").endswith("\n\nRead by a synthetic voice.")
        (txt,) = item.findall("podcast:txt", NS)
        assert txt.get("purpose") == "ai-content" and txt.text == "Read by a synthetic voice."
    page = (out / "articles" / "fish-market" / "index.html").read_text()
    assert '<a href="#synthetic-voice">Read by a synthetic voice</a>' in page
    assert '<p id="synthetic-voice">The audio on this page is not a recording' in page
    assert "Content Credentials (C2PA), signed by the publisher" in page


def test_signing_problems_are_one_line_before_anything_is_written(tmp_path: Path) -> None:
    edition = small_edition(tmp_path / "e", signed=False)
    chain, _ = signing_chain()
    _, other_key = make_chain(tmp_path / "other")
    base = (edition / "edition.toml").read_text()
    cases = [
        (credentials_table(chain, other_key), "Config value 'credentials.key'",
         "is not the key of the certificate"),
        ('[disclosure]\nspoken = false\n', "Config value 'disclosure.spoken'",
         "needs a 'disclosure.reason'"),
        (f'[credentials]\ncertificate = "{tmp_path}/none.pem"\nkey = "{other_key}"\n',
         "Config value 'credentials.certificate'", "does not exist"),
    ]  # fmt: skip
    for table, key, problem in cases:
        (edition / "edition.toml").write_text(base + "\n" + table)
        result = CliRunner().invoke(main, ["render", str(edition), "--out", str(tmp_path / "o")])
        assert result.exit_code == 1
        (line,) = [x for x in result.output.splitlines() if x.startswith("Error:")]
        assert "edition.toml" in line and key in line and problem in line, line
        assert not (tmp_path / "o").exists()
    reason = 'reason = "An audio drama: the cast is credited in the show notes."'
    (edition / "edition.toml").write_text(f"{base}\n[disclosure]\nspoken = false\n{reason}\n")
    assert not load_config(edition).disclosure.spoken  # silenced, saying why


@pytest.mark.slow
def test_espeak_says_it_once_and_check_verifies_the_signed_files(tmp_path: Path) -> None:
    """The real path: espeak-ng through the command line, then `check`."""
    edition = small_edition(tmp_path / "e", voice="en-default")
    _one_article(edition)
    out = tmp_path / "o"
    args = ["render", str(edition), "-q", "--out", str(out), "--cache-dir", str(tmp_path / "c")]
    rendered = CliRunner().invoke(main, args)
    assert rendered.exit_code == 0, rendered.output
    checked = CliRunner().invoke(main, ["check", str(out)])
    assert checked.exit_code == 0, checked.output
    valid = f"Content Credentials valid, algorithmicMedia, signed by {SIGNER}"
    assert sum(valid in line for line in checked.output.splitlines()) == 2  # article, edition
    for mp3 in out.rglob("*.mp3"):
        (said,) = [s for s in _timing(mp3)["sentences"] if s.get("kind") == "disclosure"]
        assert said["text"] == "This audio is read by a synthetic voice."
        assert 1.0 < said["end"] - said["start"] < 5.0  # espeak says it in about 2 s
        audio = decode(mp3)[round(said["start"] * 22050) : round(said["end"] * 22050)]
        assert np.sqrt(np.mean(audio**2)) > 300  # speech, not silence
