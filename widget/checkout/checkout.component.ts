import { LitElement, html, nothing, unsafeCSS, type PropertyValues, type TemplateResult } from 'lit';
import type { CheckoutSession, MemberToken, ServedRegions } from '../../contract/public.js';
import { NearbuyApiError, type ApiConfig } from '../internal/api.js';
import { formatTime } from '../internal/format.js';
import { allMessages } from '../locales/en-lazy.js';
import { directionOf, englishMessages, loadMessages } from '../locales/load.js';
import type { LocaleCode, WidgetMessages } from '../locales/messages.js';
import { NearbuyErrorEvent, type NearbuyErrorDetail } from '../events/error.js';
import { NearbuyOrderPlacedEvent } from '../events/order-placed.js';
import { tokens } from '../styles/tokens.styles.js';
import { createCheckoutSession, deleteMemberSession, getServedRegions } from './api.js';
import type { CheckoutContext } from './context.js';
import { recoveryFor, toApiError, type Recovery } from './errors.js';
import { SessionAttempts, cardError, postalCodeRegionError, regionOf, sessionBody, validateDetails } from './form.js';
import { FormFields } from './form-fields.js';
import { englishCheckoutMessages, loadCheckoutMessages } from './locales/load.js';
import type { CheckoutMessages } from './locales/messages.js';
import { MemberSignIn } from './member.js';
import { endMember, keepMember, memberOf } from './member-session.js';
import { memberChannel } from '../internal/storage.js';
import { readContact, rememberContact } from './remembered.js';
import { DeliveryOptions } from './options.js';
import { PaymentController, billingOf } from './payment.js';
import { renderDelivery } from './steps/delivery.js';
import { renderDetails } from './steps/details.js';
import { renderDone } from './steps/done.js';
import { OrderTimeline } from './order-timeline.js';
import { renderPayment } from './steps/payment.js';
import { styles } from './checkout.styles.js';

type Step = 'details' | 'delivery' | 'payment' | 'done';
const STEPS: readonly Step[] = ['details', 'delivery', 'payment'];

/** Takes a failure the error view should not handle, by returning true. */
type ErrorHandler = (error: NearbuyApiError) => boolean | void;

/**
 * The checkout dialog `<nearbuy-button>` opens: quantity, email (and member sign-in by one-time
 * code), address, delivery options, review and payment, confirmation. A lazy chunk: created by
 * the button on intent, never by the page. Stripe's Payment Element mounts in a light-DOM child
 * of this element (slot `payment`), because Stripe cannot mount inside a shadow root.
 *
 * This class is the shell: the `<dialog>`, its header and notice, focus, and moving between the
 * steps. The steps render in `steps/`; the form, delivery options, payment and member sign-in
 * are controllers of their own, and `errors.ts` decides what a failure means for the shopper.
 * It knows the button only through the `CheckoutContext` it is opened with (docs/ARCHITECTURE.md,
 * section "Widget").
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
 * @csspart timeline - The thank-you step's "What happens next": the order's steps with their times.
 *
 * @cssproperty [--nearbuy-dialog-background=var(--nearbuy-color-surface)] - Component token: dialog background.
 * @cssproperty [--nearbuy-dialog-color=var(--nearbuy-color-on-surface)] - Component token: dialog text.
 * @cssproperty [--nearbuy-dialog-radius=12px] - Component token: dialog corners.
 * @cssproperty [--nearbuy-dialog-width=30rem] - Component token: dialog width on wide screens.
 * @cssproperty [--nearbuy-backdrop=rgb(0 0 0 / 0.45)] - Component token: the page behind the dialog.
 */
export class NearbuyCheckout extends LitElement {
  // The system tokens are the first chunk's CSS text (`internal/element.ts`), not a Lit `css` result.
  static override styles = [unsafeCSS(tokens), styles];

