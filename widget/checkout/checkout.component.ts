import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { CheckoutSession, CreateCheckoutSessionBody, DeliveryOption, PromiseResponse } from '../../contract/public.js';
import type { ServiceId } from '../../contract/primitives.js';
import { NearbuyApiError, getPromise, isAbort, type ApiConfig } from '../internal/api.js';
import { confirmTestPayment, createCheckoutSession, createMemberSession, getCheckoutSession, requestMemberCode } from './api.js';
import { formatMoney } from '../../contract/money.js';
import { formatPrice, formatWindow } from '../internal/format.js';
import { formatReason } from '../internal/format-reason.js';
import { isPostalCode } from '../internal/storage.js';
import { directionOf, englishMessages, loadMessages } from '../locales/load.js';
import type { LocaleCode, WidgetMessages } from '../locales/messages.js';
import { NearbuyErrorEvent, type NearbuyErrorDetail } from '../events/error.js';
import { NearbuyOrderPlacedEvent } from '../events/order-placed.js';
import { tokens } from '../styles/tokens.styles.js';
import { englishCheckoutMessages, loadCheckoutMessages } from './locales/load.js';
import type { CheckoutMessages } from './locales/messages.js';
import { styles } from './checkout.styles.js';
import type { StripePayment } from './stripe.js';
import type { CheckoutContext } from './context.js';
import { NearbuyMemberSignedInEvent } from '../events/member-signed-in.js';

type Step = 'details' | 'delivery' | 'payment' | 'done';
const STEPS: readonly Step[] = ['details', 'delivery', 'payment'];

const timeFormat = (code: LocaleCode) => new Intl.DateTimeFormat(code, { hour: 'numeric', minute: '2-digit' });

/** What the shopper typed; kept across close and reopen. */
interface Form {
  quantity: string;
  email: string;
  code: string;
  name: string;
  line1: string;
  line2: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
  card: string;
}
type FieldName = keyof Form;

interface Notice {
  kind: 'error' | 'info';
  text: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The checkout dialog `<nearbuy-button>` opens: quantity, email (and member sign-in by one-time
 * code), address, delivery options, review and payment, confirmation. A lazy chunk: created by
 * the button on intent, never by the page. Stripe's Payment Element mounts in a light-DOM child
 * of this element (slot `payment`), because Stripe cannot mount inside a shadow root.
 *
 * @tagname nearbuy-checkout
 * @summary In-page checkout dialog (internal to `<nearbuy-button>`).
 *
 * @fires {NearbuyOrderPlacedEvent} nearbuy-order-placed - On the owning `<nearbuy-button>`, once the order is placed.
 * @fires {NearbuyErrorEvent} nearbuy-error - On the owning `<nearbuy-button>`, when a checkout call fails.
 *
 * @slot payment - Filled by the widget itself with the light-DOM container for Stripe's Payment Element.
 *
 * @csspart dialog - The `<dialog>`: a centred dialog on wide screens, a bottom sheet on phones.
 * @csspart header - Title, step and close button.
 * @csspart notice - Error or information message.
 * @csspart primary-action - Continue / Place order / Done.
 * @csspart test-mode - The TEST MODE banner of the offline test provider.
 *
 * @cssproperty [--nearbuy-dialog-background=var(--nearbuy-color-surface)] - Component token: dialog background.
 * @cssproperty [--nearbuy-dialog-color=var(--nearbuy-color-on-surface)] - Component token: dialog text.
 * @cssproperty [--nearbuy-dialog-radius=12px] - Component token: dialog corners.
 * @cssproperty [--nearbuy-dialog-width=30rem] - Component token: dialog width on wide screens.
 * @cssproperty [--nearbuy-backdrop=rgb(0 0 0 / 0.45)] - Component token: the page behind the dialog.
 */
export class NearbuyCheckout extends LitElement {
  static override styles = [tokens, styles];

