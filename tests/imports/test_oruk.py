"""Reading an Open Referral UK directory, in the HSDS 3 shape and the older ORUK 1 shape."""

from __future__ import annotations

from datetime import time

from badge_core.imports.fetch import Fetcher
from badge_core.imports.oruk import read_directory
from badge_core.imports.records import WeeklyTime
from tests.imports.conftest import FeedServer


class _Pages:
    """The API's ?page=N answered from the fixture files (the fixture server has no router)."""

    def __init__(self, feeds: FeedServer) -> None:
        self.feeds, self.fetcher = feeds, Fetcher(backoff=0)

    def __call__(self, url: str) -> bytes:
        page = url.rsplit("page=", 1)[-1]
        name = "services.json" if page == "1" else f"services-page{page}.json"
        return self.fetcher.read(f"{self.feeds.url}/oruk/{name}")


def test_every_page_is_read_and_services_become_activities(feeds: FeedServer) -> None:
    batch = read_directory(_Pages(feeds), "https://directory.example/services?per_page=2")
    carers, literacy = batch.activities
    assert carers.title == "Young Carers Group"
    assert (carers.age_min, carers.age_max, carers.cost_pence) == (11, 18, 0)
    assert carers.place is not None and carers.place.district == "PL2"
    assert carers.organiser == "Plymouth Carers Hub"
    assert carers.weekly == [WeeklyTime(1, time(17, 30), time(19, 30))]
    assert carers.tags == ["young carers"]
    assert literacy.age_min == 19  # the import, not the reader, decides it is not for 11-25
    assert [(s.external_id, s.reason) for s in batch.skipped] == [
        ("4f2b6f0e-5d0c-4d8a-9c1e-0a6c2f3b1a03", "status inactive")
    ]


def test_the_older_oruk_shape_reads_too(feeds: FeedServer) -> None:
    with Fetcher() as fetcher:
        batch = read_directory(fetcher.read, f"{feeds.url}/oruk/v1-services.json")
    dofe = batch.activities[0]
    assert (dofe.age_min, dofe.age_max, dofe.cost_pence) == (14, 18, 2500)
    assert dofe.weekly == [WeeklyTime(0, time(18), time(20)), WeeklyTime(3, time(18), time(20))]
    assert dofe.place is not None and dofe.place.district == "PL7"
