/* global document, setTimeout */
// The merchant page: stock per node and the orders, from the demo server's read-only views,
// refreshed every two seconds (and redrawn only when something changed).
import { api, el, money, wallClockWindow, SERVICE_NAMES, STATUS_NAMES } from './lib.js';

const REFRESH_MS = 2000;
const ordersBody = document.querySelector('#orders tbody');
const ordersEmpty = document.getElementById('orders-empty');
const stockTable = document.getElementById('stock');
const refreshed = document.getElementById('refreshed');
let lastOrders = '';
let lastStock = '';

const KIND_NAMES = {
  mall_store: 'mall store',
  local_store: 'local shop',
  delivery_station: 'delivery station',
  fulfillment_center: 'fulfilment centre',
};

function renderOrders(orders) {
  const key = JSON.stringify(orders);
  if (key === lastOrders) return;
  lastOrders = key;
  ordersEmpty.hidden = orders.length > 0;
  ordersBody.replaceChildren(
    ...orders.map((order) => {
      const from = order.shipments.map((s) => s.nodeName).join(' + ');
      const action =
        order.status === 'delivered' || order.status === 'cancelled'
          ? ''
          : el('button', { type: 'button', class: 'button', 'data-advance': order.id }, 'Move on');
      return el(
        'tr',
        { 'data-order': order.id },
        el('td', {}, el('code', {}, order.number)),
        el('td', {}, new Date(order.placedAt).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' })),
        el('td', {}, order.items.map((item) => `${item.title} × ${item.quantity}`).join(', ')),
        el(
          'td',
          {},
          `${SERVICE_NAMES[order.service] ?? order.service}, ${wallClockWindow(order.promisedWindow)}`,
          el('br'),
          el('span', { class: 'small muted' }, `from ${from}`),
        ),
        el('td', { class: 'num' }, money(order.amounts.total)),
        el('td', {}, el('span', { class: `status ${order.status}` }, STATUS_NAMES[order.status] ?? order.status)),
        el('td', {}, action),
      );
    }),
  );
}

function renderStock(nodes) {
  const key = JSON.stringify(nodes);
  if (key === lastStock) return;
  lastStock = key;
  const head = stockTable.tHead;
  stockTable.replaceChildren(
    head,
    ...nodes.map((node) =>
      el(
        'tbody',
        { 'data-node': node.id },
        el(
          'tr',
          { class: 'node-row' },
          el('th', { colspan: 5, scope: 'rowgroup' }, `${node.name} · ${KIND_NAMES[node.kind] ?? node.kind}`),
        ),
        ...node.levels.map((level) =>
          el(
            'tr',
            { 'data-sku': level.sku },
            el('td', {}, el('code', {}, level.sku)),
            el('td', {}, level.title),
            el('td', { class: 'num', 'data-col': 'on-hand' }, level.onHand),
            el('td', { class: 'num', 'data-col': 'reserved' }, level.reserved),
            el('td', { class: `num${level.available === 0 ? ' zero' : ''}`, 'data-col': 'available' }, level.available),
          ),
        ),
      ),
    ),
  );
}

async function refresh() {
  try {
    const [orders, stock] = await Promise.all([api('/demo/orders'), api('/demo/stock')]);
    renderOrders(orders.items);
    renderStock(stock.nodes);
    refreshed.textContent = `Updated ${new Date().toLocaleTimeString('en-US')}`;
  } catch (error) {
    refreshed.textContent = `Could not refresh: ${error.message}`;
  }
}

async function loop() {
  await refresh();
  setTimeout(loop, REFRESH_MS);
}

ordersBody.addEventListener('click', async (event) => {
  const button = event.target.closest('button[data-advance]');
  if (!button) return;
  button.disabled = true;
  try {
    await api(`/demo/orders/${encodeURIComponent(button.dataset.advance)}/advance`, { method: 'POST' });
  } catch (error) {
    refreshed.textContent = error.message;
  }
  await refresh();
});

document.getElementById('reset-stock').addEventListener('click', async () => {
  try {
    await api('/demo/stock/reset', { method: 'POST' });
  } catch (error) {
    refreshed.textContent = error.message;
  }
  await refresh();
});

void loop();