  static override properties = {
    theme: { reflect: true },
    _step: { state: true },
    _form: { state: true },
    _errors: { state: true },
    _notice: { state: true },
    _busy: { state: true },
    _options: { state: true },
    _service: { state: true },
    _session: { state: true },
    _memberStage: { state: true },
    _messages: { state: true },
    _widgetMessages: { state: true },
    _payment: { state: true },
  };

  declare theme: 'light' | 'dark' | 'auto';

  declare private _step: Step;
  declare private _form: Form;
  declare private _errors: Partial<Record<FieldName, string>>;
  declare private _notice: Notice | null;
  declare private _busy: boolean;
  declare private _options: PromiseResponse | null;
  declare private _service: ServiceId | null;
  declare private _session: CheckoutSession | null;
  declare private _memberStage: 'idle' | 'code-sent' | 'signed-in';
  declare private _messages: CheckoutMessages;
  declare private _widgetMessages: WidgetMessages;

  /** What the button said when it last opened the dialog. */
  private _context: CheckoutContext | null = null;
  private _localeCode: LocaleCode = 'en';
  /** The reservation's expiry time ("4:30 PM"), built once per locale. */
  private _timeFormat = timeFormat('en');
  private _openedSku: string | null = null;
  /** The body and key of the last session request: a retry of the same body reuses its key. */
  private _attempt: { body: string; key: string } | null = null;
  private _optionsAbort: AbortController | null = null;
  /** The notice a failed options fetch put up: the one a later successful fetch takes down. */
  private _optionsNotice: Notice | null = null;
  declare private _payment: StripePayment | null;
  private _paymentHost: HTMLDivElement | null = null;

  constructor() {
    super();
    this.theme = 'light';
    this._step = 'details';
    this._form = {
      quantity: '1',
      email: '',
      code: '',
      name: '',
      line1: '',
      line2: '',
      city: '',
      region: '',
      postalCode: '',
      country: 'US',
      card: '',
    };
    this._errors = {};
    this._notice = null;
    this._busy = false;
    this._options = null;
    this._service = null;
    this._session = null;
    this._memberStage = 'idle';
    this._messages = englishCheckoutMessages;
    this._widgetMessages = englishMessages;
    this._payment = null;
  }

  private get _sku(): string {
    return this._context?.sku ?? '';
  }

  private get _memberToken(): string | null {
    return this._context?.api.memberToken ?? null;
  }

  private get _api(): ApiConfig {
    return this._context?.api ?? { apiBase: '', publishableKey: '' };
  }

  private get _dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  /**
   * Opens the dialog. What the shopper typed before is kept; the quantity starts from the
   * button's when the product (variant) changed since the last opening.
   */
  async open(context: CheckoutContext): Promise<void> {
    this._context = context;
    this.theme = context.theme;
    const code = context.locale;
    if (code !== this._localeCode || !this.hasUpdated) {
      this._localeCode = code;
      this._timeFormat = timeFormat(code);
      [this._messages, this._widgetMessages] = await Promise.all([loadCheckoutMessages(code), loadMessages(code)]);
    }
    if (this._openedSku !== context.sku) {
      this._openedSku = context.sku;
      this._form = { ...this._form, quantity: String(context.quantity) };
      this._options = null;
      this._session = null;
      if (this._step !== 'details') this._step = 'details';
    }
    if (!this._form.postalCode && context.postalCode) this._form = { ...this._form, postalCode: context.postalCode };
    if (this._memberToken && this._memberStage !== 'signed-in') this._memberStage = 'signed-in';
    await this.updateComplete;
    const dialog = this._dialog;
    if (!dialog || dialog.open) return;
    dialog.showModal();
    this._focusStart();
  }

  /** Closes the dialog and returns focus to Buy. */
  close(): void {
    const dialog = this._dialog;
    if (dialog?.open) dialog.close();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._optionsAbort?.abort();
    this._payment?.destroy();
    this._payment = null;
    this._dialog?.close();
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('_step') && changed.get('_step') !== undefined) this._focusStart();
  }

  private async _focusStart() {
    await this.updateComplete;
    const target =
      this.renderRoot.querySelector<HTMLElement>('[data-autofocus]:not(:disabled)') ?? this.renderRoot.querySelector<HTMLElement>('h2');
    target?.focus();
  }

