"""What each channel sends for one turn of the bot's replies.

Rasa collects a turn's replies as dicts ({"text", "buttons", "image", "custom"}); a connector
hands them to `render_sms`, `render_whatsapp` or `render_telegram` and sends the bodies it
gets back. SMS is GSM-7 only and every body fits two concatenated segments (306 septets);
WhatsApp keeps emoji but has Twilio's 1,600-character cap; Telegram gets HTML-escaped text
(parse_mode HTML) and an inline keyboard. A long reply is split where a person would split
it: between messages, paragraphs, list items, lines, sentences, then words. On SMS and
WhatsApp buttons become numbered options ("Reply 1 for Yes, 2 for No") kept whole in the last
body, and `option_payload` maps a later reply such as "2." back to that button's payload.
Standard library only, so both runtimes can import it and tests need no Rasa.
"""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

SMS_BUDGET = 306  # septets: two concatenated GSM-7 segments of 153
WHATSAPP_BUDGET = 1600  # characters: Twilio's cap for a WhatsApp body
TELEGRAM_BUDGET = 4096  # characters: Telegram's cap for one message
CALLBACK_DATA_BYTES = 64  # Telegram's cap for an inline button's callback_data
TELEGRAM_BUTTON_TITLE = 64  # longer button titles are cut; Telegram would clip them anyway
SHORT_TITLE = 20  # options are cut to this, not shorter, to keep them with the question

# GSM 03.38 default alphabet in code order, without 0x1B (the escape to the extension table).
GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
# Reached through the escape, so each costs two septets. (Its form feed is never sent.)
GSM7_EXTENSION = frozenset("^{}\\[~]|€")

