"""The web app's HTML: Jinja2 templates in web/templates, rendered with autoescaping on, so
every value a page shows is escaped by the template, never by hand.

The city dashboard's page extends the commissioning report's own template, so this
environment also looks in badge_core/templates.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from badge_core.reporting import TEMPLATES as REPORT_TEMPLATES

templates = Environment(
    loader=FileSystemLoader([Path(__file__).with_name("templates"), REPORT_TEMPLATES]),
    autoescape=True,
    undefined=StrictUndefined,  # a value a template names but is not given fails, loudly
)


def render(template: str, /, **context: Any) -> str:
    return templates.get_template(template).render(context)


def home_page() -> str:
    return render("home.html")


def login_page(error: str = "") -> str:
    return render("login.html", error=error)


def message_page(title: str, text: str) -> str:
    return render("message.html", title=title, text=text)


# The try-it chat page is the same for everyone: rendered once, so the page served is the page
# whose inline script the Content-Security-Policy allows by hash (web/headers.py).
_CHAT_PAGE = render("chat.html")
_scripts = re.findall(r"<script>(.*?)</script>", _CHAT_PAGE, re.DOTALL)
if len(_scripts) != 1:
    raise RuntimeError("chat.html must hold exactly one inline <script>")
CHAT_SCRIPT = _scripts[0]


def chat_page() -> str:
    return _CHAT_PAGE
