"""The web app's settings, read from the environment at start-up."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class WebSettings:
    # Where the Rasa server's REST channel listens, and the secret it wants (COLBOT_REST_SECRET).
    rasa_url: str = "http://127.0.0.1:5005"
    rest_secret: str = ""
    # Set on a deployment behind TLS, so cookies are marked Secure.
    public_url: str = ""


def load_web_settings(environ: Mapping[str, str] | None = None) -> WebSettings:
    env = os.environ if environ is None else environ
    return WebSettings(
        rasa_url=env.get("COLBOT_RASA_URL", WebSettings.rasa_url).rstrip("/"),
        rest_secret=env.get("COLBOT_REST_SECRET", ""),
        public_url=env.get("COLBOT_PUBLIC_URL", "").rstrip("/"),
    )
