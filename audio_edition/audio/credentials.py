"""Content Credentials (C2PA) in the MP3s: a signed manifest saying how the audio was made.

c2pa-python writes the manifest store into an ID3 ``GEOB`` frame and binds it to
every other byte of the file (a hard binding, ``c2pa.hash.data``): so an MP3 is
signed last, once all its tags are written, and any later change to it (a tag, one
byte of audio) breaks the binding. c2pa rewrites the ID3 tag as ID3v2.4, every frame
kept (chapters too). The signature carries a time and a random part, so the same file
signed twice differs: whether an MP3 is new is decided before it is signed, from its
version (``release.py``), and a published version is never signed again
(docs/credentials.md).
"""

from __future__ import annotations

import hashlib
import json
import shlex
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audio_edition import __version__
from audio_edition.disclosure_config import CredentialsSettings
from audio_edition.errors import AudioError, ConfigError

if TYPE_CHECKING:  # c2pa and cryptography load only where a file is signed or read
    import c2pa
    from cryptography import x509

IPTC = "http://cv.iptc.org/newscodes/digitalsourcetype/"
TRAINED = IPTC + "trainedAlgorithmicMedia"
"""Speech made by a model trained on recordings (Piper)."""
ALGORITHMIC = IPTC + "algorithmicMedia"
"""Speech made by rules, with no trained model (espeak-ng; the test engine's tones)."""
RULE_BASED = frozenset({"pyttsx3", "fake"})
"""Engines whose speech is rule-based; every other engine (Piper, plug-ins) is taken as a
trained model."""
UNTRUSTED = "signingCredential.untrusted"
"""A signer not on the reader's trust list: a newsroom's own CA, or the demo one."""
COMMAND_TIMEOUT_S = 30.0
_LOCK = threading.Lock()  # two finishers may sign at once; c2pa signs one at a time here


def source_type(engine: str) -> str:
    """The IPTC digital source type of speech from ``engine``."""
    return ALGORITHMIC if engine in RULE_BASED else TRAINED


@dataclass(frozen=True)
class Statement:
    """What an MP3's manifest says about it."""

    title: str
    """The article's headline (or the edition's title)."""
    url: str
    """Its canonical page."""
    voice: str
    """The voice profile that read it."""
    engine: str
    """The engine that spoke (``piper``, ``pyttsx3`` …); decides the source type."""
    model: str
    """The voice in a few words (the espeak-ng voice, or the Piper model)."""
    language: str
    """BCP 47 language of the speech."""

    def manifest(self) -> dict[str, Any]:
        """The manifest definition c2pa signs."""
        agent = {"name": "audio-edition", "version": __version__}
        action = {"action": "c2pa.created", "digitalSourceType": source_type(self.engine),
                  "softwareAgent": agent,
                  "parameters": {"voice": self.voice, "engine": self.engine,
                                 "model": self.model, "language": self.language}}  # fmt: skip
        work = {"@context": "https://schema.org", "@type": "CreativeWork",
                "name": self.title, "url": self.url, "inLanguage": self.language}  # fmt: skip
        return {
            "claim_generator_info": [agent],
            "title": self.title,
            "format": "audio/mpeg",
            "assertions": [
                {"label": "c2pa.actions.v2", "data": {"actions": [action]}},
                {"label": "stds.schema-org.CreativeWork", "data": work},
            ],
        }


@dataclass(frozen=True)
class SigningKey:
    """The newsroom's signer, read once per render from ``[credentials]``."""

    chain: bytes
    """PEM: the signing certificate, then its issuers."""
    alg: str
    """c2pa's name of the algorithm: ``es256``, ``es384`` or ``ed25519``."""
    key: bytes | None
    """PEM private key, or ``None`` where a command signs."""
    command: tuple[str, ...]
    """The signing command and its arguments (empty where ``key`` signs)."""
    identity: str
    """Digest of the chain and of how it signs: part of every signed MP3's version."""


def load_signing_key(settings: CredentialsSettings, where: Path) -> SigningKey | None:
    """The configured signer, checked (``None``: none configured). ``where`` is
    ``edition.toml``, named in errors."""
    if settings.certificate is None:
        return None
    from cryptography import x509

    chain = settings.certificate.read_bytes()
    try:
        cert = x509.load_pem_x509_certificates(chain)[0]
    except ValueError as exc:
        problem = f"{settings.certificate} is not a PEM certificate ({exc})"
        raise ConfigError(f"{where}: Config value 'credentials.certificate': {problem}") from exc
    alg = _algorithm(cert.public_key(), where)
    key = None if settings.key is None else settings.key.read_bytes()
    if key is not None:
        _check_key(key, cert, settings.key, where)
    command = tuple(shlex.split(settings.sign_command))
    identity = hashlib.sha256(chain + json.dumps([alg, command]).encode()).hexdigest()
    return SigningKey(chain, alg, key, command, identity)


