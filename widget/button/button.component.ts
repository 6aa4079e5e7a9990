import { html, nothing } from 'lit/html.js';
import type { PropertyDeclarations, PropertyValues } from '../internal/element.js';
import { PromiseElementBase, type PromiseView } from '../internal/promise-element.js';
import { lazy } from '../internal/lazy.js';
import { NearbuyErrorEvent } from '../events/error.js';
import { tokens } from '../styles/tokens.styles.js';
import { promiseStyles } from '../styles/promise.styles.js';
import { styles } from './button.styles.js';
import type * as MoreModule from './more.js';
import type { CheckoutContext } from '../checkout/context.js';

/** The checkout dialog is its own chunk, fetched on intent (hover, focus, touch, click). */
const loadCheckout = lazy(() => import('../checkout/checkout.js'));
const loadMore = lazy(() => import('./more.js'));

/**
 * The live delivery promise for one product and a Buy button that opens the checkout dialog in
 * the page. Shows "FREE delivery today 4–8 PM", the countdown to its cut-off ("order within
 * 2 hr, 14 min", ticking locally and refetching when it passes), where it delivers to (the shopper
 * can change it; it is remembered for the site) and the other delivery options on demand.
 *
 * @tagname nearbuy-button
 * @summary Delivery promise plus Buy, with an in-page checkout.
 *
 * @fires {NearbuyReadyEvent} nearbuy-ready - Once, when the first promise (or quiet error) is shown. `detail: { sku, state }`.
 * @fires {NearbuyPromiseShownEvent} nearbuy-promise-shown - Each time a fetched promise is shown. `detail: { sku, quantity, postalCode, option, optionCount }`.
 * @fires {NearbuyCheckoutOpenedEvent} nearbuy-checkout-opened - The shopper opened the checkout with Buy. `detail: { sku, quantity }`.
 * @fires {NearbuyOrderPlacedEvent} nearbuy-order-placed - Payment succeeded and the order was placed. `detail: { orderId, items, amounts, service, promisedWindow }`.
 * @fires {NearbuyErrorEvent} nearbuy-error - A call failed; the shopper was already shown what to do. `detail: { code, message, status, source }`.
 *
 * @csspart base - The card around everything.
 * @csspart promise - The promise block (line and countdown).
 * @csspart promise-line - "FREE delivery today 4–8 PM", or the unavailable / error message.
 * @csspart countdown - "order within 2 hr, 14 min".
 * @csspart location - "Deliver to Chandler, AZ 85226 · Change", or the postal code form.
 * @csspart postal-code-input - The postal code field.
 * @csspart options-toggle - "2 more delivery options".
 * @csspart options - The list of other delivery options.
 * @csspart buy-button - The Buy button.
 *
 * @cssproperty [--nearbuy-color-primary=#0b6e4f] - System token: brand colour (Buy, links, focus ring). Dark: #5fd4a0.
 * @cssproperty [--nearbuy-color-on-primary=auto] - System token: text on the brand colour; by default white or black, whichever reads on it.
 * @cssproperty [--nearbuy-color-surface=#ffffff] - System token: background. Dark: #1c1f1e.
 * @cssproperty [--nearbuy-color-on-surface=#1b1f1d] - System token: text. Dark: #eef2f0.
 * @cssproperty [--nearbuy-color-muted=#4d5652] - System token: secondary text. Dark: #b8c2bd.
 * @cssproperty [--nearbuy-color-accent=#0b6e4f] - System token: the promise's highlight. Dark: #7be0b2.
 * @cssproperty [--nearbuy-color-danger=#b3261e] - System token: errors. Dark: #ffb4ab.
 * @cssproperty [--nearbuy-color-outline=#8a9590] - System token: borders. Dark: #5b6560.
 * @cssproperty [--nearbuy-color-skeleton=#e3e8e5] - System token: loading placeholders, disabled Buy. Dark: #353b38.
 * @cssproperty [--nearbuy-radius=8px] - System token: corner radius.
 * @cssproperty [--nearbuy-font-family=inherit] - System token: font; the page's font by default.
 * @cssproperty [--nearbuy-focus-ring=2px solid var(--nearbuy-color-primary)] - System token: focus outline.
 * @cssproperty [--nearbuy-button-background=var(--nearbuy-color-primary)] - Component token: Buy background.
 * @cssproperty [--nearbuy-button-color=var(--nearbuy-color-on-primary)] - Component token: Buy text.
 * @cssproperty [--nearbuy-button-radius=var(--nearbuy-radius)] - Component token: Buy corners.
 * @cssproperty [--nearbuy-button-disabled-background=var(--nearbuy-color-skeleton)] - Component token: Buy when nothing can be delivered.
 * @cssproperty [--nearbuy-button-max-width=28rem] - Component token: the element's maximum width.
 * @cssproperty [--nearbuy-card-background=var(--nearbuy-color-surface)] - Component token: card background (`transparent` to blend in).
 * @cssproperty [--nearbuy-card-border=1px solid (outline at 50%)] - Component token: card border (`none` to remove).
 * @cssproperty [--nearbuy-card-padding=0.875em 1em] - Component token: card padding.
 * @cssproperty [--nearbuy-link-color=primary, readable] - Component token: "Change" and the options toggle; by default the brand's hue at a lightness that reads on the card in either theme.
 * @cssproperty [--nearbuy-promise-color=var(--nearbuy-color-on-surface)] - Component token: promise line text.
 * @cssproperty [--nearbuy-promise-accent-color=var(--nearbuy-color-accent)] - Component token: promise line when deliverable.
 * @cssproperty [--nearbuy-promise-muted-color=var(--nearbuy-color-muted)] - Component token: unavailable / error text.
 * @cssproperty [--nearbuy-countdown-color=var(--nearbuy-color-muted)] - Component token: countdown text.
 *
 * @example
 * ```html
 * <script type="module" async src="https://shop-api.example.com/widget/nearbuy.js"></script>
 * <nearbuy-button sku="TEE-RED-M" publishable-key="pk_live_…"></nearbuy-button>
 * <script type="module">
 *   document.querySelector('nearbuy-button').addEventListener('nearbuy-order-placed', (event) => {
 *     analytics.track('purchase', { order: event.detail.orderId, total: event.detail.amounts.total });
 *   });
 * </script>
 * ```
 */
