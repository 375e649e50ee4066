"""Benchmark the text front end and compare sentence segmenters.

Prints, for our segmenter and for pysbd, syntok and blingfire (each when
installed): the Golden Rules score, the news-set score, the held-out
news-set score and the speed in characters per second on about 1 MB of news
text (the news set repeated);
then the time of the whole front end (segmentation + spoken forms) on that
megabyte, which must stay under 2 s on one core.

Run from the repository root: ``python bench/text_bench.py [--size BYTES]``.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from audio_edition.text import sentence_spans, spoken_form  # noqa: E402

GOLDEN = ROOT.parent / "shared" / "data" / "golden_rules_en.jsonl"
NEWS = ROOT / "tests" / "data" / "news_paragraphs.jsonl"
HELDOUT = ROOT / "tests" / "data" / "news_heldout_en.jsonl"

Segmenter = Callable[[str], list[str]]


def ours(text: str) -> list[str]:
    """Our rules (audio_edition.text.segment)."""
    return [text[start:end] for start, end in sentence_spans(text)]


def pysbd_segmenter() -> Segmenter | None:
    """pysbd with clean=False, sentences stripped of surrounding whitespace."""
    try:
        import pysbd
    except ImportError:
        return None
    segmenter = pysbd.Segmenter(language="en", clean=False)
    return lambda text: [s.strip() for s in segmenter.segment(text) if s.strip()]


def syntok_segmenter() -> Segmenter | None:
    """syntok's segmenter, sentences cut from the source by token offsets."""
    try:
        from syntok import segmenter
    except ImportError:
        return None

    def split(text: str) -> list[str]:
        out: list[str] = []
        for paragraph in segmenter.analyze(text):
            for sentence in paragraph:
                tokens = list(sentence)
                if tokens:
                    last = tokens[-1]
                    out.append(text[tokens[0].offset : last.offset + len(last.value)])
        return out

    return split


def blingfire_segmenter() -> Segmenter | None:
    """blingfire's text_to_sentences_and_offsets, cut from the source."""
    try:
        import blingfire
    except ImportError:
        return None

    def split(text: str) -> list[str]:
        if not text.strip():
            return []
        _, offsets = blingfire.text_to_sentences_and_offsets(text)
        pieces = (text[start:end].strip() for start, end in offsets)
        return [piece for piece in pieces if piece]

    return split


def load(path: Path) -> list[dict[str, object]]:
    """The cases of a JSONL test set, or [] when the file is absent."""
    if not path.is_file():
        return []
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def score(split: Segmenter, cases: list[dict[str, object]]) -> str:
    """``right/total`` cases segmented exactly."""
    if not cases:
        return "n/a"
    right = sum(1 for case in cases if split(str(case["text"])) == case["sentences"])
    return f"{right}/{len(cases)}"


def megabyte(cases: list[dict[str, object]], size: int) -> str:
    """About ``size`` characters of news: the news set repeated, paragraphs apart."""
    block = "\n\n".join(str(case["text"]) for case in cases)
    copies = size // (len(block) + 2) + 1
    return "\n\n".join([block] * copies)


def speed(split: Segmenter, text: str) -> float:
    """Characters per second of one run over ``text``."""
    gc.collect()
    started = time.perf_counter()
    split(text)
    return len(text) / (time.perf_counter() - started)


def front_end(text: str) -> tuple[float, float]:
    """Seconds for segmentation, then for spoken forms of every sentence."""
    gc.collect()
    started = time.perf_counter()
    spans = sentence_spans(text)
    segmented = time.perf_counter()
    for start, end in spans:
        spoken_form(text[start:end])
    return segmented - started, time.perf_counter() - segmented


def main() -> None:
    """Print the comparison table and the front-end timing."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="characters of news text")
    args = parser.parse_args()
    golden, news, heldout = load(GOLDEN), load(NEWS), load(HELDOUT)
    text = megabyte(news, args.size)
    candidates: list[tuple[str, Segmenter | None]] = [
        ("ours", ours),
        ("pysbd", pysbd_segmenter()),
        ("syntok", syntok_segmenter()),
        ("blingfire", blingfire_segmenter()),
    ]
    segmenting, speaking = front_end(text)
    total = segmenting + speaking
    verdict = "OK" if total < 2.0 else "TOO SLOW"
    print(
        f"front end on {len(text):,} chars: segmentation {segmenting:.2f} s, "
        f"spoken forms {speaking:.2f} s, total {total:.2f} s (< 2 s: {verdict})"
    )
    print(f"news text: {len(text):,} characters; golden rules: {GOLDEN}")
    print(f"{'segmenter':<10} {'golden':>8} {'news':>8} {'heldout':>8} {'chars/s':>12}")
    for name, split in candidates:
        if split is None:
            print(f"{name:<10} {'not installed':>30}")
            continue
        print(
            f"{name:<10} {score(split, golden):>8} {score(split, news):>8} "
            f"{score(split, heldout):>8} "
            f"{speed(split, text):>12,.0f}"
        )


if __name__ == "__main__":
    main()
