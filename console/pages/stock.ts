/**
 * `<nb-stock>`: one product's stock at each place, edited inline (low stock highlighted), and
 * CSV imports that write every row or none, with the problems listed by line. The owner also
 * adds products here.
 */
import { LitElement, css, html, nothing } from 'lit';
import type { InventoryView } from '../../contract/admin.js';
import type { StockRowProblem } from '../../contract/console.js';
import { fractionDigits } from '../../contract/money.js';
import { api, ConsoleApiError, messageOf } from '../api.js';
import { shared } from '../styles.js';

/** Available units at or below this read as low. */
const LOW = 2;

export class NbStock extends LitElement {
  static override styles = [
    shared,
    css`
      tr.low td {
        background: #fff4e5;
      }
      input[type='number'] {
        width: 7rem;
      }
    `,
  ];

  static override properties = {
    owner: { type: Boolean },
    currency: {},
    products: { state: true },
    view: { state: true },
    error: { state: true },
    notice: { state: true },
    problems: { state: true },
    busy: { state: true },
  };

  /** Whether the signed-in person is the owner (who may add products). */
  declare owner: boolean;
  /** The store's currency, for prices typed in major units. */
  declare currency: string;
  declare products: Array<{ sku: string; title: string }> | null;
  declare view: InventoryView | null;
  declare error: string;
  declare notice: string;
  declare problems: StockRowProblem[];
  declare busy: boolean;

  constructor() {
    super();
    this.owner = false;
    this.currency = 'USD';
    this.products = null;
    this.view = null;
    this.error = '';
    this.notice = '';
    this.problems = [];
    this.busy = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.loadProducts();
  }

  private loadProducts(): void {
    api<{ items: Array<{ sku: string; title: string }> }>('/products')
      .then((p) => {
        this.products = p.items;
        if (p.items[0]) void this.show(p.items[0].sku);
      })
      .catch((e: unknown) => (this.error = messageOf(e)));
  }

  private async show(sku: string): Promise<void> {
    try {
      this.view = await api<InventoryView>(`/stock?sku=${encodeURIComponent(sku)}`);
    } catch (error) {
      this.error = messageOf(error);
    }
  }

  private async run(work: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.error = '';
    this.notice = '';
    this.problems = [];
    try {
      await work();
    } catch (error) {
      this.error = messageOf(error);
      if (error instanceof ConsoleApiError && Array.isArray((error.details as { rows?: unknown })?.rows)) {
        this.problems = (error.details as { rows: StockRowProblem[] }).rows;
      }
    } finally {
      this.busy = false;
    }
  }

  private save(event: SubmitEvent, nodeId: string): void {
    event.preventDefault();
    const view = this.view;
    if (!view) return;
    const onHand = Number(new FormData(event.target as HTMLFormElement).get('onHand'));
    void this.run(async () => {
      await api('/stock', { method: 'PUT', body: { nodeId, sku: view.sku, onHand } });
      this.notice = `Saved: ${onHand} of ${view.sku} on hand.`;
      await this.show(view.sku);
    });
  }

  private async import(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const file = new FormData(event.target as HTMLFormElement).get('file');
    if (!(file instanceof File) || file.size === 0) {
      this.error = 'Choose a CSV file first';
      return;
    }
    const csv = await file.text();
    await this.run(async () => {
      const { imported } = await api<{ imported: number }>('/stock/import', { method: 'POST', body: { csv } });
      this.notice = `Imported ${imported} ${imported === 1 ? 'row' : 'rows'}.`;
      if (this.view) await this.show(this.view.sku);
    });
  }