  private _onDialogClose = () => {
    if (this._step === 'done') this._resetAfterOrder();
    // Focus goes back to Buy, which opened the dialog.
    this._context?.opener?.focus();
  };

  private _resetAfterOrder() {
    this._step = 'details';
    // The next opening starts from the button's quantity again.
    this._openedSku = null;
    this._session = null;
    this._attempt = null;
    this._notice = null;
    this._form = { ...this._form, card: '', quantity: '1' };
    this._destroyPayment();
  }

  private _emit(detail: NearbuyErrorDetail) {
    (this._context?.host ?? this).dispatchEvent(new NearbuyErrorEvent(detail));
  }

  private _set(name: FieldName, value: string) {
    this._form = { ...this._form, [name]: value };
    if (this._errors[name]) this._errors = { ...this._errors, [name]: undefined };
  }

  // ——— rendering ———

  override render() {
    const m = this._messages;
    const stepIndex = STEPS.indexOf(this._step);
    return html`<dialog part="dialog" aria-labelledby="title" @close=${this._onDialogClose}>
      <div class="panel" dir=${directionOf(this._localeCode)} lang=${this._localeCode}>
        <header part="header">
          <h2 id="title" tabindex="-1">${m.title}</h2>
          ${stepIndex >= 0 ? html`<span class="step">${m.stepOf(stepIndex + 1, STEPS.length)}</span>` : nothing}
          <button class="close" type="button" aria-label=${m.close} @click=${this.close}>✕</button>
        </header>
        ${
          this._notice
            ? html`<p class="notice ${this._notice.kind}" part="notice" role=${this._notice.kind === 'error' ? 'alert' : 'status'}>
                ${this._notice.text}
              </p>`
            : nothing
        }
        ${this._renderStep()}
      </div>
    </dialog>`;
  }

  private _renderStep(): TemplateResult {
    switch (this._step) {
      case 'details':
        return this._renderDetails();
      case 'delivery':
        return this._renderDelivery();
      case 'payment':
        return this._renderPayment();
      case 'done':
        return this._renderDone();
    }
  }

  private _field(
    name: FieldName,
    label: string,
    attributes: { type?: string; autocomplete?: string; inputmode?: string; optional?: boolean; autofocus?: boolean } = {},
  ) {
    const error = this._errors[name];
    return html`<label class="field">
      <span>${label}</span>
      <input
        name=${name}
        type=${attributes.type ?? 'text'}
        autocomplete=${attributes.autocomplete ?? 'off'}
        inputmode=${attributes.inputmode ?? nothing}
        ?required=${!attributes.optional}
        ?data-autofocus=${attributes.autofocus}
        .value=${this._form[name]}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${error ? `${name}-error` : nothing}
        @input=${(event: InputEvent) => this._set(name, (event.target as HTMLInputElement).value)}
      />
      ${error ? html`<span class="field-error" id="${name}-error">${error}</span>` : nothing}
    </label>`;
  }

  private _renderDetails() {
    const m = this._messages;
    return html`<form class="step" novalidate @submit=${this._submitDetails} aria-busy=${this._busy ? 'true' : 'false'}>
      <h3>${m.detailsHeading}</h3>
      ${this._field('quantity', m.quantity, { type: 'number', inputmode: 'numeric', autofocus: true })}
      ${this._field('email', m.email, { type: 'email', autocomplete: 'email' })} ${this._renderMember()}
      <fieldset>
        <legend>${m.deliverTo}</legend>
        ${this._field('name', m.name, { autocomplete: 'name' })} ${this._field('line1', m.line1, { autocomplete: 'address-line1' })}
        ${this._field('line2', m.line2, { autocomplete: 'address-line2', optional: true })}
        <div class="row">
          ${this._field('city', m.city, { autocomplete: 'address-level2' })}
          ${this._field('region', m.region, { autocomplete: 'address-level1' })}
        </div>
        <div class="row">
          ${this._field('postalCode', m.postalCode, { autocomplete: 'postal-code' })}
          ${this._field('country', m.country, { autocomplete: 'country' })}
        </div>
      </fieldset>
      <div class="actions">
        <button class="primary" part="primary-action" type="submit" ?disabled=${this._busy}>${this._busy ? m.working : m.continue}</button>
      </div>
    </form>`;
  }

