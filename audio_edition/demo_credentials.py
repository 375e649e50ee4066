"""A throwaway demo signing certificate, so that the sample edition shows Content Credentials.

``audio-edition credentials demo DIR`` (``make demo``) writes a certificate authority of
its own and an EC P-256 signing certificate it issued, with the extended key usage
C2PA expects of a signer (``emailProtection``). Both are named as a demo; nobody's trust
list holds the CA, so readers report the signer as untrusted, as they should: a newsroom
signs with a certificate of its own (docs/credentials.md). The CA's private key is not
kept: nothing else can ever be issued under it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

CHAIN = "demo-chain.pem"
"""The signing certificate followed by the demo CA's."""
KEY = "demo-key.pem"
"""The signing certificate's private key."""
ORGANIZATION = "audio-edition DEMO (trusted by no one)"
VALID_DAYS = 365
MARGIN = dt.timedelta(days=7)
"""A demo certificate closer than this to its end is made again."""


@dataclass(frozen=True)
class DemoCredentials:
    """The files ``[credentials]`` names."""

    certificate: Path
    """PEM chain: the signing certificate, then the demo CA."""
    key: Path
    """PEM private key of the signing certificate."""
    made: bool
    """Whether they were made now (false: valid ones were there already, kept so that
    published MP3s are not signed again)."""


def demo_credentials(folder: Path, now: dt.datetime | None = None) -> DemoCredentials:
    """Make the demo certificate in ``folder``, unless a valid one is there."""
    now = now or dt.datetime.now(dt.UTC)
    chain, key = folder / CHAIN, folder / KEY
    if chain.is_file() and key.is_file() and _valid_until(chain) > now + MARGIN:
        return DemoCredentials(chain, key, made=False)
    folder.mkdir(parents=True, exist_ok=True)
    ca_key, signer_key = (
        ec.generate_private_key(ec.SECP256R1()),
        ec.generate_private_key(ec.SECP256R1()),
    )
    ca = _certificate(_name("audio-edition DEMO CA"), _name("audio-edition DEMO CA"), ca_key,
                      ca_key.public_key(), now, ca=True)  # fmt: skip
    signer = _certificate(_name("audio-edition DEMO signer"), ca.subject, ca_key,
                          signer_key.public_key(), now, ca=False)  # fmt: skip
    pem = serialization.Encoding.PEM
    key.write_bytes(signer_key.private_bytes(pem, serialization.PrivateFormat.PKCS8,
                                             serialization.NoEncryption()))  # fmt: skip
    key.chmod(0o600)
    chain.write_bytes(signer.public_bytes(pem) + ca.public_bytes(pem))
    return DemoCredentials(chain, key, made=True)


def _valid_until(chain: Path) -> dt.datetime:
    try:
        return x509.load_pem_x509_certificates(chain.read_bytes())[0].not_valid_after_utc
    except ValueError:
        return dt.datetime.min.replace(tzinfo=dt.UTC)


def _name(common: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, ORGANIZATION)])  # fmt: skip


def _certificate(
    subject: x509.Name,
    issuer: x509.Name,
    issuer_key: ec.EllipticCurvePrivateKey,
    public: ec.EllipticCurvePublicKey,
    now: dt.datetime,
    *,
    ca: bool,
) -> x509.Certificate:
    """A certificate as C2PA wants them: a CA that signs certificates, or a signer whose
    key signs (digitalSignature) for e-mail protection."""
    usage = dict.fromkeys(("content_commitment", "key_encipherment", "data_encipherment",
                           "key_agreement", "encipher_only", "decipher_only"), False)  # fmt: skip
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(hours=1))
        .not_valid_after(now + dt.timedelta(days=VALID_DAYS * (10 if ca else 1)))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(digital_signature=not ca, key_cert_sign=ca, crl_sign=ca, **usage),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()),
            critical=False,
        )
    )
    if not ca:
        eku = x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION])
        builder = builder.add_extension(eku, critical=False)
    return builder.sign(issuer_key, hashes.SHA256())
