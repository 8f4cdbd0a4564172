"""H2: a small JSON-LD document cannot stall "check a badge" or `colbot credentials verify`.

A complete graph of seven blank nodes (1.5 KB) took 11.5 s to canonicalise here, eight take
minutes; a 190 KB proofValue took 10 s to decode. Shape checks refuse such documents before
any JSON-LD work, and the JSON-LD work itself runs in a worker with a hard time limit.
"""

from __future__ import annotations

import asyncio
import copy
import json
from pathlib import Path

import httpx
import pytest
from starlette.testclient import TestClient

from badge_core.config import Settings
from badge_core.credentials.canonical import VC_V2_CONTEXT
from badge_core.credentials.limits import Canonicaliser, TooCostly, shape_problem
from badge_core.credentials.proof import hash_data
from badge_core.db import UnitOfWorkFactory
from badge_core.services import credentials as service
from badge_core.services.credentials import credential_for_award, revoke_award
from tests.credentials.conftest import MakeAward
from web.app import create_app
from web.credentials import CHECKS_PER_CLIENT

KNOWS = "https://schema.org/knows"


def complete_graph(nodes: int, *, labelled: bool = True) -> dict:
    """Blank nodes that all know each other: URDNA2015 tries every permutation."""
    people = [
        {
            **({"id": f"_:b{i}"} if labelled else {}),
            "type": "https://schema.org/Person",
            KNOWS: [{"id": f"_:b{j}"} for j in range(nodes) if j != i],
        }
        for i in range(nodes)
    ]
    return {
        "@context": [VC_V2_CONTEXT],
        "id": "urn:uuid:00000000-0000-4000-8000-000000000000",
        "type": ["VerifiableCredential"],
        "issuer": "did:example:issuer",
        "validFrom": "2026-01-01T00:00:00Z",
        "credentialSubject": {KNOWS: people},
        "proof": [
            {
                "type": "DataIntegrityProof",
                "cryptosuite": "eddsa-rdfc-2022",
                "proofPurpose": "assertionMethod",
                "verificationMethod": "did:example:issuer#k",
                "created": "2026-01-01T00:00:00Z",
                "proofValue": "z" + "1" * 80,
            }
        ],
    }


def test_a_badge_from_here_is_within_every_limit(
    uow: UnitOfWorkFactory, cred_settings: Settings, make_award: MakeAward
) -> None:
    document = credential_for_award(
        uow(), cred_settings, make_award(reflection="word " * 400).award_public_id
    )
    assert shape_problem(document) is None
    limit = Canonicaliser()
    try:
        result = service.verify_credential(uow(), document, settings=cred_settings, limit=limit)
    finally:
        limit.close()
    assert result.valid, result.reasons


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda d: d.update(complete_graph(7)), "blank nodes"),
        (lambda d: d["proof"][0].update(proofValue="z" + "2" * 190_000), "far more than a badge"),
        (lambda d: d["proof"][0].update(proofValue="z" + "2" * 5_000), "proofValue"),
        (lambda d: d.update({"@context": [VC_V2_CONTEXT, {"@vocab": "https://e.org/"}]}), "inline"),
        (
            lambda d: d.update({"@context": [VC_V2_CONTEXT, "https://evil.example/ctx"]}),
            "does not know",
        ),
        (lambda d: d.update(deep=json.loads("[" * 200 + "]" * 200)), "nested deeper"),
        (lambda d: d.update(many=[{"x": i} for i in range(45)] * 2), "longer lists"),
    ],
)
def test_documents_not_shaped_like_a_badge_are_refused_before_any_json_ld_work(
    uow: UnitOfWorkFactory,
    cred_settings: Settings,
    make_award: MakeAward,
    monkeypatch: pytest.MonkeyPatch,
    change,
    reason: str,
) -> None:
    document = copy.deepcopy(
        credential_for_award(uow(), cred_settings, make_award().award_public_id)
    )
    change(document)

    def no_json_ld(*args, **kwargs):
        raise AssertionError("canonicalised a document the shape check should have refused")

    monkeypatch.setattr("badge_core.credentials.proof.hash_data", no_json_ld)
    result = service.verify_credential(uow(), document, settings=cred_settings)
    assert not result.valid
    assert reason in result.reasons[0]