  static override properties = {
    theme: { reflect: true },
    _step: { state: true },
    _notice: { state: true },
    _busy: { state: true },
    _session: { state: true },
    _messages: { state: true },
    _widgetMessages: { state: true },
  };

  declare theme: 'light' | 'dark' | 'auto';

  declare private _step: Step;
  /** What went wrong, for the shopper (an alert above the step). */
  declare private _notice: string | null;
  declare private _busy: boolean;
  declare private _session: CheckoutSession | null;
  declare private _messages: CheckoutMessages;
  declare private _widgetMessages: WidgetMessages;

  /** What the button said when it last opened the dialog. */
  private _context: CheckoutContext | null = null;
  private _localeCode: LocaleCode = 'en';
  private _openedSku: string | null = null;
  private readonly _attempts = new SessionAttempts();
  /** The notice a failed options fetch put up: the one a later successful fetch takes down. */
  private _optionsNotice: string | null = null;

  private readonly _form = new FormFields(this);
  /** The places served, for the address selects; null until loaded (or if they cannot be). */
  private _regions: ServedRegions | null = null;
  /** The API (base and key) `_regions` came from. */
  private _regionsFrom = '';
  private readonly _delivery = new DeliveryOptions(this);
  private readonly _timeline = new OrderTimeline(this);
  private readonly _payment = new PaymentController(this);
  private readonly _member = new MemberSignIn({
    form: this._form,
    messages: () => this._messages,
    api: () => this._api,
    busy: () => this._busy,
    run: (action, onError) => this._run('member', action, onError),
    signedIn: (member, onDevice) => this._signedIn(member, onDevice),
    signOut: () => this._signOut(),
    requestUpdate: () => this.requestUpdate(),
  });

  constructor() {
    super();
    this.theme = 'light';
    this._step = 'details';
    this._notice = null;
    this._busy = false;
    this._session = null;
    this._messages = englishCheckoutMessages;
    this._widgetMessages = allMessages(englishMessages);
    // What this device remembers (the shopper agreed last time) fills step one, box ticked.
    const saved = readContact();
    if (saved) {
      this._form.patch(saved);
      this._form.remember = true;
    }
  }

  private get _api(): ApiConfig {
    return this._context?.api ?? { apiBase: '', publishableKey: '' };
  }

  private get _dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  /**
   * Opens the dialog for what the button says now. What the shopper typed before is kept; the
   * quantity starts from the button's when the product (variant) changed since the last opening.
   */
  async open(context: CheckoutContext): Promise<void> {
    // Closing fires its close event a task later; Buy clicked again before that still finds the
    // thank-you step, which the next order never starts from.
    if (this._step === 'done') this._resetAfterOrder();
    this._context = context;
    this.theme = context.theme;
    const code = context.locale;
    if (code !== this._localeCode || !this.hasUpdated) {
      this._localeCode = code;
      [this._messages, this._widgetMessages] = await Promise.all([loadCheckoutMessages(code), loadMessages(code).then(allMessages)]);
    }
    if (this._openedSku !== context.sku) {
      this._openedSku = context.sku;
      this._form.patch({ quantity: String(context.quantity) });
      this._delivery.show(null);
      this._session = null;
      if (this._step !== 'details') this._step = 'details';
    }
    if (!this._form.values.postalCode && context.postalCode) this._form.patch({ postalCode: context.postalCode });
    // The button's token: from this page's sign-in, another widget's, or the one the device kept.
    const token = context.api.memberToken;
    if (token) this._member.markSignedIn(memberOf(context.api.publishableKey, token)?.email ?? null);
    else this._member.markSignedOut();
    this._loadRegions();
    await this.updateComplete;
    const dialog = this._dialog;
    if (!dialog || dialog.open) return;
    dialog.showModal();
    void this._focusStart();
  }

