"""The few HTML pages the web app serves; every dynamic value is escaped here."""

from __future__ import annotations

import html

STYLE = """
body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem;
       color: #1d2b24; }
input, button { font: inherit; padding: .4rem .6rem; }
.error { color: #a4262c; }
"""


def page(title: str, body: str, extra_style: str = "") -> str:
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title><style>{STYLE}{extra_style}</style></head>"
        f"<body>{body}</body></html>"
    )


def home_page() -> str:
    return page(
        "Cities of Learning bot",
        "<h1>Cities of Learning bot</h1><ul>"
        '<li><a href="/chat">Try the bot</a> in your browser, no account needed.</li>'
        '<li><a href="/check">Check a badge</a> someone showed you.</li>'
        '<li><a href="/admin">City dashboard</a> (city admins, with a token from '
        "<code>colbot admin token</code>).</li></ul>",
    )


def login_page(error: str = "") -> str:
    problem = f'<p class="error" role="alert">{html.escape(error)}</p>' if error else ""
    return page(
        "City dashboard: sign in",
        "<h1>City dashboard</h1>"
        "<p>Paste the token your city's operator gave you (made with "
        "<code>colbot admin token --city SLUG</code>).</p>"
        f"{problem}"
        '<form method="post" action="/admin/login">'
        '<label>Token <input name="token" type="password" autocomplete="off" required '
        'size="40"></label> <button>Open the dashboard</button></form>',
    )


def message_page(title: str, text: str) -> str:
    return page(title, f"<h1>{html.escape(title)}</h1><p>{html.escape(text)}</p>")


CHAT_STYLE = """
#log { border: 1px solid #c9d6cf; border-radius: .5rem; padding: .5rem; height: 60vh;
       overflow-y: auto; background: #f7faf8; }
.msg { margin: .4rem 0; padding: .4rem .7rem; border-radius: .8rem; max-width: 85%;
       white-space: pre-wrap; overflow-wrap: anywhere; }
.me { background: #2a7f62; color: white; margin-left: auto; width: fit-content; }
.bot { background: white; border: 1px solid #dde7e1; width: fit-content; }
.choices button { margin: .2rem .3rem 0 0; }
#say { display: flex; gap: .5rem; margin-top: .5rem; } #text { flex: 1; }
"""

# Bot text is put in the page with textContent, never innerHTML: activity titles and
# anything a learner typed cannot inject markup.
CHAT_SCRIPT = """
const log = document.getElementById('log');
function show(text, who) {
  const p = document.createElement('div'); p.className = 'msg ' + who; p.textContent = text;
  log.appendChild(p); log.scrollTop = log.scrollHeight; return p;
}
async function send(message, shown) {
  show(shown || message, 'me');
  let reply;
  try {
    const r = await fetch('/chat/send', {method: 'POST', headers: {'Content-Type': 'application/json'},
                                          body: JSON.stringify({message})});
    reply = await r.json();
  } catch (e) { reply = {error: 'Could not reach the bot. Is it running?'}; }
  if (reply.error) { show(reply.error, 'bot'); return; }
  for (const m of reply.messages) {
    const p = show(m.text || '', 'bot');
    if (m.image) { const a = document.createElement('a'); a.href = m.image; a.textContent = m.image;
                   p.appendChild(document.createElement('br')); p.appendChild(a); }
    if (m.buttons && m.buttons.length) {
      const row = document.createElement('div'); row.className = 'choices';
      for (const b of m.buttons) {
        const button = document.createElement('button'); button.textContent = b.title;
        button.onclick = () => send(b.payload, b.title); row.appendChild(button);
      }
      p.appendChild(row);
    }
  }
}
document.getElementById('say').onsubmit = (e) => {
  e.preventDefault(); const box = document.getElementById('text');
  const text = box.value.trim(); if (text) { box.value = ''; send(text); }
};
"""


def chat_page() -> str:
    return page(
        "Try the Cities of Learning bot",
        "<h1>Try the bot</h1><p>This is the same bot young people reach on Telegram, WhatsApp "
        'and SMS. Say "hi" to start.</p><div id="log" aria-live="polite"></div>'
        '<form id="say"><input id="text" autocomplete="off" maxlength="1000" '
        'aria-label="Your message" autofocus><button>Send</button></form>'
        f"<script>{CHAT_SCRIPT}</script>",
        CHAT_STYLE,
    )
