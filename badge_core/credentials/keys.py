"""Each issuer's Ed25519 key, kept in files outside the database, and its rotation.

    <data_dir>/keys/<issuer>/signing-key.pem         the current private key (PKCS#8), mode 0600
    <data_dir>/keys/<issuer>/retired-keys.json       earlier public keys and when they retired
    <data_dir>/keys/<issuer>/retired/<key>.pem       earlier private keys, mode 0600

An issuer is a city (its slug) or a provider the city pack makes an issuer of its own,
named ``<provider>@<city>`` (``provider_issuer``): a slug has no ``@``, so a provider's
keys can never be taken for a city's, and the name says which city endorses it.

A copy of the database therefore holds no key. The key is made on first use. Rotating makes a
new one; credentials signed before keep verifying, because a ``did:key`` carries its key and
the ``did:web`` document lists the retired keys too. A retired key never signs a credential
again. It is kept for one job only: with ``did:key`` issuers each key is its own issuer, and a
verifier accepts a status list only from the credential's own issuer, so the revocation list
for credentials a retired key issued must still be signed by that key. (A deployment that
needs a key gone for good should run ``did:web``, where one DID keeps its lists across keys.)

Files are written whole and renamed into place, and the first key is linked in only if none
is there yet, so two processes starting at once agree on one key.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from badge_core.credentials.multibase import ed25519_multikey

SIGNING_KEY_FILE = "signing-key.pem"
RETIRED_KEYS_FILE = "retired-keys.json"
RETIRED_DIR = "retired"
PROVIDER_MARK = "@"


def provider_issuer(city: str, provider: str) -> str:
    """The key store's name for a provider that issues in ``city``."""
    return f"{provider}{PROVIDER_MARK}{city}"


def issuer_city(issuer: str) -> str:
    """The city an issuer name belongs to (the city itself, or the provider's city)."""
    return issuer.rpartition(PROVIDER_MARK)[2]


def public_multikey(private_key: Ed25519PrivateKey) -> str:
    raw = private_key.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    return ed25519_multikey(raw)


@dataclass(frozen=True)
class SigningKey:
    private_key: Ed25519PrivateKey
    public_multikey: str  # z6Mk...


@dataclass(frozen=True)
class RetiredKey:
    public_multikey: str
    retired_at: str  # ISO 8601
    # Set when the key was revoked (lost, stolen, or made by mistake): nothing it signed is
    # to be trusted any more, and it leaves the did:web document.
    revoked_at: str | None = None


def _write_whole(path: Path, data: bytes, mode: int) -> Path:
    """Write ``data`` to a new temporary file beside ``path``; the caller moves it in."""
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        os.fchmod(fd, mode)
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    return Path(temp)


