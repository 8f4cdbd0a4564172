"""The credential commands as an operator uses them: list, show, verify, revoke, rotate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from badge_core.cli import main
from badge_core.config import Settings
from tests.credentials.conftest import MakeAward


def run(capsys: pytest.CaptureFixture[str], settings: Settings, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv), settings=settings)
    out, err = capsys.readouterr()
    return code, out, err


def test_badges_list_as_json(capsys, cred_settings: Settings) -> None:
    code, out, _ = run(capsys, cred_settings, "badges", "list", "--city", "plymouth", "--json")
    badges = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    coder = next(b for b in badges if b["key"] == "code-club-coder")
    assert coder["name"] == "Code Club Coder"
    assert [s["key"] for s in coder["skills"]] == ["coding", "problem-solving"]


def test_show_verify_revoke_and_rotate(
    capsys, cred_settings: Settings, make_award: MakeAward, tmp_path: Path
) -> None:
    award = make_award()
    code, out, _ = run(capsys, cred_settings, "awards", "list", "--city", "plymouth", "--json")
    [listed] = [json.loads(line) for line in out.splitlines()]
    assert (
        code == 0 and listed["public_id"] == award.award_public_id and listed["revoked_at"] is None
    )
    assert set(listed) == {
        "id",
        "public_id",
        "city",
        "badge",
        "status",
        "awarded_at",
        "revoked_at",
        "status_index",
    }

    code, out, _ = run(capsys, cred_settings, "credentials", "show", str(listed["id"]))
    credential = json.loads(out)
    assert code == 0 and credential["id"] == f"urn:uuid:{award.award_public_id}"
    file = tmp_path / "credential.json"
    file.write_text(out, encoding="utf-8")

    code, out, _ = run(capsys, cred_settings, "credentials", "verify", str(file))
    assert code == 0 and out.startswith("Valid: Code Club Coder")

    tampered = tmp_path / "tampered.json"
    changed = json.loads(file.read_text(encoding="utf-8"))
    changed["name"] = "Brain Surgeon"
    tampered.write_text(json.dumps(changed), encoding="utf-8")
    code, out, _ = run(capsys, cred_settings, "credentials", "verify", str(tampered))
    assert code == 1 and "signature does not match" in out

    code, out, _ = run(capsys, cred_settings, "keys", "rotate", "--city", "plymouth")
    assert code == 0 and "retired" in out
    code, out, _ = run(capsys, cred_settings, "credentials", "verify", str(file))
    assert code == 0, out

    code, out, _ = run(
        capsys, cred_settings, "awards", "revoke", award.award_public_id, "--reason", "mistake"
    )
    assert code == 0 and "revoked" in out
    code, out, _ = run(capsys, cred_settings, "credentials", "verify", str(file))
    assert code == 1 and "revoked" in out


def test_errors_are_one_line_and_exit_1(capsys, cred_settings: Settings, tmp_path: Path) -> None:
    code, _, err = run(capsys, cred_settings, "credentials", "show", "12345")
    assert code == 1 and err.strip() == "colbot: award '12345' not found"
    code, out, _ = run(
        capsys, cred_settings, "credentials", "verify", str(tmp_path / "missing.json")
    )
    assert code == 1 and out.startswith("Not valid:") and "cannot be read" in out
    code, _, err = run(capsys, cred_settings, "keys", "rotate", "--city", "atlantis")
    assert code == 1 and "city 'atlantis' not found" in err
    code, _, err = run(capsys, cred_settings, "awards", "revoke", "999")
    assert code == 1 and "award '999' not found" in err


def test_the_ob2_export_needs_a_public_url(
    capsys, cred_settings: Settings, make_award: MakeAward
) -> None:
    award = make_award()
    code, _, err = run(capsys, cred_settings, "credentials", "show", award.award_public_id, "--ob2")
    assert code == 1 and "COLBOT_PUBLIC_URL" in err
