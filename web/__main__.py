"""Run the web app on loopback: ``python -m web [--port N]``."""

from __future__ import annotations

import argparse
import os
import sys

import uvicorn

from badge_core.config import InsecureKey, check_secret_key, load_settings
from web.app import create_app
from web.settings import load_web_settings


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m web")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=int(os.environ.get("COLBOT_WEB_PORT", "8000")))
    args = parser.parse_args()
    try:
        warning = check_secret_key()
    except InsecureKey as error:
        sys.exit(f"web: {error}")
    if warning:
        print(f"web: {warning}", file=sys.stderr)
    app = create_app(load_settings(), load_web_settings())
    # access_log off: paths and client addresses are not kept
    uvicorn.run(app, host=args.host, port=args.port, access_log=False, log_level="warning")


if __name__ == "__main__":
    main()
