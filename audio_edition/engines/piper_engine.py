"""Neural voices: Piper (the ``piper-tts`` package, onnxruntime on the CPU).

A worker loads its voice once and speaks one clip per sentence; piper's own
sentence chunks are joined into that clip. With the ``onnx`` package the model
is patched in memory to report phoneme alignments, from which each spoken
word's start and end are known (docs/architecture.md, "Voices").
"""

from __future__ import annotations

import hashlib
import json
import os
import wave
from dataclasses import dataclass, replace
from functools import cache
from importlib import metadata
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from audio_edition.engines import piper_words
from audio_edition.engines.base import Resolved, Words
from audio_edition.engines.piper_store import InstalledModel, find_model, read_model
from audio_edition.errors import ConfigError
from audio_edition.models import EngineSettings, Voice
from audio_edition.schema import setting

WORKER_MB = 1000
"""Memory of one worker speaking a medium voice, in MB (see ``worker_mb``)."""
MEDIUM_MODEL_BYTES = 63_201_294
"""Size of en_US-joe-medium.onnx, the medium model ``WORKER_MB`` was measured with."""


@dataclass(frozen=True)
class PiperSettings(EngineSettings):
    """The ``[piper]`` table of a voice profile."""

    model: str = setting()
    """An installed voice's name (``audio-edition voices list``) or a path to its
    ``.onnx`` file, relative to the profile; its ``.onnx.json`` lies beside it."""
    length_scale: float = setting(1.0, low=0.5, high=2.0)
    """Duration of each phoneme: above 1 is slower, below 1 faster."""
    noise_scale: float | None = setting(None, low=0.0, high=1.5)
    """Variation of the voice (the model's own value if absent)."""
    noise_w_scale: float | None = setting(None, low=0.0, high=1.5)
    """Variation of phoneme lengths (the model's own value if absent)."""
    speaker: int = setting(0, low=0, high=9999)
    """Speaker number, for models with several speakers."""
    volume: float = setting(1.0, low=0.1, high=1.0)
    """Scale of the (peak-normalized) output; mastering sets the loudness anyway."""
    word_timings: bool = setting(True)
    """Report when each word is spoken (needs the ``onnx`` package)."""
    config: str = ""
    """Set when the voice is resolved: the model's ``.onnx.json``."""

    def words_per_minute(self) -> float:
        return 160.0 / self.length_scale


class PiperEngine:
    """Piper neural voices (needs ``pip install 'audio-edition[neural]'``)."""

    name = "piper"
    settings = PiperSettings

    def unavailable(self) -> str | None:
        if find_spec("piper") is None or find_spec("onnxruntime") is None:
            return (
                "the piper engine needs the piper-tts package: "
                "pip install 'audio-edition[neural]' (or run 'make setup')"
            )
        return None

    def resolve(self, settings: EngineSettings, language: str, profile: Path) -> Resolved:
        assert isinstance(settings, PiperSettings)
        model = _model(settings.model, profile)
        if model.language and _primary(model.language) != _primary(language):
            raise ConfigError(
                f"{profile}: Config value 'language': '{language}', but the model "
                f"{model.model.name} reads {model.language}; use a model for {language} "
                "or fix the language"
            )
        if settings.speaker >= model.num_speakers:
            raise ConfigError(
                f"{profile}: Config value 'piper.speaker': {settings.speaker} is out of range "
                f"(the model has {model.num_speakers} speaker(s), numbered from 0)"
            )
        words = settings.word_timings and find_spec("onnx") is not None
        done = replace(
            settings, model=str(model.model), config=str(model.config), word_timings=words
        )
        return Resolved(
            done, model.sample_rate, _identity(done, language),
            f"Piper model {model.name} ({model.where})", word_timings=words,
            worker_mb=worker_mb(model.model),
        )  # fmt: skip

    def open(self, voice: Voice, threads: int) -> PiperSpeaker:
        assert isinstance(voice.settings, PiperSettings)
        return PiperSpeaker.load(voice.settings, threads)


def worker_mb(model: Path) -> int:
    """Memory one worker needs for ``model``, in MB: the loaded model and onnxruntime's
    buffers, which grow with the sentence. Measured with en_US-joe-medium (a 63 MB
    model): 350 MB resident after a short sentence, 950 MB after one of 110 words;
    larger models are taken to grow in proportion."""
    return max(WORKER_MB, round(WORKER_MB * model.stat().st_size / MEDIUM_MODEL_BYTES))


