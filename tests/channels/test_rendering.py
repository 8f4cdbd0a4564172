"""Per-channel rendering: GSM-7 and segment budgets on SMS, numbered options that map back,
human splitting, Telegram escaping and callback data, and the carrier keywords."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.channels.rendering import (
    GSM7_BASIC,
    GSM7_EXTENSION,
    gsm7_length,
    keyword,
    notice_answer,
    option_payload,
    poll_answer,
    render_sms,
    render_telegram,
    render_whatsapp,
    to_gsm7,
)

GSM7 = GSM7_BASIC | GSM7_EXTENSION
TRICKY = "“”‘’–—…•·€{}[]^~|\\<>&éáçñßΩÀ👋🎉⚽🤖\u200d\u00a0\u2028\x00\x1b\x0c\r\n\t  abc.!?,"

any_text = st.one_of(
    st.text(max_size=200),
    st.text(alphabet=st.sampled_from(TRICKY), max_size=400),
    st.text(min_size=1, max_size=30).map(lambda s: (s * 2000)[:2000]),  # one huge "word"
    st.text(min_size=1, max_size=30).map(lambda s: ((s + " ") * 2000)[:2000]),
)
buttons = st.lists(
    st.fixed_dictionaries({"title": any_text, "payload": st.text(max_size=300)}), max_size=8
)


def activity_turn(title: str, buttons: list[dict[str, str]]) -> list[dict[str, object]]:
    """The shape action_find_activities produces, with `title` as one activity."""
    return [
        {
            "recipient_id": "u1",
            "text": "Here's what's on near PL4 🎉\n"
            f"• {title} – Sat 8 Jun 10am · Central Library · free · ages 11-16\n"
            "• Coding Club – Tue 11 Jun 5pm · The Box · free · ages 11-16",
        },
        {"recipient_id": "u1", "text": "Want details on one?", "buttons": buttons},
    ]


turns = st.one_of(
    st.builds(activity_turn, any_text, buttons),
    st.lists(st.fixed_dictionaries({"text": any_text}, optional={"buttons": buttons}), max_size=3),
)


def listed_numbers(body: str) -> list[int]:
    """The option numbers the options block at the end of `body` offers."""
    if "Reply with a number:\n" in body:
        block = body.rsplit("Reply with a number:\n", 1)[1]
        return [int(line.split(" ", 1)[0]) for line in block.split("\n")]
    line = body.rsplit("\n", 1)[-1]
    assert line.startswith("Reply 1 for "), f"no options line at the end of {body!r}"
    return [int(n) for n in re.findall(r"(?:Reply |, )(\d+) for ", line)]


def all_buttons(turn: list[dict[str, object]]) -> list[dict[str, str]]:
    return [button for message in turn for button in message.get("buttons") or []]


def assert_options_map_back(bodies: list[str], options: dict[str, str], turn: list) -> None:
    expected = all_buttons(turn)
    if not expected:
        assert options == {}
        return
    assert listed_numbers(bodies[-1]) == list(range(1, len(expected) + 1))
    for number, button in enumerate(expected, 1):
        assert option_payload(str(number), options) == button["payload"]


# Properties ---------------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(turns)
def test_every_sms_body_is_gsm7_within_two_segments_and_its_options_map_back(turn) -> None:
    rendered = render_sms(turn)
    for body in rendered.bodies:
        assert body.strip(), "empty body"
        assert set(body) <= GSM7, f"non-GSM characters {set(body) - GSM7}"
        assert gsm7_length(body) <= 306
    assert_options_map_back(rendered.bodies, rendered.options, turn)


@settings(max_examples=150, deadline=None)
@given(turns)
def test_every_whatsapp_body_fits_twilio_and_its_options_map_back(turn) -> None:
    rendered = render_whatsapp(turn)
    for body in rendered.bodies:
        assert body.strip(), "empty body"
        assert len(body.encode("utf-16-le")) // 2 <= 1600
    assert_options_map_back(rendered.bodies, rendered.options, turn)


@settings(max_examples=150, deadline=None)
@given(turns)
def test_telegram_bodies_are_escaped_and_callback_data_is_short_and_resolves(turn) -> None:
    rendered = render_telegram(turn)
    for body in rendered.bodies:
        assert body.strip(), "empty body"
        assert len(body.encode("utf-16-le")) // 2 <= 4096
        assert "<" not in body and ">" not in body
    expected = all_buttons(turn)
    keys = [key for row in rendered.keyboard or [] for key in row]
    assert [rendered.options[data] for _, data in keys] == [b["payload"] for b in expected]
    assert all(0 < len(data.encode("utf-8")) <= 64 and title for title, data in keys)
    if expected:
        assert rendered.bodies, "a keyboard needs a message to hang on"


@settings(max_examples=100, deadline=None)
@given(any_text)
def test_markup_in_a_telegram_title_arrives_escaped(title: str) -> None:
    bodies = render_telegram(activity_turn(f"<b>{title}</b>", []))
    text = "\n".join(bodies.bodies)
    assert "&lt;b&gt;" in text and "<b>" not in text


words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABC", min_size=1, max_size=15)


@settings(max_examples=100, deadline=None)
@given(st.lists(words, min_size=1, max_size=400), st.sampled_from([" ", "\n", ". ", "\n\n"]))
def test_splitting_loses_no_word_and_cuts_none(text_words: list[str], separator: str) -> None:
    text = separator.join(text_words)
    for render in (render_sms, render_whatsapp, render_telegram):
        bodies = render([{"text": text}]).bodies
        assert " ".join(bodies).replace(".", " ").split() == text_words, render.__name__


# Examples -----------------------------------------------------------------------------------

ACTIVITIES = [
    "⚽ Football Skills – Sat 8 Jun 10am · Central Park · free · ages 11-16",
    "🎨 “Street Art” Workshop – Sat 8 Jun 1pm · The Box · £3 · ages 13-18",
    "💻 Coding Club – Tue 11 Jun 5pm · Central Library · free · ages 11-16",
    "🎸 Band Night… bring your own guitar – Wed 12 Jun 6:30pm · Plymouth Arts Centre · £2 · "
    "ages 14-25",
    "🍳 Cook & Eat – Thu 13 Jun 4pm · Devonport Guildhall · free · ages 11-18",
    "🧗 Climbing Taster – Fri 14 Jun 5pm · Mount Batten Centre · £5 · ages 12-18",
]
SIX_ACTIVITIES = [
    {
        "recipient_id": "u1",
        "text": "Here's what's on near PL4 this week 🎉\n"
        + "\n".join(f"• {a}" for a in ACTIVITIES),
    },
    {
        "recipient_id": "u1",
        "text": "Want details on one?",
        "buttons": [
            {"title": "Football Skills", "payload": '/activity_details{"number": 1}'},
            {"title": "Search again", "payload": "/find_activity"},
        ],
    },
]
CONSENT = [
    {
        "recipient_id": "u1",
        "text": "To save your badges I keep your age group, your area (like PL4) and what "
        "you’re into. Never your name or number, and you can delete it any time. OK?",
        "buttons": [{"title": "Yes", "payload": "yes"}, {"title": "No", "payload": "no"}],
    }
]


def test_six_activities_on_sms_split_between_items_and_keep_the_question_with_its_options():
    rendered = render_sms(SIX_ACTIVITIES)

    assert rendered.bodies == [
        "Here's what's on near PL4 this week\n"
        "- Football Skills - Sat 8 Jun 10am - Central Park - free - ages 11-16\n"
        '- "Street Art" Workshop - Sat 8 Jun 1pm - The Box - £3 - ages 13-18\n'
        "- Coding Club - Tue 11 Jun 5pm - Central Library - free - ages 11-16",
        "- Band Night... bring your own guitar - Wed 12 Jun 6:30pm - Plymouth Arts Centre - £2"
        " - ages 14-25\n"
        "- Cook & Eat - Thu 13 Jun 4pm - Devonport Guildhall - free - ages 11-18\n"
        "- Climbing Taster - Fri 14 Jun 5pm - Mount Batten Centre - £5 - ages 12-18",
        "Want details on one?\nReply 1 for Football Skills, 2 for Search again",
    ]
    assert rendered.options == {"1": '/activity_details{"number": 1}', "2": "/find_activity"}


def test_six_activities_fit_one_whatsapp_body_with_emoji_and_typography_kept():
    rendered = render_whatsapp(SIX_ACTIVITIES)

    assert rendered.bodies == [
        SIX_ACTIVITIES[0]["text"]
        + "\n\nWant details on one?\nReply 1 for Football Skills, 2 for Search again"
    ]


def test_a_long_list_on_sms_is_cut_only_between_items():
    items = [to_gsm7(f"• {a}") for a in ACTIVITIES] * 3
    rendered = render_sms([{"text": "\n".join(items)}])

    assert [body.count("\n") + 1 for body in rendered.bodies] == [4, 4, 3, 4, 3]
    for body in rendered.bodies:
        assert set(body.split("\n")) <= set(items), f"an item was cut in {body!r}"


def test_an_activity_list_keeps_each_indented_detail_line_with_its_title():
    """The layout of actions.phrasing.activity_list: "1. Title" then an indented detail line."""
    items = [
        ("Coding Club", "Tue 11 Jun 5pm · Central Library · free · ages 11-16"),
        ("Street Art Workshop 🎨", "Sat 15 Jun 1pm · The Box · £3 · ages 13-18"),
        ("Football Skills ⚽", "Sat 15 Jun 10am · Central Park · free · ages 11-16"),
        ("Band Night", "Wed 19 Jun 6:30pm · Plymouth Arts Centre · £2 · ages 14-25"),
        ("Climbing Taster", "Fri 21 Jun 5pm · Mount Batten Centre · £5 · ages 12-18"),
    ]
    listed = "\n".join(f"{n}. {title}\n   {when}" for n, (title, when) in enumerate(items, 1))
    text = f'Here\'s what\'s on near PL4:\n{listed}\nSay "more" for more, or "tell me about 1".'

    assert render_sms([{"text": text}]).bodies == [
        "Here's what's on near PL4:\n"
        "1. Coding Club\n   Tue 11 Jun 5pm - Central Library - free - ages 11-16\n"
        "2. Street Art Workshop\n   Sat 15 Jun 1pm - The Box - £3 - ages 13-18\n"
        "3. Football Skills\n   Sat 15 Jun 10am - Central Park - free - ages 11-16",
        "4. Band Night\n   Wed 19 Jun 6:30pm - Plymouth Arts Centre - £2 - ages 14-25\n"
        "5. Climbing Taster\n   Fri 21 Jun 5pm - Mount Batten Centre - £5 - ages 12-18\n"
        'Say "more" for more, or "tell me about 1".',
    ]


def test_a_long_paragraph_is_cut_between_sentences():
    sentence = "Coding Club builds problem solving and you can earn a badge there."  # 66
    rendered = render_sms([{"text": " ".join([sentence] * 10)}])

    assert rendered.bodies == [" ".join([sentence] * 4)] * 2 + [" ".join([sentence] * 2)]


def test_a_yes_no_question_on_sms():
    rendered = render_sms(CONSENT)

    assert rendered.bodies == [
        "To save your badges I keep your age group, your area (like PL4) and what you're into. "
        "Never your name or number, and you can delete it any time. OK?\n"
        "Reply 1 for Yes, 2 for No"
    ]
    assert rendered.options == {"1": "yes", "2": "no"}


@pytest.mark.parametrize("reply", ["1", " 1 ", "1.", "#1", "# 1", "01", "1)"])
def test_replies_that_pick_option_one(reply: str):
    assert option_payload(reply, {"1": "yes", "2": "no"}) == "yes"


@pytest.mark.parametrize("reply", ["3", "0", "yes", "1 2", "tell me about 1", "", "1a"])
def test_replies_that_pick_no_option(reply: str):
    assert option_payload(reply, {"1": "yes", "2": "no"}) is None


def test_titles_with_commas_go_one_a_line():
    rendered = render_sms(
        [
            {
                "text": "Delete everything I know about you?",
                "buttons": [
                    {"title": "Yes, delete", "payload": "yes"},
                    {"title": "No, keep it", "payload": "no"},
                ],
            }
        ]
    )

    assert rendered.bodies == [
        "Delete everything I know about you?\nReply with a number:\n1 Yes, delete\n2 No, keep it"
    ]


def test_long_button_titles_are_shortened_to_stay_with_the_question():
    title = "Football Skills at the Central Park pavilion with the Argyle community coaches"
    rendered = render_sms(
        [{"text": "Which one?", "buttons": [{"title": title, "payload": str(i)} for i in range(8)]}]
    )

    assert rendered.bodies == [
        "Which one?\nReply with a number:\n"
        + "\n".join(f"{n} Football Skills at the..." for n in range(1, 9))
    ]
    assert gsm7_length(rendered.bodies[0]) <= 306


def test_short_messages_merge_into_one_body_with_a_blank_line():
    rendered = render_sms(
        [{"text": "OK 👍"}, {"text": "Bye for now! Message me any time. 👋"}, {"text": "🤖"}]
    )

    assert rendered.bodies == ["OK\n\nBye for now! Message me any time."]


def test_images_go_on_their_own_line_and_custom_text_is_used():
    turn = [
        {"text": "Here’s your badge!", "image": "https://colbot.example/badge/7.png"},
        {"custom": {"text": "Share it with a friend"}},
        {"custom": {"kind": "analytics"}},
    ]

    assert render_sms(turn).bodies == [
        "Here's your badge!\nhttps://colbot.example/badge/7.png\n\nShare it with a friend"
    ]
    assert render_telegram(turn).bodies == [
        "Here’s your badge!\nhttps://colbot.example/badge/7.png",
        "Share it with a friend",
    ]


def test_telegram_escapes_markup_and_keeps_buttons_as_a_keyboard():
    payload = '/activity_details{"key": "plymouth/central-library/coding-club-tuesdays"}'
    rendered = render_telegram(
        [
            {"text": "Next: <b>Coding & Games</b> 🎮"},
            {
                "text": "Want to go?",
                "buttons": [{"title": "Yes", "payload": payload}, {"title": "No", "payload": "no"}],
            },
        ]
    )

    token = rendered.keyboard[0][0][1]
    assert rendered.bodies == ["Next: &lt;b&gt;Coding &amp; Games&lt;/b&gt; 🎮", "Want to go?"]
    assert re.fullmatch(r"b:[0-9a-f]{16}", token)
    assert rendered.keyboard == [[("Yes", token), ("No", "no")]]
    assert rendered.options == {token: payload, "no": "no"}
    assert (
        render_telegram(CONSENT + [{"buttons": [{"title": "Z", "payload": payload}]}]).options[
            token
        ]
        == payload
    ), "the token must be stable"


def test_telegram_splits_a_long_list_between_items():
    items = [f"• {a}" for a in ACTIVITIES] * 12
    bodies = render_telegram([{"text": "\n".join(items)}]).bodies

    assert len(bodies) == 2
    assert all(set(html.unescape(body).split("\n")) <= set(items) for body in bodies)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“Quoted” — dash… and ‘single’", "\"Quoted\" - dash... and 'single'"),
        ("• one\n• two · three", "- one\n- two - three"),
        ("café à la crème, naïve Ålesund, São Tomé", "café à la crème, naive Ålesund, Sao Tomé"),
        ("Hi! 👋 I'm a bot 🤖, honest 😊", "Hi! I'm a bot, honest"),
        ("🎨 Art club\n   Sat 8 Jun", "Art club\n   Sat 8 Jun"),
        ("Tab\there\r\nand\x00 there", "Tab here\nand there"),
        ("£3 or €4 {a} [b] ~c^ | \\", "£3 or €4 {a} [b] ~c^ | \\"),
        ("Привет 👋", ""),
    ],
)
def test_to_gsm7(text: str, expected: str):
    assert to_gsm7(text) == expected


def test_gsm7_alphabet_and_lengths():
    assert len(GSM7_BASIC) == 127  # 128 codes less the escape
    assert gsm7_length("Hello @ £5") == 10
    assert gsm7_length("€{}") == 6
    with pytest.raises(ValueError):
        gsm7_length("ok 👍")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("STOP", "stop"),
        ("stop.", "stop"),
        (" Stop! ", "stop"),
        ("stopall", "stop"),
        ("UNSUBSCRIBE", "stop"),
        ("end", "stop"),
        ("Quit", "stop"),
        ("cancel", "stop"),
        ("START", "start"),
        ("unstop", "start"),
        ("help?", "help"),
        ("INFO", "help"),
        ("yes", None),
        ("stop sending me football stuff", None),
        ("help me find football", None),
        ("stopp", None),
        ("", None),
    ],
)
def test_keyword(text: str, expected: str | None):
    assert keyword(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("APPROVE", '/notice_reply{"decision":"approve"}'),
        ("approved.", '/notice_reply{"decision":"approve"}'),
        (" Decline! ", '/notice_reply{"decision":"decline"}'),
        ("declined", '/notice_reply{"decision":"decline"}'),
        ("i approve of this", None),  # only the one word: anything more is read as usual
        ("approve 3", None),
        ("1", None),
        ("", None),
    ],
)
def test_a_one_word_answer_to_a_claims_notice(text: str, expected: str | None) -> None:
    assert notice_answer(text) == expected


@pytest.mark.parametrize(
    ("text", "option"),
    [
        ("POLL 2", "2"),
        ("poll2", "2"),
        (" Poll #3. ", "3"),
        ("poll: 1", "1"),
        ("poll", None),
        ("poll 12", None),  # no poll has twelve answers
        ("pollen 2", None),
        ("2", None),  # a bare number is read as the options on screen, not an old poll
        ("i want a poll 2 be run", None),
        ("poll 2 i dont wanna be alive", None),  # words of their own go to the NLU, risk first
    ],
)
def test_a_poll_answer_typed_on_sms(text: str, option: str | None) -> None:
    expected = f'/answer_poll{{"poll_option":"{option}"}}' if option else None
    assert poll_answer(text) == expected
