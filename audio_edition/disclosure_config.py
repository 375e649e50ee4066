"""The ``[disclosure]`` and ``[credentials]`` tables of ``edition.toml`` (docs/credentials.md):
how the episodes say that a synthetic voice reads them, and who signs their Content
Credentials. Read through ``schema.py`` like every table of ``config.py``; the checks
across keys are here.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from audio_edition import valid
from audio_edition.schema import setting


@dataclass(frozen=True)
class DisclosureSettings:
    """The spoken notice that a synthetic voice reads (``[disclosure]``): on by default,
    once per article episode and once per edition episode (docs/credentials.md)."""

    text: str = setting("", check=valid.words)
    """What is said, in the publication's language; empty: the language's own phrase
    (``Read by a synthetic voice.``). Other languages say their own phrase."""
    position: str = setting("start", choices=("start", "end"))
    """Where it is said: before the headline (``start``) or after the last paragraph."""
    spoken: bool = setting(True)
    """``false`` silences it; allowed only with a ``reason``, so that it is never
    silenced without saying so in the configuration."""
    reason: str = setting("", check=valid.words)
    """Why it is not spoken (required when ``spoken = false``)."""
    about_url: str = setting("", check=lambda url: url and valid.http_url(url))
    """Where the pages' "Read by a synthetic voice" label links: the newsroom's own page
    about it; empty: the explanation at the foot of each page."""


@dataclass(frozen=True)
class CredentialsSettings:
    """Who signs the MP3s' Content Credentials (``[credentials]``, docs/credentials.md):
    a certificate chain and either its private key or a command that signs."""

    certificate: Path | None = setting(None)
    """PEM file: the signing certificate, then the certificates that issued it."""
    key: Path | None = setting(None)
    """PEM file: the certificate's private key (EC P-256/P-384 or Ed25519)."""
    sign_command: str = setting("")
    """A command (run without a shell, split like a shell line) given the bytes to sign on
    its standard input, writing the signature on its standard output (raw or DER), e.g.
    ``openssl dgst -sha256 -sign key.pem`` or an HSM's tool; instead of ``key``."""

    @property
    def configured(self) -> bool:
        """Whether the MP3s are signed."""
        return self.certificate is not None


def check_disclosure(table: DisclosureSettings | None, problems: list[str]) -> None:
    """The disclosure may be silenced only with a reason given (docs/credentials.md)."""
    if table is not None and not table.spoken and not table.reason.strip():
        problems.append(
            "Config value 'disclosure.spoken': false needs a 'disclosure.reason' saying why "
            "listeners are not told the voice is synthetic"
        )


def check_credentials(
    root: Path, table: CredentialsSettings | None, problems: list[str]
) -> CredentialsSettings | None:
    """Files resolved against ``edition.toml``; a certificate with a key or a command."""
    if table is None:
        return None
    name = "credentials"
    if table.certificate is None:
        if table.key is not None or table.sign_command:
            problems.append(f"Config value '{name}.certificate': missing; the key or command "
                            "needs the certificate chain it signs for")  # fmt: skip
        return table
    certificate = _existing(root / table.certificate, f"{name}.certificate", problems)
    key = None if table.key is None else _existing(root / table.key, f"{name}.key", problems)
    if (key is None) == (not table.sign_command):
        problems.append(f"Config value '{name}': give either 'key' or 'sign_command'")
    return replace(table, certificate=certificate, key=key)


def _existing(path: Path, name: str, problems: list[str]) -> Path:
    if not path.is_file():
        problems.append(f"Config value '{name}': {path} does not exist")
    return path
