"""Benchmark a whole render against its floor and a naive baseline; prints figures.

    python bench/render_bench.py [--runs 3] [--articles 24] [--words 600] [--piper-articles 3]

For a generated edition (24 articles of 600 words, about 100 minutes of speech;
the issue asks for at least 20 articles and 60 minutes) it measures, in
each run: the cold render (empty cache), the re-render after a one-sentence
edit, the floor (the espeak-ng command line speaking the same spoken text as one
file, plus one ffmpeg MP3 encode of it) and a naive baseline (pyttsx3, one file
per article, exported with pydub). Medians are printed, with the ratios the
targets are about. Then the peak memory of a 3-hour edition (fake engine, so it
runs in a minute: the audio path is the same).

The Piper row (voice en-joe; one run, a smaller edition of ``--piper-articles``
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
largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(child.returncode, largest, max(peak, largest))
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


def timed(command: list[str]) -> tuple[float, int, int]:
    """Wall seconds, peak RSS of its largest process and of its whole process tree
    (KiB) of a command."""
    began = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", MEASURE, *command], capture_output=True, text=True)
    wall = time.perf_counter() - began
    code, largest, tree = done.stdout.split()[-3:]
    if code != "0":
        raise SystemExit(f"failed: {' '.join(command)}\n{done.stderr}")
    return wall, int(largest), int(tree)


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


def encode(edition: Path, wav: Path) -> tuple[float, int, int]:
    """One ffmpeg MP3 encode of ``wav``, with the render's encoder settings."""
    audio = load_config(edition).audio
    return timed(["ffmpeg", "-v", "error", "-y", "-i", str(wav), "-c:a", "libmp3lame",
                  "-b:a", f"{audio.bitrate_kbps}k", "-compression_level",
                  str(audio.encoder_quality), str(wav.with_suffix(".mp3"))])  # fmt: skip


def wav_seconds(path: Path) -> float:
    with wave.open(str(path)) as wav:
        return float(wav.getnframes() / wav.getframerate())


def floor(edition: Path, work: Path) -> tuple[float, float, int]:
    """espeak-ng speaking the spoken text as one file, plus one MP3 encode: wall
    seconds, audio seconds and peak RSS (KiB)."""
    voice = load_voice(load_config(edition).voice, edition)
    text = work / "spoken.txt"
    text.write_text(spoken_text(edition))
    espeak = voice.settings
    assert isinstance(espeak, EspeakSettings)
    speak, rss, _ = timed(["espeak-ng", "-v", espeak.voice.split("/")[-1], "-s",
                           str(espeak.rate), "-w", str(work / "floor.wav"),
                           "-f", str(text)])  # fmt: skip
    wall, encode_rss, _ = encode(edition, work / "floor.wav")
    return speak + wall, wav_seconds(work / "floor.wav"), max(rss, encode_rss)


def piper_floor(edition: Path, work: Path) -> tuple[float, float, int]:
    """piper-tts in one process speaking every sentence into one WAV (one voice load),
    plus one MP3 encode: wall seconds, audio seconds and peak RSS (KiB)."""
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
    speak, rss, _ = timed([sys.executable, "-c", PIPER_FLOOR, piper.model, piper.config,
                           json.dumps(syn), str(sentences), str(wav)])  # fmt: skip
    wall, encode_rss, _ = encode(edition, wav)
    return speak + wall, wav_seconds(wav), max(rss, encode_rss)


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


def one_run(base: Path, articles: int, words: int) -> dict[str, float]:
    edition = make_edition(base / "edition", articles, words, "en-default")
    out, cache = base / "out", base / "cache"
    cold, cold_rss, cold_tree = timed(render_command(edition, out, cache))
    edit_one_sentence(edition)
    rerender, _, _ = timed(render_command(edition, out, cache))
    (base / "floor").mkdir()
    (base / "naive").mkdir()
    floor_wall, floor_audio, floor_rss = floor(edition, base / "floor")
    return {
        "cold": cold, "rerender": rerender, "floor": floor_wall,
        "naive": naive(edition, base / "naive"), "minutes": audio_minutes(out),
        "floor_minutes": floor_audio / 60, "rss": cold_rss / 1024,
        "tree_rss": cold_tree / 1024, "floor_rss": floor_rss / 1024,
    }  # fmt: skip


