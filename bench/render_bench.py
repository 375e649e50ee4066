"""Benchmark a whole render against its floor and a naive baseline; prints figures.

    python bench/render_bench.py [--runs 3] [--articles 24] [--words 600]

For a generated edition (24 articles of 600 words, about 100 minutes of speech;
the issue asks for at least 20 articles and 60 minutes) it measures, in
each run: the cold render (empty cache), the re-render after a one-sentence
edit, the floor (the espeak-ng command line speaking the same spoken text as one
file, plus one ffmpeg MP3 encode of it) and a naive baseline (pyttsx3, one file
per article, exported with pydub). Medians are printed, with the ratios the
targets are about. Then the peak memory of a 3-hour edition (fake engine, so it
runs in a minute: the audio path is the same).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from audio_edition.config import load_config  # noqa: E402
from audio_edition.engines.pyttsx3_engine import EspeakSettings  # noqa: E402
from audio_edition.job import load_lexicon  # noqa: E402
from audio_edition.sources import Defaults, load_articles  # noqa: E402
from audio_edition.text.script import make_script  # noqa: E402
from audio_edition.voices import load_voice  # noqa: E402

PLACES = ["Port Aldermouth", "Kessary Bay", "the Wendle valley", "Saltmarsh Quay", "Hollin Point"]
PEOPLE = ["Ms. Oduya", "Mr. Penhallow", "Dr. Marlowe", "Councillor Brisk", "Captain Ferrow"]
THINGS = [
    "the ferry timetable", "the new sea wall", "the fish auction", "the tram extension",
    "the harbour dredging", "the library roof", "the night market", "the lifeboat appeal",
]  # fmt: skip
TEMPLATES = [
    "{person} said on {day} that {thing} in {place} would cost about ${money} million.",
    "Residents of {place} have waited {years} years for {thing}, "
    "according to a survey of {count} households.",
    "The council expects {thing} to be finished by {year}, two years later than first planned.",
    "\"We have heard the complaints. We are acting on them,\" said {person}, who leads the review.",
    "Work on {thing} will start at 9 a.m. on {day}, "
    "and the road past {place} will close for {years} weeks.",
    "Figures published this week show a rise of {pct}% in visitors to {place} since {year}.",
    "{person} described {thing} as the most important project the town had seen in a generation.",
]  # fmt: skip
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
NAIVE = """
import os, sys, time, wave, pyttsx3
from pydub import AudioSegment
engine = pyttsx3.init()
engine.setProperty("voice", sys.argv[1]); engine.setProperty("rate", int(sys.argv[2]))
for index, path in enumerate(sys.argv[4:]):
    wav = f"{sys.argv[3]}/{index}.wav"
    engine.save_to_file(open(path).read(), wav)
    engine.runAndWait()
    while not os.path.exists(wav) or os.path.getsize(wav) < 44 + 2 * wave.open(wav).getnframes():
        time.sleep(0.01)  # runAndWait can return before the file is complete
    AudioSegment.from_wav(wav).export(wav[:-4] + ".mp3", format="mp3", bitrate="64k")
"""
MEASURE = """
import resource, subprocess, sys
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)
print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def sentence(rng: random.Random) -> str:
    """One generated sentence of news-like prose."""
    return rng.choice(TEMPLATES).format(
        person=rng.choice(PEOPLE), place=rng.choice(PLACES), thing=rng.choice(THINGS),
        day=rng.choice(DAYS), money=rng.randint(2, 90), years=rng.randint(2, 12),
        count=rng.randint(200, 4000), year=rng.randint(2019, 2031), pct=rng.randint(3, 40),
    )  # fmt: skip


def make_edition(folder: Path, articles: int, words: int, voice: str) -> Path:
    """Write an edition of generated articles into ``folder``."""
    shutil.copytree(ROOT / "sample-edition", folder)
    (folder / "edition.toml").write_text(
        (folder / "edition.toml").read_text().replace('"en-default"', f'"{voice}"')
    )
    for path in (folder / "articles").iterdir():
        path.unlink()
    rng = random.Random(7)
    for number in range(articles):
        paragraphs, count = [], 0
        while count < words:
            paragraph = " ".join(sentence(rng) for _ in range(4))
            paragraphs.append(paragraph)
            count += len(paragraph.split())
        front = (
            f'---\nslug: story-{number:02d}\ntitle: "Story {number + 1} from the coast"\n---\n\n'
        )
        (folder / "articles" / f"story-{number:02d}.md").write_text(front + "\n\n".join(paragraphs))
    return folder