def _model(value: str, profile: Path) -> InstalledModel:
    """The model, by path (relative to the profile) or by installed name, and checked."""
    where = f"{profile}: Config value 'piper.model'"
    if value.endswith(".onnx") or "/" in value:
        path = Path(os.path.abspath(profile.parent / value))  # a link stays a link
        found: InstalledModel | None = read_model(
            path.stem, path, path.with_name(path.name + ".json"), str(path.parent)
        )
    else:
        found = find_model(value)
    if found is None:
        raise ConfigError(
            f"{where}: no installed voice '{value}' (see: audio-edition voices list; "
            f"add it: audio-edition voices add {value})"
        )
    if not found.model.is_file():
        raise ConfigError(f"{where}: {found.model} does not exist")
    if not found.config.is_file():
        raise ConfigError(
            f"{where}: the model's config {found.config} is missing (a Piper voice is an "
            ".onnx file with its .onnx.json beside it)"
        )
    if found.problem:
        raise ConfigError(f"{where}: {found.model.name} cannot be used: {found.problem}")
    return found


def _primary(tag: str) -> str:
    return tag.replace("_", "-").split("-")[0].lower()


def _identity(settings: PiperSettings, language: str) -> dict[str, Any]:
    versions = (
        f"piper-tts-{metadata.version('piper-tts')}+onnxruntime-{metadata.version('onnxruntime')}"
    )
    return {
        "engine": "piper",
        "version": versions,
        "language": language,
        "model": _digest(Path(settings.model)),
        "config": _digest(Path(settings.config)),
        "settings": {k: v for k, v in vars(settings).items() if k not in {"model", "config"}},
    }


def _digest(path: Path) -> str:
    status = path.stat()
    return _digest_of(path, status.st_size, status.st_mtime_ns)


@cache
def _digest_of(path: Path, size: int, mtime_ns: int) -> str:
    """SHA-256 of a file (remembered while its size and time stay the same)."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while block := stream.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


@dataclass
class PiperSpeaker:
    """One loaded Piper voice inside one worker process."""

    voice: Any
    """The ``piper.PiperVoice``."""
    syn_config: Any
    """The ``piper.SynthesisConfig`` every clip is spoken with."""
    alignments: bool
    """Whether the model was patched to report phoneme alignments."""

    @classmethod
    def load(cls, settings: PiperSettings, threads: int) -> PiperSpeaker:
        """Load the model once, with onnxruntime limited to ``threads`` threads."""
        import onnxruntime
        from piper import PiperVoice, SynthesisConfig
        from piper.config import PiperConfig

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = max(1, threads)
        options.inter_op_num_threads = 1
        model, aligned = _model_bytes(Path(settings.model), settings.word_timings)
        session = onnxruntime.InferenceSession(
            model, sess_options=options, providers=["CPUExecutionProvider"]
        )
        config = PiperConfig.from_dict(json.loads(Path(settings.config).read_text("utf-8")))
        syn = SynthesisConfig(
            speaker_id=settings.speaker,
            length_scale=settings.length_scale,
            noise_scale=settings.noise_scale,
            noise_w_scale=settings.noise_w_scale,
            volume=settings.volume,
        )
        return cls(PiperVoice(session=session, config=config), syn, aligned)

    def speak(self, text: str, path: Path) -> Words:
        chunks = list(
            self.voice.synthesize(text, self.syn_config, include_alignments=self.alignments)
        )
        with wave.open(str(path), "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(self.voice.config.sample_rate)
            for chunk in chunks:
                wav.writeframes(chunk.audio_int16_bytes)
        if not self.alignments:
            return None
        return piper_words.word_timings(text, chunks, self._phonemes_of)

    def _phonemes_of(self, word: str) -> int:
        """How many phonemes ``word`` has when said alone."""
        return sum(len(p) for p in self.voice.phonemize(word))


def _model_bytes(model: Path, alignments: bool) -> tuple[str | bytes, bool]:
    """The model for onnxruntime: patched in memory to output alignments if asked."""
    if not alignments:
        return str(model), False
    import onnx
    from piper.patch_voice_with_alignment import add_alignment_output

    loaded = onnx.load(str(model))
    try:
        add_alignment_output(loaded)
    except ValueError:  # already patched, or a model without the tensor
        return str(model), True
    return loaded.SerializeToString(), True
