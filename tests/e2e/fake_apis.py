"""A local stand-in for the Telegram Bot API and Twilio's REST API: it records what the bot
sends and answers as the real services do, so connectors are tested without accounts."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

TELEGRAM_TOKEN = "123456:TEST-telegram-token"
TELEGRAM_SECRET = "telegram-webhook-test-secret"
TWILIO_SID = "AC" + "0" * 32
TWILIO_TOKEN = "twilio-test-auth-token"
SMS_NUMBER = "+447700900000"
WHATSAPP_NUMBER = "whatsapp:+447700900001"
PUBLIC_URL = "https://colbot.example.org"


@dataclass
class Sent:
    service: str  # telegram | twilio
    method: str  # sendMessage, answerCallbackQuery, Messages
    fields: dict[str, Any]
    at: float = field(default_factory=time.time)  # when it arrived (the outbox benchmark)


@dataclass
class FakeApis:
    url: str = ""
    sent: list[Sent] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    # faults to play: the next sends answer these HTTP statuses, in order (429 comes with
    # retry_after), and every ``busy_every``-th send answers 429 (the outbox benchmark)
    refusals: list[int] = field(default_factory=list)
    retry_after_s: int = 1
    busy_every: int = 0
    delay_s: float = 0.0  # each send takes this long (a slow API; a worker killed mid-send)
    calls: int = 0
    lookups: int = 0  # GETs of Twilio's Messages list
    list_down: bool = False  # Twilio's Messages list answers 503

    def record(self, item: Sent) -> None:
        with self.lock:
            self.sent.append(item)

    def clear(self) -> None:
        with self.lock:
            self.sent.clear()
            self.refusals.clear()
            self.busy_every, self.delay_s, self.calls, self.lookups = 0, 0.0, 0, 0
            self.list_down = False

    def refusal(self) -> int | None:
        """The status this send is refused with, if any."""
        with self.lock:
            self.calls += 1
            if self.refusals:
                return self.refusals.pop(0)
            if self.busy_every and self.calls % self.busy_every == 0:
                return 429
            return None

    def telegram_messages(self, chat_id: int) -> list[dict[str, Any]]:
        return [
            s.fields
            for s in list(self.sent)
            if s.method == "sendMessage" and str(s.fields.get("chat_id")) == str(chat_id)
        ]

    def twilio_messages(self, to: str, wait_s: float = 0) -> list[dict[str, Any]]:
        deadline = time.monotonic() + wait_s
        while True:
            found = [
                s.fields
                for s in list(self.sent)
                if s.service == "twilio" and s.fields.get("To") == to
            ]
            if found or time.monotonic() >= deadline:
                return found
            time.sleep(0.1)


def _fields(handler: BaseHTTPRequestHandler) -> dict[str, Any]:
    body = handler.rfile.read(int(handler.headers.get("Content-Length") or 0)).decode()
    if "json" in (handler.headers.get("Content-Type") or ""):
        return json.loads(body or "{}")
    fields: dict[str, Any] = {k: v[0] for k, v in parse_qs(body).items()}
    for key in ("reply_markup", "link_preview_options"):
        if key in fields:
            fields[key] = json.loads(fields[key])
    return fields


def start_fake_apis() -> tuple[FakeApis, ThreadingHTTPServer]:
    apis = FakeApis()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:  # quiet
            pass

        def _answer(self, status: int, payload: Any) -> None:
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self) -> None:  # noqa: N802
            fields = _fields(self)
            telegram = self.path.startswith(f"/bot{TELEGRAM_TOKEN}/")
            twilio = self.path.startswith(f"/2010-04-01/Accounts/{TWILIO_SID}/Messages.json")
            sending = twilio or (telegram and self.path.endswith("/sendMessage"))
            if sending and apis.delay_s:
                time.sleep(apis.delay_s)
            refused = apis.refusal() if sending else None
            if refused is not None and telegram:
                parameters = {"retry_after": apis.retry_after_s} if refused == 429 else {}
                self._answer(
                    refused,
                    {
                        "ok": False,
                        "error_code": refused,
                        "description": "refused by the fake",
                        "parameters": parameters,
                    },
                )
                return
            if refused is not None:
                self.send_response(refused)
                if refused == 429:
                    self.send_header("Retry-After", str(apis.retry_after_s))
                data = json.dumps({"code": 20429 if refused == 429 else 20500}).encode()
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                return
            if telegram:
                method = self.path.rsplit("/", 1)[-1]
                apis.record(Sent("telegram", method, fields))
                if method == "sendMessage":
                    result: Any = {
                        "message_id": len(apis.sent),
                        "date": int(time.time()),
                        "chat": {"id": int(fields["chat_id"]), "type": "private"},
                        "text": fields.get("text", ""),
                    }
                elif method == "getMe":
                    result = {
                        "id": 123456,
                        "is_bot": True,
                        "first_name": "Colbot",
                        "username": "colbot_test_bot",
                    }
                else:
                    result = True
                self._answer(200, {"ok": True, "result": result})
            elif twilio:
                sent = Sent("twilio", "Messages", fields)
                apis.record(sent)
                fields["sid"] = f"SM{len(apis.sent):032d}"
                self._answer(
                    201,
                    {
                        "sid": fields["sid"],
                        "status": "queued",
                        "to": fields.get("To"),
                        "from": fields.get("From"),
                        "body": fields.get("Body"),
                    },
                )
            else:
                self._answer(404, {"ok": False})

        def do_GET(self) -> None:  # noqa: N802
            """Twilio's Messages list, newest first, filtered by To and From: what the
            outbox worker asks before sending again a message a dead worker held."""
            path, _, query = self.path.partition("?")
            if path != f"/2010-04-01/Accounts/{TWILIO_SID}/Messages.json":
                self._answer(404, {"ok": False})
                return
            if apis.list_down:
                self._answer(503, {"code": 20503})
                return
            wanted = {k: v[0] for k, v in parse_qs(query).items()}
            with apis.lock:
                listed = [
                    {
                        "sid": s.fields.get("sid"),
                        "to": s.fields.get("To"),
                        "from": s.fields.get("From"),
                        "body": s.fields.get("Body"),
                        "date_created": formatdate(s.at, usegmt=True),
                    }
                    for s in reversed(apis.sent)
                    if s.service == "twilio"
                    and s.fields.get("To") == wanted.get("To")
                    and s.fields.get("From") == wanted.get("From")
                ]
            apis.lookups += 1
            self._answer(200, {"messages": listed[: int(wanted.get("PageSize", 50))]})

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    apis.url = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return apis, server


def channel_env(apis: FakeApis) -> dict[str, str]:
    return {
        "TELEGRAM_BOT_TOKEN": TELEGRAM_TOKEN,
        "TELEGRAM_WEBHOOK_SECRET": TELEGRAM_SECRET,
        "TELEGRAM_BOT_USERNAME": "colbot_test_bot",
        "TELEGRAM_API_URL": apis.url,
        "TWILIO_ACCOUNT_SID": TWILIO_SID,
        "TWILIO_AUTH_TOKEN": TWILIO_TOKEN,
        "TWILIO_SMS_NUMBER": SMS_NUMBER,
        "TWILIO_WHATSAPP_NUMBER": WHATSAPP_NUMBER,
        "TWILIO_API_URL": apis.url,
        "COLBOT_PUBLIC_URL": PUBLIC_URL,
    }
