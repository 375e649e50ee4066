"""Benchmark a whole render against its floor and a naive baseline; prints figures.

    python bench/render_bench.py [--runs 3] [--articles 24] [--words 600]
        [--small 20x540] [--sample-runs 5] [--piper-articles 3] [--piper-runs 3]

For a generated edition (24 articles of 600 words, about 100 minutes of speech;
the issue asks for at least 20 articles and 60 minutes) it measures, in
each run: the cold render (empty cache), the re-render after a one-sentence
edit, the floor (the espeak-ng command line speaking the same spoken text as one
file, plus one ffmpeg MP3 encode of it) and a naive baseline (pyttsx3, one file
per article, exported with pydub). The same, without the naive baseline, for the
issue's smallest bench edition (``--small``, 20 articles of 540 words), and for the
sample edition's size (its English articles, read by en-default). Each run measures
its commands one after the other, so a ratio is taken within a run, side by side,
and the medians of those ratios are printed (the machine may be shared: a run's
ratio holds while the machine's speed drifts between runs), with each command's CPU
seconds (its processes together). Then the peak memory of a 3-hour edition (fake
engine, so it runs in a minute: the audio path is the same).

The Piper row (voice en-joe; a smaller edition of ``--piper-articles``
articles, since a neural voice speaks about 5 times faster than real time here
rather than 400): the cold render against its floor, piper-tts in one process
(one ``PiperVoice.load`` of the model the en-joe profile resolves to, with the
profile's synthesis settings, every sentence's spoken form spoken into one WAV)
plus one ffmpeg MP3 encode at the render's bitrate. The render also speaks the
edition episode's own lines (intro, announcements, outro), which the floor does
not. Real-time factors are audio seconds over wall seconds, each of its own output:
the render's articles (with their pauses), the floor's one WAV. Peak memory is sampled
from /proc for the whole process tree (the render's workers each hold a model),
beside getrusage's largest single process.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import wave
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from audio_edition.config import load_config  # noqa: E402
from audio_edition.engines.piper_engine import PiperSettings  # noqa: E402
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
import os, resource, subprocess, sys
def tree_kib(root):
    kids, rss = {}, {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                stat = open(f"/proc/{name}/stat").read()
                rss[int(name)] = int(open(f"/proc/{name}/statm").read().split()[1])
            except (OSError, IndexError, ValueError):
                continue
            kids.setdefault(int(stat.rsplit(")", 1)[1].split()[1]), []).append(int(name))
    family, total = [root], 0
    while family:
        pid = family.pop()
        total += rss.get(pid, 0)
        family += kids.get(pid, [])
    return total * os.sysconf("SC_PAGE_SIZE") // 1024
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
peak = 0
while True:
    try:
        child.wait(timeout=0.25)
        break
    except subprocess.TimeoutExpired:
        peak = max(peak, tree_kib(child.pid))
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = usage.ru_utime + usage.ru_stime
print(cpu, child.returncode, usage.ru_maxrss, max(peak, usage.ru_maxrss))
"""
PIPER_FLOOR = """
import json, sys, wave
from piper import PiperVoice, SynthesisConfig
model, config, settings, sentences, out = sys.argv[1:]
voice = PiperVoice.load(model, config_path=config)
syn = SynthesisConfig(**json.loads(settings))
with wave.open(out, "wb") as wav:
    wav.setnchannels(1)
    wav.setsampwidth(2)
    wav.setframerate(voice.config.sample_rate)
    for line in open(sentences, encoding="utf-8"):
        for chunk in voice.synthesize(line.strip(), syn):
            wav.writeframes(chunk.audio_int16_bytes)
"""
VOICE_LINE = re.compile(r'^voice = "[^"]*"', flags=re.M)


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
    toml = (folder / "edition.toml").read_text()
    (folder / "edition.toml").write_text(VOICE_LINE.sub(f'voice = "{voice}"', toml, count=1))
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


@dataclass(frozen=True)
class Timed:
    """What one command took."""

    wall: float
    """Wall seconds."""
    cpu: float
    """CPU seconds, user and system, of all its processes."""
    largest: int
    """Peak RSS of its largest process (KiB)."""
    tree: int
    """Peak RSS of its whole process tree (KiB), sampled."""


