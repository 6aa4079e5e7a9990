import { html } from 'lit/html.js';
import { PromiseElementBase } from '../internal/promise-element.js';
import { tokens } from '../styles/tokens.styles.js';
import { promiseStyles } from '../styles/promise.styles.js';
import { styles } from './promise.styles.js';

/**
 * The delivery promise alone ("FREE delivery today 4–8 PM · order within 2 hr, 14 min"), for
 * listing and cart pages. Same attributes and states as `<nearbuy-button>`, without Buy.
 *
 * @tagname nearbuy-promise
 * @summary A live delivery promise for one SKU near the shopper.
 *
 * @fires {NearbuyReadyEvent} nearbuy-ready - Once, when the first promise (or quiet error) is shown. `detail: { sku, state }`.
 * @fires {NearbuyPromiseShownEvent} nearbuy-promise-shown - Each time a fetched promise is shown. `detail: { sku, quantity, postalCode, option, optionCount }`.
 * @fires {NearbuyErrorEvent} nearbuy-error - When fetching the promise failed; the element shows "Delivery info unavailable". `detail: { code, message, status, source }`.
 *
 * @csspart base - The wrapper.
 * @csspart promise - The promise block (line and countdown).
 * @csspart promise-line - "FREE delivery today 4–8 PM", or the unavailable / error message.
 * @csspart countdown - "order within 2 hr, 14 min".
 *
 * @cssproperty [--nearbuy-color-primary=#0b6e4f] - System token: brand colour (Buy, focus ring). Dark: #5fd4a0.
 * @cssproperty [--nearbuy-color-on-primary=auto] - System token: text on the brand colour; by default white or black, whichever reads on it.
 * @cssproperty [--nearbuy-color-surface=#ffffff] - System token: background. Dark: #1c1f1e.
 * @cssproperty [--nearbuy-color-on-surface=#1b1f1d] - System token: text. Dark: #eef2f0.
 * @cssproperty [--nearbuy-color-muted=#4d5652] - System token: secondary text. Dark: #b8c2bd.
 * @cssproperty [--nearbuy-color-accent=#0b6e4f] - System token: the promise's highlight. Dark: #7be0b2.
 * @cssproperty [--nearbuy-color-danger=#b3261e] - System token: errors. Dark: #ffb4ab.
 * @cssproperty [--nearbuy-color-outline=#8a9590] - System token: borders. Dark: #5b6560.
 * @cssproperty [--nearbuy-color-skeleton=#e3e8e5] - System token: loading placeholders. Dark: #353b38.
 * @cssproperty [--nearbuy-radius=8px] - System token: corner radius.
 * @cssproperty [--nearbuy-font-family=inherit] - System token: font; the page's font by default.
 * @cssproperty [--nearbuy-promise-color=var(--nearbuy-color-on-surface)] - Component token: promise line text.
 * @cssproperty [--nearbuy-promise-accent-color=var(--nearbuy-color-accent)] - Component token: promise line when deliverable.
 * @cssproperty [--nearbuy-promise-muted-color=var(--nearbuy-color-muted)] - Component token: unavailable / error text.
 * @cssproperty [--nearbuy-countdown-color=var(--nearbuy-color-muted)] - Component token: countdown text.
 * @cssproperty [--nearbuy-promise-background=transparent] - Component token: background of `<nearbuy-promise>`.
 * @cssproperty [--nearbuy-promise-font-size=1em] - Component token: font size of `<nearbuy-promise>`.
 *
 * @example
 * ```html
 * <script type="module" async src="https://shop-api.example.com/widget/nearbuy.js"></script>
 * <nearbuy-promise sku="TEE-RED-M" publishable-key="pk_live_…" postal-code="85226"></nearbuy-promise>
 * ```
 */
export class NearbuyPromise extends PromiseElementBase {
  static override styles = [tokens, promiseStyles, styles];

  override render() {
    return html`<div class="base" part="base" dir=${this._dir} lang=${this._localeCode}>${this._renderPromise(this._view)}</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'nearbuy-promise': NearbuyPromise;
  }
}
