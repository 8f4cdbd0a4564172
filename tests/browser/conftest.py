"""The web app's pages in a real browser: Debian's Chromium driven by Playwright, as a
visitor on a phone (360x740, touch, a mobile user agent) and on a desktop (1280x800).

The web app runs as ``python -m web`` on a free loopback port. The chat page's web app talks
to the run's one Rasa and action server (tests/servers.py, shared with the end-to-end tests)
and shares their database; the other pages get a web app of their own, on a copy of the demo city with four
weeks of simulated traffic, so they need no Rasa server.

Playwright never downloads a browser here: it drives ``/usr/bin/chromium`` (Debian's
``chromium`` package, which ``make test`` installs). Without it the tests fail, saying so.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from badge_core.config import Settings
from badge_core.db import UnitOfWorkFactory, make_engine, unit_of_work_factory
from badge_core.demo import simulate
from badge_core.matching.export import export_to
from tests.conftest import REPO, REST_SECRET, SECRET, sqlite_url
from tests.servers import Bot, free_port, tail_of

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Playwright
# The tests take ``expect`` from here: without Playwright they fail in the fixture below,
# saying how to install it, rather than at import.
try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # pragma: no cover
    expect = sync_playwright = None  # type: ignore[assignment]


CHROMIUM = Path(os.environ.get("COLBOT_CHROMIUM", "/usr/bin/chromium"))
WEB_STARTUP_S = 60
# Playwright's expectations wait this long by default; a bot reply gets longer (a turn runs
# custom actions and, on a cold server, the embedding model).
EXPECT_TIMEOUT_MS = 10_000
BOT_REPLY_MS = 60_000


@dataclass(frozen=True)
class Device:
    name: str
    options: dict[str, Any]  # for Browser.new_context
    width: int
    touch: bool = False


DESKTOP = Device("desktop", {"viewport": {"width": 1280, "height": 800}}, 1280)


@dataclass
class Site:
    """A running web app."""

    url: str
    database_url: str
    uow: UnitOfWorkFactory
    settings: Settings  # what the web app was started with (for the CLI and services)
    log: Path


@dataclass
class Visit:
    """One browser tab on one device, and what went wrong in its scripts."""

    page: Page
    device: Device
    script_errors: list[str] = field(default_factory=list)

    def press(self, locator: Any) -> None:
        """Tap on a touch screen, click elsewhere."""
        if self.device.touch:
            locator.tap()
        else:
            locator.click()

    def assert_fits(self) -> None:
        """The page does not scroll sideways, and no script failed or was blocked (the
        Content-Security-Policy allows only the chat's own script, by its hash).

        A phone browser shrinks a page that is too wide until it fits, which widens
        ``window.innerWidth``; so the page must also be laid out no wider than the screen."""
        scroll, inner = self.page.evaluate(
            "() => [document.documentElement.scrollWidth, window.innerWidth]"
        )
        assert not self.script_errors, f"{self.page.url}: {self.script_errors}"
        if scroll <= inner <= self.device.width:
            return
        pytest.fail(
            f"{self.page.url} on the {self.device.name} ({self.device.width} px wide) is "
            f"laid out {max(scroll, inner)} px wide"
        )


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0


def _start_web(work: Path, env: dict[str, str], database_url: str) -> Iterator[Site]:
    port = free_port()
    env = {
        **env,
        "COLBOT_DATABASE_URL": database_url,
        "COLBOT_SECRET_KEY": SECRET,
        "COLBOT_REST_SECRET": REST_SECRET,
        "COLBOT_DATA_DIR": str(work / "data"),
        "COLBOT_WEB_PORT": str(port),
        "COLBOT_PUBLIC_URL": "",  # plain http on loopback
    }
    log = work / "web.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "web", "--port", str(port)],
        cwd=REPO,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    engine = make_engine(database_url)
    try:
        deadline = time.monotonic() + WEB_STARTUP_S
        while _get(f"{url}/healthz") != 200:
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the web app did not start:\n{tail_of(log)}")
            time.sleep(0.2)
        settings = Settings(database_url=database_url, secret_key=SECRET, data_dir=work / "data")
        yield Site(url, database_url, unit_of_work_factory(engine), settings, log)
    finally:
        engine.dispose()
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory, plymouth_db_template: Path) -> Iterator[Site]:
    """The web app on its own copy of the demo city, with four weeks of simulated traffic
    (so the dashboard has figures, charts and wide tables); no Rasa server behind it."""
    work = tmp_path_factory.mktemp("browser-web")
    shutil.copy(plymouth_db_template, work / "colbot.db")
    database_url = sqlite_url(work / "colbot.db")
    engine = make_engine(database_url)
    simulate(
        unit_of_work_factory(engine), "plymouth", learners=60, weeks=4, seed=3, secret_key=SECRET
    )
    engine.dispose()
    # as `make setup` does: the matching model exported (the report groups unmet demand by
    # meaning with it), once for the whole run and copied here
    built, _ = export_to(REPO / os.environ.get("COLBOT_DATA_DIR", "var") / "cache")
    (work / "data" / "cache").mkdir(parents=True)
    shutil.copy(built, work / "data" / "cache" / built.name)
    env = {**os.environ, "COLBOT_RASA_URL": f"http://127.0.0.1:{free_port()}"}  # nobody there
    yield from _start_web(work, env, database_url)


@pytest.fixture(scope="session")
def chat_site(tmp_path_factory: pytest.TempPathFactory, bot: Bot) -> Iterator[Site]:
    """The web app in front of the end-to-end Rasa server, on the same database."""
    assert bot.env is not None
    env = {**bot.env, "COLBOT_RASA_URL": bot.url}
    yield from _start_web(tmp_path_factory.mktemp("browser-chat"), env, bot.database_url)


# Playwright's sync API runs an event loop in this thread while it is started: it is stopped
# when the browser tests are done (package scope), or every later test calling asyncio.run()
# would find a loop already running.
@pytest.fixture(scope="package")
def playwright() -> Iterator[Playwright]:
    if sync_playwright is None:
        pytest.fail(
            "Playwright for Python is not installed in this environment: "
            "pip install --no-deps -r requirements/actions.lock.txt"
        )
    with sync_playwright() as driver:
        expect.set_options(timeout=EXPECT_TIMEOUT_MS)
        yield driver


@pytest.fixture(scope="package")
def browser(playwright: Playwright) -> Iterator[Browser]:
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            f"The browser tests need Chromium at {CHROMIUM}: install Debian's package with "
            "'apt-get install -y --no-install-recommends chromium' (make test-core does, as "
            "root), or point COLBOT_CHROMIUM at a Chromium. Playwright's own browser download "
            "('playwright install') is not used."
        )
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM))
    yield browser
    browser.close()


@pytest.fixture(params=["phone", "desktop"])
def device(request: pytest.FixtureRequest, playwright: Playwright) -> Device:
    if request.param == "desktop":
        return DESKTOP
    # 360x740, touch, Chrome on Android's user agent, three device pixels to a CSS pixel
    galaxy_s8 = playwright.devices["Galaxy S8"]
    phone = {k: v for k, v in galaxy_s8.items() if k != "default_browser_type"}
    return Device("phone", phone, phone["viewport"]["width"], touch=True)


FAILED = pytest.StashKey[bool]()  # whether the test itself failed, for the screenshot


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    if report.when == "call":
        item.stash[FAILED] = report.failed
    return report


@pytest.fixture
def visit(
    browser: Browser, device: Device, request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[Visit]:
    """A fresh browser (no cookies) on the device; a screenshot is kept when the test fails."""
    context = browser.new_context(**device.options, accept_downloads=True)
    page = context.new_page()
    visit = Visit(page, device)
    page.on("pageerror", lambda error: visit.script_errors.append(str(error)))
    page.on(
        "console",
        lambda message: (
            visit.script_errors.append(message.text)
            if message.type == "error" and "Content Security Policy" in message.text
            else None
        ),
    )
    yield visit
    if request.node.stash.get(FAILED, False):
        shot = tmp_path / f"{device.name}.png"
        page.screenshot(path=str(shot), full_page=True)
        print(f"screenshot of {page.url}: {shot}")
    context.close()