def test_the_worker_gives_up_on_a_poison_document_and_then_checks_the_next_one() -> None:
    """Past the shape checks (unlabelled nodes would be a tree; the worker is the backstop
    for whatever else is slow): the hard limit stops it and a fresh worker carries on."""
    poison = complete_graph(7)
    limit = Canonicaliser(seconds=1.5)
    try:
        with pytest.raises(TooCostly, match="too long"):
            limit.hash_data({k: v for k, v in poison.items() if k != "proof"}, poison["proof"][0])
        small = complete_graph(2)
        unsecured = {k: v for k, v in small.items() if k != "proof"}
        assert limit.hash_data(unsecured, small["proof"][0]) == hash_data(
            unsecured, small["proof"][0]
        )
    finally:
        limit.close()


def test_check_refuses_a_poison_document_while_the_site_keeps_answering(
    cred_settings: Settings,
    uow: UnitOfWorkFactory,
    make_award: MakeAward,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the shape check is switched off here to show the second line of defence on its own
    monkeypatch.setattr(service.verification, "shape_problem", lambda document: None)
    # a real badge (so its signing key resolves) carrying the graph
    poison = copy.deepcopy(credential_for_award(uow(), cred_settings, make_award().award_public_id))
    poison["credentialSubject"][KNOWS] = complete_graph(7)["credentialSubject"][KNOWS]
    app = create_app(cred_settings, uow)
    form = {"credential": json.dumps(poison)}

    async def scenario() -> tuple[httpx.Response, bool, httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://colbot") as client:
            checking = asyncio.create_task(client.post("/check", data=form))
            await asyncio.sleep(0.3)
            health = await client.get("/healthz")
            still_checking = not checking.done()
            return await checking, still_checking, health

    try:
        refused, was_still_checking, health = asyncio.run(scenario())
    finally:
        app.state.checker.close()
    assert health.status_code == 200 and was_still_checking
    assert refused.status_code == 200
    assert "too long to check" in refused.text and "✘" in refused.text


def test_checks_are_limited_per_client(cred_settings: Settings, uow: UnitOfWorkFactory) -> None:
    client = TestClient(create_app(cred_settings, uow))
    form = {"credential": "{}"}
    answers = [client.post("/check", data=form).status_code for _ in range(CHECKS_PER_CLIENT + 1)]
    assert answers[:-1] == [200] * CHECKS_PER_CLIENT
    assert answers[-1] == 429
    assert client.get("/check").status_code == 200  # the form itself is not limited


def test_a_credential_page_signs_once_and_still_sees_a_revocation_at_once(
    cred_settings: Settings,
    uow: UnitOfWorkFactory,
    make_award: MakeAward,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    award = make_award().award_public_id
    signings = []
    original = service.credential_for_award
    monkeypatch.setattr(
        service, "credential_for_award", lambda *a, **k: signings.append(1) or original(*a, **k)
    )
    client = TestClient(create_app(cred_settings, uow))
    first = client.get(f"/credentials/{award}.json").json()
    page = client.get(f"/credentials/{award}")
    assert "✔ Genuine" in page.text
    assert client.get(f"/credentials/{award}.json").json() == first
    assert len(signings) == 1
    revoke_award(uow(), cred_settings, award)
    assert client.get(f"/credentials/{award}").status_code == 410


def test_colbot_verify_refuses_a_poison_file(tmp_path: Path, cred_settings: Settings) -> None:
    from badge_core.cli import main

    poison = tmp_path / "poison.json"
    poison.write_text(json.dumps(complete_graph(8)))
    assert main(["credentials", "verify", str(poison)], settings=cred_settings) == 1
