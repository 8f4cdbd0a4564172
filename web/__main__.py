"""Run the web app on loopback: ``python -m web [--port N]``."""

from __future__ import annotations

import argparse
import sys

import uvicorn

from badge_core.config import InsecureKey, check_secret_key, load_settings
from web.app import create_app


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m web")
    parser.add_argument("--host", default="127.0.0.1")
    settings = load_settings()
    parser.add_argument("--port", type=int, default=settings.web_port)
    args = parser.parse_args()
    try:
        warning = check_secret_key()
    except InsecureKey as error:
        sys.exit(f"web: {error}")
    if warning:
        print(f"web: {warning}", file=sys.stderr)
    app = create_app(settings)
    # access_log off: paths and client addresses are not kept
    uvicorn.run(app, host=args.host, port=args.port, access_log=False, log_level="warning")


if __name__ == "__main__":
    main()