  private _renderMember() {
    const m = this._messages;
    if (this._memberStage === 'signed-in')
      return html`<p class="member signed-in">${m.signedIn(this._form.email.trim().toLowerCase())}</p>`;
    if (this._memberStage === 'code-sent') {
      return html`<div class="member">
        <p>${m.codeSent(this._form.email.trim().toLowerCase())}</p>
        <div class="row">
          ${this._field('code', m.code, { inputmode: 'numeric', autocomplete: 'one-time-code', optional: true })}
          <button class="secondary" type="button" @click=${this._verifyCode} ?disabled=${this._busy}>${m.verify}</button>
        </div>
      </div>`;
    }
    return html`<div class="member">
      <p>${m.memberPrompt}</p>
      <button class="secondary" type="button" @click=${this._sendCode} ?disabled=${this._busy}>${m.sendCode}</button>
    </div>`;
  }

  private _renderDelivery() {
    const m = this._messages;
    const promise = this._options;
    let body: unknown;
    if (!promise) {
      body = html`<p class="muted" role="status">${m.loadingOptions}</p>`;
    } else if (promise.options.length === 0) {
      body = html`<p class="muted">${m.noOptions(promise.destination.postalCode ?? promise.destination.label)}</p>`;
    } else {
      const now = new Date(Date.parse(promise.computedAt) || Date.now());
      body = html`<fieldset class="options">
        <legend class="visually-hidden">${m.deliveryHeading}</legend>
        ${promise.options.map((option, index) => this._renderOption(option, promise, now, index === 0))}
      </fieldset>`;
    }
    return html`<form class="step" novalidate @submit=${this._submitDelivery} aria-busy=${this._busy ? 'true' : 'false'}>
      <h3>${m.deliveryHeading}</h3>
      ${body}
      <div class="actions">
        <button class="secondary" type="button" @click=${() => this._goTo('details')}>${m.back}</button>
        <button
          class="primary"
          part="primary-action"
          type="submit"
          ?disabled=${this._busy || (promise ? !promise.options.length : !this._notice)}
        >
          ${this._busy ? m.working : m.continue}
        </button>
      </div>
    </form>`;
  }

  private _renderOption(option: DeliveryOption, promise: PromiseResponse, now: Date, first: boolean) {
    const w = this._widgetMessages;
    const checked = this._service === option.service;
    return html`<label class="option ${checked ? 'checked' : ''}">
      <input
        type="radio"
        name="service"
        value=${option.service}
        .checked=${checked}
        ?data-autofocus=${checked || (first && !this._service)}
        @change=${() => (this._service = option.service)}
      />
      <span class="option-text">
        <span class="option-title"
          ><strong>${w.service[option.service]}</strong> <span>${formatPrice(option.price, this._localeCode, w)}</span></span
        >
        <span>${formatWindow(option, now, promise.destination.timeZone, this._localeCode, w)}</span>
        <span class="muted">${formatReason(option, this._localeCode, w)}</span>
      </span>
    </label>`;
  }

