"""Measure how intelligible each voice is: word error rate of an offline recognizer.

    python bench/wer_bench.py [--voices en-default en-joe] [--edition sample-edition]
                              [--per-article]

The sample edition is rendered once per voice (``--voice`` of the render command,
into a temporary output folder with an empty temporary clip cache). Each article's
MP3 is decoded to 16 kHz mono 16-bit PCM with ffmpeg and transcribed with
pocketsphinx (its bundled US English acoustic model, language model and
dictionary, default settings).

Segmentation: the recognizer hears one sentence at a time, cut from the MP3 at the
sentence's own start and end in the timing JSON the render writes beside it
(plus up to 0.15 s either side, never past half the pause to the next sentence).
Each voice is cut by its own timings, so neither profits from the other's pauses;
pocketsphinx's own endpointer would add its segmentation errors to both voices'
figures, and the word error rate is then about the voice, not about where to cut.

Reference: the spoken form of each sentence (the ``spoken`` field of the timing
JSON: exactly what the engine was asked to say, numbers already spelled out, the
headline included). Reference and transcript are normalized alike: lowercase,
everything but letters, digits and inner apostrophes turned into spaces (so
"mine-clearance" is two words, "U S" and "u.s." both "u s"). Word error rate is
(substitutions + deletions + insertions) / reference words, with jiwer, summed
over all articles of a voice. Words missing from the recognizer's dictionary
(place names like "Aldermouth") cannot be recognized with any voice: their share
is printed as a floor under both figures.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RATE = 16000
"""Sample rate pocketsphinx's en-us model expects."""
PAD_S = 0.15
"""Audio kept either side of a sentence (at most half the pause to its neighbour)."""
_NOT_WORD = re.compile(r"[^a-z0-9']+")


@dataclass(frozen=True)
class Article:
    """One article's figures for one voice."""

    slug: str
    reference: str
    """Normalized spoken text, sentences joined."""
    hypothesis: str
    """Normalized transcript, sentences joined."""
    seconds: float


def normalize(text: str) -> str:
    """Lowercase words separated by single spaces, without punctuation."""
    words = _NOT_WORD.sub(" ", text.lower()).split()
    return " ".join(w.strip("'") for w in words if w.strip("'"))


def render(edition: Path, voice: str, out: Path, cache: Path) -> float:
    """Render ``edition`` with ``voice`` into ``out``; the wall seconds it took."""
    began = time.perf_counter()
    command = [sys.executable, "-m", "audio_edition", "render", str(edition), "-q",
               "--voice", voice, "--out", str(out), "--cache-dir", str(cache)]  # fmt: skip
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"render with {voice} failed:\n{done.stderr}")
    return time.perf_counter() - began


def pcm(mp3: Path) -> bytes:
    """The MP3 decoded to 16 kHz mono signed 16-bit little-endian samples."""
    command = ["ffmpeg", "-v", "error", "-i", str(mp3), "-ac", "1", "-ar", str(RATE),
               "-f", "s16le", "-"]  # fmt: skip
    return subprocess.run(command, check=True, capture_output=True).stdout


def cuts(sentences: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """Each sentence's byte range in the PCM, padded into the pauses around it."""
    ranges = []
    for number, sentence in enumerate(sentences):
        before = sentences[number - 1]["end"] if number else 0.0
        after = sentences[number + 1]["start"] if number + 1 < len(sentences) else None
        start = max(sentence["start"] - PAD_S, (before + sentence["start"]) / 2, 0.0)
        end = sentence["end"] + PAD_S
        if after is not None:
            end = min(end, (sentence["end"] + after) / 2)
        ranges.append((2 * round(start * RATE), 2 * round(end * RATE)))
    return ranges


def transcribe(decoder: Any, audio: bytes) -> str:
    """pocketsphinx's best hypothesis for one utterance ("" when it heard nothing)."""
    decoder.start_utt()
    decoder.process_raw(audio, full_utt=True)
    decoder.end_utt()
    hyp = decoder.hyp()
    return hyp.hypstr if hyp is not None else ""


def articles(out: Path, decoder: Any) -> list[Article]:
    """Transcribe every article of a rendered output folder."""
    found = []
    for timing in sorted((out / "articles").glob("*/*.timing.json")):
        if timing.name != f"{timing.parent.name}.timing.json":
            continue  # the versioned copy of the same file
        data = json.loads(timing.read_text())
        if not data["language"].startswith("en"):
            continue  # the recognizer's model is English; the other voices are not compared
        audio = pcm(timing.parent / data["audio"])
        heard = [transcribe(decoder, audio[a:b]) for a, b in cuts(data["sentences"])]
        found.append(
            Article(
                slug=data["slug"],
                reference=normalize(" ".join(s["spoken"] for s in data["sentences"])),
                hypothesis=normalize(" ".join(heard)),
                seconds=data["duration"],
            )
        )
    return found


def unknown_share(decoder: Any, texts: list[str]) -> float:
    """Share of reference words the recognizer's dictionary lacks."""
    words = " ".join(texts).split()
    missing = sum(decoder.lookup_word(word) is None for word in words)
    return missing / len(words) if words else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voices", nargs="+", default=["en-default", "en-joe"])
    parser.add_argument("--edition", type=Path, default=ROOT / "sample-edition")
    parser.add_argument("--per-article", action="store_true", help="one row per article too")
    args = parser.parse_args()
    try:
        import jiwer
        from pocketsphinx import Decoder
    except ImportError as error:
        raise SystemExit(
            f"{error.name} is missing: pip install -e '.[bench]' (make bench installs it)"
        ) from None
    decoder = Decoder(samprate=RATE, loglevel="FATAL")
    rows = []
    for voice in args.voices:
        with tempfile.TemporaryDirectory(prefix="wer-bench-") as base:
            out = Path(base) / "out"
            rendered = render(args.edition.resolve(), voice, out, Path(base) / "cache")
            began = time.perf_counter()
            found = articles(out, decoder)
            heard = time.perf_counter() - began
        measured = jiwer.process_words([a.reference for a in found], [a.hypothesis for a in found])
        rows.append((voice, found, measured))
        minutes = sum(a.seconds for a in found) / 60
        print(f"{voice}: rendered in {rendered:.0f} s, {minutes:.1f} min of audio "
              f"transcribed in {heard:.0f} s", file=sys.stderr)  # fmt: skip
        if args.per_article:
            for article in found:
                rate = jiwer.wer(article.reference, article.hypothesis)
                print(f"  {voice:12} {article.slug:32} WER {rate:.3f}")
    print(f"\nWord error rate of pocketsphinx (en-us) on {args.edition.name}, sentence by sentence")
    print(f"  {'voice':12} {'articles':>8} {'words':>6} {'minutes':>7} {'WER':>6}"
          f" {'sub':>5} {'del':>5} {'ins':>5}")  # fmt: skip
    for voice, found, m in rows:
        words = m.hits + m.substitutions + m.deletions
        minutes = sum(a.seconds for a in found) / 60
        print(f"  {voice:12} {len(found):8} {words:6} {minutes:7.1f} {m.wer:6.3f}"
              f" {m.substitutions:5} {m.deletions:5} {m.insertions:5}")  # fmt: skip
    share = unknown_share(decoder, [a.reference for a in rows[0][1]])
    print(f"  reference words not in the recognizer's dictionary: {share:.3f} (a floor)")


if __name__ == "__main__":
    main()
