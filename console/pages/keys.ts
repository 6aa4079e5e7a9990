/**
 * `<nb-keys>`: the publishable key and the embed snippet ready to paste (for the product picked),
 * the storefront origins allowed to use it, and rolling the secret key (shown once, after a
 * confirmation).
 */
import { LitElement, html, nothing } from 'lit';
import type { Product } from '../../contract/admin.js';
import type { ConsoleKeys } from '../../contract/console.js';
import { api } from '../api.js';
import { PageState, submitted } from '../page-state.js';
import { shared } from '../styles.js';

export class NbKeys extends LitElement {
  static override styles = [shared];

  static override properties = {
    keys: { state: true },
    secretKey: { state: true },
    confirmingRoll: { state: true },
    sku: { state: true },
  };

  declare keys: ConsoleKeys | null;
  declare secretKey: string;
  declare confirmingRoll: boolean;
  /** The product the snippet is for, once picked (else the server's sample SKU). */
  declare sku: string;
  private readonly state = new PageState(this);

  constructor() {
    super();
    this.keys = null;
    this.secretKey = '';
    this.confirmingRoll = false;
    this.sku = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.state.load(async () => (this.keys = await api<ConsoleKeys>('/keys')));
  }

  private saveOrigins(event: SubmitEvent): void {
    const text = submitted(event).text('origins');
    void this.state.run(async () => {
      this.keys = await api<ConsoleKeys>('/keys/origins', {
        method: 'PUT',
        body: { allowedOrigins: text.split(/[\s,]+/).filter(Boolean) },
      });
      return 'Allowed origins saved.';
    });
  }

  private roll(): void {
    void this.state.run(async () => {
      this.secretKey = (await api<{ secretKey: string }>('/keys/secret', { method: 'POST' })).secretKey;
      this.confirmingRoll = false;
    });
  }

  /** The README's embed: the reservation stylesheet, the script (async), the element. */
  private snippet(k: ConsoleKeys): string {
    const stylesheet = k.widgetUrl.replace(/\.js$/, '.css');
    return `<link rel="stylesheet" href="${stylesheet}">\n<script type="module" async src="${k.widgetUrl}"></script>\n<nearbuy-button sku="${this.sku || k.sampleSku}" publishable-key="${k.publishableKey}" api-base="${k.apiBase}"></nearbuy-button>`;
  }

  private async copy(text: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
      this.state.notice = 'Copied.';
    } catch {
      this.state.notice = 'Select the text and copy it by hand.';
    }
    this.requestUpdate();
  }

  override render() {
    const k = this.keys;
    if (!k) return this.state.placeholder('keys');
    return html`
      <h1>Keys and embedding</h1>
      ${this.state.messages()}
      <section class="card" aria-labelledby="pk">
        <h2 id="pk">Publishable key</h2>
        <p class="hint">Safe in your web pages: it only works from the origins below.</p>
        <p><code id="publishable-key">${k.publishableKey}</code></p>
        <h2 id="embed">Embed snippet</h2>
        <p class="hint">Paste it where the Buy button belongs on a product page. Pick the product it is for:</p>
        <nb-product-picker
          label="Snippet for"
          .selected=${this.sku || k.sampleSku}
          @nb-product-picked=${(e: CustomEvent<Product>) => (this.sku = e.detail.sku)}
        ></nb-product-picker>
        <pre aria-labelledby="embed" tabindex="0"><code>${this.snippet(k)}</code></pre>
        <button class="secondary" @click=${() => this.copy(this.snippet(k))}>Copy snippet</button>
      </section>
      <section class="card" aria-labelledby="origins-title">
        <h2 id="origins-title">Allowed storefront origins</h2>
        <form class="form" @submit=${this.saveOrigins}>
          <label
            >Origins <span class="hint">One per line, such as https://shop.example (no path)</span>
            <textarea name="origins" rows="3">${k.allowedOrigins.join('\n')}</textarea>
          </label>
          <div class="row"><button type="submit" ?disabled=${this.state.busy}>Save origins</button></div>
        </form>
      </section>
      <section class="card" aria-labelledby="sk">
        <h2 id="sk">Secret key</h2>
        <p class="hint">For your servers only (the admin API). It is stored hashed: nearbuy cannot show it again.</p>
        ${
          this.secretKey
            ? html`<p class="notice" role="status">Your new secret key. Copy it now: it will not be shown again.</p>
              <p><code id="secret-key">${this.secretKey}</code></p>
              <button class="secondary" @click=${() => this.copy(this.secretKey)}>Copy secret key</button>`
            : nothing
        }
        ${
          this.confirmingRoll
            ? html`<div role="group" aria-label="Confirm rolling the secret key">
              <p>The current secret key stops working at once. Servers using it must get the new one.</p>
              <div class="row">
                <button class="danger" ?disabled=${this.state.busy} @click=${() => this.roll()}>Roll the secret key</button>
                <button class="secondary" @click=${() => (this.confirmingRoll = false)}>Keep the current key</button>
              </div>
            </div>`
            : html`<button class="secondary" @click=${() => (this.confirmingRoll = true)}>Roll secret key…</button>`
        }
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'nb-keys': NbKeys;
  }
}
