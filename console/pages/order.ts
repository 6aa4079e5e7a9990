/**
 * `<nb-order>`: one order — whom to ship it to, what, the promised window, the timeline — and
 * cancelling it with a refund after a confirmation.
 */
import { LitElement, html, nothing } from 'lit';
import type { Order } from '../../contract/public.js';
import { api } from '../api.js';
import { dateTime, money, SERVICE_LABELS, STATUS_LABELS, windowText } from '../format.js';
import { PageState } from '../page-state.js';
import { shared } from '../styles.js';

export class NbOrder extends LitElement {
  static override styles = [shared];

  static override properties = {
    orderId: { attribute: 'order-id' },
    order: { state: true },
    confirming: { state: true },
  };

  /** The order to show. */
  declare orderId: string;
  declare order: Order | null;
  declare confirming: boolean;
  private readonly state = new PageState(this);

  constructor() {
    super();
    this.orderId = '';
    this.order = null;
    this.confirming = false;
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('orderId') && this.orderId) void this.load();
  }

  private async load(): Promise<void> {
    this.order = null;
    this.state.error = '';
    await this.state.load(async () => (this.order = await api<Order>(`/orders/${encodeURIComponent(this.orderId)}`)));
  }

  private async askCancel(): Promise<void> {
    this.confirming = true;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>('#confirm-cancel')?.focus();
  }

  private async cancel(): Promise<void> {
    await this.state.run(async () => {
      this.order = await api<Order>(`/orders/${encodeURIComponent(this.orderId)}/cancel`, { method: 'POST', body: { confirm: true } });
      this.confirming = false;
      return 'The order is cancelled; the shopper is refunded and told by email.';
    });
  }

  override render() {
    const o = this.order;
    if (!o) return html`${this.state.error ? html`<p><a href="#/orders">← Orders</a></p>` : nothing}${this.state.placeholder('the order')}`;
    const a = o.address;
    const cancellable = o.status === 'placed' || o.status === 'ready';
    return html`
      <p><a href="#/orders">← Orders</a></p>
      <h1>Order ${o.number}</h1>
      ${this.state.messages()}
      <div class="card">
        <p><span class="status ${o.status}">${STATUS_LABELS[o.status]}</span> · ${SERVICE_LABELS[o.service]} · placed ${dateTime(o.placedAt)}</p>
        <p><strong>Promised:</strong> ${windowText(o.promisedWindow)}</p>
      </div>
      <h2>Ship to</h2>
      <address class="card">
        ${a.name}<br />${a.line1}<br />${a.line2 ? html`${a.line2}<br />` : nothing}${a.city}, ${a.region} ${a.postalCode}<br />${a.country}<br />
        <a href=${`mailto:${o.email}`}>${o.email}</a>
      </address>
      <h2>Items</h2>
      <div class="scroll" tabindex="0" role="region" aria-label="Items">
        <table>
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col">Qty</th>
              <th scope="col">Price</th>
              <th scope="col">Total</th>
            </tr>
          </thead>
          <tbody>
            ${o.items.map(
              (i) => html`<tr>
                <td>${i.title}<br /><span class="hint">${i.sku}</span></td>
                <td>${i.quantity}</td>
                <td>${money(i.unitPrice)}</td>
                <td>${money(i.lineTotal)}</td>
              </tr>`,
            )}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colspan="3">Shipping</th>
              <td>${money(o.amounts.shipping)}</td>
            </tr>
            <tr>
              <th scope="row" colspan="3">Total</th>
              <td>${money(o.amounts.total)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      <h2>From</h2>
      <ul>
        ${o.shipments.map((s) => html`<li>${s.nodeName}: ${s.items.map((i) => `${i.quantity} × ${i.sku}`).join(', ')}</li>`)}
      </ul>
      <h2>Timeline</h2>
      <ol>
        ${o.timeline.map((e) => html`<li>${STATUS_LABELS[e.status]} — ${dateTime(e.at)}</li>`)}
      </ol>
      ${cancellable ? this.cancelPanel(o) : nothing}
    `;
  }

  private cancelPanel(o: Order) {
    if (!this.confirming) return html`<button class="danger" @click=${() => this.askCancel()}>Cancel order…</button>`;
    return html`<div class="card" role="group" aria-labelledby="confirm-title">
      <h2 id="confirm-title">Cancel this order?</h2>
      <p>${money(o.amounts.total)} goes back to ${o.email}, the stock returns to its place, and the shopper is told by email.</p>
      <div class="row">
        <button id="confirm-cancel" class="danger" ?disabled=${this.state.busy} @click=${() => this.cancel()}>
          ${this.state.busy ? 'Cancelling…' : 'Cancel and refund'}
        </button>
        <button class="secondary" @click=${() => (this.confirming = false)}>Keep the order</button>
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'nb-order': NbOrder;
  }
}
