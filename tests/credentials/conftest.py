"""Fixtures for credentials: real awards made the way the bot makes them, settings whose key
files live in the test's own folder, and the independent verifier (Digital Bazaar's
eddsa-rdfc-2022, in Node) run on files.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest

from badge_core.config import Settings
from badge_core.db import UnitOfWorkFactory
from badge_core.services.claims import claim_badge
from badge_core.services.codes import create_claim_code
from badge_core.services.credentials import status_list_credential
from badge_core.services.learners import register_learner
from badge_core.services.skills import add_reflection, publish_reflection
from tests.conftest import REPO, SECRET

SCHEMA = Path(__file__).parent / "ob_v3p0_achievementcredential_schema.json"
VERIFIER_DIR = REPO / "tools" / "verify-credential"
PUBLIC_URL = "https://badges.example.org"


@dataclass(frozen=True)
class MadeAward:
    award_public_id: str
    learner_id: int
    learner_public_id: str
    sender_key: str


@pytest.fixture
def cred_settings(settings: Settings, tmp_path: Path) -> Settings:
    """did:key issuers (no public URL); keys under the test's folder."""
    return replace(settings, data_dir=tmp_path / "data", public_url="")


@pytest.fixture
def web_settings(cred_settings: Settings) -> Settings:
    """did:web issuers under a public URL."""
    return replace(cred_settings, public_url=PUBLIC_URL)


MakeAward = Callable[..., MadeAward]


@pytest.fixture
def make_award(uow: UnitOfWorkFactory) -> MakeAward:
    """A learner registers, gets a code from a youth worker and claims the badge."""
    made = 0

    def make(
        badge: str = "code-club-coder",
        *,
        activity: str | None = "code-club-central",
        reflection: str | None = None,
        public: bool = True,  # the learner said yes to showing the reflection
        sender_key: str | None = None,
    ) -> MadeAward:
        nonlocal made
        made += 1
        sender = sender_key or f"+4477009000{made:02d}"
        profile = register_learner(uow(), SECRET, "plymouth", "whatsapp", sender, age_band="16-18")
        code = create_claim_code(uow(), SECRET, "plymouth", badge, activity_key=activity)
        summary = claim_badge(uow(), SECRET, profile.learner_id, code.code)
        if reflection is not None:
            add_reflection(uow(), profile.learner_id, summary.award_public_id, reflection)
            publish_reflection(uow(), profile.learner_id, summary.award_public_id, public=public)
        return MadeAward(summary.award_public_id, profile.learner_id, profile.public_id, sender)

    return make


@dataclass(frozen=True)
class NodeResult:
    returncode: int
    report: dict[str, Any]


RunNodeVerifier = Callable[..., NodeResult]


@pytest.fixture
def node_verify(tmp_path: Path) -> RunNodeVerifier:
    """Run tools/verify-credential/verify.js on a credential; fails (never skips) when the
    verifier is not installed, saying how to install it."""
    node = shutil.which("node")
    if node is None:
        pytest.fail(
            "Node.js is needed for the independent credential check: apt-get install nodejs"
        )
    if not (
        VERIFIER_DIR / "node_modules" / "@digitalbazaar" / "eddsa-rdfc-2022-cryptosuite"
    ).is_dir():
        pytest.fail(
            "The independent verifier is not installed. Install it with: "
            "npm ci --prefix tools/verify-credential"
        )
    calls = 0

    def run(
        credential: dict[str, Any],
        *,
        documents: dict[str, dict[str, Any]] | None = None,
        did_documents: list[dict[str, Any]] | None = None,
        now: str | None = None,
    ) -> NodeResult:
        nonlocal calls
        calls += 1
        folder = tmp_path / f"node-{calls}"
        folder.mkdir()
        path = folder / "credential.json"
        path.write_text(json.dumps(credential), encoding="utf-8")
        argv = [node, str(VERIFIER_DIR / "verify.js"), str(path)]
        for n, (url, document) in enumerate((documents or {}).items()):
            doc_path = folder / f"document-{n}.json"
            doc_path.write_text(json.dumps(document), encoding="utf-8")
            argv += ["--document", f"{url}={doc_path}"]
        for n, document in enumerate(did_documents or []):
            doc_path = folder / f"did-{n}.json"
            doc_path.write_text(json.dumps(document), encoding="utf-8")
            argv += ["--did-document", str(doc_path)]
        if now:
            argv += ["--now", now]
        done = subprocess.run(argv, capture_output=True, text=True, timeout=60, check=False)
        try:
            report = json.loads(done.stdout)
        except json.JSONDecodeError:
            pytest.fail(f"the verifier printed no report: {done.stdout!r} {done.stderr!r}")
        return NodeResult(done.returncode, report)

    return run


def with_status_list(
    uow: UnitOfWorkFactory, settings: Settings, document: dict, key: str | None = None
) -> dict:
    """The credential's status list, as the independent verifier is given it (by its URL)."""
    listing = status_list_credential(uow(), settings, "plymouth", key=key)
    assert listing["id"] == document["credentialStatus"]["statusListCredential"]
    return {listing["id"]: listing}
