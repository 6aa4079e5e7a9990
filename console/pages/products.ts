/**
 * `<nb-products>` (owner): the store's products, fifty to a page from the server, found by SKU or
 * title as you type — add one, change its title, price (typed as money, sent as minor units),
 * image and fast-delivery eligibility, archive it (no longer offered to shoppers; orders keep it)
 * or put it back on sale.
 */
import { LitElement, css, html, nothing } from 'lit';
import type { Product } from '../../contract/admin.js';
import type { ConsoleProductPage } from '../../contract/console.js';
import { api } from '../api.js';
import { money } from '../format.js';
import { moneyField, parseMoney } from '../money-input.js';
import { PageState, submitted } from '../page-state.js';
import { shared } from '../styles.js';

const PAGE = 50;

export class NbProducts extends LitElement {
  static override styles = [
    shared,
    css`
      tr.archived td {
        color: #4b5563;
      }
      label.find {
        max-width: 24rem;
        margin-bottom: 0.5rem;
      }
      label.row {
        display: flex;
        gap: 0.4rem;
        align-items: center;
      }
    `,
  ];

  static override properties = {
    currency: {},
    products: { state: true },
    editing: { state: true },
    offset: { state: true },
    total: { state: true },
  };

  /** The store's currency: prices are typed in its major units. */
  declare currency: string;
  declare products: Product[] | null;
  /** The product being edited; null: the add form. */
  declare editing: Product | null;
  declare offset: number;
  /** How many products match the search in all. */
  declare total: number;
  private query = '';
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight: AbortController | null = null;
  private readonly state = new PageState(this);

  constructor() {
    super();
    this.currency = 'USD';
    this.products = null;
    this.editing = null;
    this.offset = 0;
    this.total = 0;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  /** One page of the products matching the search, from the server (thousands never come at once). */
  private async load(offset = this.offset): Promise<void> {
    this.inFlight?.abort();
    const controller = new AbortController();
    this.inFlight = controller;
    const params = new URLSearchParams({ limit: String(PAGE), offset: String(Math.max(0, offset)) });
    if (this.query) params.set('q', this.query);
    await this.state.load(async () => {
      const page = await api<ConsoleProductPage>(`/products?${params}`, { signal: controller.signal });
      this.products = page.items;
      this.total = page.total;
      this.offset = page.offset;
    });
  }

  private typed(event: Event): void {
    this.query = (event.target as HTMLInputElement).value.trim();
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.load(0), 250);
  }

  override disconnectedCallback(): void {
    clearTimeout(this.timer);
    this.inFlight?.abort();
    super.disconnectedCallback();
  }

  private async edit(product: Product | null): Promise<void> {
    this.editing = product;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>(product ? '#product-title' : '#product-sku')?.focus();
  }

  private save(event: SubmitEvent): void {
    const f = submitted(event);
    const editing = this.editing;
    const amount = parseMoney(f.text('price'), this.currency);
    if (amount === null) {
      this.state.fail(`Give the price in ${this.currency}, such as ${moneyField(1250, this.currency)}`);
      return;
    }
    const image = f.text('imageUrl');
    const fields = {
      title: f.text('title'),
      price: { amount, currency: this.currency },
      imageUrl: image === '' ? null : image,
      fastDeliveryEligible: f.checked('fast'),
    };
    void this.state.run(async () => {
      const product = editing
        ? await api<Product>(`/products/${encodeURIComponent(editing.sku)}`, { method: 'PATCH', body: fields })
        : await api<Product>('/products', { method: 'POST', body: { sku: f.text('sku'), ...fields } });
      f.form.reset();
      this.editing = null;
      await this.load();
      return editing
        ? `Saved ${product.title} (${product.sku}).`
        : `Added ${product.title} (${product.sku}). Import or set its stock to sell it.`;
    });
  }

  private archive(product: Product, archived: boolean): void {
    void this.state.run(async () => {
      await api<Product>(`/products/${encodeURIComponent(product.sku)}`, { method: 'PATCH', body: { archived } });
      await this.load();
      return archived
        ? `${product.title} is archived: shoppers no longer see it; its orders keep it.`
        : `${product.title} is on sale again.`;
    });
  }