  /**
   * Fetches the places served once per store, in the background: the form stays usable with
   * typed fields meanwhile, and the postal code is checked against the state as soon as they arrive.
   */
  private _loadRegions(): void {
    const from = `${this._api.apiBase}\n${this._api.publishableKey}`;
    if (from === this._regionsFrom) return;
    this._regionsFrom = from;
    this._regions = null;
    getServedRegions(this._api).then(
      (regions) => {
        if (from !== this._regionsFrom) return;
        this._regions = regions;
        // A remembered or typed state ("arizona") becomes the select's code.
        const region = regionOf(this._form.values, regions);
        if (region && region.code !== this._form.values.region) this._form.patch({ region: region.code });
        this._form.postalCodeCheck = (values) => postalCodeRegionError(values, regions, this._messages);
        this.requestUpdate();
      },
      () => {
        // Typed fields stay; the server checks the postal code against the state anyway.
        if (from === this._regionsFrom) this._regionsFrom = '';
      },
    );
  }

  /** Closes the dialog and returns focus to Buy. */
  close(): void {
    const dialog = this._dialog;
    if (dialog?.open) dialog.close();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    memberChannel.addEventListener('change', this._onMember);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    memberChannel.removeEventListener('change', this._onMember);
    this._dialog?.close();
  }

  /**
   * A sign-in or sign-out elsewhere (another widget on the page, another tab of the site, a token
   * refused there): the open dialog follows, and options priced for the other sign-in are asked again.
   */
  private _onMember = (event: Event) => {
    const [key, token] = (event as CustomEvent<[string, string | null]>).detail;
    const context = this._context;
    if (!context || key !== context.api.publishableKey || token === (context.api.memberToken ?? null)) return;
    this._attempts.forget();
    this._context = { ...context, api: { ...context.api, memberToken: token } };
    if (token) this._member.markSignedIn(memberOf(key, token)?.email ?? null);
    else this._member.markSignedOut();
    if (this._step === 'delivery') void this._loadOptions();
  };

  protected override updated(changed: PropertyValues): void {
    if (changed.has('_step') && changed.get('_step') !== undefined) void this._focusStart();
  }

  /** Each step starts at its first field (or chosen option, or primary action), else at the title. */
  private async _focusStart() {
    await this.updateComplete;
    const target =
      this.renderRoot.querySelector<HTMLElement>('[data-autofocus]:not(:disabled)') ?? this.renderRoot.querySelector<HTMLElement>('h2');
    target?.focus();
  }

  private _onDialogClose = () => {
    // Opened again before this late event came: the new opening keeps its focus.
    if (this._dialog?.open) return;
    if (this._step === 'done') this._resetAfterOrder();
    // Focus goes back to Buy, which opened the dialog.
    this._context?.opener?.focus();
  };