def timed(command: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of a command."""
    began = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", MEASURE, *command], capture_output=True, text=True)
    wall = time.perf_counter() - began
    code, peak = done.stdout.split()[-2:]
    if code != "0":
        raise SystemExit(f"failed: {' '.join(command)}\n{done.stderr}")
    return wall, int(peak)


def render_command(edition: Path, out: Path, cache: Path) -> list[str]:
    return [sys.executable, "-m", "audio_edition", "render", str(edition), "-q",
            "--out", str(out), "--cache-dir", str(cache)]  # fmt: skip


def audio_minutes(out: Path) -> float:
    timings = (out / "articles").rglob("*.timing.json")
    return sum(json.loads(p.read_text())["duration"] for p in timings) / 60


def spoken_text(edition: Path) -> str:
    """The spoken forms the render sends to the engine, as one text."""
    config = load_config(edition)
    voice = load_voice(config.voice, config.root)
    lexicon = load_lexicon(config, voice)
    defaults = Defaults("x", "en", dt.datetime.now(dt.UTC))
    scripts = [make_script(a, lexicon) for a in load_articles(config.articles_dir, defaults)]
    return "\n\n".join(" ".join(s.spoken for s in script.sentences) for script in scripts)


def floor(edition: Path, work: Path) -> float:
    """espeak-ng speaking the spoken text as one file, plus one MP3 encode."""
    voice = load_voice(load_config(edition).voice, edition)
    text = work / "spoken.txt"
    text.write_text(spoken_text(edition))
    began = time.perf_counter()
    espeak = voice.settings
    assert isinstance(espeak, EspeakSettings)
    subprocess.run(["espeak-ng", "-v", espeak.voice.split("/")[-1], "-s", str(espeak.rate),
                    "-w", str(work / "floor.wav"), "-f", str(text)], check=True)  # fmt: skip
    audio = load_config(edition).audio  # the same encoder settings as the render
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-i", str(work / "floor.wav"), "-c:a",
                    "libmp3lame", "-b:a", f"{audio.bitrate_kbps}k", "-compression_level",
                    str(audio.encoder_quality), str(work / "floor.mp3")], check=True)  # fmt: skip
    return time.perf_counter() - began


def naive(edition: Path, work: Path) -> float:
    """pyttsx3, one file per whole article, exported to MP3 with pydub."""
    voice = load_voice(load_config(edition).voice, edition)
    texts = []
    for index, article in enumerate(sorted((edition / "articles").iterdir())):
        path = work / f"article-{index}.txt"
        path.write_text(article.read_text().split("---", 2)[2])
        texts.append(str(path))
    began = time.perf_counter()
    espeak = voice.settings
    assert isinstance(espeak, EspeakSettings)
    subprocess.run([sys.executable, "-c", NAIVE, espeak.voice, str(espeak.rate), str(work),
                    *texts], check=True, stdout=subprocess.DEVNULL)  # fmt: skip
    return time.perf_counter() - began


def edit_one_sentence(edition: Path) -> None:
    article = sorted((edition / "articles").iterdir())[3]
    text = article.read_text()
    article.write_text(text.replace(" said ", " told reporters ", 1))


def one_run(base: Path, articles: int, words: int) -> dict[str, float]:
    edition = make_edition(base / "edition", articles, words, "en-default")
    out, cache = base / "out", base / "cache"
    cold, cold_rss = timed(render_command(edition, out, cache))
    edit_one_sentence(edition)
    rerender, _ = timed(render_command(edition, out, cache))
    (base / "floor").mkdir()
    (base / "naive").mkdir()
    return {
        "cold": cold, "rerender": rerender, "floor": floor(edition, base / "floor"),
        "naive": naive(edition, base / "naive"), "minutes": audio_minutes(out),
        "rss": cold_rss / 1024,
    }  # fmt: skip


def memory_run(base: Path) -> tuple[float, float]:
    """Peak RSS (MB) and audio hours of a 3-hour edition (fake engine at speaking pace)."""
    voices = base / "edition" / "voices"
    edition = make_edition(base / "edition", 12, 2600, "pace-fake")
    voices.mkdir()
    (voices / "pace-fake.toml").write_text(
        'engine = "fake"\nlanguage = "en"\n[fake]\nrate = 170\nvolume = 0.5\n'
    )
    _, peak = timed(render_command(edition, base / "out", base / "cache"))
    return peak / 1024, audio_minutes(base / "out") / 60


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--articles", type=int, default=24)
    parser.add_argument("--words", type=int, default=600)
    args = parser.parse_args()
    runs = []
    for number in range(args.runs):
        with tempfile.TemporaryDirectory(prefix="bench-") as base:
            runs.append(one_run(Path(base), args.articles, args.words))
        print(f"run {number + 1}: " + ", ".join(f"{k} {v:.1f}" for k, v in runs[-1].items()))
    report(runs, args.articles)
    with tempfile.TemporaryDirectory(prefix="bench-mem-") as base:
        peak, hours = memory_run(Path(base))
    print(f"3-hour edition (fake engine): {hours:.2f} h of audio, peak RSS {peak:.0f} MB "
          f"(target < 200 MB)")  # fmt: skip


def report(runs: list[dict[str, float]], articles: int) -> None:
    med = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
    print(f"\nEdition: {articles} articles, {med['minutes']:.1f} minutes of audio; "
          f"medians of {len(runs)} runs (seconds)")  # fmt: skip
    rows = [
        ("cold render", med["cold"], f"real-time factor {med['minutes'] * 60 / med['cold']:.0f}x"),
        ("floor (espeak-ng CLI + 1 encode)", med["floor"], ""),
        ("naive (pyttsx3 per article + pydub)", med["naive"], ""),
        ("re-render after a 1-sentence edit", med["rerender"], ""),
    ]
    for name, value, note in rows:
        print(f"  {name:38} {value:7.1f}  {note}")
    print(f"  cold / floor     {med['cold'] / med['floor']:.2f}  (target <= 1.30)")
    print(f"  cold / naive     {med['cold'] / med['naive']:.2f}  (target <= 1.00)")
    print(f"  rerender / cold  {med['rerender'] / med['cold']:.2f}  (target < 0.10)")
    print(f"  peak RSS of the cold render: {med['rss']:.0f} MB")


if __name__ == "__main__":
    main()
