/**
 * `<nb-stock>`: one product's stock at each place (found with the product picker among thousands),
 * edited inline (low stock highlighted); every
 * level a page at a time (or only the low ones); CSV export in the columns the import takes, and
 * CSV imports that write every row or none, with the problems listed by line.
 */
import { LitElement, css, html, nothing } from 'lit';
import type { InventoryView, Product } from '../../contract/admin.js';
import type { ConsoleProductPage, StockLevelPage, StockRowProblem } from '../../contract/console.js';
import { api, API } from '../api.js';
import { PageState, submitted } from '../page-state.js';
import { shared } from '../styles.js';

/** Available units at or below this read as low (the server's LOW_STOCK). */
const LOW = 2;
/** Levels per page in the list of every level. */
const PAGE = 100;

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
    products: { state: true },
    view: { state: true },
    everyLevel: { state: true },
    lowOnly: { state: true },
  };

  declare products: Product[] | null;
  declare view: InventoryView | null;
  /** A page of every level this person may see. */
  declare everyLevel: StockLevelPage | null;
  declare lowOnly: boolean;
  private readonly state = new PageState(this);

  constructor() {
    super();
    this.products = null;
    this.view = null;
    this.everyLevel = null;
    this.lowOnly = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.loadProducts();
  }

  private loadProducts(): void {
    void this.state.load(async () => {
      // The first product by SKU is shown; the picker finds any other.
      const p = await api<ConsoleProductPage>('/products?limit=1');
      this.products = p.items;
      if (p.items[0]) await this.show(p.items[0].sku);
      await this.page(0);
    });
  }

  private async page(offset: number): Promise<void> {
    const query = new URLSearchParams({ limit: String(PAGE), offset: String(Math.max(0, offset)), low: String(this.lowOnly) });
    await this.state.load(async () => (this.everyLevel = await api<StockLevelPage>(`/stock/levels?${query}`)));
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
      await this.page(this.everyLevel?.offset ?? 0);
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
      await this.page(0);
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
          : html`<nb-product-picker
              label="Find a product"
              .selected=${v?.sku ?? ''}
              @nb-product-picked=${(e: CustomEvent<Product>) => this.show(e.detail.sku)}
            ></nb-product-picker>`
      }
      ${v ? this.levels(v) : nothing}
      <h2>Export and import</h2>
      <p><a href=${`${API}/stock.csv`} download="stock.csv">Export stock as CSV</a> <span class="hint">(the columns the import takes)</span></p>
      <form class="form card" @submit=${this.import}>
        <p class="hint">A header <code>node_id,sku,on_hand</code>, then one row per place and product. Every row is written, or none.</p>
        <label>CSV file <input name="file" type="file" accept=".csv,text/csv" required /></label>
        <div class="row"><button type="submit" ?disabled=${this.state.busy}>Import</button></div>
      </form>
      ${this.all()}
    `;
  }

  private problemList() {
    const rows = (this.state.details as { rows?: StockRowProblem[] } | undefined)?.rows;
    if (!Array.isArray(rows) || rows.length === 0) return nothing;
    return html`<ul>
      ${rows.map((p) => html`<li>Line ${p.line}: ${p.message}</li>`)}
    </ul>`;
  }

  private levels(v: InventoryView) {
    if (v.levels.length === 0) return html`<p role="status">No place holds ${v.sku} yet; import a CSV to add it.</p>`;
    return html`<h2>${v.sku} at each place</h2>
      <div class="scroll" tabindex="0" role="region" aria-label="Stock by place">
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

  private all() {
    const page = this.everyLevel;
    if (!page) return nothing;
    const last = Math.min(page.offset + page.items.length, page.total);
    return html`<h2 id="all-levels">Every level</h2>
      <label class="row"
        ><input
          type="checkbox"
          .checked=${this.lowOnly}
          @change=${(e: Event) => {
            this.lowOnly = (e.target as HTMLInputElement).checked;
            void this.page(0);
          }}
        />
        Only low stock (${LOW} or fewer available)</label
      >
      ${
        page.total === 0
          ? html`<p role="status">${this.lowOnly ? 'No low stock.' : 'No stock yet; import a CSV to add some.'}</p>`
          : html`<p role="status">Levels ${page.offset + 1}–${last} of ${page.total}</p>
            <div class="scroll" tabindex="0" role="region" aria-labelledby="all-levels">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Place</th>
                    <th scope="col">SKU</th>
                    <th scope="col">Available</th>
                    <th scope="col">Reserved</th>
                    <th scope="col">On hand</th>
                  </tr>
                </thead>
                <tbody>
                  ${page.items.map(
                    (l) => html`<tr class=${l.available <= LOW ? 'low' : ''}>
                      <td>${l.nodeId}</td>
                      <td>${l.sku}</td>
                      <td>${l.available}${l.available <= LOW ? html` <strong>(low)</strong>` : nothing}</td>
                      <td>${l.reserved}</td>
                      <td>${l.onHand}</td>
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>
            <nav class="row" aria-label="Stock pages">
              <button class="secondary" ?disabled=${page.offset === 0} @click=${() => this.page(page.offset - PAGE)}>Previous</button>
              <button class="secondary" ?disabled=${last >= page.total} @click=${() => this.page(page.offset + PAGE)}>Next</button>
            </nav>`
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'nb-stock': NbStock;
  }
}
