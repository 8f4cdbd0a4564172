"""The building blocks of the pack's models (``schema.py``): patterns, field types, and the
base model every document and entry shares.

A check that fails raises :func:`problem` with a message already in a city team's words;
pydantic's own errors (wrong type, missing, out of range) are put in words by
``validate.py``.
"""

from __future__ import annotations

import re
from datetime import datetime, time
from typing import Annotated, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PlainValidator, model_validator
from pydantic_core import PydanticCustomError

from badge_core.citypack.spec import WEEKDAYS

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
# A UK postcode district (outward code): PL1, PL19, M1, EC1A, ... never a full postcode.
DISTRICT_PATTERN = r"^[A-Z]{1,2}[0-9][A-Z0-9]?$"
TIME_PATTERN = r"^([01]?\d|2[0-3]):([0-5]\d)$"
DATETIME_PATTERN = r"^\d{4}-\d{2}-\d{2}([T ]\d{1,2}:\d{2}(:\d{2})?)?$"
PHONE_PATTERN = r"^\+?[0-9][0-9 ]{5,18}[0-9]$"
INTERNATIONAL_PHONE_PATTERN = r"^\+[1-9][0-9 ]{5,18}[0-9]$"


def problem(message: str, up: int = 0) -> PydanticCustomError:
    """An error whose message is already in a city team's words (``validate.py`` keeps it),
    reported ``up`` levels above the field that raised it (``schedule #1``, not ``... day``)."""
    return PydanticCustomError("pack", "{message}", {"message": message, "up": up})


def _weekday(value: str) -> str:
    if value.lower() not in WEEKDAYS:
        raise problem(f"day {value!r} is not a day of the week", up=1)
    return value.lower()


def _known_zone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise problem(f"unknown time zone {value!r}") from None
    return value


def _clock_time(value: Any) -> time:
    if isinstance(value, int):  # YAML 1.1 reads an unquoted 16:00 as the number 960
        raise problem('write times in quotes, like "16:00"')
    match = re.match(TIME_PATTERN, value) if isinstance(value, str) else None
    if not match:
        raise problem(f'{value!r} is not a time like "16:00"')
    return time(int(match.group(1)), int(match.group(2)))


def _local_datetime(value: Any) -> datetime:
    """A date and time in the city's local time (any offset written is dropped, not applied)."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    try:
        return datetime.fromisoformat(str(value)).replace(tzinfo=None)
    except ValueError:
        raise problem(f"{value!r} is not a date and time like 2027-02-20T10:00") from None


Id = Annotated[str, Field(pattern=ID_PATTERN, description="lowercase letters, digits, dashes")]
Text = Annotated[str, Field(min_length=1)]
District = Annotated[str, Field(pattern=DISTRICT_PATTERN, description="postcode district: PL4")]
TimeZone = Annotated[
    str, Field(min_length=1, description="like Europe/London"), AfterValidator(_known_zone)
]
Phone = Annotated[str, Field(pattern=PHONE_PATTERN, description="digits, spaces, a leading +")]
# a number Twilio gives as the one a message went to: always international, +44 not 0
InternationalPhone = Annotated[
    str,
    Field(
        pattern=INTERNATIONAL_PHONE_PATTERN, description="+ and the country code: +44 7700 900000"
    ),
]
Latitude = Annotated[float, Field(ge=-90, le=90)]
Longitude = Annotated[float, Field(ge=-180, le=180)]
Weekday = Annotated[str, AfterValidator(_weekday), Field(json_schema_extra={"enum": WEEKDAYS})]
ClockTime = Annotated[
    time,
    PlainValidator(_clock_time, json_schema_input_type=Annotated[str, Field(pattern=TIME_PATTERN)]),
    Field(description='a time in quotes, like "16:00"'),
]
LocalDateTime = Annotated[
    datetime,
    PlainValidator(
        _local_datetime, json_schema_input_type=Annotated[str, Field(pattern=DATETIME_PATTERN)]
    ),
    Field(description="local date and time, like 2027-02-20T10:00"),
]


class PackModel(BaseModel):
    """Strict types (a number is not text, "yes" is not true), text trimmed, and a field
    left empty in YAML (``venue:``) counts as missing. Unknown fields are ignored."""

    model_config = ConfigDict(strict=True, str_strip_whitespace=True)

    @model_validator(mode="before")
    @classmethod
    def _empty_is_missing(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {key: value for key, value in data.items() if value is not None}
        return data


def in_order(slot: Any, shown: str) -> Any:
    """``slot`` if it ends after it starts (``shown``: how to write its times)."""
    if slot.end <= slot.start:
        raise problem(f"ends ({slot.end:{shown}}) before it starts ({slot.start:{shown}})")
    return slot
