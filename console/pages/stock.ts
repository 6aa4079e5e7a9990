/**
 * `<nb-stock>`: one product's stock at each place, edited inline (low stock highlighted), and
 * CSV imports that write every row or none, with the problems listed by line. The owner also
 * adds products here.
 */
import { LitElement, css, html, nothing } from 'lit';
import type { InventoryView } from '../../contract/admin.js';
import type { StockRowProblem } from '../../contract/console.js';
import { fractionDigits } from '../../contract/money.js';
import { api } from '../api.js';
import { PageState, submitted } from '../page-state.js';
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
  };

  /** Whether the signed-in person is the owner (who may add products). */
  declare owner: boolean;
  /** The store's currency, for prices typed in major units. */
  declare currency: string;
  declare products: Array<{ sku: string; title: string }> | null;
  declare view: InventoryView | null;
  private readonly state = new PageState(this);

  constructor() {
    super();
    this.owner = false;
    this.currency = 'USD';
    this.products = null;
    this.view = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.loadProducts();
  }

  private loadProducts(): void {
    void this.state.load(async () => {
      const p = await api<{ items: Array<{ sku: string; title: string }> }>('/products');
      this.products = p.items;
      if (p.items[0]) await this.show(p.items[0].sku);
    });
  }

  private async show(sku: string): Promise<void> {
    await this.state.load(async () => (this.view = await api<InventoryView>(`/stock?sku=${encodeURIComponent(sku)}`)));
  }

  private save(event: SubmitEvent, nodeId: string): void {
    const onHand = Number(submitted(event).text('onHand'));
    const view = this.view;
    if (!view) return;
    void this.state.run(async () => {
      await api('/stock', { method: 'PUT', body: { nodeId, sku: view.sku, onHand } });
      await this.show(view.sku);
      return `Saved: ${onHand} of ${view.sku} on hand.`;
    });
  }

  private async import(event: SubmitEvent): Promise<void> {
    const file = submitted(event).file('file');
    if (!(file instanceof File) || file.size === 0) {
      this.state.fail('Choose a CSV file first');
      return;
    }
    const csv = await file.text();
    await this.state.run(async () => {
      const { imported } = await api<{ imported: number }>('/stock/import', { method: 'POST', body: { csv } });
      if (this.view) await this.show(this.view.sku);
      return `Imported ${imported} ${imported === 1 ? 'row' : 'rows'}.`;
    });
  }

  override render() {
    if (!this.products) return this.state.placeholder('stock');
    const v = this.view;
    return html`
      <h1>Stock</h1>
      ${this.state.messages(this.problemList())}
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
        <div class="row"><button type="submit" ?disabled=${this.state.busy}>Import</button></div>
      </form>
      ${this.owner ? this.productForm() : nothing}
    `;
  }

  private addProduct(event: SubmitEvent): void {
    const f = submitted(event);
    const form = f.form;
    const price = Number(f.text('price').replace(',', '.'));
    if (!Number.isFinite(price) || price < 0) {
      this.state.fail('Give the price as a number, such as 12.50');
      return;
    }
    const image = f.text('imageUrl');
    void this.state.run(async () => {
      const product = await api<{ sku: string; title: string }>('/products', {
        method: 'POST',
        body: {
          sku: f.text('sku'),
          title: f.text('title'),
          price: { amount: Math.round(price * 10 ** fractionDigits(this.currency)), currency: this.currency },
          imageUrl: image === '' ? null : image,
          fastDeliveryEligible: f.checked('fast'),
        },
      });
      form.reset();
      this.loadProducts();
      return `Added ${product.title} (${product.sku}). Import or set its stock to sell it.`;
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
        <div class="row"><button type="submit" ?disabled=${this.state.busy}>Add product</button></div>
      </form>`;
  }

  private problemList() {
    const rows = (this.state.details as { rows?: StockRowProblem[] } | undefined)?.rows;
    if (!Array.isArray(rows) || rows.length === 0) return nothing;
    return html`<ul>
      ${rows.map((p) => html`<li>Line ${p.line}: ${p.message}</li>`)}
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
