"""One way to read a TOML table into a typed dataclass, checked before anything is written.

A field's type comes from its annotation (``int``, ``float``, ``str``, ``bool``,
``Path``, ``datetime.date``, or one of them ``| None``); its limits from
``setting(...)``: a range, allowed choices, or a ``check`` of its own. A string is
one line unless its setting says ``lines=True``: no control characters, tabs or
line breaks (a feed or a tag cannot carry them). Every problem is one phrase,
``Config value 'table.key': ...``, collected in a list so that a file's problems
are reported together (docs/architecture.md, "Configuration").
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import types
import typing
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")
Check = Callable[[Any], str | None]
"""A value's own check: ``None`` if it is fine, else a phrase such as ``is not an e-mail``."""
LINE_BREAKS = "\u2028\u2029"
"""Line and paragraph separators: not control characters, but line breaks all the same."""


def setting(
    default: Any = dataclasses.MISSING,
    *,
    low: float | None = None,
    high: float | None = None,
    choices: tuple[Any, ...] | None = None,
    check: Check | None = None,
    lines: bool = False,
) -> Any:
    """A dataclass field with a range (``low`` <= value <= ``high``), allowed ``choices``,
    or a ``check`` of its own; ``lines=True`` lets a string hold line breaks and tabs."""
    meta = {"low": low, "high": high, "choices": choices, "check": check, "lines": lines}
    return dataclasses.field(default=default, metadata=meta)


def read_table(cls: type[T], table: Any, where: str, problems: list[str]) -> T | None:
    """``cls`` built from ``table``; ``None`` (with ``problems`` added) if anything is wrong.

    ``where`` is the table's dotted name as the file spells it (``piper``, ``audio``).
    """
    if not isinstance(table, dict):
        problems.append(f"Config value '{where}': must be a table")
        return None
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    before = len(problems)
    for key in table:
        if key not in fields:
            known = ", ".join(fields)
            problems.append(f"Config value '{_name(where, key)}': unknown key (known: {known})")
    values: dict[str, Any] = {}
    for name, spec in fields.items():
        if name in table:
            values[name] = _value(table[name], hints[name], spec, _name(where, name), problems)
        elif spec.default is dataclasses.MISSING and spec.default_factory is dataclasses.MISSING:
            problems.append(f"Config value '{_name(where, name)}': missing")
    return None if len(problems) > before else cls(**values)


def _name(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _value(
    value: Any, hint: Any, spec: dataclasses.Field[Any], name: str, problems: list[str]
) -> Any:
    kinds = _kinds(hint)
    converted = _convert(value, kinds)
    if converted is _WRONG:
        wanted = " or ".join(_WORDS[k] for k in kinds)
        problems.append(f"Config value '{name}': {_shown(value)} is not {wanted}")
        return None
    problem = _characters(value, spec.metadata) or _limits(converted, spec.metadata)
    if problem:
        problems.append(f"Config value '{name}': {_shown(value)} {problem}")
    return converted


def _shown(value: Any) -> str:
    """The value as the message shows it: its repr, cut short."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


_WRONG = object()
_WORDS = {
    int: "a whole number",
    float: "a number",
    str: "a string",
    bool: "true or false",
    Path: "a path",
    dt.date: "a date like 2026-11-27",
    type(None): "absent",
}


def _kinds(hint: Any) -> tuple[type, ...]:
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        return tuple(k for k in typing.get_args(hint) if k is not type(None))
    return (hint,)


def _convert(value: Any, kinds: tuple[type, ...]) -> Any:
    for kind in kinds:
        if kind is bool and isinstance(value, bool):
            return value
        if isinstance(value, bool):
            continue  # TOML's true is not a number
        if kind is int and isinstance(value, int):
            return value
        if kind is float and isinstance(value, int | float):
            return float(value)
        if kind is str and isinstance(value, str):
            return value
        if kind is Path and isinstance(value, str) and value.strip():
            return Path(value)
        if kind is dt.date and (date := _date(value)) is not None:
            return date
    return _WRONG


def _date(value: Any) -> dt.date | None:
    """A TOML date, or a string such as ``2026-11-27``; ``None`` for anything else."""
    if isinstance(value, dt.datetime):
        return None  # a time of day would be silently dropped
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _characters(value: Any, meta: typing.Mapping[str, Any]) -> str | None:
    """Control characters in any string; tabs and line breaks unless ``lines`` allows them."""
    if not isinstance(value, str):
        return None
    allowed = "\t\n\r" if meta.get("lines") else ""
    for char in value:
        if char in allowed:
            continue
        if char in "\t\n\r" or char in LINE_BREAKS:
            return f"holds a tab or line break (U+{ord(char):04X}); it must be one line"
        if unicodedata.category(char) == "Cc":
            return f"contains a control character (U+{ord(char):04X})"
    return None


def _limits(value: Any, meta: typing.Mapping[str, Any]) -> str | None:
    low, high, choices = meta.get("low"), meta.get("high"), meta.get("choices")
    if choices is not None and value not in choices:
        return f"is not one of {', '.join(map(str, choices))}"
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if number and not math.isfinite(value):
        return "is not a finite number"
    if number and ((low is not None and value < low) or (high is not None and value > high)):
        return f"is out of range ({_range(low, high)})"
    check: Check | None = meta.get("check")
    return check(value) if check is not None else None


def _range(low: float | None, high: float | None) -> str:
    if low is not None and high is not None:
        return f"{low:g} to {high:g}"
    return f"at least {low:g}" if low is not None else f"at most {high:g}"
