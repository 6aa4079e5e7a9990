/**
 * `<nb-product-picker>`: finds one product among thousands. Search as you type (by SKU or title,
 * on the server, a page at a time: `GET /console/api/products?q=`); a typed search aborts the one
 * before it. The matches are buttons, so a keyboard picks one with Tab and Enter; "More" fetches
 * the next page. Fires `nb-product-picked` with the product.
 *
 * @fires nb-product-picked - `detail` is the chosen `Product`.
 */
import { LitElement, css, html, nothing } from 'lit';
import type { Product } from '../contract/admin.js';
import type { ConsoleProductPage } from '../contract/console.js';
import { api, messageOf } from './api.js';
import { shared } from './styles.js';

/** Matches per page. */
const PAGE = 20;
/** How long typing pauses before the search goes out, ms. */
const PAUSE_MS = 250;

export class NbProductPicker extends LitElement {
  static override styles = [
    shared,
    css`
      ul {
        list-style: none;
        margin: 0.5rem 0;
        padding: 0;
        display: grid;
        gap: 0.25rem;
        max-height: 18rem;
        overflow-y: auto;
      }
      li button {
        width: 100%;
        text-align: left;
      }
      li button[aria-pressed='true'] {
        background: #0b57d0;
        color: #fff;
      }
    `,
  ];

  static override properties = {
    label: {},
    selected: {},
    page: { state: true },
    items: { state: true },
    error: { state: true },
    loading: { state: true },
  };

  /** The search field's label ("Product"). */
  declare label: string;
  /** The SKU picked now (shown pressed). */
  declare selected: string;
  declare page: ConsoleProductPage | null;
  /** Every match fetched so far for the current search. */
  declare items: Product[];
  declare error: string;
  declare loading: boolean;
  private query = '';
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight: AbortController | null = null;

  constructor() {
    super();
    this.label = 'Find a product';
    this.selected = '';
    this.page = null;
    this.items = [];
    this.error = '';
    this.loading = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.fetchPage(0);
  }

  override disconnectedCallback(): void {
    clearTimeout(this.timer);
    this.inFlight?.abort();
    super.disconnectedCallback();
  }

  private typed(event: Event): void {
    this.query = (event.target as HTMLInputElement).value.trim();
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.fetchPage(0), PAUSE_MS);
  }

  private async fetchPage(offset: number): Promise<void> {
    this.inFlight?.abort();
    const controller = new AbortController();
    this.inFlight = controller;
    this.loading = true;
    this.error = '';
    const params = new URLSearchParams({ limit: String(PAGE), offset: String(offset) });
    if (this.query) params.set('q', this.query);
    try {
      const page = await api<ConsoleProductPage>(`/products?${params}`, { signal: controller.signal });
      this.items = offset === 0 ? page.items : [...this.items, ...page.items];
      this.page = page;
    } catch (error) {
      if ((error as Error).name === 'AbortError') return;
      this.error = messageOf(error);
    } finally {
      if (this.inFlight === controller) {
        this.loading = false;
        this.inFlight = null;
      }
    }
  }

  private pick(product: Product): void {
    this.selected = product.sku;
    this.dispatchEvent(new CustomEvent<Product>('nb-product-picked', { detail: product, bubbles: true, composed: true }));
  }

  override render() {
    const page = this.page;
    const status = this.error
      ? nothing
      : !page
        ? 'Loading products…'
        : page.total === 0
          ? this.query
            ? `No product matches “${this.query}”.`
            : 'No products yet.'
          : `${page.total.toLocaleString()} ${page.total === 1 ? 'product matches' : 'products match'}${this.items.length < page.total ? `; showing ${this.items.length}` : ''}.`;
    return html`
      <label
        >${this.label} <span class="hint">By SKU or title</span>
        <input type="search" autocomplete="off" spellcheck="false" @input=${this.typed} />
      </label>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <p class="hint" role="status">${status}</p>
      ${
        this.items.length > 0
          ? html`<ul aria-label="Matching products">
              ${this.items.map(
                (p) =>
                  html`<li>
                    <button class="secondary" type="button" aria-pressed=${p.sku === this.selected ? 'true' : 'false'} @click=${() => this.pick(p)}>
                      ${p.title} (${p.sku})${p.archived ? ' — archived' : ''}
                    </button>
                  </li>`,
              )}
            </ul>`
          : nothing
      }
      ${
        page && this.items.length < page.total
          ? html`<button class="secondary" type="button" ?disabled=${this.loading} @click=${() => this.fetchPage(this.items.length)}>
              More products
            </button>`
          : nothing
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'nb-product-picker': NbProductPicker;
  }
  interface GlobalEventHandlersEventMap {
    'nb-product-picked': CustomEvent<Product>;
  }
}