def timed(command: list[str]) -> Timed:
    """Run a command and measure it."""
    began = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", MEASURE, *command], capture_output=True, text=True)
    wall = time.perf_counter() - began
    cpu, code, largest, tree = done.stdout.split()[-4:]
    if code != "0":
        raise SystemExit(f"failed: {' '.join(command)}\n{done.stderr}")
    return Timed(wall, float(cpu), int(largest), int(tree))


def render_command(edition: Path, out: Path, cache: Path) -> list[str]:
    return [sys.executable, "-m", "audio_edition", "render", str(edition), "-q",
            "--out", str(out), "--cache-dir", str(cache)]  # fmt: skip


def audio_minutes(out: Path) -> float:
    """Minutes of the published articles (each ``<slug>/<slug>.timing.json`` once: the
    versioned copies beside it, this render's and the previous one's, are not counted)."""
    timings = (
        out / "articles" / p.name / f"{p.name}.timing.json" for p in (out / "articles").iterdir()
    )
    return float(sum(json.loads(p.read_text())["duration"] for p in timings if p.is_file())) / 60


def spoken_sentences(edition: Path) -> list[list[str]]:
    """The spoken forms the render sends to the engine, sentence by sentence, per article."""
    config = load_config(edition)
    voice = load_voice(config.voice, config.root)
    lexicon = load_lexicon(config, voice)
    defaults = Defaults("x", "en", dt.datetime.now(dt.UTC))
    scripts = [make_script(a, lexicon) for a in load_articles(config.articles_dir, defaults)]
    return [[" ".join(s.spoken.split()) for s in script.sentences] for script in scripts]


def spoken_text(edition: Path) -> str:
    """The spoken forms the render sends to the engine, as one text."""
    return "\n\n".join(" ".join(article) for article in spoken_sentences(edition))


def encode(edition: Path, wav: Path) -> Timed:
    """One ffmpeg MP3 encode of ``wav``, with the render's encoder settings."""
    audio = load_config(edition).audio
    return timed(["ffmpeg", "-v", "error", "-y", "-i", str(wav), "-c:a", "libmp3lame",
                  "-b:a", f"{audio.bitrate_kbps}k", "-compression_level",
                  str(audio.encoder_quality), str(wav.with_suffix(".mp3"))])  # fmt: skip


def wav_seconds(path: Path) -> float:
    with wave.open(str(path)) as wav:
        return float(wav.getnframes() / wav.getframerate())


def floor(edition: Path, work: Path) -> tuple[Timed, float]:
    """espeak-ng speaking the spoken text as one file, plus one MP3 encode: what they
    took together, and the audio seconds."""
    voice = load_voice(load_config(edition).voice, edition)
    text = work / "spoken.txt"
    text.write_text(spoken_text(edition))
    espeak = voice.settings
    assert isinstance(espeak, EspeakSettings)
    speak = timed(["espeak-ng", "-v", espeak.voice.split("/")[-1], "-s", str(espeak.rate),
                   "-w", str(work / "floor.wav"), "-f", str(text)])  # fmt: skip
    return both(speak, encode(edition, work / "floor.wav")), wav_seconds(work / "floor.wav")


def both(first: Timed, then: Timed) -> Timed:
    """Two commands run one after the other, as one."""
    return Timed(first.wall + then.wall, first.cpu + then.cpu, max(first.largest, then.largest),
                 max(first.tree, then.tree))  # fmt: skip


