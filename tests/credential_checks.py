"""A test certificate chain, made with ``cryptography``: a CA of the tests' own and a
signing certificate it issued, with the extended key usage C2PA expects of a signer."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

SIGNER = "Harbour Gazette test signer"


def _name(common: str) -> x509.Name:
    organization = x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Tests of audio-edition")
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common), organization])


def make_chain(folder: Path, curve: ec.EllipticCurve | None = None) -> tuple[Path, Path]:
    """``(chain.pem, key.pem)`` in ``folder``: the signer's certificate and the CA's."""
    folder.mkdir(parents=True, exist_ok=True)
    now = dt.datetime.now(dt.UTC)
    ca_key, key = (
        ec.generate_private_key(ec.SECP256R1()),
        ec.generate_private_key(curve or ec.SECP256R1()),
    )
    usage = dict(content_commitment=False, key_encipherment=False, data_encipherment=False,
                 key_agreement=False, encipher_only=False, decipher_only=False)  # fmt: skip

    def issue(subject: str, public: object, ca: bool) -> x509.Certificate:
        kinds = x509.KeyUsage(digital_signature=not ca, key_cert_sign=ca, crl_sign=ca, **usage)
        issuer = x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key())
        builder = (
            x509.CertificateBuilder()
            .subject_name(_name(subject))
            .issuer_name(_name("Test CA"))
            .public_key(public)  # type: ignore[arg-type]
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
            .add_extension(kinds, critical=True)
            .add_extension(issuer, critical=False)
        )
        if not ca:
            eku = x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION])
            builder = builder.add_extension(eku, critical=False)
        return builder.sign(ca_key, hashes.SHA256())

    ca = issue("Test CA", ca_key.public_key(), True)
    signer = issue(SIGNER, key.public_key(), False)
    pem = serialization.Encoding.PEM
    chain, private = folder / "chain.pem", folder / "key.pem"
    chain.write_bytes(signer.public_bytes(pem) + ca.public_bytes(pem))
    private.write_bytes(key.private_bytes(pem, serialization.PrivateFormat.PKCS8,
                                          serialization.NoEncryption()))  # fmt: skip
    return chain, private


def credentials_table(chain: Path, key: Path | None = None, command: str = "") -> str:
    """An ``edition.toml`` ``[credentials]`` table naming these files (absolute paths)."""
    lines = ["[credentials]", f'certificate = "{chain}"']
    lines.append(f'key = "{key}"' if key is not None else f"sign_command = '{command}'")
    return "\n".join(lines) + "\n"
