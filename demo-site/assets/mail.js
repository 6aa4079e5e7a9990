/* global document, setTimeout */
// The demo mailbox: what the in-process SMTP server received, newest first, refreshed every two
// seconds. Plain text inline; the HTML version opens on its own page (no script, no outside requests).
import { api, el } from './lib.js';

const REFRESH_MS = 2000;
const list = document.getElementById('mailbox');
const empty = document.getElementById('mail-empty');
const status = document.getElementById('mail-status');
let lastId = -1;

function render(items) {
  const newest = items[0]?.id ?? 0;
  if (newest === lastId) return;
  lastId = newest;
  const open = new Set([...list.querySelectorAll('details[open]')].map((d) => d.dataset.id));
  list.replaceChildren(
    ...items.map((m) =>
      el(
        'li',
        { 'data-kind': m.kind, 'data-order': m.orderId, 'data-to': m.to.join(' ') },
        el(
          'details',
          { 'data-id': m.id, open: open.has(String(m.id)) },
          el(
            'summary',
            {},
            el('strong', { class: 'subject' }, m.subject),
            el(
              'span',
              { class: 'small muted' },
              ` · to ${m.to.join(', ')} · ${new Date(m.receivedAt).toLocaleTimeString('en-US')}${m.language ? ` · ${m.language}` : ''}`,
            ),
          ),
          el('pre', { lang: m.language }, m.text),
          el('a', { href: `/demo/mail/messages/${m.id}/html`, target: '_blank', rel: 'noopener' }, 'Open the HTML version'),
        ),
      ),
    ),
  );
  empty.hidden = items.length > 0;
}

async function loop() {
  try {
    render((await api('/demo/mail/messages')).items);
    status.textContent = `Updated ${new Date().toLocaleTimeString('en-US')}`;
  } catch (error) {
    status.textContent = `Could not refresh: ${error.message}`;
  }
  setTimeout(loop, REFRESH_MS);
}

void loop();
