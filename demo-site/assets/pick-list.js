/* global document, location, setTimeout, URLSearchParams, history */
// The pick list page: one place's parcels to prepare, from the demo server, refreshed every two
// seconds; staff actions (picked, ready, short) call the same fulfilment service as the admin API.
import { api, el } from './lib.js';

const REFRESH_MS = 2000;
const select = document.getElementById('node');
const status = document.getElementById('pick-status');
let last = '';

function readyBy(entry) {
  return new Date(entry.readyBy).toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit', timeZone: 'America/Phoenix' });
}

function items(entry) {
  return entry.lines
    .map((l) => `${l.title} × ${l.quantity}${l.picked > 0 && l.picked < l.quantity ? ` (${l.picked} picked)` : ''}`)
    .join(', ');
}

function row(entry, actions) {
  return el(
    'tr',
    { 'data-order': entry.orderId, 'data-urgency': entry.urgency },
    el('td', {}, el('code', {}, entry.orderNumber), el('br'), el('span', { class: 'small muted' }, entry.service.replace('_', '-'))),
    el('td', {}, readyBy(entry), entry.warning ? [el('br'), el('span', { class: `urgency ${entry.urgency}` }, entry.warning)] : null),
    el('td', {}, items(entry)),
    el('td', {}, entry.shopperName),
    actions ? el('td', {}, actions) : null,
  );
}

function render(list) {
  const key = JSON.stringify([list.toPick, list.awaitingPickup]);
  if (key === last) return;
  last = key;
  const node = list.nodeId;
  document.querySelector('#to-pick tbody').replaceChildren(
    ...list.toPick.map((entry) =>
      row(
        entry,
        el(
          'div',
          { class: 'actions' },
          el(
            'button',
            { type: 'button', class: 'button', 'data-action': 'picked', 'data-order-id': entry.orderId, 'data-node': node },
            'Picked',
          ),
          el(
            'button',
            { type: 'button', class: 'button primary', 'data-action': 'ready', 'data-order-id': entry.orderId, 'data-node': node },
            'Ready',
          ),
          ...entry.lines.map((l) =>
            el(
              'button',
              {
                type: 'button',
                class: 'button',
                'data-action': 'shortage',
                'data-order-id': entry.orderId,
                'data-node': node,
                'data-sku': l.sku,
              },
              `1 ${l.sku} missing`,
            ),
          ),
        ),
      ),
    ),
  );
  document.getElementById('to-pick-empty').hidden = list.toPick.length > 0;
  document.querySelector('#waiting tbody').replaceChildren(...list.awaitingPickup.map((entry) => row(entry, null)));
  document.getElementById('waiting-empty').hidden = list.awaitingPickup.length > 0;
}

async function refresh() {
  try {
    render(await api(`/demo/pick-list?node=${encodeURIComponent(select.value)}`));
    status.textContent = `Updated ${new Date().toLocaleTimeString('en-US')}`;
  } catch (error) {
    status.textContent = `Could not refresh: ${error.message}`;
  }
}

async function loop() {
  await refresh();
  setTimeout(loop, REFRESH_MS);
}

document.querySelector('main').addEventListener('click', async (event) => {
  const button = event.target.closest('button[data-action]');
  if (!button) return;
  button.disabled = true;
  const { action, orderId, node, sku } = button.dataset;
  const path = `/demo/parcels/${encodeURIComponent(orderId)}/${encodeURIComponent(node)}/${action}`;
  try {
    const result = await api(path, { method: 'POST', ...(action === 'shortage' ? { body: { sku, missing: 1 } } : {}) });
    if (action === 'shortage')
      status.textContent =
        result.outcome === 'repromised'
          ? `Re-promised from ${result.fromNodeId}`
          : result.outcome === 'waiting'
            ? 'Waiting here for the restock: the window still holds'
            : 'No other place had it: the order was cancelled and refunded';
  } catch (error) {
    status.textContent = error.message;
  }
  last = '';
  await refresh();
});

async function start() {
  const stock = await api('/demo/stock');
  const wanted = new URLSearchParams(location.search).get('node') ?? 'chandler-fashion-center';
  select.replaceChildren(...stock.nodes.map((n) => el('option', { value: n.id, selected: n.id === wanted }, n.name)));
  select.addEventListener('change', () => {
    history.replaceState(null, '', `?node=${encodeURIComponent(select.value)}`);
    last = '';
    void refresh();
  });
  await loop();
}

void start();
