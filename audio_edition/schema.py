"""One way to read a TOML table into a typed dataclass, checked before anything is written.

A field's type comes from its annotation (``int``, ``float``, ``str``, ``bool``,
``Path``, or one of them ``| None``); its limits from ``setting(...)``. Every
problem is one phrase, ``Config value 'table.key': ...``, collected in a list so
that a file's problems are reported together (docs/architecture.md, "Configuration").
"""

from __future__ import annotations

import dataclasses
import types
import typing
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


def setting(
    default: Any = dataclasses.MISSING,
    *,
    low: float | None = None,
    high: float | None = None,
    choices: tuple[Any, ...] | None = None,
) -> Any:
    """A dataclass field with a range (``low`` <= value <= ``high``) or allowed ``choices``."""
    meta = {"low": low, "high": high, "choices": choices}
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
        problems.append(f"Config value '{name}': {value!r} is not {wanted}")
        return None
    problem = _limits(converted, spec.metadata)
    if problem:
        problems.append(f"Config value '{name}': {value!r} {problem}")
    return converted


_WRONG = object()
_WORDS = {
    int: "a whole number",
    float: "a number",
    str: "a string",
    bool: "true or false",
    Path: "a path",
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
    return _WRONG


def _limits(value: Any, meta: typing.Mapping[str, Any]) -> str | None:
    low, high, choices = meta.get("low"), meta.get("high"), meta.get("choices")
    if choices is not None and value not in choices:
        return f"is not one of {', '.join(map(str, choices))}"
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if number and ((low is not None and value < low) or (high is not None and value > high)):
        return f"is out of range ({_range(low, high)})"
    if isinstance(value, str) and any(ord(c) < 32 and c not in "\t" for c in value):
        return "contains a control character"
    return None


def _range(low: float | None, high: float | None) -> str:
    if low is not None and high is not None:
        return f"{low:g} to {high:g}"
    return f"at least {low:g}" if low is not None else f"at most {high:g}"
