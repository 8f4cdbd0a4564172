"""Open Referral UK service directories (councils, charities): the ``/services`` API, page by
page, in either shape in use: HSDS 3 (``contents``, ``last_page``, ``schedules`` with
``byday``, ``minimum_age`` on the service, ``addresses``) or ORUK 1 (``content``, ``last``,
``regular_schedules`` with ``weekday``, ``eligibilitys``, ``physical_addresses``). A directory
is read whole each time: a service no longer in it is withdrawn here too."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from badge_core.imports.fetch import FetchFailed
from badge_core.imports.records import (
    Batch,
    ImportedActivity,
    Place,
    Skipped,
    WeeklyTime,
    ages_in,
    cheapest_pence,
)
from badge_core.imports.times import clock, weekday

MAX_PAGES = 1_000
_DAYS = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}


def read_directory(read: Callable[[str], bytes], location: str) -> Batch:
    batch = Batch()
    for number in range(1, MAX_PAGES + 1):
        url = _page(location, number) if location.startswith("http") else location
        try:
            page = json.loads(read(url))
        except (ValueError, UnicodeDecodeError) as error:
            raise FetchFailed(f"{url} is not an Open Referral services list: {error}") from error
        services = page if isinstance(page, list) else page.get("contents", page.get("content"))
        if not isinstance(services, list):
            raise FetchFailed(f"{url} is not an Open Referral services list: no contents")
        for service in services:
            _read_service(service, batch)
        if isinstance(page, list) or not location.startswith("http") or _last(page, number):
            return batch
    raise FetchFailed(f"{location}: more than {MAX_PAGES} pages")


def _page(location: str, number: int) -> str:
    parts = urlsplit(location)
    query = dict(parse_qsl(parts.query))
    query["page"] = str(number)
    return urlunsplit(parts._replace(query=urlencode(query)))


def _last(page: dict[str, Any], number: int) -> bool:
    if "last_page" in page or "last" in page:
        return bool(page.get("last_page", page.get("last")))
    total = page.get("total_pages", page.get("totalPages"))
    return total is None or number >= int(total)


def _read_service(service: Any, batch: Batch) -> None:
    if not isinstance(service, dict) or not service.get("id"):
        batch.skipped.append(Skipped("(service)", "a service with no id"))
        return
    ident = str(service["id"])
    if str(service.get("status", "active")).lower() not in {"active", ""}:
        batch.skipped.append(Skipped(ident, f"status {service.get('status')}"))
        return
    try:
        batch.activities.append(_activity(ident, service))
    except (ValueError, TypeError, KeyError, AttributeError) as error:
        batch.skipped.append(Skipped(ident, f"could not read it: {error}"))


def _activity(ident: str, service: dict[str, Any]) -> ImportedActivity:
    name = str(service.get("name") or "").strip()
    if not name:
        raise ValueError("no name")
    description = str(service.get("description") or "").strip()
    age_min, age_max = _ages(service)
    if age_min is None and age_max is None:
        age_min, age_max = ages_in(f"{name} {description}")
    locations = [s.get("location") or {} for s in service.get("service_at_locations") or []]
    activity = ImportedActivity(
        external_id=ident,
        title=name,
        description=description,
        organiser=str((service.get("organization") or {}).get("name") or ""),
        place=_place(locations[0]) if locations else None,
        online=not locations and bool(service.get("url")),
        age_min=age_min,
        age_max=age_max,
        cost_pence=cheapest_pence(service.get("cost_options"), "amount"),
        tags=[str(t.get("term") or t.get("name")).lower() for t in _taxonomy(service)],
        booking=str(service.get("url") or service.get("email") or ""),
    )
    for schedule in [*(service.get("schedules") or []), *(service.get("regular_schedules") or [])]:
        activity.weekly += _weekly(schedule)
    for at in service.get("service_at_locations") or []:
        for schedule in [*(at.get("schedules") or []), *(at.get("regular_schedules") or [])]:
            activity.weekly += _weekly(schedule)
    return activity


def _ages(service: dict[str, Any]) -> tuple[int | None, int | None]:
    low, high = service.get("minimum_age"), service.get("maximum_age")
    for rule in service.get("eligibilitys") or []:
        low = rule.get("minimum_age", low) if low is None else low
        high = rule.get("maximum_age", high) if high is None else high
    return (int(low) if low is not None else None), (int(high) if high is not None else None)


def _place(location: dict[str, Any]) -> Place | None:
    addresses = location.get("addresses") or location.get("physical_addresses") or []
    address = next(
        (a for a in addresses if a.get("address_type", "physical") == "physical"), None
    ) or (addresses[0] if addresses else {})
    return Place(
        name=str(location.get("name") or address.get("address_1") or ""),
        address=", ".join(str(address[k]) for k in ("address_1", "city") if address.get(k)),
        postcode=str(address.get("postal_code") or ""),
        lat=location.get("latitude"),
        lon=location.get("longitude"),
    )


def _weekly(schedule: dict[str, Any]) -> list[WeeklyTime]:
    starts, ends = (
        clock(str(schedule.get("opens_at") or "")),
        clock(str(schedule.get("closes_at") or "")),
    )
    if starts is None or ends is None or ends <= starts:
        return []
    if schedule.get("byday"):
        days = [_DAYS.get(d.strip().upper()[-2:]) for d in str(schedule["byday"]).split(",")]
    else:
        day = schedule.get("weekday")
        days = [int(day) - 1 if str(day).isdigit() else weekday(str(day or ""))]
    return [WeeklyTime(d, starts, ends) for d in days if d is not None and 0 <= d <= 6]


def _taxonomy(service: dict[str, Any]) -> list[dict[str, Any]]:
    terms = service.get("attributes") or service.get("service_taxonomys") or []
    found = []
    for entry in terms:
        term = entry.get("taxonomy_term") or entry.get("taxonomy") or entry
        if isinstance(term, dict) and (term.get("term") or term.get("name")):
            found.append(term)
    return found