def piper_run(base: Path, articles: int, words: int) -> dict[str, float]:
    """The Piper row: cold render, re-render after an edit, and the Piper floor."""
    edition = make_edition(base / "edition", articles, words, "en-joe")
    out, cache = base / "out", base / "cache"
    cold, cold_rss, cold_tree = timed(render_command(edition, out, cache))
    edit_one_sentence(edition)
    rerender, _, _ = timed(render_command(edition, out, cache))
    (base / "floor").mkdir()
    floor_wall, floor_audio, floor_rss = piper_floor(edition, base / "floor")
    return {
        "cold": cold, "rerender": rerender, "floor": floor_wall, "minutes": audio_minutes(out),
        "floor_minutes": floor_audio / 60, "rss": cold_rss / 1024,
        "tree_rss": cold_tree / 1024, "floor_rss": floor_rss / 1024,
    }  # fmt: skip


def memory_run(base: Path) -> tuple[float, float, float]:
    """Peak RSS (MB; largest process, all processes) and audio hours of a 3-hour
    edition (fake engine at speaking pace)."""
    voices = base / "edition" / "voices"
    edition = make_edition(base / "edition", 12, 2600, "pace-fake")
    voices.mkdir()
    (voices / "pace-fake.toml").write_text(
        'engine = "fake"\nlanguage = "en"\n[fake]\nrate = 170\nvolume = 0.5\n'
    )
    _, largest, tree = timed(render_command(edition, base / "out", base / "cache"))
    return largest / 1024, tree / 1024, audio_minutes(base / "out") / 60


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="espeak runs (0: none)")
    parser.add_argument("--articles", type=int, default=24)
    parser.add_argument("--words", type=int, default=600)
    parser.add_argument(
        "--piper-articles", type=int, default=3, help="size of the Piper edition (0: no Piper row)"
    )
    args = parser.parse_args()
    runs = []
    for number in range(args.runs):
        with tempfile.TemporaryDirectory(prefix="bench-") as base:
            runs.append(one_run(Path(base), args.articles, args.words))
        print(f"run {number + 1}: " + ", ".join(f"{k} {v:.1f}" for k, v in runs[-1].items()))
    if runs:  # --runs 0: the Piper row and the memory figure only
        report(runs, args.articles)
    if args.piper_articles > 0:
        with tempfile.TemporaryDirectory(prefix="bench-piper-") as base:
            piper = piper_run(Path(base), args.piper_articles, args.words)
        print("piper run: " + ", ".join(f"{k} {v:.1f}" for k, v in piper.items()))
        report_piper(piper, args.piper_articles)
    with tempfile.TemporaryDirectory(prefix="bench-mem-") as base:
        largest, tree, hours = memory_run(Path(base))
    print(f"3-hour edition (fake engine): {hours:.2f} h of audio, peak RSS {largest:.0f} MB "
          f"in the largest process (target < 200 MB), {tree:.0f} MB all processes")  # fmt: skip


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
    print(f"  real-time factor: cold render {med['minutes'] * 60 / med['cold']:.0f}x, "
          f"floor {med['floor_minutes'] * 60 / med['floor']:.0f}x")  # fmt: skip
    print(f"  peak RSS: cold render {med['tree_rss']:.0f} MB all processes "
          f"({med['rss']:.0f} MB largest), floor {med['floor_rss']:.0f} MB")  # fmt: skip


def report_piper(run: dict[str, float], articles: int) -> None:
    print(f"\nPiper (en-joe): {articles} articles, {run['minutes']:.1f} minutes of audio; "
          "one run (seconds)")  # fmt: skip
    rows = [
        ("cold render", run["cold"], f"real-time factor {run['minutes'] * 60 / run['cold']:.1f}x"),
        ("floor (piper-tts, 1 process + 1 encode)", run["floor"],
         f"real-time factor {run['floor_minutes'] * 60 / run['floor']:.1f}x"),
        ("re-render after a 1-sentence edit", run["rerender"], ""),
    ]  # fmt: skip
    for name, value, note in rows:
        print(f"  {name:40} {value:7.1f}  {note}")
    print(f"  cold / floor     {run['cold'] / run['floor']:.2f}  (target <= 1.20)")
    print(f"  rerender / cold  {run['rerender'] / run['cold']:.2f}")
    print(f"  peak RSS: cold render {run['tree_rss']:.0f} MB all processes "
          f"({run['rss']:.0f} MB largest), floor {run['floor_rss']:.0f} MB")  # fmt: skip


if __name__ == "__main__":
    main()