  override render() {
    const products = this.products;
    if (!products) return this.state.placeholder('products');
    const last = this.offset + products.length;
    return html`
      <h1>Products</h1>
      ${this.state.messages()}
      <label class="find"
        >Find <span class="hint">By SKU or title</span>
        <input type="search" autocomplete="off" spellcheck="false" .value=${this.query} @input=${this.typed} />
      </label>
      ${
        this.total === 0
          ? html`<p role="status">${this.query ? `No product matches “${this.query}”.` : 'No products yet. Add the first one below.'}</p>`
          : html`<p role="status">Products ${this.offset + 1}–${last} of ${this.total.toLocaleString()}</p>
            ${this.table(products)}
            <nav class="row" aria-label="Product pages">
              <button class="secondary" ?disabled=${this.offset === 0} @click=${() => this.load(this.offset - PAGE)}>Previous</button>
              <button class="secondary" ?disabled=${last >= this.total} @click=${() => this.load(this.offset + PAGE)}>Next</button>
            </nav>`
      }
      ${this.form(this.editing)}
    `;
  }

  private table(products: Product[]) {
    return html`<div class="scroll" tabindex="0" role="region" aria-label="Products table">
      <table>
        <thead>
          <tr>
            <th scope="col">Product</th>
            <th scope="col">Price</th>
            <th scope="col">Fast delivery</th>
            <th scope="col">Status</th>
            <th scope="col"><span class="visually-hidden">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          ${products.map(
            (p) => html`<tr class=${p.archived ? 'archived' : ''}>
              <td>${p.title}<br /><span class="hint">${p.sku}</span></td>
              <td>${money(p.price)}</td>
              <td>${p.fastDeliveryEligible ? 'Eligible' : 'No'}</td>
              <td>${p.archived ? 'Archived' : 'On sale'}</td>
              <td class="row">
                <button class="secondary" aria-label=${`Edit ${p.title}`} @click=${() => this.edit(p)}>Edit</button>
                ${
                  p.archived
                    ? html`<button class="secondary" aria-label=${`Put ${p.title} back on sale`} ?disabled=${this.state.busy} @click=${() => this.archive(p, false)}>
                        Restore
                      </button>`
                    : html`<button class="secondary" aria-label=${`Archive ${p.title}`} ?disabled=${this.state.busy} @click=${() => this.archive(p, true)}>
                        Archive
                      </button>`
                }
              </td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private form(product: Product | null) {
    return html`<h2 id="product-form-title">${product ? `Edit ${product.title}` : 'Add a product'}</h2>
      <form class="form card" aria-labelledby="product-form-title" @submit=${this.save}>
        ${
          product
            ? html`<p>SKU <code>${product.sku}</code></p>`
            : html`<label>SKU <input id="product-sku" name="sku" required maxlength="64" autocomplete="off" /></label>`
        }
        <label>Title <input id="product-title" name="title" required maxlength="200" autocomplete="off" .value=${product?.title ?? ''} /></label>
        <label
          >Price (${this.currency})
          <input name="price" required inputmode="decimal" autocomplete="off" .value=${product ? moneyField(product.price.amount, this.currency) : ''} />
        </label>
        <label
          >Image URL <span class="hint">Optional</span><input name="imageUrl" type="url" autocomplete="off" .value=${product?.imageUrl ?? ''}
        /></label>
        <label class="row"
          ><input name="fast" type="checkbox" .checked=${product?.fastDeliveryEligible ?? true} /> Eligible for fast delivery (free for
          members)</label
        >
        <div class="row">
          <button type="submit" ?disabled=${this.state.busy}>${product ? 'Save product' : 'Add product'}</button>
          ${product ? html`<button class="secondary" type="button" @click=${() => this.edit(null)}>Cancel</button>` : nothing}
        </div>
      </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'nb-products': NbProducts;
  }
}
