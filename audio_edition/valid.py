"""What a well-formed value looks like: language tags, e-mail and web addresses, the
address of a Dask scheduler.

Each check returns ``None`` for a good value, or the phrase that follows the value
in a ``Config value 'x': ...`` message (``schema.setting(check=...)``;
docs/architecture.md, "Configuration").
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

LANGUAGE_TAG = re.compile(
    r"""
    [a-z]{2,3}(?:-[a-z]{3}){0,3}          # language, extended language subtags
    (?:-[a-z]{4})?                         # script (Latn, Cyrl)
    (?:-(?:[a-z]{2}|[0-9]{3}))?            # region (GB, 419)
    (?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*   # variants (1996, fonipa)
    (?:-[0-9a-wyz](?:-[a-z0-9]{2,8})+)*    # extensions (u-ca-gregory)
    (?:-x(?:-[a-z0-9]{1,8})+)?             # private use
    """,
    re.IGNORECASE | re.VERBOSE,
)
"""A well-formed BCP 47 tag (RFC 5646, section 2.1) whose language is a two- or
three-letter code: ``en``, ``en-GB``, ``nl-BE``, ``zh-Hant-TW``, ``es-419``. Whether
each subtag is registered is not checked (that would need the IANA registry)."""
_NOT_SCHEDULER = "is not a Dask scheduler address like tcp://10.0.0.5:8786"
EMAIL = re.compile(r"[^@\s]+@[^@\s.]+(?:\.[^@\s.]+)+")
"""The shape of an address: a local part, ``@``, a domain with at least one dot."""


def language_tag(value: Any) -> str | None:
    """``None`` for a well-formed BCP 47 language tag (``en``, ``en-GB``)."""
    if isinstance(value, str) and LANGUAGE_TAG.fullmatch(value):
        return None
    return "is not a BCP 47 language tag like en or en-GB"


def email(value: Any) -> str | None:
    """``None`` for an e-mail address shaped like ``news@example.org``, or for ''."""
    if value == "" or (isinstance(value, str) and EMAIL.fullmatch(value)):
        return None
    return "is not an e-mail address like news@example.org"


def http_url(value: Any) -> str | None:
    """``None`` for an absolute ``http://`` or ``https://`` URL with a host."""
    try:
        parts = urlsplit(value) if isinstance(value, str) else None
    except ValueError:  # a malformed IPv6 host, say
        parts = None
    if parts and parts.scheme in ("http", "https") and parts.hostname and not _spaced(value):
        return None
    return "is not an absolute http(s) URL"


def is_web(url: str) -> bool:
    """Whether ``url`` is an absolute http(s) address (what a web source may fetch)."""
    return http_url(url) is None


def scheduler_address(value: Any) -> str | None:
    """``None`` for a Dask scheduler's address, ``tcp://host:port``, or for '' (none)."""
    if value == "":
        return None
    try:
        parts = urlsplit(value) if isinstance(value, str) else None
        port = parts.port if parts else None
    except ValueError:  # a port out of range, a malformed IPv6 host
        return _NOT_SCHEDULER
    if parts is None or parts.scheme != "tcp" or not parts.hostname or not port:
        return _NOT_SCHEDULER
    extra = parts.path.strip("/") or parts.query or parts.fragment or parts.username
    return _NOT_SCHEDULER if extra or _spaced(value) else None


def words(value: Any) -> str | None:
    """``None`` for text with something besides spaces in it."""
    return None if isinstance(value, str) and value.strip() else "is empty"


def token(value: Any) -> str | None:
    """``None`` for a non-empty name without spaces (a voice profile's name or path may
    have spaces inside, not around it)."""
    if isinstance(value, str) and value.strip() and value == value.strip():
        return None
    return "is empty or has spaces around it"


def _spaced(text: str) -> bool:
    return any(char.isspace() for char in text)
