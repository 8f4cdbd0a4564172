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
