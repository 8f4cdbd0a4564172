"""Several outbox workers at once, as separate processes (``colbot outbox run``) on
PostgreSQL, against the fake Telegram and Twilio APIs: every message sent exactly once; a
worker killed with SIGKILL in the middle of a batch loses nothing, and on SMS sends nothing
twice."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from badge_core.db import UnitOfWorkFactory, make_engine, unit_of_work_factory
from badge_core.models import Audience, OutboxMessage, Provider, Staff, utcnow
from badge_core.services.outbox import enqueue
from colbot_shared.crypto import sealer
from tests import pg
from tests.conftest import REPO, SECRET
from tests.e2e.fake_apis import FakeApis, channel_env

FIRST_CHAT = 700_000_000


@pytest.fixture
def pg_url(pg_plymouth_template: str) -> Iterator[str]:
    with pg.copy_of(pg_plymouth_template) as url:
        yield url


def _phone(n: int) -> str:
    return f"+4477009{n:05d}"


def _queue(uow: UnitOfWorkFactory, count: int, channel: str = "telegram") -> None:
    """``count`` due notices to as many staff chats or phones (staff: no quiet hours, no
    caps)."""
    seal = sealer(SECRET)
    now = utcnow()
    with uow() as unit:
        provider = unit.session.scalars(select(Provider)).first()
        assert provider is not None
        staff = Staff(provider_id=provider.id, role="issuer", joined_at=now, channel=channel)
        unit.session.add(staff)
        unit.session.flush()
        for n in range(count):
            enqueue(
                unit,
                city_id=provider.city_id,
                kind="staff_notice",  # a plain notice: no summary made when sent
                audience=Audience.STAFF,
                channel=channel,
                address_sealed=seal.seal(
                    str(FIRST_CHAT + n) if channel == "telegram" else _phone(n)
                ),
                body=f"notice {n}",
                dedupe_key=f"test:{n}",
                staff_id=staff.id,
                now=now - timedelta(seconds=1),
            )
        unit.commit()


def _env(url: str, apis: FakeApis) -> dict[str, str]:
    return {
        **os.environ,
        **channel_env(apis),
        "COLBOT_DATABASE_URL": url,
        "COLBOT_SECRET_KEY": SECRET,
        "COLBOT_TELEGRAM_PER_SECOND": "1000",
    }


def _worker(env: dict[str, str], *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [str(Path(sys.executable).parent / "colbot"), "outbox", "run", *args],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def _received(apis: FakeApis) -> Counter[int]:
    return Counter(int(s.fields["chat_id"]) for s in list(apis.sent) if s.method == "sendMessage")


def _texted(apis: FakeApis) -> Counter[str]:
    return Counter(s.fields["To"] for s in list(apis.sent) if s.service == "twilio")


def test_two_workers_on_postgresql_send_a_thousand_messages_each_exactly_once(
    pg_url: str, fake_apis: FakeApis
) -> None:
    fake_apis.clear()
    engine = make_engine(pg_url)
    uow = unit_of_work_factory(engine)
    _queue(uow, 1000)
    env = _env(pg_url, fake_apis)
    workers = [_worker(env, "--once") for _ in range(2)]
    outputs = [w.communicate(timeout=300)[0].decode() for w in workers]
    assert [w.returncode for w in workers] == [0, 0], outputs
    received = _received(fake_apis)
    assert len(received) == 1000 and set(received.values()) == {1}
    with uow() as unit:
        statuses = Counter(unit.session.scalars(select(OutboxMessage.status)))
    assert statuses == {"sent": 1000}
    # both took a share (neither waited for the other's lock: SKIP LOCKED)
    assert all('"sent"' in out for out in outputs), outputs
    engine.dispose()
    fake_apis.clear()


def test_a_worker_killed_mid_batch_loses_nothing_and_sends_at_most_the_one_in_flight_twice(
    pg_url: str, fake_apis: FakeApis
) -> None:
    fake_apis.clear()
    engine = make_engine(pg_url)
    uow = unit_of_work_factory(engine)
    _queue(uow, 60)
    fake_apis.delay_s = 0.05  # a slow API: the kill lands during a send
    env = _env(pg_url, fake_apis)
    doomed = _worker(env, "--forever", "--poll", "0.2")
    deadline = time.monotonic() + 60
    while sum(_received(fake_apis).values()) < 10 and time.monotonic() < deadline:
        time.sleep(0.02)
    doomed.send_signal(signal.SIGKILL)
    doomed.wait(timeout=10)
    before = sum(_received(fake_apis).values())
    assert 10 <= before < 60, "the kill came mid-batch"

    # the dead worker's lease runs out; the next worker takes its messages
    later = (utcnow() + timedelta(minutes=3)).isoformat()
    survivor = _worker(env, "--once", "--at", later)
    out = survivor.communicate(timeout=120)[0].decode()
    assert survivor.returncode == 0, out
    received = _received(fake_apis)
    assert len(received) == 60, "no message is lost"
    assert sum(received.values()) - 60 <= 1, f"only the send in flight may repeat: {received}"
    with uow() as unit:
        assert Counter(unit.session.scalars(select(OutboxMessage.status))) == {"sent": 60}
    engine.dispose()
    fake_apis.clear()


def test_a_worker_killed_mid_send_on_sms_sends_nothing_twice_twilio_is_asked_first(
    pg_url: str, fake_apis: FakeApis
) -> None:
    """Twilio takes no idempotency key, but it lists the messages it took: the worker that
    takes over a dead worker's messages asks before sending each again."""
    fake_apis.clear()
    engine = make_engine(pg_url)
    uow = unit_of_work_factory(engine)
    _queue(uow, 60, channel="sms")
    fake_apis.delay_s = 0.05  # a slow API: the kill lands during a send
    env = _env(pg_url, fake_apis)
    doomed = _worker(env, "--forever", "--poll", "0.2")
    deadline = time.monotonic() + 60
    while sum(_texted(fake_apis).values()) < 10 and time.monotonic() < deadline:
        time.sleep(0.02)
    doomed.send_signal(signal.SIGKILL)
    doomed.wait(timeout=10)
    time.sleep(0.2)  # the send in flight reaches the fake after the worker is gone
    before = _texted(fake_apis)
    assert 10 <= sum(before.values()) < 60, "the kill came mid-batch"

    later = (utcnow() + timedelta(minutes=3)).isoformat()
    survivor = _worker(env, "--once", "--at", later)
    out = survivor.communicate(timeout=120)[0].decode()
    assert survivor.returncode == 0, out
    received = _texted(fake_apis)
    assert len(received) == 60, "no message is lost"
    assert set(received.values()) == {1}, f"none twice: {received}"
    assert fake_apis.lookups >= 1, "the messages the dead worker held were looked up"
    with uow() as unit:
        sent = list(unit.session.scalars(select(OutboxMessage.provider_ref)))
    assert len(sent) == 60 and all(ref and ref.startswith("SM") for ref in sent)
    engine.dispose()
    fake_apis.clear()