def piper_floor(edition: Path, work: Path) -> tuple[Timed, float]:
    """piper-tts in one process speaking every sentence into one WAV (one voice load),
    plus one MP3 encode: what they took together, and the audio seconds."""
    voice = load_voice(load_config(edition).voice, edition)
    piper = voice.settings
    assert isinstance(piper, PiperSettings)
    sentences = work / "sentences.txt"
    lines = [line for article in spoken_sentences(edition) for line in article]
    sentences.write_text("\n".join(lines) + "\n", encoding="utf-8")
    syn = {"speaker_id": piper.speaker, "length_scale": piper.length_scale,
           "noise_scale": piper.noise_scale, "noise_w_scale": piper.noise_w_scale,
           "volume": piper.volume}  # fmt: skip
    wav = work / "floor.wav"
    speak = timed([sys.executable, "-c", PIPER_FLOOR, piper.model, piper.config,
                   json.dumps(syn), str(sentences), str(wav)])  # fmt: skip
    return both(speak, encode(edition, wav)), wav_seconds(wav)


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
    articles = sorted((edition / "articles").iterdir())
    article = articles[min(3, len(articles) - 1)]
    text = article.read_text()
    article.write_text(text.replace(" said ", " told reporters ", 1))


Run = dict[str, float]
"""One run's figures by name."""


def make_sample(folder: Path, voice: str) -> Path:
    """The sample edition's English articles (its size: 6 articles, about 11 minutes),
    read by ``voice``."""
    shutil.copytree(ROOT / "sample-edition", folder)
    toml = (folder / "edition.toml").read_text()
    (folder / "edition.toml").write_text(VOICE_LINE.sub(f'voice = "{voice}"', toml, count=1))
    for path in (folder / "articles").iterdir():
        if not re.search(r"^language: en\s*$", path.read_text(), flags=re.M):
            path.unlink()
    return folder


def one_run(edition: Path, base: Path, piper: bool = False, naive_too: bool = False) -> Run:
    """Cold render, re-render after an edit, floor (and naive baseline), one after the
    other: ratios within a run are measured side by side."""
    out, cache = base / "out", base / "cache"
    cold = timed(render_command(edition, out, cache))
    minutes = audio_minutes(out)
    edit_one_sentence(edition)
    rerender = timed(render_command(edition, out, cache))
    (base / "floor").mkdir()
    lowest, floor_audio = (piper_floor if piper else floor)(edition, base / "floor")
    figures = {"cold": cold.wall, "rerender": rerender.wall, "floor": lowest.wall,
               "cold_cpu": cold.cpu, "floor_cpu": lowest.cpu, "rerender_cpu": rerender.cpu,
               "minutes": minutes, "floor_minutes": floor_audio / 60,
               "rss": cold.largest / 1024, "tree_rss": cold.tree / 1024,
               "floor_rss": lowest.largest / 1024}  # fmt: skip
    if naive_too:
        (base / "naive").mkdir()
        figures["naive"] = naive(edition, base / "naive")
    return figures


def runs_of(label: str, count: int, make: Callable[[Path], Path], **kind: bool) -> list[Run]:
    """``count`` runs, each on a fresh edition made by ``make`` in a temporary folder."""
    runs = []
    for number in range(count):
        with tempfile.TemporaryDirectory(prefix="bench-") as base:
            edition = make(Path(base) / "edition")
            runs.append(one_run(edition, Path(base), **kind))
        print(
            f"{label} run {number + 1}: " + ", ".join(f"{k} {v:.1f}" for k, v in runs[-1].items())
        )
    return runs


def memory_run(base: Path) -> tuple[float, float, float]:
    """Peak RSS (MB; largest process, all processes) and audio hours of a 3-hour
    edition (fake engine at speaking pace)."""
    voices = base / "edition" / "voices"
    edition = make_edition(base / "edition", 12, 2600, "pace-fake")
    voices.mkdir()
    (voices / "pace-fake.toml").write_text(
        'engine = "fake"\nlanguage = "en"\n[fake]\nrate = 170\nvolume = 0.5\n'
    )
    done = timed(render_command(edition, base / "out", base / "cache"))
    return done.largest / 1024, done.tree / 1024, audio_minutes(base / "out") / 60


