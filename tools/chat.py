"""A terminal chat with the running bot over Rasa's REST channel (``make chat``).

Standard library only. Each run is a new conversation with a random sender id, so it is
like a new young person texting; pass ``--sender`` to continue one.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import urllib.error
import urllib.request
import uuid


def send(url: str, sender: str, text: str) -> list[dict]:
    request = urllib.request.Request(
        f"{url}/webhooks/rest/webhook",
        data=json.dumps({"sender": sender, "message": text}).encode(),
        headers={
            "Content-Type": "application/json",
            # the REST channel's secret (the Makefile keeps it in var/rest-secret)
            "X-Colbot-Rest-Secret": os.environ.get("COLBOT_REST_SECRET", ""),
        },
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def show(replies: list[dict]) -> None:
    for reply in replies:
        if reply.get("text"):
            print(f"bot> {reply['text']}")
        for number, button in enumerate(reply.get("buttons") or [], start=1):
            print(f"     {number}. {button.get('title')}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", default="http://127.0.0.1:5005")
    parser.add_argument("--sender", default=f"terminal-{uuid.uuid4().hex[:12]}")
    args = parser.parse_args()
    print("Chatting with the bot. Type a message; Ctrl-D or /quit to leave.")
    last_buttons: list[dict] = []
    while True:
        try:
            text = input("you> ").strip()
        except (EOFError, KeyboardInterrupt):
            print()
            return 0
        if text in {"/quit", "/exit"}:
            return 0
        if not text:
            continue
        if text.isdigit() and 0 < int(text) <= len(last_buttons):
            text = last_buttons[int(text) - 1].get("payload", text)
        try:
            replies = send(args.url, args.sender, text)
        except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
            print(f"(can't reach the bot at {args.url}: {error}. Is 'make run' going?)")
            continue
        show(replies)
        last_buttons = [b for r in replies for b in (r.get("buttons") or [])]


if __name__ == "__main__":
    sys.exit(main())
