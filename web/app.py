"""The web app: assembled here, run with ``python -m web`` (loopback, port COLBOT_WEB_PORT)."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route

from badge_core.config import Settings
from badge_core.db import UnitOfWorkFactory, make_engine, unit_of_work_factory
from web import badges, chat, credentials, dashboard, delivery, posters, review, shared
from web.headers import SecurityHeaders
from web.pages import home_page


async def home(request: Request) -> Response:
    return HTMLResponse(home_page())


async def health(request: Request) -> Response:
    return PlainTextResponse("ok")


def create_app(settings: Settings, uow: UnitOfWorkFactory | None = None) -> Starlette:
    https = settings.public_url.startswith("https://")
    app = Starlette(
        middleware=[Middleware(SecurityHeaders, https=https)],
        routes=[
            Route("/", home),
            Route("/healthz", health),
            *dashboard.routes,
            *review.routes,
            *chat.routes,
            *posters.routes,
            *credentials.routes,
            *badges.routes,
            *shared.routes,
            *delivery.routes,
        ],
    )
    app.state.settings = settings
    app.state.uow = uow or unit_of_work_factory(make_engine(settings.database_url))
    credentials.set_up(app.state)
    chat.set_up(app.state)
    return app