# Typography the bot's texts use, spelled in plain characters that GSM-7 has.
_TYPOGRAPHY = str.maketrans(
    {
        **dict.fromkeys("‘’‚‛′`´", "'"),
        **dict.fromkeys("“”„‟″«»", '"'),
        **dict.fromkeys("‐‑‒–—―−", "-"),
        **dict.fromkeys("•·◦‣▪●∙", "-"),
        "…": "...",
        "⁄": "/",
        "×": "x",
    }
)
_NEWLINES = re.compile(r"\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_GAP = "\x00"  # marks a dropped character until the gaps are closed (controls are gone by then)
_GAPS = re.compile(r"[ \x00]*\x00[ \x00]*")

# Where a long text may be cut, coarsest first, and what joins the pieces again.
_LEVELS = (
    (re.compile(r"\n\n+"), "\n\n"),  # paragraphs
    (re.compile(r"\n(?! )"), "\n"),  # list items: an indented line stays with its item
    (re.compile(r"\n"), "\n"),  # lines
    (re.compile(r"(?<=[.!?…])\s+"), " "),  # sentences
    (re.compile(r"\s+"), " "),  # words
)
_OPTION_NUMBER = re.compile(r"#?\s*0*([0-9]+)\s*[.)]?")
_LONE_WORD = re.compile(r"[\W_]*([A-Za-z]+)[\W_]*")
_KEYWORDS: dict[str, Literal["stop", "start", "help"]] = {
    **dict.fromkeys(("stop", "stopall", "unsubscribe", "end", "quit", "cancel"), "stop"),
    **dict.fromkeys(("start", "unstop"), "start"),
    **dict.fromkeys(("help", "info"), "help"),
}

Cost = Callable[[str], int]  # what one character counts for against a channel's budget


@dataclass(frozen=True)
class Rendered:
    """What a connector sends for one turn.

    `options` maps a learner's reply ("1", "2", ...) to a button's payload on SMS and
    WhatsApp, and a Telegram callback_data to its payload (every button's, so the connector
    only ever looks it up). On Telegram the keyboard belongs on the last body.
    """

    bodies: list[str]
    options: dict[str, str]
    keyboard: list[list[tuple[str, str]]] | None = None


def gsm7_length(text: str) -> int:
    """Septets `text` takes in GSM-7; extension-table characters cost two."""
    length = 0
    for ch in text:
        if ch in GSM7_BASIC:
            length += 1
        elif ch in GSM7_EXTENSION:
            length += 2
        else:
            raise ValueError(f"{ch!r} is not in GSM-7; pass the text through to_gsm7 first")
    return length


def to_gsm7(text: str) -> str:
    """`text` in GSM-7 characters only: typography made plain, accents folded, emoji dropped."""
    kept = []
    for ch in _tidy(text).translate(_TYPOGRAPHY):
        if _is_gsm7(ch):
            kept.append(ch)
        else:  # "á" -> "a", "ﬁ" -> "fi"; nothing left (emoji, Cyrillic) leaves a gap
            folded = unicodedata.normalize("NFKD", ch).translate(_TYPOGRAPHY)
            kept.append("".join(c for c in folded if _is_gsm7(c)) or _GAP)
    return _tidy(_GAPS.sub(_close_gap, "".join(kept)))


def render_sms(messages: Iterable[Mapping[str, Any]]) -> Rendered:
    return _numbered(messages, SMS_BUDGET, gsm7_length, to_gsm7)


def render_whatsapp(messages: Iterable[Mapping[str, Any]]) -> Rendered:
    return _numbered(messages, WHATSAPP_BUDGET, _utf16_units, _tidy)


def render_telegram(messages: Iterable[Mapping[str, Any]]) -> Rendered:
    """One or more Telegram messages per bot message (never merged), escaped for HTML."""
    texts, buttons = _collect(messages, _tidy)
    pieces = [piece for text in texts for piece in _split(text, TELEGRAM_BUDGET, _telegram_cost)]
    bodies = [html.escape(piece.strip(), quote=False) for piece in pieces if piece.strip()]
    if not buttons:
        return Rendered(bodies, {})
    keys = [(_shorten(title, TELEGRAM_BUTTON_TITLE), _callback_data(p)) for title, p in buttons]
    options = {data: payload for (_, data), (_, payload) in zip(keys, buttons, strict=True)}
    width = 2 if all(len(title) <= 16 for title, _ in keys) else 1  # "Yes | No" side by side
    keyboard = [keys[i : i + width] for i in range(0, len(keys), width)]
    return Rendered(bodies or ["Choose one:"], options, keyboard)


def option_payload(text: str, options: Mapping[str, str]) -> str | None:
    """The payload a reply picks ("1", " 2 ", "2.", "#2", or a callback token), else None."""
    reply = text.strip()
    if reply in options:
        return options[reply]
    match = _OPTION_NUMBER.fullmatch(reply)
    return options.get(match.group(1)) if match else None


_ANSWERS = {
    "approve": "approve",
    "approved": "approve",
    "decline": "decline",
    "declined": "decline",
}


def notice_answer(text: str) -> str | None:
    """The payload of a youth worker's one-word answer to a claims notice the bot sent first
    ("APPROVE", "decline."): read by rule, not by the NLU, since it decides a child's claim;
    the action checks they are staff and which claim their last notice was about."""
    match = _LONE_WORD.fullmatch(text)
    decision = _ANSWERS.get(match.group(1).lower()) if match else None
    return f'/notice_reply{{"decision":"{decision}"}}' if decision else None


_POLL_ANSWER = re.compile(r"[\W_]*poll\W{0,3}#?([1-9])[\W_]*", re.IGNORECASE)


def poll_answer(text: str) -> str | None:
    """The payload of a learner's "POLL 2" to the city poll the bot sent them (SMS and
    WhatsApp have no buttons): read by rule, since it is a number from a list, not words."""
    match = _POLL_ANSWER.fullmatch(text)
    return f'/answer_poll{{"poll_option":"{match.group(1)}"}}' if match else None


def keyword(text: str) -> Literal["stop", "start", "help"] | None:
    """The carrier keyword a message is when it holds only that word ("STOP!", " help ")."""
    match = _LONE_WORD.fullmatch(text)
    return _KEYWORDS.get(match.group(1).lower()) if match else None


def _numbered(
    messages: Iterable[Mapping[str, Any]], budget: int, cost: Cost, clean: Callable[[str], str]
) -> Rendered:
    """Bodies for a Twilio channel: short messages merged, buttons as numbered options."""
    texts, buttons = _collect(messages, clean)
    if buttons:  # the options go under the end of the last message, else on their own after it
        titles = [title for title, _ in buttons]
        last = _split(texts.pop(), budget, cost) if texts else []
        room = budget - _measure(last[-1], cost) - 1 if last else 0
        block = _options_block(titles, room, cost, shortest=SHORT_TITLE)
        if last and _measure(block, cost) <= room:
            last[-1] += "\n" + block
        else:  # split only if there are absurdly many buttons, each cut to "..."
            last.extend(_split(_options_block(titles, budget, cost), budget, cost))
        texts.extend(last)  # pieces that were split apart never fit together again
    bodies = [body.strip() for body in _pack(texts, "\n\n", budget, cost, 0)]
    options = {str(number): payload for number, (_, payload) in enumerate(buttons, 1)}
    return Rendered(bodies, options)


def _collect(
    messages: Iterable[Mapping[str, Any]], clean: Callable[[str], str]
) -> tuple[list[str], list[tuple[str, str]]]:
    """The non-empty texts, cleaned for the channel, and every (title, payload) button in order."""
    texts: list[str] = []
    buttons: list[tuple[str, str]] = []
    for message in messages:
        text = message.get("text") or ""
        custom = message.get("custom")
        if not text and isinstance(custom, Mapping) and isinstance(custom.get("text"), str):
            text = custom["text"]
        if message.get("image"):
            text = f"{text}\n{message['image']}"
        if text := clean(text):
            texts.append(text)
        for button in message.get("buttons") or ():
            title = " ".join(clean(str(button.get("title") or "")).split())
            payload = str(button.get("payload", button.get("title", "")))
            buttons.append((title or f"option {len(buttons) + 1}", payload))
    return texts, buttons


def _options_block(titles: list[str], budget: int, cost: Cost, shortest: int = 3) -> str:
    """ "Reply 1 for Yes, 2 for No", or one option a line with titles cut (to no fewer than
    `shortest` characters) until it fits `budget`; the caller checks that it did."""
    line = "Reply " + ", ".join(f"{n} for {title}" for n, title in enumerate(titles, 1))
    if len(line) <= 80 and not any("," in title for title in titles):
        return line

    def block(limit: int) -> str:
        options = (f"{n} {_shorten(title, limit)}" for n, title in enumerate(titles, 1))
        return "\n".join(("Reply with a number:", *options))

    low, high = shortest, max(shortest, *(len(title) for title in titles))
    while low < high:  # the longest title limit that still fits
        middle = (low + high + 1) // 2
        if _measure(block(middle), cost) <= budget:
            low = middle
        else:
            high = middle - 1
    return block(low)


def _shorten(title: str, limit: int) -> str:
    """`title` in at most `limit` characters, cut at a word where one is near, with "..."."""
    if len(title) <= limit:
        return title
    cut = title[: max(limit - 3, 0)]
    space = cut.rfind(" ")
    if space >= limit // 2:
        cut = cut[:space]
    return cut.rstrip() + "..."


def _split(text: str, budget: int, cost: Cost, level: int = 0) -> list[str]:
    """`text` in pieces of at most `budget`, cut at the coarsest kind of break that works."""
    if _measure(text, cost) <= budget:
        return [text]
    if level == len(_LEVELS):  # one word longer than a whole body
        return _hard_split(text, budget, cost)
    pattern, joiner = _LEVELS[level]
    parts = [part for part in pattern.split(text) if part.strip()]
    return _pack(parts, joiner, budget, cost, level + 1)


def _pack(parts: list[str], joiner: str, budget: int, cost: Cost, level: int) -> list[str]:
    """Parts joined greedily into pieces of at most `budget`; one too big alone is cut finer."""
    pieces: list[str] = []
    current, used = "", 0
    gap = _measure(joiner, cost)
    for part in parts:
        size = _measure(part, cost)
        if current and used + gap + size <= budget:
            current, used = current + joiner + part, used + gap + size
            continue
        if current:
            pieces.append(current)
        if size <= budget:
            current, used = part, size
        else:  # its last piece may still take the next parts
            *done, current = _split(part, budget, cost, level)
            pieces.extend(done)
            used = _measure(current, cost)
    return [*pieces, current] if current else pieces


def _hard_split(text: str, budget: int, cost: Cost) -> list[str]:
    pieces, current, used = [], "", 0
    for ch in text:
        if current and used + cost(ch) > budget:
            pieces.append(current)
            current, used = "", 0
        current, used = current + ch, used + cost(ch)
    return [*pieces, current] if current else pieces


def _tidy(text: str) -> str:
    """One kind of newline, no control characters, no trailing spaces, at most one blank line."""
    text = _NEWLINES.sub("\n", text).replace("\t", " ")
    text = "".join(ch for ch in text if ch == "\n" or unicodedata.category(ch) != "Cc")
    text = re.sub(r" +\n", "\n", text)
    text = re.sub(r"(?<=\S) {2,}", " ", text)  # leading indentation stays
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _close_gap(match: re.Match[str]) -> str:
    """What replaces dropped characters: nothing at a line's edge or before punctuation, else
    one space if there was one."""
    text, start, end = match.string, match.start(), match.end()
    before = text[start - 1] if start else "\n"
    after = text[end] if end < len(text) else "\n"
    if before in "\n([" or after in "\n,.!?;:)]":
        return ""
    return " " if " " in match.group() else ""


def _is_gsm7(ch: str) -> bool:
    return ch in GSM7_BASIC or ch in GSM7_EXTENSION


def _measure(text: str, cost: Cost) -> int:
    return sum(cost(ch) for ch in text)


def _utf16_units(ch: str) -> int:
    return 2 if ord(ch) > 0xFFFF else 1  # Twilio and Telegram count UTF-16 code units


def _telegram_cost(ch: str) -> int:
    return sum(_utf16_units(c) for c in html.escape(ch, quote=False))


def _callback_data(payload: str) -> str:
    """The payload itself when Telegram takes it, else a short stable token for it."""
    raw = payload.encode("utf-8")
    if 0 < len(raw) <= CALLBACK_DATA_BYTES and not payload.startswith("b:"):
        return payload
    return "b:" + hashlib.sha256(raw).hexdigest()[:16]
