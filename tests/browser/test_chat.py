"""The try-it chat page, as a visitor uses it: type, send, read the reply, tap its buttons.

Behind the page: the web app, the end-to-end Rasa server and action server (tests/e2e)."""

from __future__ import annotations

import re

from tests.browser.conftest import BOT_REPLY_MS, Site, Visit, expect


def test_a_visitor_says_hi_reads_the_welcome_and_taps_a_button(
    chat_site: Site, visit: Visit
) -> None:
    page = visit.page
    page.goto(f"{chat_site.url}/chat")
    expect(page.get_by_role("heading", name="Try the bot")).to_be_visible()
    box = page.get_by_role("textbox", name="Your message")
    expect(box).to_be_focused()  # the page opens ready to type
    log = page.locator("#log")
    said, answers = log.locator(".me"), log.locator(".bot")

    box.fill("hi")
    visit.press(page.get_by_role("button", name="Send", exact=True))
    expect(box).to_have_value("")
    expect(said).to_have_text(["hi"])
    expect(answers.first).to_contain_text("I'm the Cities of Learning bot", timeout=BOT_REPLY_MS)
    yes = log.get_by_role("button", name="Yes", exact=True)
    no = log.get_by_role("button", name="No", exact=True)
    expect(yes).to_be_visible()
    expect(no).to_be_visible()
    visit.assert_fits()

    visit.press(yes)
    # the button's title shows as the visitor's message; its payload goes to the bot
    expect(said).to_have_text(["hi", "Yes"])
    expect(answers.filter(has_text="How old are you")).to_be_visible(timeout=BOT_REPLY_MS)
    expect(answers.filter(has_text=re.compile("isn't answering|went wrong"))).to_have_count(0)
    visit.assert_fits()