def _algorithm(public: Any, where: Path) -> str:
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519

    if isinstance(public, ec.EllipticCurvePublicKey) and public.curve.name in (
        "secp256r1",
        "secp384r1",
    ):
        return "es256" if public.curve.name == "secp256r1" else "es384"
    if isinstance(public, ed25519.Ed25519PublicKey):
        return "ed25519"
    problem = "its key is neither EC P-256/P-384 nor Ed25519; C2PA signing needs one of them"
    raise ConfigError(f"{where}: Config value 'credentials.certificate': {problem}")


def _check_key(pem: bytes, cert: x509.Certificate, path: Path | None, where: Path) -> None:
    from cryptography.hazmat.primitives import serialization

    try:
        private = serialization.load_pem_private_key(pem, password=None)
    except (ValueError, TypeError) as exc:
        raise ConfigError(f"{where}: Config value 'credentials.key': {path} is not an "
                          f"unencrypted PEM private key ({exc})") from exc  # fmt: skip
    public = serialization.PublicFormat.SubjectPublicKeyInfo
    mine = private.public_key().public_bytes(serialization.Encoding.DER, public)
    if mine != cert.public_key().public_bytes(serialization.Encoding.DER, public):
        raise ConfigError(f"{where}: Config value 'credentials.key': {path} is not the key of "
                          "the certificate; name the certificate's own key")  # fmt: skip


def sign_mp3(mp3: Path, statement: Statement, key: SigningKey) -> None:
    """Sign ``mp3`` in place (its tags are final): the manifest in a GEOB frame."""
    import c2pa

    signed = mp3.with_name(mp3.name + ".signed")
    try:
        with _LOCK, _signer(key) as signer, c2pa.Builder(statement.manifest()) as builder:
            builder.sign_file(mp3, signed, signer)
    except c2pa.C2paError as exc:
        signed.unlink(missing_ok=True)
        raise AudioError(f"{mp3.name}: Content Credentials could not be signed ({exc}); "
                         "check [credentials] in edition.toml") from exc  # fmt: skip
    signed.replace(mp3)


def _signer(key: SigningKey) -> c2pa.Signer:
    import c2pa

    if key.key is not None:
        info = c2pa.C2paSignerInfo(alg=key.alg.encode(), sign_cert=key.chain,
                                   private_key=key.key, ta_url=None)  # fmt: skip
        return c2pa.Signer.from_info(info)
    alg = {"es256": c2pa.C2paSigningAlg.ES256, "es384": c2pa.C2paSigningAlg.ES384,
           "ed25519": c2pa.C2paSigningAlg.ED25519}[key.alg]  # fmt: skip
    return c2pa.Signer.from_callback(lambda data: run_command(key, data), alg, key.chain.decode())


def run_command(key: SigningKey, data: bytes) -> bytes:
    """The signature ``key.command`` writes for ``data`` (DER ECDSA made raw, as COSE wants)."""
    done = subprocess.run(key.command, input=data, capture_output=True,
                          timeout=COMMAND_TIMEOUT_S, check=True)  # fmt: skip
    signature = done.stdout
    size = {"es256": 32, "es384": 48}.get(key.alg)
    if size and len(signature) != 2 * size and signature[:1] == b"\x30":
        from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

        r, s = decode_dss_signature(signature)
        signature = r.to_bytes(size, "big") + s.to_bytes(size, "big")
    return signature


@dataclass(frozen=True)
class Credentials:
    """What an MP3's Content Credentials say, as c2pa's reader validates them."""

    failures: tuple[str, ...]
    """Validation failures (codes and explanations), the untrusted signer excepted."""
    source_type: str
    """The digital source type its creation action declares ("" if none)."""
    signer: str
    """Who signed it: the certificate's common name and issuer."""
    trusted: bool
    """Whether the signer is on the reader's trust list (a newsroom's own CA is not)."""
    title: str
    """The title the manifest gives."""


def read_credentials(mp3: Path) -> Credentials | None:
    """The MP3's Content Credentials, validated (``None``: it carries none)."""
    import c2pa

    reader = c2pa.Reader.try_create(mp3)
    if reader is None:
        return None
    with reader:
        results = reader.get_validation_results() or {}
        manifest = reader.get_active_manifest() or {}
    failed = results.get("activeManifest", {}).get("failure", [])
    failures = tuple(f"{f['code']}: {f.get('explanation', '')}" for f in failed
                     if f["code"] != UNTRUSTED)  # fmt: skip
    sign = manifest.get("signature_info", {})
    signer = f"{sign.get('common_name', '?')} (issued by {sign.get('issuer', '?')})"
    trusted = not any(f["code"] == UNTRUSTED for f in failed)
    return Credentials(failures, _source_type(manifest), signer, trusted, manifest.get("title", ""))


def _source_type(manifest: dict[str, Any]) -> str:
    for assertion in manifest.get("assertions", []):
        if assertion.get("label", "").startswith("c2pa.actions"):
            for action in assertion.get("data", {}).get("actions", []):
                if action.get("action") == "c2pa.created":
                    return str(action.get("digitalSourceType", ""))
    return ""
