"""The action server: ``python -m actions [--host H] [--port N]``.

rasa-sdk's own server (``python -m rasa_sdk``) listens on every interface and runs any action
for anyone who posts to it, trusting the sender id and channel in the body: a forged request
with a youth worker's sender id could mint claim codes. This one

- listens on 127.0.0.1 unless told otherwise (the deployment puts it on an internal network);
- runs nothing for a request without the shared secret ``COLBOT_ACTION_SECRET``, which the
  Rasa server sends as a header (bot/endpoints.yml): 401, logged without the body;
- refuses to start without that secret, or with a weak ``COLBOT_SECRET_KEY`` where real people
  can reach the deployment (badge_core.config.check_secret_key);
- runs in one process (rasa-sdk's default forks a manager and a worker, both importing the
  actions), and with ``COLBOT_WARM_UP=1`` loads the database and the embedding model as it
  starts, so the first young person to ask is not the one who waits for the model;
- never echoes a request body back in an error (rasa-sdk's handler does).
"""

from __future__ import annotations

import argparse
import hmac
import logging
import sys
from collections.abc import Sequence

from rasa_sdk.endpoint import create_app
from rasa_sdk.executor import ActionExecutor
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from badge_core.config import InsecureKey, Settings, check_secret_key, load_settings

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Colbot-Action-Secret"
SECRET_MIN_LENGTH = 32
OPEN_PATHS = frozenset({"/health"})  # what a load balancer or a readiness check may ask


class NoActionSecret(RuntimeError):
    """The action server has no (good enough) shared secret to check Rasa's requests with."""


def action_secret(settings: Settings) -> str:
    secret = settings.action_secret
    if len(secret) < SECRET_MIN_LENGTH:
        raise NoActionSecret(
            f"COLBOT_ACTION_SECRET must be set to at least {SECRET_MIN_LENGTH} random "
            "characters, the same for the Rasa server (which sends it) and this action server "
            "(`make run` makes one in var/action-secret)."
        )
    return secret


def build_app(secret: str, executor: ActionExecutor | None = None) -> Sanic:
    """rasa-sdk's app for the actions in this package, behind the shared secret."""
    if executor is None:
        executor = ActionExecutor()
        executor.register_package("actions")
    app = create_app(executor, cors_origins=[])
    app.config.REQUEST_MAX_SIZE = 5_000_000  # one turn's events are tens of KB
    expected = secret.encode()

    @app.on_request
    async def only_from_rasa(request: Request) -> HTTPResponse | None:
        if request.path in OPEN_PATHS:
            return None
        given = request.headers.get(SECRET_HEADER, "").encode()
        if hmac.compare_digest(given, expected):
            return None
        logger.warning("refused an action request without the shared secret (%s)", request.path)
        return response.json({"error": "not allowed"}, status=401)

    # rasa-sdk's own handler answers with the whole request (a learner's words) in the error
    app.error_handler.cached_handlers.pop((Exception, None), None)

    @app.exception(Exception)
    async def failed(request: Request, exception: Exception) -> HTTPResponse:
        logger.error("an action failed (%s)", type(exception).__name__, exc_info=exception)
        return response.json({"error": "the action failed"}, status=500)

    return app


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m actions", description=__doc__.split("\n")[0])
    settings = load_settings()
    parser.add_argument("--host", default=settings.actions_host)
    parser.add_argument("--port", type=int, default=settings.actions_port)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    try:
        warning = check_secret_key()
        secret = action_secret(settings)
    except (InsecureKey, NoActionSecret) as error:
        print(f"actions: {error}", file=sys.stderr)
        return 2
    if warning:
        logger.warning(warning)
    app = build_app(secret)
    if settings.warm_up:
        from actions.runtime import runtime

        runtime()  # the database now; the model on a thread, off the event loop
    app.prepare(host=args.host, port=args.port, single_process=True, access_log=False, motd=False)
    logger.info("the action server is up on %s:%s", args.host, args.port)
    Sanic.serve_single(app)
    return 0
