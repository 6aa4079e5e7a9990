/**
 * `<nb-order>`: one order — whom to ship it to, what, the promised window, the timeline — each
 * place's parcel (marking it ready, or reporting units missing from the shelf, with the restock
 * when known), and cancelling it with a refund after a confirmation.
 */
import { LitElement, html, nothing } from 'lit';
import type { ConsolePlace } from '../../contract/console.js';
import type { ShortageBody, ShortageResult } from '../../contract/fulfilment.js';
import type { Order, Parcel } from '../../contract/public.js';
import { api } from '../api.js';
import { dateTime, LOCALE, money, SERVICE_LABELS, STATUS_LABELS, windowText } from '../format.js';
import { PageState, submitted } from '../page-state.js';
import { localToInstant, placeTime, shortageOutcome } from '../shortage.js';
import { shared } from '../styles.js';

export class NbOrder extends LitElement {
  static override styles = [shared];

  static override properties = {
    orderId: { attribute: 'order-id' },
    order: { state: true },
    confirming: { state: true },
    places: { state: true },
    reporting: { state: true },
  };

  /** The order to show. */
  declare orderId: string;
  declare order: Order | null;
  declare confirming: boolean;
  /**
   * The places this person may act on (a clerk's own; every place for the owner), with their
   * time zones; null until known, or when they could not be read (the server still decides).
   */
  declare places: Map<string, ConsolePlace> | null;
  /** The place whose parcel's shortage form is open, if any. */
  declare reporting: string | null;
  private readonly state = new PageState(this);