def size(text: str) -> tuple[int, int]:
    """``20x540``: articles and words."""
    articles, words = text.lower().split("x")
    return int(articles), int(words)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs at bench size (0: none)")
    parser.add_argument("--articles", type=int, default=24)
    parser.add_argument("--words", type=int, default=600)
    parser.add_argument("--small", type=size, default=(20, 540), help="the small bench size")
    parser.add_argument("--small-runs", type=int, default=3, help="runs at the small size")
    parser.add_argument("--sample-runs", type=int, default=5, help="runs at the sample's size")
    parser.add_argument("--piper-articles", type=int, default=3,
                        help="size of the Piper edition (0: no Piper row)")  # fmt: skip
    parser.add_argument("--piper-runs", type=int, default=3)
    parser.add_argument("--no-memory", action="store_true", help="skip the 3-hour memory run")
    args = parser.parse_args()
    if args.sample_runs:
        runs = runs_of("sample", args.sample_runs, lambda p: make_sample(p, "en-default"))
        report(runs, "the sample edition's English articles")
    if args.small_runs:
        articles, words = args.small
        runs = runs_of(f"{articles}x{words}", args.small_runs,
                       lambda p: make_edition(p, articles, words, "en-default"))  # fmt: skip
        report(runs, f"{articles} articles of {words} words")
    if args.runs:
        runs = runs_of(f"{args.articles}x{args.words}", args.runs,
                       lambda p: make_edition(p, args.articles, args.words, "en-default"),
                       naive_too=True)  # fmt: skip
        report(runs, f"{args.articles} articles of {args.words} words")
    if args.piper_articles > 0 and args.piper_runs > 0:
        runs = runs_of("piper", args.piper_runs,
                       lambda p: make_edition(p, args.piper_articles, args.words, "en-joe"),
                       piper=True)  # fmt: skip
        report(runs, f"Piper (en-joe), {args.piper_articles} articles of {args.words} words",
               piper=True)  # fmt: skip
    if args.no_memory:
        return
    with tempfile.TemporaryDirectory(prefix="bench-mem-") as base:
        largest, tree, hours = memory_run(Path(base))
    print(f"3-hour edition (fake engine): {hours:.2f} h of audio, peak RSS {largest:.0f} MB "
          f"in the largest process (target < 200 MB), {tree:.0f} MB all processes")  # fmt: skip


def median(runs: list[Run], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def ratio(runs: list[Run], top: str, bottom: str) -> str:
    """Median of the ratios run by run, with their range."""
    values = sorted(r[top] / r[bottom] for r in runs)
    return f"{statistics.median(values):.2f} (runs {values[0]:.2f} to {values[-1]:.2f})"


def report(runs: list[Run], what: str, piper: bool = False) -> None:
    med = {key: median(runs, key) for key in runs[0]}
    floor_name = "floor (piper-tts, 1 process + 1 encode)" if piper else (
        "floor (espeak-ng CLI + 1 encode)")  # fmt: skip
    print(f"\n{what}: {med['minutes']:.1f} minutes of audio; medians of {len(runs)} runs "
          "(wall seconds, CPU seconds of all processes)")  # fmt: skip
    rows = [
        ("cold render", "cold", f"real-time factor {med['minutes'] * 60 / med['cold']:.1f}x"),
        (floor_name, "floor", f"real-time factor {med['floor_minutes'] * 60 / med['floor']:.1f}x"),
        ("re-render after a 1-sentence edit", "rerender", ""),
    ]
    for name, key, note in rows:
        print(f"  {name:40} {med[key]:7.1f}  cpu {med[key + '_cpu']:7.1f}  {note}")
    if "naive" in med:
        print(f"  {'naive (pyttsx3 per article + pydub)':40} {med['naive']:7.1f}")
    target = "1.20" if piper else "1.30"
    print(f"  cold / floor     {ratio(runs, 'cold', 'floor')}  (target <= {target})")
    print(f"  cold / floor CPU {ratio(runs, 'cold_cpu', 'floor_cpu')}")
    if "naive" in med:
        print(f"  cold / naive     {ratio(runs, 'cold', 'naive')}  (target <= 1.00)")
    print(f"  rerender / cold  {ratio(runs, 'rerender', 'cold')}  (target < 0.10)")
    print(f"  peak RSS: cold render {med['tree_rss']:.0f} MB all processes "
          f"({med['rss']:.0f} MB largest), floor {med['floor_rss']:.0f} MB")  # fmt: skip


if __name__ == "__main__":
    main()
