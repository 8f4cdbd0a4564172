"""Reading a source's bytes: a local file, or a URL over HTTP with a timeout, a size limit and
a few retries on the failures that pass (a dropped connection, 429, 5xx)."""

from __future__ import annotations

import time
from pathlib import Path

import httpx

from badge_core.errors import ColbotError

TIMEOUT = httpx.Timeout(20.0, connect=10.0)
MAX_BYTES = 25 * 1024 * 1024  # one page or file; a 5,000-item OpenActive page is about 5 MB
RETRIES = 3
BACKOFF = 1.0  # seconds, doubled each retry
USER_AGENT = "colbot-importer (Cities of Learning bot)"


class FetchFailed(ColbotError):
    """A source could not be read: the message says why, for the city team."""


class Fetcher:
    """One per import run: keeps one HTTP connection pool for every page of a feed."""

    def __init__(
        self,
        *,
        transport: httpx.BaseTransport | None = None,
        max_bytes: int = MAX_BYTES,
        backoff: float = BACKOFF,
    ) -> None:
        self.max_bytes, self.backoff = max_bytes, backoff
        self.client = httpx.Client(
            timeout=TIMEOUT,
            follow_redirects=True,
            headers={"User-Agent": USER_AGENT},
            transport=transport,
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.client.close()

    def read(self, location: str) -> bytes:
        if not location.startswith(("http://", "https://")):
            return self._read_file(location)
        for attempt in range(RETRIES):
            try:
                return self._get(location)
            except (httpx.TransportError, _Retry) as error:
                if attempt == RETRIES - 1:
                    raise FetchFailed(f"could not read {location}: {error}") from error
                time.sleep(self.backoff * 2**attempt)
        raise AssertionError("unreachable")

    def _get(self, url: str) -> bytes:
        with self.client.stream("GET", url) as response:
            if response.status_code == 429 or response.status_code >= 500:
                raise _Retry(f"the server answered {response.status_code}")
            if response.status_code != 200:
                raise FetchFailed(
                    f"could not read {url}: the server answered {response.status_code}"
                )
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > self.max_bytes:
                    raise FetchFailed(
                        f"could not read {url}: larger than {self.max_bytes // 1024 // 1024} MB"
                    )
            return bytes(body)

    def _read_file(self, location: str) -> bytes:
        path = Path(location.removeprefix("file://"))
        try:
            if path.stat().st_size > self.max_bytes:
                raise FetchFailed(f"{path} is larger than {self.max_bytes // 1024 // 1024} MB")
            return path.read_bytes()
        except OSError as error:
            raise FetchFailed(f"could not read {path}: {error.strerror}") from error


class _Retry(Exception):
    pass
