"""`audio-edition render`: what an editor sees and what lands in the output folder."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
import webvtt
from click.testing import CliRunner
from conftest import Rendered, copy_edition
from mutagen.id3 import ID3
from mutagen.mp3 import MP3, BitrateMode

from audio_edition.build import render
from audio_edition.cli import main
from audio_edition.renderer import NoProgress


def test_cli_renders_every_article_and_summarizes(fake_edition: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["render", str(fake_edition), "--out", str(out), "--cache-dir", str(tmp_path / "c")]
    )
    assert result.exit_code == 0, result.output
    assert "Rendered 6 article(s)" in result.output
    assert "minutes of audio" in result.output and str(out) in result.output
    slugs = sorted(p.name for p in (out / "articles").iterdir())
    assert len(slugs) == 6
    for slug in slugs:
        names = {p.name for p in (out / "articles" / slug).iterdir()}
        (mp3,) = [n for n in names if n.endswith(".mp3")]
        for kind in (".timing.json", ".vtt", ".transcript.json"):  # versioned with the MP3
            assert mp3.replace(".mp3", kind) in names
        assert f"{slug}.timing.json" in names  # the stable address for embedding
    assert not [p for p in out.iterdir() if p.name.startswith(".work")], "scratch left behind"


def test_quiet_prints_nothing(fake_edition: Path, tmp_path: Path) -> None:
    args = ["render", str(fake_edition), "--out", str(tmp_path / "o"), "-q"]
    result = CliRunner().invoke(main, [*args, "--cache-dir", str(tmp_path / "c")])
    assert result.exit_code == 0 and result.output == ""


def test_progress_bar_on_a_terminal(fake_edition: Path, tmp_path: Path) -> None:
    leader, follower = pty.openpty()
    command = [sys.executable, "-m", "audio_edition", "render", str(fake_edition)]
    command += ["--out", str(tmp_path / "o"), "--cache-dir", str(tmp_path / "c")]
    done = subprocess.run(command, stdin=follower, stdout=follower, stderr=follower, timeout=120)
    os.close(follower)
    screen = _read_all(leader)
    assert done.returncode == 0, screen
    assert "mastering 6/6 articles" in screen and "Rendered 6 article(s)" in screen
    assert "Audio saved to" not in screen  # the espeak driver's chatter stays out


def _read_all(fd: int) -> str:
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(fd)
    return b"".join(chunks).decode(errors="replace")


def test_timing_spans_point_at_the_words_as_written(rendered_fake: Rendered) -> None:
    articles = {p.name: p for p in (rendered_fake.edition / "articles").iterdir()}
    for episode in rendered_fake.summary.episodes:
        timing = json.loads(episode.files["timing"].read_text())
        source = articles[f"{episode.slug}.md"].read_text()
        previous_end = 0.0
        for sentence in timing["sentences"]:
            assert sentence["start"] >= previous_end and sentence["end"] > sentence["start"]
            previous_end = sentence["end"]
            assert sentence["spoken"].strip()
            if sentence.get("kind") == "disclosure":  # said, but in no article's text
                assert sentence["span"] == [0, 0] and sentence["index"] == -1
                continue
            for word in sentence["text"].split()[:3]:
                assert word.strip("*[]()") in source
        assert timing["duration"] >= previous_end
        assert timing["sentences"][1]["text"] == episode.title.split(": ")[0].split(". ")[0] or (
            episode.title.startswith(timing["sentences"][1]["text"])
        )


def test_webvtt_and_transcript_follow_the_timeline(rendered_fake: Rendered) -> None:
    for episode in rendered_fake.summary.episodes:
        timing = json.loads(episode.files["timing"].read_text())
        captions = webvtt.read(str(episode.files["vtt"]))
        transcript = json.loads(episode.files["transcript"].read_text())
        assert len(captions) == len(timing["sentences"]) == len(transcript["segments"])
        assert transcript["version"] == "1.0.0"
        for caption, segment, sentence in zip(
            captions, transcript["segments"], timing["sentences"], strict=True
        ):
            assert _seconds(caption.start) == pytest.approx(sentence["start"], abs=0.0005)
            assert _seconds(caption.end) == pytest.approx(sentence["end"], abs=0.0005)
            assert segment["startTime"] == sentence["start"]
            assert segment["endTime"] == sentence["end"]
            assert segment["body"] == sentence["text"]
            assert " ".join(caption.text.split()) == " ".join(sentence["text"].split())


def _seconds(stamp: str) -> float:
    hours, minutes, seconds = stamp.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds)


def test_tags_and_cover(rendered_fake: Rendered) -> None:
    articles = {p.name: p for p in (rendered_fake.edition / "articles").iterdir()}
    for episode in rendered_fake.summary.episodes:
        tags = ID3(episode.mp3)
        assert tags.version[:2] == (2, 4)  # signed: c2pa writes the tag as ID3v2.4
        assert str(tags["TIT2"]) == episode.title
        assert str(tags["TALB"]) == "The Harbour Gazette"
        assert str(tags["TPE1"]) and str(tags.get("TYER") or tags.get("TDRC")).startswith("2026")
        cover = tags.getall("APIC")[0]
        assert cover.type == 3 and cover.data[:4] == b"\x89PNG"
        lyrics = tags.getall("USLT")[0].text
        assert episode.title in lyrics and lyrics.count("\n\n") >= 3
        assert articles[f"{episode.slug}.md"].exists()
        info = MP3(episode.mp3).info
        assert info.bitrate_mode == BitrateMode.CBR and info.bitrate == 64000
        # mutagen counts whole frames (encoder delay included): within 0.1 s.
        assert info.length == pytest.approx(episode.duration, abs=0.1)


class Recorder(NoProgress):
    """Counts the clips the engine is asked for."""

    def __init__(self) -> None:
        self.clips = 0

    def start(self, articles: int, clips: int, reused: int) -> None:
        self.clips = clips


def test_rerender_synthesizes_only_the_edited_sentence(tmp_path: Path) -> None:
    edition = copy_edition(tmp_path / "e")
    cache = tmp_path / "cache"
    first, second, third = Recorder(), Recorder(), Recorder()
    render(edition, tmp_path / "o", first, cache_dir=cache)
    render(edition, tmp_path / "o", second, cache_dir=cache)
    article = edition / "articles" / "fish-market.md"
    text = article.read_text()
    article.write_text(text.replace("sprats", "whitebait", 1))
    render(edition, tmp_path / "o", third, cache_dir=cache)
    assert first.clips > 60 and second.clips == 0 and third.clips == 1


def test_unknown_acronyms_are_warned_about_once(
    fake_edition: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from conftest import write_article

    write_article(fake_edition, "a.md", "The QZVX board met. QZVX said little.", slug="a")
    write_article(fake_edition, "b.md", "Later the QZVX board met again.", slug="b")
    result = CliRunner().invoke(
        main, ["render", str(fake_edition), "--out", str(tmp_path / "o"), "-q",
               "--cache-dir", str(tmp_path / "c")],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    warnings = [r.getMessage() for r in caplog.records if "QZVX" in r.getMessage()]
    assert len(warnings) == 1 and "will be spelled out" in warnings[0]


@pytest.mark.slow
def test_real_sample_edition_reads_news_text_right(rendered_real: Rendered) -> None:
    spoken = {
        e.slug: " ".join(
            s["spoken"] for s in json.loads(e.files["timing"].read_text())["sentences"]
        )
        for e in rendered_real.summary.episodes
    }
    assert "fourteen billion dollars" in spoken["city-hall-cyberattack"]
    assert "King Charles the third" in spoken["nato-visit"]
    assert "W H O" in spoken["storm-warning"] and "dollar fourteen" not in " ".join(spoken.values())


def test_output_does_not_depend_on_the_number_of_workers(tmp_path: Path) -> None:
    # Unsigned: a signature carries a time and a random part, never the same bytes twice.
    edition = copy_edition(tmp_path / "e", signed=False)
    outs = []
    for workers in (1, 3):
        out = tmp_path / f"o{workers}"
        render(edition, out, workers=workers, cache_dir=tmp_path / f"c{workers}")
        outs.append(out)
    for name in ("feed.xml", "index.html"):
        assert (outs[0] / name).read_bytes() == (outs[1] / name).read_bytes()
    one = sorted(p.relative_to(outs[0]) for p in (outs[0] / "articles").rglob("*.mp3"))
    three = sorted(p.relative_to(outs[1]) for p in (outs[1] / "articles").rglob("*.mp3"))
    assert one == three
    for path in one:
        assert (outs[0] / path).read_bytes() == (outs[1] / path).read_bytes()


def test_an_edit_sends_exactly_one_sentence_to_the_engine(
    tmp_path: Path, engine_requests: list[str]
) -> None:
    asked = engine_requests
    edition = copy_edition(tmp_path / "e")
    render(edition, tmp_path / "o", cache_dir=tmp_path / "c")
    asked.clear()
    article = edition / "articles" / "nato-visit.md"
    article.write_text(article.read_text().replace("destroyer", "frigate", 1))
    render(edition, tmp_path / "o", cache_dir=tmp_path / "c")
    assert len(asked) == 1 and "frigate" in asked[0]
