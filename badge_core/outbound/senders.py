"""Sending one message on one channel, over the channel's HTTP API (httpx; the badge core
does not import the Telegram or Twilio libraries, which live in the Rasa runtime). Each send
says what happened: sent (with the channel's reference), try again (after how long), or
failed for good. Nothing here logs an address or a message's words.
"""

from __future__ import annotations

import enum
import json
import time
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

TIMEOUT = httpx.Timeout(10.0, connect=5.0)


class Unknown(enum.Enum):
    UNKNOWN = "unknown"  # the channel could not say


UNKNOWN = Unknown.UNKNOWN


class Result(enum.Enum):
    SENT = "sent"
    RETRY = "retry"
    FAILED = "failed"


@dataclass(frozen=True)
class Outcome:
    result: Result
    ref: str | None = None  # the channel's id for the message
    retry_after_s: float | None = None  # as the channel asked (HTTP 429)
    reason: str | None = None


def _retry_or_fail(status: int, reason: str, retry_after: Any = None) -> Outcome:
    if status == 429 or status >= 500:
        try:
            after = float(retry_after) if retry_after is not None else None
        except (TypeError, ValueError):
            after = None
        return Outcome(Result.RETRY, retry_after_s=after, reason=f"{reason}_{status}")
    return Outcome(Result.FAILED, reason=f"{reason}_{status}")


class Pacer:
    """Keeps sends under a channel's limits in this process: at most ``per_second`` in any
    second overall, and one a second to the same chat (Telegram's published limits)."""

    def __init__(self, per_second: int = 30, per_chat_s: float = 1.0) -> None:
        self._recent: deque[float] = deque()
        self._per_second, self._per_chat_s = per_second, per_chat_s
        self._last_to: dict[str, float] = {}

    def wait(self, to: str) -> None:
        while True:
            now = time.monotonic()
            while self._recent and self._recent[0] <= now - 1.0:
                self._recent.popleft()
            delay = 0.0
            if len(self._recent) >= self._per_second:
                delay = self._recent[0] + 1.0 - now
            last = self._last_to.get(to)
            if last is not None:
                delay = max(delay, last + self._per_chat_s - now)
            if delay <= 0:
                break
            time.sleep(delay)
        self._recent.append(now)
        self._last_to[to] = now
        if len(self._last_to) > 10_000:
            self._last_to = {k: v for k, v in self._last_to.items() if v > now - 5}


class TelegramSender:
    def __init__(
        self, token: str, api_url: str, client: httpx.Client, *, per_second: int = 30
    ) -> None:
        self._url = f"{api_url.rstrip('/')}/bot{token}/sendMessage"
        self._client = client
        self.pacer = Pacer(per_second=per_second)

    def send(self, chat_id: str, text: str, buttons: list[dict[str, str]]) -> Outcome:
        self.pacer.wait(chat_id)
        payload: dict[str, Any] = {
            "chat_id": chat_id,
            "text": text,
            "link_preview_options": {"is_disabled": True},
        }
        if buttons:
            payload["reply_markup"] = {
                "inline_keyboard": [
                    [{"text": b["title"], "callback_data": b["payload"][:64]} for b in buttons]
                ]
            }
        try:
            response = self._client.post(self._url, json=payload, timeout=TIMEOUT)
        except httpx.HTTPError:
            return Outcome(Result.RETRY, reason="telegram_unreachable")
        try:
            answer = response.json()
        except ValueError:
            answer = {}
        if response.status_code == 200 and answer.get("ok"):
            return Outcome(Result.SENT, ref=str(answer["result"].get("message_id", "")))
        retry_after = (answer.get("parameters") or {}).get("retry_after")
        return _retry_or_fail(response.status_code, "telegram", retry_after)


class TwilioSender:
    """SMS and WhatsApp through Twilio's Messages API; a WhatsApp template by its Content SID
    and variables (Twilio's Content API)."""

    def __init__(
        self,
        account_sid: str,
        auth_token: str,
        api_url: str,
        client: httpx.Client,
        *,
        sms_from: str,
        whatsapp_from: str,
        status_callback: str | None = None,
    ) -> None:
        self._url = f"{api_url.rstrip('/')}/2010-04-01/Accounts/{account_sid}/Messages.json"
        self._auth = (account_sid, auth_token)
        self._client = client
        self._from = {"sms": sms_from, "whatsapp": whatsapp_from}
        self._status_callback = status_callback

    def can_send(self, channel: str) -> bool:
        return bool(self._from.get(channel))

    def _sender(self, channel: str, sender: str | None = None) -> str:
        sender = sender or self._from[channel]
        if channel == "whatsapp" and not sender.startswith("whatsapp:"):
            sender = f"whatsapp:{sender}"
        return sender

    def find_sent(
        self, channel: str, to: str, since: datetime, body: str | None, sender: str | None = None
    ) -> str | None | Unknown:
        """The SID of a message Twilio already took from us to ``to`` since ``since`` (with
        ``body``, when one was sent free-form), so a send a dead worker may have made is not
        made again: Twilio takes no idempotency key, but it lists what it took. None: nothing
        like it; UNKNOWN: Twilio could not be asked."""
        query = {"To": to, "From": self._sender(channel, sender), "PageSize": "20"}
        try:
            response = self._client.get(self._url, params=query, auth=self._auth, timeout=TIMEOUT)
            listed = response.json().get("messages", []) if response.status_code == 200 else None
        except (httpx.HTTPError, ValueError):
            listed = None
        if listed is None:
            return UNKNOWN
        for item in listed:
            try:
                created = parsedate_to_datetime(item.get("date_created") or "")
            except (TypeError, ValueError):
                continue
            if created >= since and (body is None or item.get("body") == body):
                return str(item.get("sid") or "")
        return None

    def send(
        self,
        channel: str,
        to: str,
        *,
        body: str | None = None,
        content_sid: str | None = None,
        variables: Mapping[str, str] | None = None,
        sender: str | None = None,
    ) -> Outcome:
        form: dict[str, str] = {"To": to, "From": self._sender(channel, sender)}
        if content_sid:
            form["ContentSid"] = content_sid
            form["ContentVariables"] = json.dumps(dict(variables or {}))
        else:
            form["Body"] = body or ""
        if self._status_callback:
            form["StatusCallback"] = self._status_callback
        try:
            response = self._client.post(self._url, data=form, auth=self._auth, timeout=TIMEOUT)
        except httpx.HTTPError:
            return Outcome(Result.RETRY, reason="twilio_unreachable")
        if response.status_code in (200, 201):
            try:
                return Outcome(Result.SENT, ref=str(response.json().get("sid", "")))
            except ValueError:
                return Outcome(Result.SENT)
        return _retry_or_fail(response.status_code, "twilio", response.headers.get("Retry-After"))