class KeyStore:
    """The issuer keys of every city of one deployment, and of the providers that issue
    their own badges, under ``root``. Each method's ``city`` names an issuer: a city slug,
    or ``provider_issuer(city, provider)``."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    @classmethod
    def under(cls, data_dir: Path) -> KeyStore:
        return cls(Path(data_dir) / "keys")

    def _path(self, city: str, name: str) -> Path:
        if not city or "/" in city or "\\" in city or city.startswith("."):
            raise ValueError(f"not a city slug: {city!r}")
        return self.root / city / name

    def _city_dir(self, city: str) -> Path:
        folder = self._path(city, "")
        self.root.mkdir(mode=0o700, parents=True, exist_ok=True)
        folder.mkdir(mode=0o700, exist_ok=True)
        return folder

    def issuers(self) -> list[str]:
        """Every issuer with a key: cities and issuing providers (``<provider>@<city>``)."""
        if not self.root.is_dir():
            return []
        return sorted(p.name for p in self.root.iterdir() if (p / SIGNING_KEY_FILE).exists())

    def cities(self) -> list[str]:
        return [name for name in self.issuers() if PROVIDER_MARK not in name]

    def holder(self, public_multikey: str) -> str | None:
        """The issuer that signs, or signed, with this key (revoked or not), or None."""
        for issuer in self.issuers():
            current = self.current_key(issuer)
            if current is not None and current.public_multikey == public_multikey:
                return issuer
            if public_multikey in {k.public_multikey for k in self.retired_keys(issuer)}:
                return issuer
        return None

    def signing_key(self, city: str) -> SigningKey:
        """The city's current key, made now if it has none yet."""
        path = self._city_dir(city) / SIGNING_KEY_FILE
        if not path.exists():
            temp = _write_whole(path, _pem(Ed25519PrivateKey.generate()), 0o600)
            try:
                os.link(temp, path)  # fails if another process made one first: use theirs
            except FileExistsError:
                pass
            finally:
                temp.unlink()
        return _read_key(path)

    def current_key(self, city: str) -> SigningKey | None:
        """The city's current key, or None when it has never signed anything."""
        path = self._path(city, SIGNING_KEY_FILE)
        return _read_key(path) if path.exists() else None

    def retired_keys(self, city: str) -> list[RetiredKey]:
        path = self._path(city, RETIRED_KEYS_FILE)
        if not path.exists():
            return []
        entries = json.loads(path.read_text(encoding="utf-8"))
        return [
            RetiredKey(e["publicKeyMultibase"], e["retiredAt"], e.get("revokedAt")) for e in entries
        ]

    def retired_signing_key(self, city: str, public_multikey: str) -> SigningKey | None:
        """A retired key, for signing the status list of the credentials it issued."""
        if public_multikey not in {k.public_multikey for k in self.retired_keys(city)}:
            return None
        path = self._path(city, RETIRED_DIR) / f"{public_multikey}.pem"
        return _read_key(path) if path.exists() else None

    def public_keys(self, city: str) -> list[str]:
        """Every public key the city has signed with and still stands by: the current one
        first, then the retired ones that were not revoked."""
        current = self.current_key(city)
        keys = [current.public_multikey] if current else []
        keys += [k.public_multikey for k in reversed(self.retired_keys(city)) if not k.revoked_at]
        return list(dict.fromkeys(keys))

    def retired_key(self, public_multikey: str) -> RetiredKey | None:
        """The key's retirement (and revocation) by whichever issuer it was, or None."""
        for city in self.issuers():
            for key in self.retired_keys(city):
                if key.public_multikey == public_multikey:
                    return key
        return None

    def revoke(self, city: str, public_multikey: str, *, now: datetime | None = None) -> RetiredKey:
        """Revoke a key of the city: the current one is rotated out first. Its private key is
        destroyed and it leaves the public keys, so nothing it signed verifies here again."""
        current = self.current_key(city)
        if current is not None and current.public_multikey == public_multikey:
            self.rotate(city, now=now)
        retired = self.retired_keys(city)
        if public_multikey not in {k.public_multikey for k in retired}:
            raise KeyError(public_multikey)
        moment = (now or datetime.now(UTC)).isoformat()
        retired = [
            RetiredKey(k.public_multikey, k.retired_at, k.revoked_at or moment)
            if k.public_multikey == public_multikey
            else k
            for k in retired
        ]
        self._write_retired(city, retired)
        (self._city_dir(city) / RETIRED_DIR / f"{public_multikey}.pem").unlink(missing_ok=True)
        return next(k for k in retired if k.public_multikey == public_multikey)

    def _write_retired(self, city: str, retired: list[RetiredKey]) -> None:
        folder = self._city_dir(city)
        listing = [
            {"publicKeyMultibase": k.public_multikey, "retiredAt": k.retired_at}
            | ({"revokedAt": k.revoked_at} if k.revoked_at else {})
            for k in retired
        ]
        os.replace(
            _write_whole(folder / RETIRED_KEYS_FILE, json.dumps(listing, indent=2).encode(), 0o644),
            folder / RETIRED_KEYS_FILE,
        )

    def rotate(self, city: str, *, now: datetime | None = None) -> SigningKey:
        """Replace the city's key with a new one; the old one is archived, never to sign a
        credential again."""
        old = self.signing_key(city)
        folder = self._city_dir(city)
        (folder / RETIRED_DIR).mkdir(mode=0o700, exist_ok=True)
        archived = folder / RETIRED_DIR / f"{old.public_multikey}.pem"
        if not archived.exists():
            os.replace(_write_whole(archived, _pem(old.private_key), 0o600), archived)
        retired = self.retired_keys(city)
        if old.public_multikey not in {k.public_multikey for k in retired}:
            retired.append(RetiredKey(old.public_multikey, (now or datetime.now(UTC)).isoformat()))
        # the old key is safe in the archive before the new key replaces it
        self._write_retired(city, retired)
        new_key = Ed25519PrivateKey.generate()
        os.replace(
            _write_whole(folder / SIGNING_KEY_FILE, _pem(new_key), 0o600), folder / SIGNING_KEY_FILE
        )
        return SigningKey(new_key, public_multikey(new_key))


def _read_key(path: Path) -> SigningKey:
    private_key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(private_key, Ed25519PrivateKey):
        raise ValueError(f"{path} does not hold an Ed25519 key")
    return SigningKey(private_key, public_multikey(private_key))


def _pem(private_key: Ed25519PrivateKey) -> bytes:
    return private_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