  override render() {
    if (!this.products)
      return this.error ? html`<p class="error" role="alert">${this.error}</p>` : html`<p role="status">Loading stock…</p>`;
    const v = this.view;
    return html`
      <h1>Stock</h1>
      ${this.error ? html`<div class="error" role="alert">${this.error}${this.problemList()}</div>` : nothing}
      ${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : nothing}
      ${
        this.products.length === 0
          ? html`<p>No products yet.</p>`
          : html`<div class="field">
            <label for="product">Product</label>
            <select id="product" @change=${(e: Event) => this.show((e.target as HTMLSelectElement).value)}>
              ${this.products.map((p) => html`<option value=${p.sku} ?selected=${v?.sku === p.sku}>${p.title} (${p.sku})</option>`)}
            </select>
          </div>`
      }
      ${v ? this.levels(v) : nothing}
      <h2>Import from CSV</h2>
      <form class="form card" @submit=${this.import}>
        <p class="hint">A header <code>node_id,sku,on_hand</code>, then one row per place and product. Every row is written, or none.</p>
        <label>CSV file <input name="file" type="file" accept=".csv,text/csv" required /></label>
        <div class="row"><button type="submit" ?disabled=${this.busy}>Import</button></div>
      </form>
      ${this.owner ? this.productForm() : nothing}
    `;
  }

  private addProduct(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const price = Number(String(data.get('price') ?? '').replace(',', '.'));
    if (!Number.isFinite(price) || price < 0) {
      this.error = 'Give the price as a number, such as 12.50';
      return;
    }
    const image = String(data.get('imageUrl') ?? '').trim();
    void this.run(async () => {
      const product = await api<{ sku: string; title: string }>('/products', {
        method: 'POST',
        body: {
          sku: String(data.get('sku') ?? '').trim(),
          title: String(data.get('title') ?? ''),
          price: { amount: Math.round(price * 10 ** fractionDigits(this.currency)), currency: this.currency },
          imageUrl: image === '' ? null : image,
          fastDeliveryEligible: data.get('fast') === 'on',
        },
      });
      this.notice = `Added ${product.title} (${product.sku}). Import or set its stock to sell it.`;
      form.reset();
      this.loadProducts();
    });
  }

  private productForm() {
    return html`<h2>Add a product</h2>
      <form class="form card" @submit=${this.addProduct}>
        <label>SKU <input name="sku" required maxlength="64" autocomplete="off" /></label>
        <label>Title <input name="title" required maxlength="200" autocomplete="off" /></label>
        <label>Price (${this.currency}) <input name="price" required inputmode="decimal" autocomplete="off" /></label>
        <label>Image URL <span class="hint">Optional</span><input name="imageUrl" type="url" autocomplete="off" /></label>
        <label class="row"><input name="fast" type="checkbox" checked /> Eligible for fast delivery (free for members)</label>
        <div class="row"><button type="submit" ?disabled=${this.busy}>Add product</button></div>
      </form>`;
  }

  private problemList() {
    if (this.problems.length === 0) return nothing;
    return html`<ul>
      ${this.problems.map((p) => html`<li>Line ${p.line}: ${p.message}</li>`)}
    </ul>`;
  }

  private levels(v: InventoryView) {
    if (v.levels.length === 0) return html`<p>No place holds ${v.sku} yet; import a CSV to add it.</p>`;
    return html`<div class="scroll" tabindex="0" role="region" aria-label="Stock by place">
      <table>
        <thead>
          <tr>
            <th scope="col">Place</th>
            <th scope="col">Available</th>
            <th scope="col">Reserved</th>
            <th scope="col">On hand</th>
          </tr>
        </thead>
        <tbody>
          ${v.levels.map(
            (l) => html`<tr class=${l.available <= LOW ? 'low' : ''}>
              <td>${l.nodeName}</td>
              <td>${l.available}${l.available <= LOW ? html` <strong>(low)</strong>` : nothing}</td>
              <td>${l.reserved}</td>
              <td>
                <form class="row" @submit=${(e: SubmitEvent) => this.save(e, l.nodeId)}>
                  <input name="onHand" type="number" min=${l.reserved} step="1" .value=${String(l.onHand)} aria-label=${`On hand at ${l.nodeName}`} required />
                  <button class="secondary" type="submit" aria-label=${`Save on hand at ${l.nodeName}`}>Save</button>
                </form>
              </td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'nb-stock': NbStock;
  }
}