  constructor() {
    super();
    this.orderId = '';
    this.order = null;
    this.confirming = false;
    this.places = null;
    this.reporting = null;
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('orderId') && this.orderId) void this.load();
  }

  private async load(): Promise<void> {
    this.order = null;
    this.state.error = '';
    this.reporting = null;
    const order = await this.state.load(async () => (this.order = await api<Order>(`/orders/${encodeURIComponent(this.orderId)}`)));
    if (this.places === null && order?.fulfilment.parcels.some((p) => p.status === 'placed')) {
      // Not shown as an error: without them the page only loses the place's clock and hides nothing.
      await api<{ items: ConsolePlace[] }>('/places')
        .then(({ items }) => (this.places = new Map(items.map((p) => [p.id, p]))))
        .catch(() => undefined);
    }
  }

  private parcelPath(nodeId: string, action: string): string {
    return `/orders/${encodeURIComponent(this.orderId)}/parcels/${encodeURIComponent(nodeId)}/${action}`;
  }

  /** The place's own clock (a clerk types the supplier's time as the shop reads it); else the browser's. */
  private zoneOf(nodeId: string): string | undefined {
    return this.places?.get(nodeId)?.timeZone;
  }

  private async markReady(p: Parcel): Promise<void> {
    this.reporting = null;
    await this.state.run(async () => {
      this.order = await api<Order>(this.parcelPath(p.nodeId, 'ready'), { method: 'POST' });
      return `The parcel at ${p.nodeName} is ready for handover.`;
    });
  }

  private async openShortage(nodeId: string): Promise<void> {
    this.reporting = nodeId;
    this.state.error = '';
    this.state.notice = '';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLSelectElement>('#shortage-sku')?.focus();
  }

  private async closeShortage(nodeId: string): Promise<void> {
    this.reporting = null;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>(`[data-shortage="${CSS.escape(nodeId)}"]`)?.focus();
  }

  private async reportShortage(event: SubmitEvent, p: Parcel): Promise<void> {
    const { text } = submitted(event);
    const body: ShortageBody = { sku: text('sku'), missing: Number(text('missing')) };
    if (text('shelfCount') !== '') body.shelfCount = Number(text('shelfCount'));
    if (text('restockAt') !== '') {
      const at = await localToInstant(text('restockAt'), this.zoneOf(p.nodeId));
      if (!at) {
        this.state.fail('Give the date and time more arrives, or leave it empty.');
        this.renderRoot.querySelector<HTMLInputElement>('#shortage-restock')?.focus();
        return;
      }
      body.restockAt = at;
    }
    const done = await this.state.run(async () => {
      const result = await api<ShortageResult>(this.parcelPath(p.nodeId, 'shortage'), { method: 'POST', body });
      this.order = result.order;
      this.reporting = null;
      return shortageOutcome(result, (iso) => placeTime(iso, this.zoneOf(p.nodeId), LOCALE));
    });
    await this.updateComplete;
    // The outcome (role=status, at the top once the form is gone) or the error (role=alert, in the
    // form) is announced; focus follows it, so a sighted person sees it too.
    const shown = this.renderRoot.querySelector<HTMLElement>(done ? '.notice' : '#shortage-missing');
    if (done) shown?.setAttribute('tabindex', '-1');
    shown?.focus();
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
      ${this.reporting ? nothing : this.state.messages()}
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
      <h2>Parcels</h2>
      ${
        o.fulfilment.parcels.length > 0
          ? o.fulfilment.parcels.map((p) => this.parcelCard(p))
          : html`<ul>
            ${o.shipments.map((s) => html`<li>${s.nodeName}: ${s.items.map((i) => `${i.quantity} × ${i.sku}`).join(', ')}</li>`)}
          </ul>`
      }
      <h2>Timeline</h2>
      <ol>
        ${o.timeline.map((e) => html`<li>${STATUS_LABELS[e.status]} — ${dateTime(e.at)}</li>`)}
      </ol>
      ${cancellable ? this.cancelPanel(o) : nothing}
    `;
  }

  private parcelCard(p: Parcel) {
    const zone = this.zoneOf(p.nodeId);
    // A clerk's page knows their places; a parcel of another place is shown without its actions.
    const mine = this.places === null || this.places.has(p.nodeId);
    const picking = p.status === 'placed' && mine;
    return html`<section class="card" aria-labelledby=${`parcel-${p.nodeId}`}>
      <h3 id=${`parcel-${p.nodeId}`}>${p.nodeName}</h3>
      <p>
        <span class="status ${p.status}">${STATUS_LABELS[p.status]}</span>
        ${p.status === 'placed' ? html` · ready by ${placeTime(p.readyBy, zone, LOCALE)}` : nothing}
        ${p.readyAt ? html` · ready ${dateTime(p.readyAt)}` : nothing}
      </p>
      ${
        p.waitingForStock
          ? html`<p><strong>Waiting for stock</strong>, expected ${placeTime(p.waitingForStock, zone, LOCALE)}</p>`
          : nothing
      }
      <ul>
        ${p.lines.map((l) => html`<li>${l.quantity} × ${l.title} <span class="hint">${l.sku} · ${l.picked} picked</span></li>`)}
      </ul>
      ${
        picking && this.reporting !== p.nodeId
          ? html`<div class="row">
            <button ?disabled=${this.state.busy} @click=${() => this.markReady(p)}>Mark ready</button>
            <button class="secondary" data-shortage=${p.nodeId} @click=${() => this.openShortage(p.nodeId)}>Report a shortage…</button>
          </div>`
          : nothing
      }
      ${picking && this.reporting === p.nodeId ? this.shortagePanel(p, zone) : nothing}
    </section>`;
  }

  private shortagePanel(p: Parcel, zone: string | undefined) {
    const clock = zone ? `${p.nodeName}'s time (${zone.replace(/_/g, ' ')})` : 'your time';
    return html`<form class="form" aria-labelledby="shortage-title" @submit=${(e: SubmitEvent) => this.reportShortage(e, p)}>
      <h4 id="shortage-title">Report a shortage at ${p.nodeName}</h4>
      <p class="hint">
        The shelf's stock is corrected. If another place can deliver in the window, it sends the missing units; else, if more
        arrives in time, the parcel waits for it; else the order is cancelled and refunded.
      </p>
      <label
        >Item
        <select id="shortage-sku" name="sku" required>
          ${p.lines.map((l) => html`<option value=${l.sku}>${l.title} (${l.sku}), ${l.quantity} ordered</option>`)}
        </select>
      </label>
      <label
        >Units missing
        <input id="shortage-missing" name="missing" type="number" min="1" max=${Math.max(...p.lines.map((l) => l.quantity))} step="1" value="1" required />
      </label>
      <label
        >Units counted on the shelf <span class="hint">(optional; none left when empty)</span>
        <input name="shelfCount" type="number" min="0" step="1" />
      </label>
      <label
        >More arrives on <span class="hint">(optional; ${clock})</span>
        <input id="shortage-restock" name="restockAt" type="datetime-local" />
      </label>
      ${this.state.messages()}
      <div class="row">
        <button type="submit" ?disabled=${this.state.busy}>${this.state.busy ? 'Reporting…' : 'Report shortage'}</button>
        <button type="button" class="secondary" @click=${() => this.closeShortage(p.nodeId)}>Close</button>
      </div>
    </form>`;
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