  private _renderPayment() {
    const m = this._messages;
    const session = this._session;
    if (!session) return html`<p class="muted">${m.working}</p>`;
    const w = this._widgetMessages;
    const tz = this._options?.destination.timeZone ?? 'UTC';
    const now = new Date(Date.parse(this._options?.computedAt ?? '') || Date.now());
    const held = this._timeFormat.format(new Date(session.reservationExpiresAt));
    const address = this._form;
    return html`<form class="step" novalidate @submit=${this._placeOrder} aria-busy=${this._busy ? 'true' : 'false'}>
      <h3>${m.paymentHeading}</h3>
      <dl class="summary">
        ${session.items.map(
          (item) =>
            html`<div>
              <dt>${item.title} × ${item.quantity}</dt>
              <dd>${formatMoney(item.lineTotal, this._localeCode)}</dd>
            </div>`,
        )}
        <div>
          <dt>${m.shipping} (${w.service[session.option.service]})</dt>
          <dd>${formatPrice(session.amounts.shipping, this._localeCode, w)}</dd>
        </div>
        <div class="total">
          <dt>${m.total}</dt>
          <dd>${formatMoney(session.amounts.total, this._localeCode)}</dd>
        </div>
        <div>
          <dt>${m.arrives}</dt>
          <dd>${formatWindow(session.option, now, tz, this._localeCode, w)}</dd>
        </div>
        <div>
          <dt>${m.deliverTo}</dt>
          <dd>${address.name}, ${address.line1}, ${address.city} ${address.postalCode}</dd>
        </div>
      </dl>
      <p class="muted">${m.heldUntil(held)}</p>
      ${
        session.payment.provider === 'test'
          ? html`<div class="test-mode" part="test-mode">
                <strong>${m.testMode}</strong>
                <span>${m.testModeHint}</span>
              </div>
              ${this._field('card', m.cardNumber, { inputmode: 'numeric', autocomplete: 'off', autofocus: true })}`
          : html`<div class="stripe"><slot name="payment"></slot></div>`
      }
      <div class="actions">
        <button class="secondary" type="button" @click=${() => this._goTo('delivery')} ?disabled=${this._busy}>${m.back}</button>
        <button
          class="primary"
          part="primary-action"
          type="submit"
          ?disabled=${this._busy || (session.payment.provider === 'stripe' && !this._payment)}
          ?data-autofocus=${session.payment.provider !== 'test'}
        >
          ${this._busy ? m.working : m.placeOrder(formatMoney(session.amounts.total, this._localeCode))}
        </button>
      </div>
    </form>`;
  }

  private _renderDone() {
    const m = this._messages;
    const session = this._session;
    const order = session?.order;
    if (!session || !order) return html``;
    const tz = this._options?.destination.timeZone ?? 'UTC';
    const now = new Date(Date.parse(this._options?.computedAt ?? '') || Date.now());
    // The server's order status page (`GET /orders/:id?token=…`), readable with the access token alone.
    const statusUrl = `${this._api.apiBase.replace(/\/+$/, '')}/orders/${encodeURIComponent(order.id)}?token=${encodeURIComponent(order.accessToken)}`;
    return html`<div class="step done">
      <h3>${m.doneHeading}</h3>
      <p role="status">${m.orderPlaced}</p>
      <p><strong>${m.arrives}:</strong> ${formatWindow(session.option, now, tz, this._localeCode, this._widgetMessages)}</p>
      <p>${m.orderNumber(order.id)} · <a href=${statusUrl} target="_blank" rel="noopener">${m.trackOrder}</a></p>
      <div class="actions">
        <button class="primary" part="primary-action" type="button" data-autofocus @click=${this.close}>${m.done}</button>
      </div>
    </div>`;
  }

  // ——— behaviour ———

  private _goTo(step: Step, keepNotice = false) {
    if (!keepNotice) this._notice = null;
    if (step !== 'payment') this._destroyPayment();
    this._step = step;
  }