export class NearbuyButton extends PromiseElementBase {
  static override styles = [tokens, promiseStyles, styles];

  static override properties: PropertyDeclarations = {
    _showOptions: { state: true },
    _checkoutProblem: { state: true },
    _more: { state: true },
  };

  declare private _showOptions: boolean;
  declare private _checkoutProblem: boolean;
  /** The on-demand chunk with the options list and the postal code form, once loaded. */
  declare private _more: typeof MoreModule | null;
  /** The postal code form (from the on-demand chunk), which keeps its own state. */
  #postalCode: MoreModule.PostalCodeEditor | null = null;

  constructor() {
    super();
    this._showOptions = false;
    this._checkoutProblem = false;
    this._more = null;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('sku')) this._showOptions = false;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const state = this._view.state;
    // Once anything is on screen, the postal code form is fetched too: "Change" must keep working
    // if the server goes down later (its chunk comes from there), and it is needed at once when
    // the shopper has no code or the code is unknown.
    if (state !== 'loading') void this.#loadMore();
  }

  override render() {
    const view = this._view;
    const messages = this._messages;
    const more = this._more;
    return html`<div class="base" part="base" dir=${this._dir} lang=${this._localeCode}>
      ${this._renderPromise(view)} ${this.#renderWhere(view)}
      ${
        more && messages && this._showOptions && view.state === 'available'
          ? more.renderOptions(view.response, new Date(this._now()), this._localeCode, messages)
          : nothing
      }
      <button
        class="buy"
        part="buy-button"
        type="button"
        ?disabled=${view.state !== 'available'}
        @pointerenter=${this.#preload}
        @focus=${this.#preload}
        @touchstart=${this.#preload}
        @click=${this.openCheckout}
      >
        ${messages?.buy}
      </button>
      ${this._checkoutProblem ? html`<p class="problem" role="alert">${messages?.checkoutUnavailable}</p>` : nothing}
      <slot name="checkout"></slot>
    </div>`;
  }

  #renderWhere(view: PromiseView) {
    const messages = this._messages;
    if (!messages || view.state === 'loading') return html`<div class="where" part="location"></div>`;
    if (this.#postalCode?.editing || view.state === 'needs-postal-code') {
      return (
        this.#postalCode?.render(this.effectivePostalCode, messages, view.state !== 'needs-postal-code') ??
        html`<div class="where" part="location"></div>`
      );
    }
    const place = 'response' in view && view.response ? view.response.destination.label : this.effectivePostalCode;
    const more = view.state === 'available' ? view.response.options.length - 1 : 0;
    return html`<div class="where" part="location">
      <span>${messages.deliverTo(place)}</span>
      <button class="link" type="button" @click=${this.#editPostalCode}>${messages.change}</button>
      ${
        more > 0
          ? html`<button
              class="link"
              part="options-toggle"
              type="button"
              aria-expanded=${this._showOptions ? 'true' : 'false'}
              aria-controls="options"
              @click=${this.#toggleOptions}
            >
              ${this._showOptions ? messages.fewerOptions : messages.moreOptions(more)}
            </button>`
          : nothing
      }
    </div>`;
  }

  #loadingMore: Promise<boolean> | null = null;

  /** Fetches the on-demand chunk once per element; a failed fetch is tried again next time. */
  #loadMore(): Promise<boolean> {
    if (this._more) return Promise.resolve(true);
    return (this.#loadingMore ??= loadMore().then(
      (more) => {
        this.#postalCode = more.attach(this);
        this._more = more;
        return true;
      },
      () => {
        this.#loadingMore = null;
        return false;
      },
    ));
  }

  async #toggleOptions() {
    if (await this.#loadMore()) this._showOptions = !this._showOptions;
  }

  async #editPostalCode() {
    if (await this.#loadMore()) void this.#postalCode?.open();
  }

  #preload() {
    loadCheckout().catch(() => {
      // Tried again on click, where a failure is shown.
    });
  }

  /** Opens the checkout dialog (fetching its chunk first if needed). */
  async openCheckout(): Promise<void> {
    try {
      const module = await loadCheckout();
      if (!this.isConnected) return;
      module.openCheckout(this.#checkoutContext());
      this._checkoutProblem = false;
    } catch {
      // The chunk did not load (offline), or another copy of the widget owns <nearbuy-checkout>.
      this._checkoutProblem = true;
      this.dispatchEvent(
        new NearbuyErrorEvent({ code: 'network', message: 'The checkout could not be loaded', status: 0, source: 'checkout' }),
      );
    }
  }

  /** All the checkout dialog may know of this button, as it is now. */
  #checkoutContext(): CheckoutContext {
    const view = this._view;
    return {
      sku: this.sku,
      quantity: this._quantity,
      api: this._api,
      locale: this._localeCode,
      theme: this.theme,
      promise: 'response' in view ? view.response : null,
      postalCode: this.effectivePostalCode,
      host: this,
      opener: this.renderRoot.querySelector('.buy'),
    };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'nearbuy-button': NearbuyButton;
  }
}