  private _resetAfterOrder() {
    this._step = 'details';
    // The next opening starts from the button's quantity again.
    this._openedSku = null;
    this._session = null;
    this._attempts.forget();
    this._notice = null;
    this._form.patch({ card: '', quantity: '1' });
    this._payment.destroy();
    this._timeline.reset();
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
        ${this._notice ? html`<p class="notice" part="notice" role="alert">${this._notice}</p>` : nothing} ${this._renderStep()}
      </div>
    </dialog>`;
  }

  private _renderStep(): TemplateResult {
    const base = { m: this._messages, w: this._widgetMessages, locale: this._localeCode, form: this._form, busy: this._busy };
    const promise = this._delivery.response;
    const timeZone = promise?.destination.timeZone ?? 'UTC';
    const now = new Date(Date.parse(promise?.computedAt ?? '') || Date.now());
    const session = this._session;
    switch (this._step) {
      case 'details':
        return renderDetails(base, {
          member: this._member.render(),
          product: (promise ?? this._context?.promise)?.product ?? null,
          regions: this._regions,
          onSubmit: this._submitDetails,
        });
      case 'delivery':
        return renderDelivery(base, {
          options: this._delivery,
          canRetry: this._notice !== null,
          onBack: () => this._goTo('details'),
          onSubmit: this._submitDelivery,
        });
      case 'payment': {
        if (!session) return html`<p class="muted">${base.m.working}</p>`;
        return renderPayment(base, {
          session,
          timeZone,
          now,
          // On the destination's clock like the window beside it (widget/internal/format.ts).
          heldUntil: formatTime(new Date(session.reservationExpiresAt), timeZone, this._localeCode),
          paymentReady: this._payment.stripe !== null,
          onBack: () => this._goTo('delivery'),
          onSubmit: this._placeOrder,
        });
      }
      case 'done': {
        const order = session?.order;
        if (!session || !order) return html``;
        return renderDone(base, {
          session,
          order,
          timeZone,
          now,
          apiBase: this._api.apiBase,
          placed: this._timeline.order,
          onDone: () => this.close(),
        });
      }
    }
  }

  // ——— behaviour ———

  private _goTo(step: Step, keepNotice = false) {
    if (!keepNotice) this._notice = null;
    if (step !== 'payment') this._payment.destroy();
    this._step = step;
  }

  private _submitDetails = async (event: Event) => {
    event.preventDefault();
    if (this._busy || this._form.showErrors(validateDetails(this._form.values, this._messages, this._regions))) return;
    this._goTo('delivery');
    await this._loadOptions();
  };

  /** Fetches the options for the typed postal code and quantity, starting from the button's promise when it fits. */
  private async _loadOptions() {
    const form = this._form.values;
    const params = { sku: this._context?.sku ?? '', quantity: Number(form.quantity), postalCode: form.postalCode.trim().toUpperCase() };
    // A member's prices differ from the promise the button showed before the sign-in.
    const initial = this._api.memberToken ? null : (this._context?.promise ?? null);
    try {
      if (!(await this._delivery.load(this._api, params, initial))) return;
      if (this._notice === this._optionsNotice) this._notice = null;
      this._optionsNotice = null;
    } catch (error) {
      // With the button's promise on screen a failed refresh changes nothing the shopper needs to know.
      if (this._delivery.response) return;
      this._fail(error, 'checkout');
      this._optionsNotice = this._notice;
    }
  }

  private _submitDelivery = async (event: Event) => {
    event.preventDefault();
    // The options could not be fetched: Continue tries again.
    if (!this._delivery.response) return void this._loadOptions();
    const service = this._delivery.service;
    if (this._busy || !service) return;
    const body = sessionBody(this._form.values, this._context?.sku ?? '', service, this._delivery.chosen);
    const key = this._attempts.keyFor(body);
    // What the server answers now supersedes a refresh of the options still on its way.
    this._delivery.cancel();
    await this._run(
      'checkout',
      async () => {
        const session = await createCheckoutSession(this._api, body, key);
        this._session = session;
        this._goTo('payment');
        if (session.payment.provider === 'stripe') void this._mountStripe(session);
      },
      (error) => void this._attempts.failed(error),
    );
  };

  private async _mountStripe(session: CheckoutSession) {
    try {
      await this._payment.mount(session, this._localeCode, this.theme, billingOf(this._form.values));
    } catch (error) {
      this._notice = this._messages.errors.payment_unavailable;
      this._emit({ code: 'payment_unavailable', message: String(error), status: 0, source: 'payment' });
    }
  }

  private _placeOrder = async (event: Event) => {
    event.preventDefault();
    const session = this._session;
    if (this._busy || !session) return;
    const invalidCard = session.payment.provider === 'test' ? cardError(this._form.values, this._messages) : null;
    if (invalidCard) return void this._form.showErrors({ card: invalidCard });
    await this._run('payment', async () => {
      const result = await this._payment.pay(this._api, session, this._form.values.card.trim());
      if (result.ok) return this._orderPlaced(result.session);
      // Stripe's own words, in the shopper's language.
      this._notice = result.message || this._messages.errors.payment_declined;
      this._emit({ code: result.code, message: result.message, status: 0, source: 'payment' });
    });
  };

  private _orderPlaced(session: CheckoutSession) {
    if (!session.order) throw new NearbuyApiError('internal', 'Expected an order on the confirmed session, got none', 200);
    this._session = session;
    rememberContact(this._form.values, this._form.remember);
    this._attempts.forget();
    this._payment.destroy();
    this._goTo('done');
    void this._timeline.load(this._api, session.order);
    (this._context?.host ?? this).dispatchEvent(
      new NearbuyOrderPlacedEvent({
        orderId: session.order.id,
        items: session.items.map((item) => ({ sku: item.sku, quantity: item.quantity })),
        amounts: session.amounts,
        service: session.option.service,
        // The order's window: a late payment may have taken a later one than the option's.
        promisedWindow: session.order.promisedWindow,
      }),
    );
  }

  /**
   * The member token: every later call carries it, and every widget on the page (and, when the
   * shopper asked, this device) keeps it and fetches its promise again (`member-session.ts`).
   */
  private _signedIn(member: MemberToken, onDevice: boolean) {
    this._attempts.forget();
    const context = this._context;
    if (!context) return;
    this._context = { ...context, api: { ...context.api, memberToken: member.token } };
    keepMember(context.api.publishableKey, member, onDevice);
  }

  /** Forgets the member here, on the page and on the device; the next calls are a guest's. */
  private _forgetMember() {
    const context = this._context;
    if (!context) return;
    this._attempts.forget();
    this._context = { ...context, api: { ...context.api, memberToken: null } };
    this._member.markSignedOut();
    endMember(context.api.publishableKey);
  }

  /** Sign out: forgotten at once on this device; the server revokes the token (reported if it could not). */
  private _signOut() {
    const api = this._api;
    this._forgetMember();
    deleteMemberSession(api).catch((error: unknown) => {
      const e = toApiError(error);
      this._emit({ code: e.code, message: e.message, status: e.status, source: 'member' });
    });
  }

  // ——— failures ———

  /** Public events go to the button (to this element only if it was never opened). */
  private _emit(detail: NearbuyErrorDetail) {
    (this._context?.host ?? this).dispatchEvent(new NearbuyErrorEvent(detail));
  }

  /** Runs one request with the dialog busy and its notice cleared; a failure goes to `_fail`. */
  private async _run(source: NearbuyErrorDetail['source'], action: () => Promise<void>, onError?: ErrorHandler) {
    this._busy = true;
    this._notice = null;
    try {
      await action();
    } catch (error) {
      this._fail(error, source, onError);
    } finally {
      this._busy = false;
    }
  }

  /** Reports a failure as `nearbuy-error`; then `onError` may take it (true), else the error view decides what the shopper sees. */
  private _fail(error: unknown, source: NearbuyErrorDetail['source'], onError?: ErrorHandler) {
    const e = toApiError(error);
    this._emit({ code: e.code, message: e.message, status: e.status, source });
    if (e.status === 401 && this._api.memberToken) {
      // The member token was signed out elsewhere, expired or the membership ended: a guest now.
      this._forgetMember();
      this._recover({ notice: this._messages.errors.member_ended, step: 'details', newAttempt: true });
      return;
    }
    if (onError?.(e)) return;
    this._recover(
      recoveryFor(e, source, { delivery: this._delivery, locale: this._localeCode, m: this._messages, w: this._widgetMessages }),
    );
  }

  /** Shows the shopper what to do, and takes them where they can do it. */
  private _recover(recovery: Recovery) {
    if (recovery.options) this._delivery.replace(recovery.options);
    this._notice = recovery.notice;
    if (recovery.dropSession) this._session = null;
    if (recovery.newAttempt) this._attempts.forget();
    if (recovery.fieldErrors) this._form.showErrors(recovery.fieldErrors, false);
    if (recovery.retypeCard) this._form.retype('card');
    if (recovery.step) this._goTo(recovery.step, true);
    if (recovery.options === null) void this._loadOptions();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'nearbuy-checkout': NearbuyCheckout;
  }
}