  private _validateDetails(): boolean {
    const m = this._messages;
    const f = this._form;
    const errors: Partial<Record<FieldName, string>> = {};
    const quantity = Number(f.quantity);
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > 99) errors.quantity = '1–99';
    if (!EMAIL.test(f.email.trim())) errors.email = f.email.trim() ? m.invalidEmail : m.required;
    for (const name of ['name', 'line1', 'city', 'region'] as const) if (!f[name].trim()) errors[name] = m.required;
    if (!isPostalCode(f.postalCode)) errors.postalCode = f.postalCode.trim() ? m.invalidPostalCode : m.required;
    if (!/^[A-Za-z]{2}$/.test(f.country.trim())) errors.country = 'US, FR, JP…';
    this._errors = errors;
    const first = Object.keys(errors)[0];
    if (first) {
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>(`input[name="${first}"]`)?.focus());
      return false;
    }
    return true;
  }

  private async _submitDetails(event: Event) {
    event.preventDefault();
    if (this._busy || !this._validateDetails()) return;
    this._goTo('delivery');
    await this._loadOptions();
  }

  /** Fetches the options for the typed postal code and quantity (aborting a stale fetch). */
  private async _loadOptions() {
    this._optionsAbort?.abort();
    const abort = new AbortController();
    this._optionsAbort = abort;
    const postalCode = this._form.postalCode.trim().toUpperCase();
    const quantity = Number(this._form.quantity);
    const initial = this._context?.promise;
    if (
      initial &&
      !this._memberToken &&
      initial.quantity === quantity &&
      initial.destination.postalCode === postalCode &&
      initial.product.sku === this._sku
    ) {
      this._setOptions(initial);
    } else {
      this._options = null;
    }
    try {
      const promise = await getPromise(this._api, { sku: this._sku, quantity, postalCode }, abort.signal);
      if (this._notice === this._optionsNotice) this._notice = null;
      this._setOptions(promise);
    } catch (error) {
      if (isAbort(error)) return;
      if (this._options) return;
      this._fail(error, 'checkout');
      this._optionsNotice = this._notice;
    }
  }

  private _setOptions(promise: PromiseResponse) {
    this._options = promise;
    if (!promise.options.some((option) => option.service === this._service)) this._service = promise.options[0]?.service ?? null;
  }

  private _sessionBody(): CreateCheckoutSessionBody {
    const f = this._form;
    const chosen = this._options?.options.find((option) => option.service === this._service);
    const line2 = f.line2.trim();
    return {
      items: [{ sku: this._sku, quantity: Number(f.quantity) }],
      email: f.email.trim().toLowerCase(),
      address: {
        name: f.name.trim(),
        line1: f.line1.trim(),
        ...(line2 ? { line2 } : {}),
        city: f.city.trim(),
        region: f.region.trim(),
        postalCode: f.postalCode.trim().toUpperCase(),
        country: f.country.trim().toUpperCase(),
      },
      service: this._service as ServiceId,
      // The window the shopper chose: a later one by now comes back as `promise_changed`.
      ...(chosen ? { expectedWindow: chosen.window } : {}),
    };
  }

  private async _submitDelivery(event: Event) {
    event.preventDefault();
    // The options could not be fetched: Continue tries again.
    if (!this._options) return void this._loadOptions();
    if (this._busy || !this._service) return;
    const body = this._sessionBody();
    const json = JSON.stringify(body);
    // A fresh key per attempt; the same key when the shopper retries the very same attempt
    // (after a network error, say), so the server can answer it once.
    if (this._attempt?.body !== json) this._attempt = { body: json, key: newIdempotencyKey() };
    const key = this._attempt.key;
    // What the server answers now supersedes a refresh of the options still on its way.
    this._optionsAbort?.abort();
    this._busy = true;
    this._notice = null;
    try {
      const session = await createCheckoutSession(this._api, body, key);
      this._session = session;
      this._goTo('payment');
      if (session.payment.provider === 'stripe') void this._mountStripe(session);
    } catch (error) {
      if (
        error instanceof NearbuyApiError &&
        error.status >= 400 &&
        error.status < 500 &&
        error.code !== 'rate_limited' &&
        error.code !== 'idempotency_key_in_flight'
      ) {
        this._attempt = null;
      }
      this._fail(error, 'checkout');
    } finally {
      this._busy = false;
    }
  }

  private async _mountStripe(session: CheckoutSession) {
    if (session.payment.provider !== 'stripe') return;
    this._destroyPayment();
    if (!this._paymentHost) {
      this._paymentHost = document.createElement('div');
      this._paymentHost.slot = 'payment';
      this._paymentHost.className = 'nearbuy-payment';
    }
    this.append(this._paymentHost);
    // Stripe's iframe cannot see our CSS variables: hand it resolved colours and the font.
    const style = getComputedStyle(this);
    const theme = this.theme;
    const dark = theme === 'dark' || (theme === 'auto' && matchMedia('(prefers-color-scheme: dark)').matches);
    await this.updateComplete;
    const action = this.renderRoot.querySelector<HTMLElement>('[part="primary-action"]');
    const colorPrimary = action ? getComputedStyle(action).backgroundColor : undefined;
    try {
      const { mountPaymentElement } = await import('./stripe.js');
      const payment = await mountPaymentElement({
        publishableKey: session.payment.stripePublishableKey,
        clientSecret: session.payment.clientSecret,
        container: this._paymentHost,
        locale: this._localeCode,
        appearance: {
          theme: dark ? 'night' : 'stripe',
          variables: { ...(colorPrimary ? { colorPrimary } : {}), fontFamily: style.fontFamily },
        },
      });
      if (this._session !== session || this._step !== 'payment') payment.destroy();
      else this._payment = payment;
    } catch (error) {
      this._notice = { kind: 'error', text: this._messages.errors.payment_unavailable };
      this._emit({ code: 'payment_unavailable', message: String(error), status: 0, source: 'payment' });
    }
  }

  private _destroyPayment() {
    this._payment?.destroy();
    this._payment = null;
    this._paymentHost?.remove();
  }

  private async _placeOrder(event: Event) {
    event.preventDefault();
    const session = this._session;
    if (this._busy || !session) return;
    if (session.payment.provider === 'test' && !/^[0-9 ]{12,23}$/.test(this._form.card.trim())) {
      this._errors = { card: this._messages.required };
      this.renderRoot.querySelector<HTMLInputElement>('input[name="card"]')?.focus();
      return;
    }
    this._busy = true;
    this._notice = null;
    try {
      let placed: CheckoutSession;
      if (session.payment.provider === 'test') {
        placed = await confirmTestPayment(this._api, session.id, { cardNumber: this._form.card.trim() });
      } else {
        if (!this._payment) throw new NearbuyApiError('payment_unavailable', 'Stripe is not ready', 0);
        const result = await this._payment.confirm(globalThis.location?.href ?? '');
        if (!result.ok) {
          this._notice = { kind: 'error', text: result.message || this._messages.errors.payment_declined };
          this._emit({
            code: result.declined ? 'payment_declined' : 'payment_failed',
            message: result.message,
            status: 0,
            source: 'payment',
          });
          return;
        }
        placed = await this._waitForOrder(session.id);
      }
      this._orderPlaced(placed);
    } catch (error) {
      this._fail(error, 'payment');
    } finally {
      this._busy = false;
    }
  }

  /** With Stripe the order is placed by the webhook; poll the session briefly until it has one. */
  private async _waitForOrder(id: string): Promise<CheckoutSession> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const session = await getCheckoutSession(this._api, id);
      if (session.order) return session;
      await wait(Math.min(500 * (attempt + 1), 2000));
    }
    throw new NearbuyApiError('internal', 'The payment went through but the order is not placed yet', 0);
  }

  private _orderPlaced(session: CheckoutSession) {
    if (!session.order) throw new NearbuyApiError('internal', 'Expected an order on the confirmed session, got none', 200);
    this._session = session;
    this._attempt = null;
    this._destroyPayment();
    this._goTo('done');
    (this._context?.host ?? this).dispatchEvent(
      new NearbuyOrderPlacedEvent({
        orderId: session.order.id,
        items: session.items.map((item) => ({ sku: item.sku, quantity: item.quantity })),
        amounts: session.amounts,
        service: session.option.service,
        promisedWindow: session.option.window,
      }),
    );
  }

  private async _sendCode() {
    const m = this._messages;
    if (!EMAIL.test(this._form.email.trim())) {
      this._errors = { ...this._errors, email: this._form.email.trim() ? m.invalidEmail : m.required };
      this.renderRoot.querySelector<HTMLInputElement>('input[name="email"]')?.focus();
      return;
    }
    this._busy = true;
    this._notice = null;
    try {
      await requestMemberCode(this._api, this._form.email.trim().toLowerCase());
      this._memberStage = 'code-sent';
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('input[name="code"]')?.focus();
    } catch (error) {
      this._fail(error, 'member');
    } finally {
      this._busy = false;
    }
  }

  private async _verifyCode() {
    const code = this._form.code.trim();
    if (!/^\d{6}$/.test(code)) {
      this._errors = { ...this._errors, code: this._messages.invalidCode };
      this.renderRoot.querySelector<HTMLInputElement>('input[name="code"]')?.focus();
      return;
    }
    this._busy = true;
    this._notice = null;
    try {
      const { token } = await createMemberSession(this._api, this._form.email.trim().toLowerCase(), code);
      this._memberStage = 'signed-in';
      this._attempt = null;
      const context = this._context;
      if (context) {
        // Every later call carries the token; the button keeps it (and refetches its promise).
        this._context = { ...context, api: { ...context.api, memberToken: token } };
        context.host.dispatchEvent(new NearbuyMemberSignedInEvent(token));
      }
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('input[name="name"]')?.focus();
    } catch (error) {
      if (error instanceof NearbuyApiError && error.status >= 400 && error.status < 500 && error.code !== 'rate_limited') {
        this._errors = { ...this._errors, code: this._messages.errors.member_code };
        this._emit({ code: error.code, message: error.message, status: error.status, source: 'member' });
      } else {
        this._fail(error, 'member');
      }
    } finally {
      this._busy = false;
    }
  }

  /** Turns any failure into a message the shopper can act on, and moves to where they can act. */
  private _fail(error: unknown, source: NearbuyErrorDetail['source']) {
    const e = error instanceof NearbuyApiError ? error : new NearbuyApiError('internal', String(error), 0);
    this._emit({ code: e.code, message: e.message, status: e.status, source });
    const errors = this._messages.errors;
    const w = this._widgetMessages;
    const detailOptions = (e.details as { options?: unknown } | undefined)?.options;
    const options = Array.isArray(detailOptions) ? (detailOptions as DeliveryOption[]) : null;
    switch (e.code) {
      case 'out_of_stock':
      case 'promise_changed': {
        if (options && this._options) this._setOptions({ ...this._options, options });
        let text: string;
        if (e.code === 'out_of_stock') {
          text = options?.length === 0 ? errors.sold_out : errors.out_of_stock;
        } else {
          const current = options?.find((option) => option.service === this._service) ?? options?.[0];
          const promise = this._options;
          const when =
            current && promise
              ? formatWindow(
                  current,
                  new Date(Date.parse(promise.computedAt) || Date.now()),
                  promise.destination.timeZone,
                  this._localeCode,
                  w,
                )
              : '';
          text = current ? errors.promise_changed(w.service[current.service], when) : errors.out_of_stock;
        }
        this._notice = { kind: 'error', text };
        this._session = null;
        this._goTo('delivery', true);
        if (!options) void this._loadOptions();
        break;
      }
      case 'payment_declined':
        this._notice = { kind: 'error', text: errors.payment_declined };
        this._form = { ...this._form, card: '' };
        void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('input[name="card"]')?.focus());
        break;
      case 'session_expired':
        this._notice = { kind: 'error', text: errors.session_expired };
        this._session = null;
        this._attempt = null;
        this._goTo('delivery', true);
        break;
      case 'undeliverable':
        this._notice = { kind: 'error', text: errors.undeliverable };
        this._errors = { postalCode: errors.undeliverable };
        this._goTo('details', true);
        break;
      case 'rate_limited':
        this._notice = { kind: 'error', text: errors.rate_limited };
        break;
      case 'payment_unavailable':
        this._notice = { kind: 'error', text: errors.payment_unavailable };
        break;
      case 'network':
        this._notice = { kind: 'error', text: errors.network };
        break;
      case 'invalid_request':
      case 'unprocessable':
        this._notice = { kind: 'error', text: errors.invalid_request };
        break;
      default:
        this._notice = { kind: 'error', text: source === 'member' ? errors.member_code : errors.generic };
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'nearbuy-checkout': NearbuyCheckout;
  }
}
