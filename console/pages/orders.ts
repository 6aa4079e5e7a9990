/**
 * `<nb-orders>`: the store's orders, newest first, filtered by status, place, service and dates,
 * found by order number or email, fifty to a page; the same filters export as CSV.
 */
import { LitElement, html } from 'lit';
import type { ConsoleOrderPage, ConsolePlace } from '../../contract/console.js';
import { api, API } from '../api.js';
import { dateTime, money, SERVICE_LABELS, STATUS_LABELS } from '../format.js';
import { PageState } from '../page-state.js';
import { shared } from '../styles.js';

const PAGE = 50;
const FILTERS = ['status', 'nodeId', 'service', 'from', 'to', 'q'] as const;

export class NbOrders extends LitElement {
  static override styles = [shared];

  static override properties = {
    page: { state: true },
    places: { state: true },
    loading: { state: true },
  };

  declare page: ConsoleOrderPage | null;
  declare places: ConsolePlace[];
  declare loading: boolean;
  private readonly state = new PageState(this);
  private query = new URLSearchParams();
  private offset = 0;
  private abort: AbortController | null = null;

  constructor() {
    super();
    this.page = null;
    this.places = [];
    this.loading = true;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
    api<{ items: ConsolePlace[] }>('/places')
      .then((p) => (this.places = p.items))
      .catch(() => undefined);
  }

  override disconnectedCallback(): void {
    this.abort?.abort();
    super.disconnectedCallback();
  }

  private async load(): Promise<void> {
    this.abort?.abort();
    const abort = (this.abort = new AbortController());
    this.loading = true;
    this.state.error = '';
    const params = new URLSearchParams(this.query);
    params.set('limit', String(PAGE));
    params.set('offset', String(this.offset));
    const page = await this.state.load(() => api<ConsoleOrderPage>(`/orders?${params}`, { signal: abort.signal }));
    if (abort.signal.aborted) return;
    if (page) this.page = page;
    this.loading = false;
  }

  private filter(event: SubmitEvent): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    this.query = new URLSearchParams();
    for (const name of FILTERS) {
      const value = String(data.get(name) ?? '').trim();
      if (value) this.query.set(name, value);
    }
    this.offset = 0;
    void this.load();
  }

  private go(offset: number): void {
    this.offset = Math.max(0, offset);
    void this.load();
  }

  override render() {
    return html`
      <h1>Orders</h1>
      <form class="card row" role="search" aria-label="Filter orders" @submit=${this.filter}>
        <div class="field"><label for="f-q">Find</label><input id="f-q" name="q" type="search" placeholder="Order number or email" maxlength="200" /></div>
        <div class="field">
          <label for="f-status">Status</label>
          <select id="f-status" name="status">
            <option value="">Any</option>
            ${Object.entries(STATUS_LABELS).map(([s, text]) => html`<option value=${s}>${text}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="f-place">Place</label>
          <select id="f-place" name="nodeId">
            <option value="">Any</option>
            ${this.places.map((p) => html`<option value=${p.id}>${p.name}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="f-service">Service</label>
          <select id="f-service" name="service">
            <option value="">Any</option>
            ${Object.entries(SERVICE_LABELS).map(([s, text]) => html`<option value=${s}>${text}</option>`)}
          </select>
        </div>
        <div class="field"><label for="f-from">From</label><input id="f-from" name="from" type="date" /></div>
        <div class="field"><label for="f-to">To</label><input id="f-to" name="to" type="date" /></div>
        <button type="submit">Apply</button>
        <a href=${`${API}/orders.csv?${this.query}`} download="orders.csv">Export CSV</a>
      </form>
      ${this.body()}
    `;
  }

  private body() {
    if (this.state.error)
      return html`<p class="error" role="alert">${this.state.error}</p>
        <button @click=${() => this.load()}>Try again</button>`;
    const page = this.page;
    if (!page) return html`<p role="status">Loading orders…</p>`;
    if (page.items.length === 0)
      return html`<p role="status">${this.query.size > 0 ? 'No orders match these filters.' : 'No orders yet. They appear here as shoppers buy.'}</p>`;
    const last = Math.min(page.offset + page.items.length, page.total);
    return html`
      <p role="status">${this.loading ? 'Loading…' : `Orders ${page.offset + 1}–${last} of ${page.total}`}</p>
      <div class="scroll" tabindex="0" role="region" aria-label="Orders table">
        <table>
          <thead>
            <tr>
              <th scope="col">Order</th>
              <th scope="col">Placed</th>
              <th scope="col">Customer</th>
              <th scope="col">Service</th>
              <th scope="col">Status</th>
              <th scope="col">Total</th>
            </tr>
          </thead>
          <tbody>
            ${page.items.map(
              (o) => html`<tr>
                <td><a href=${`#/orders/${encodeURIComponent(o.id)}`}>${o.number}</a></td>
                <td>${dateTime(o.placedAt)}</td>
                <td>${o.address.name}<br /><span class="hint">${o.email}</span></td>
                <td>${SERVICE_LABELS[o.service]}</td>
                <td><span class="status ${o.status}">${STATUS_LABELS[o.status]}</span></td>
                <td>${money(o.amounts.total)}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      <nav class="row" aria-label="Pages">
        <button class="secondary" ?disabled=${page.offset === 0} @click=${() => this.go(page.offset - PAGE)}>Previous</button>
        <button class="secondary" ?disabled=${last >= page.total} @click=${() => this.go(page.offset + PAGE)}>Next</button>
      </nav>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'nb-orders': NbOrders;
  }
}
