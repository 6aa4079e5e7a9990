/**
 * What `<nearbuy-button>` and `<nearbuy-promise>` share: the attributes, fetching the promise as
 * a `@lit/task` (aborting the stale request when the SKU, quantity or postal code changes), the
 * locally ticking countdown and its refetch, the remembered postal code, the locale and events.
 *
 * Formatting (dates, windows, money, durations: `format.ts` and `contract/money.ts`) is a lazy
 * chunk fetched with the first promise request, in parallel with it, so that the first chunk stays
 * small without a second round trip before the promise shows (widget/README.md).
 */
import { html, nothing, type TemplateResult } from 'lit/html.js';
import { WidgetElement, type PropertyDeclarations, type PropertyValues } from './element.js';
import type { DeliveryOption, PromiseResponse } from '../../contract/public.js';
import { NearbuyApiError, getPromise, type ApiConfig } from './api.js';
import { clock } from './clock.js';
import type * as FormatModule from './format.js';
import { lazy } from './lazy.js';
import { followOtherTabs, forgetMember, memberChannel, postalCodeChannel, readMemberToken, readPostalCode } from './storage.js';
import { directionOf, englishMessages, loadMessages, resolveLocale } from '../locales/load.js';
import type { LocaleCode, PromiseMessages } from '../locales/messages.js';
import { NearbuyErrorEvent } from '../events/error.js';
import { NearbuyPromiseShownEvent } from '../events/promise-shown.js';
import { NearbuyReadyEvent, type NearbuyPromiseState } from '../events/ready.js';

/** The countdown is hidden when the cut-off is further away than this. */
const COUNTDOWN_HORIZON_MS = 24 * 3_600_000;

/**
 * Why nothing can be bought. The server says why (`PromiseResponse.unavailable`, or the `details`
 * of an `undeliverable` error): `sold_out`, `held` (the last units in other shoppers' checkouts,
 * with when to look again), `not_deliverable` (nothing reaches this postal code: try another),
 * `unknown_postal_code`. `not-offered` is the widget's own: the API refused the SKU or the key, so
 * the merchant's page is wrong, not the shopper, and a console warning says why.
 */
export type UnavailableReason = NonNullable<PromiseResponse['unavailable']>['reason'] | 'not-offered';

export type PromiseView =
  | { state: 'loading' }
  | { state: 'needs-postal-code' }
  /** Our side cannot answer right now (network, 5xx, 429): retried with back-off. */
  | { state: 'error' }
  | { state: 'unavailable'; reason: UnavailableReason; response: PromiseResponse | null }
  | { state: 'available'; response: PromiseResponse; best: DeliveryOption };

/** First retry after an outage, then doubling up to the cap (ms); each with up to 25 % jitter. */
const RETRY_FIRST_MS = 2_000;
const RETRY_MAX_MS = 60_000;

/**
 * Answers that retrying cannot change: the page asks for something the API refuses (a SKU it does
 * not sell, a wrong or missing key, a page origin it does not allow). Anything else that fails is
 * an outage (network, 5xx, 429, a body that is not JSON) and is retried.
 */
function isPermanent(error: NearbuyApiError): boolean {
  return error.status === 0 ? error.code === 'invalid_request' : error.status < 500 && error.status !== 429;
}

const NEEDS_POSTAL_CODE = Symbol();

/** The formatting chunk; a failed load is an outage like a failed request, and is tried again. */
const loadFormat = lazy(() => import('./format.js'));
let format: typeof FormatModule | null = null;
function formatting(): Promise<void> {
  return loadFormat().then(
    (module) => void (format = module),
    () => {
      throw new NearbuyApiError('network', 'The widget could not load its formatting chunk', 0);
    },
  );
}

/** Where the module was served from: the default API base when the nearbuy server serves the widget. */
const moduleOrigin = new URL(import.meta.url).origin;

export abstract class PromiseElementBase extends WidgetElement {
  static override properties: PropertyDeclarations = {
    sku: {},
    quantity: { type: Number },
    publishableKey: { attribute: 'publishable-key' },
    apiBase: { attribute: 'api-base' },
    postalCode: { attribute: 'postal-code' },
    locale: {},
    theme: { reflect: true },
    _shopperPostalCode: { state: true },
    _messages: { state: true },
    _refreshCount: { state: true },
  };

  /** The product (variant) SKU; changing it fetches that variant's promise and aborts the stale request. */
  declare sku: string;
  /** How many items the promise is for (1–99). */
  declare quantity: number;
  /** The merchant's publishable key (`pk_…`); safe to put in a page. */
  declare publishableKey: string;
  /** Origin (and optional path) of the nearbuy API. Defaults to the origin the widget script came from. */
  declare apiBase: string;
  /** A default postal code, e.g. from the merchant's geolocation. A code the shopper typed wins. */
  declare postalCode: string;
  /** `en`, `id`, `fr`, `ja`, `zh` or `ar`; defaults to the page's `lang`, then the browser's language. */
  declare locale: string;
  /** `light` (default), `dark`, or `auto` to follow the shopper's system setting. */
  declare theme: 'light' | 'dark' | 'auto';

  declare protected _shopperPostalCode: string | null;
  declare protected _messages: PromiseMessages | null;
  declare protected _refreshCount: number;

  /**
   * The member token: kept on this device (`storage.ts`) or from a sign-in on this page; sent with
   * promise requests, so a member sees member prices before opening the checkout.
   */
  protected _memberToken: string | null = null;
  /** The resolved locale. */
  protected _localeCode: LocaleCode = 'en';
  #tickerId: number | null = null;
  #lastCountdownText = '';
  #serverOffsetMs = 0;
  #readyFired = false;
  #refreshing = false;
  #abortedOnDisconnect = false;
  /** Failures in a row while the server is unreachable; 0 when the last answer was a real one. */
  #failures = 0;
  #retryId: number | null = null;
  readonly #onPostalCodeChanged = (event: Event) => {
    this._shopperPostalCode = (event as CustomEvent<string | null>).detail;
  };
  readonly #onMember = (event: Event) => {
    const [key, token] = (event as CustomEvent<[string, string | null]>).detail;
    if (key === this.publishableKey) {
      this._memberToken = token;
      this.requestUpdate();
    }
  };

  /**
   * The promise request as explicit states: `pending` (a request in flight, or none made yet),
   * `complete` with a value, or `error`. A request starts in `willUpdate` whenever what it is for
   * changes (`#requestKey`), aborting the stale one; an aborted request's answer is never shown.
   */
  #status: 'pending' | 'complete' | 'error' = 'pending';
  #value: PromiseResponse | typeof NEEDS_POSTAL_CODE | undefined;
  /** What a failed request shows: the outage, or why nothing can be bought. */
  #errorView: PromiseView = { state: 'error' };
  #requestKey: string | null = null;
  #controller: AbortController | null = null;

  constructor() {
    super();
    this.sku = '';
    this.quantity = 1;
    this.publishableKey = '';
    this.apiBase = '';
    this.postalCode = '';
    this.locale = '';
    this.theme = 'light';
    this._shopperPostalCode = null;
    this._messages = englishMessages;
    this._refreshCount = 0;
  }

  /** The postal code the promise is for: the shopper's remembered one, else the `postal-code` attribute. */
  get effectivePostalCode(): string {
    return (this._shopperPostalCode ?? this.postalCode ?? '').trim();
  }

  /** The `quantity` attribute as a whole number from 1 to 99. */
  protected get _quantity(): number {
    const quantity = Math.trunc(Number(this.quantity));
    return Number.isFinite(quantity) ? Math.min(99, Math.max(1, quantity)) : 1;
  }

  /** How to reach the API: `api-base` (else where the script came from), the key, the member token. */
  protected get _api(): ApiConfig {
    return { apiBase: this.apiBase || moduleOrigin, publishableKey: this.publishableKey, memberToken: this._memberToken };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this._shopperPostalCode = readPostalCode();
    postalCodeChannel.addEventListener('change', this.#onPostalCodeChanged);
    memberChannel.addEventListener('change', this.#onMember);
    addEventListener('storage', followOtherTabs);
    // A request aborted by an earlier disconnect is made again now the element is back.
    if (this.#abortedOnDisconnect || this.#failures > 0) {
      this.#abortedOnDisconnect = false;
      this.#request();
    }
    this.#syncTicker();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    postalCodeChannel.removeEventListener('change', this.#onPostalCodeChanged);
    memberChannel.removeEventListener('change', this.#onMember);
    this.#cancelRetry();
    if (this.#status === 'pending' && this.#controller) {
      this.#controller.abort();
      this.#abortedOnDisconnect = true;
    }
    this.#stopTicker();
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('locale') || !this.hasUpdated) {
      const code = resolveLocale(this.locale);
      this._localeCode = code;
      if (code === 'en') {
        this._messages = englishMessages;
      } else {
        this._messages = null;
        void loadMessages(code).then((messages) => {
          if (this._localeCode === code) this._messages = messages;
        });
      }
    }
    if (changed.has('publishableKey')) this._memberToken = readMemberToken(this.publishableKey);
    if (changed.has('sku') || changed.has('quantity') || changed.has('_shopperPostalCode') || changed.has('postalCode')) {
      this.#refreshing = false;
    }
    // `_api` reads the last four; a change of any of them is a new question.
    const key = [
      this.sku,
      this._quantity,
      this.effectivePostalCode,
      this.apiBase,
      this.publishableKey,
      this._memberToken,
      this._refreshCount,
    ].join('\n');
    if (key !== this.#requestKey) {
      this.#requestKey = key;
      this.#request();
    }
  }

  /** Asks for the promise now, aborting the request in flight. */
  #request(): void {
    this.#controller?.abort();
    const controller = (this.#controller = new AbortController());
    const postalCode = this.effectivePostalCode;
    const sku = this.sku;
    this.#status = 'pending';
    const answer = !postalCode
      ? Promise.resolve(NEEDS_POSTAL_CODE)
      : sku
        ? Promise.all([
            // A refusal's words (and the developer's console warning) are in the formatting chunk too.
            getPromise(this._api, { sku, quantity: this._quantity, postalCode }, controller.signal).catch((error: unknown) =>
              formatting().then(() => Promise.reject(error)),
            ),
            formatting(),
          ]).then(([response]) => response)
        : formatting().then(() => Promise.reject(new NearbuyApiError('invalid_request', 'Expected a sku attribute, got none', 0)));
    answer.then(
      (value) => {
        if (controller.signal.aborted) return;
        this.#status = 'complete';
        this.#value = value;
        this.#onPromise(value);
        this.requestUpdate();
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        this.#status = 'error';
        this.#onPromiseError(error);
        this.requestUpdate();
      },
    );
  }

  protected override updated(_changed: PropertyValues): void {
    this.#syncTicker();
  }

  /** Instant "now" on the server's clock, ticking locally from the last response. */
  protected _now(): number {
    return clock.now() + this.#serverOffsetMs;
  }

  /** The current view of the promise, for rendering. */
  protected get _view(): PromiseView {
    const status = this.#status;
    const value = this.#value;
    const showPrevious = status === 'pending' && this.#refreshing && value !== undefined;
    // While retrying after an outage, the outage stays on screen (no skeleton flashing every retry).
    if (status === 'pending' && this.#failures > 0 && this._messages !== null) return { state: 'error' };
    if (this._messages === null || (status === 'pending' && !showPrevious)) return { state: 'loading' };
    if (status === 'error') return this.#errorView;
    if (value === NEEDS_POSTAL_CODE || value === undefined) return { state: 'needs-postal-code' };
    const best = value.options[0];
    // A server from before `unavailable` answers none: nothing reaches the place, as it then said.
    return best
      ? { state: 'available', response: value, best }
      : { state: 'unavailable', reason: value.unavailable?.reason ?? 'not_deliverable', response: value };
  }

  #onPromise(result: PromiseResponse | typeof NEEDS_POSTAL_CODE): void {
    this.#refreshing = false;
    this.#failures = 0;
    if (result === NEEDS_POSTAL_CODE) {
      this.#fireReady('needs-postal-code');
      return;
    }
    const computedAt = Date.parse(result.computedAt);
    this.#serverOffsetMs = Number.isFinite(computedAt) ? computedAt - clock.now() : 0;
    this.#lastCountdownText = '';
    this.dispatchEvent(
      new NearbuyPromiseShownEvent({
        sku: result.product.sku,
        quantity: result.quantity,
        postalCode: this.effectivePostalCode,
        option: result.options[0] ?? null,
        optionCount: result.options.length,
      }),
    );
    this.#fireReady(result.options.length > 0 ? 'available' : 'unavailable');
  }

  #onPromiseError(error: unknown): void {
    this.#refreshing = false;
    // Every failure of `getPromise` is a NearbuyApiError; anything else is a bug reported as `internal`.
    const { code = 'internal', message = String(error), status = 0, details } = error as Partial<NearbuyApiError>;
    // A member token the API no longer takes (signed out elsewhere, expired): ask again as a guest.
    if (status === 401 && this._memberToken) return forgetMember(this.publishableKey);
    const reason: UnavailableReason | null =
      code === 'undeliverable'
        ? (details as { reason?: unknown } | undefined)?.reason === 'not_deliverable'
          ? 'not_deliverable'
          : 'unknown_postal_code'
        : error instanceof NearbuyApiError && isPermanent(error)
          ? 'not-offered'
          : null;
    this.#errorView = reason ? { state: 'unavailable', reason, response: null } : { state: 'error' };
    if (reason) {
      this.#failures = 0;
      if (reason === 'not-offered') format!.warnDeveloper(code, status, message);
    } else {
      this.#scheduleRetry();
    }
    // One event per outage, not one per retry.
    if (reason || this.#failures === 1) {
      this.dispatchEvent(new NearbuyErrorEvent({ code, message, status, source: 'promise' }));
    }
    this.#fireReady(reason ? 'unavailable' : 'error');
  }

  /** Tries again after an outage: 2 s, 4 s, 8 s … up to a minute, until an answer arrives. */
  #scheduleRetry(): void {
    this.#failures += 1;
    this.#cancelRetry();
    if (!this.isConnected) return;
    const delay = Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** (this.#failures - 1));
    this.#retryId = clock.setTimeout(
      () => {
        this.#retryId = null;
        this._refreshCount += 1;
      },
      delay * (1 + Math.random() / 4),
    );
  }

  #cancelRetry(): void {
    if (this.#retryId !== null) clock.clearTimeout(this.#retryId);
    this.#retryId = null;
  }

  #fireReady(state: NearbuyPromiseState): void {
    if (this.#readyFired) return;
    this.#readyFired = true;
    this.dispatchEvent(new NearbuyReadyEvent({ sku: this.sku, state }));
  }

  /** Ticks once a second while a countdown is on screen; re-renders only when the text changes. */
  #syncTicker(): void {
    const view = this._view;
    const wanted = this.isConnected && view.state === 'available';
    if (wanted && this.#tickerId === null) {
      this.#tickerId = clock.setInterval(() => this.#tick(), 1000);
    } else if (!wanted && this.#tickerId !== null) {
      this.#stopTicker();
    }
  }

  #stopTicker(): void {
    if (this.#tickerId !== null) clock.clearInterval(this.#tickerId);
    this.#tickerId = null;
  }

  #tick(): void {
    const view = this._view;
    if (view.state !== 'available') return;
    const remaining = Date.parse(view.best.orderBy) - this._now();
    if (remaining <= 0) {
      // The cut-off passed: this window is gone. Keep showing it until the fresh promise arrives.
      this.#stopTicker();
      this.#refreshing = true;
      this._refreshCount += 1;
      return;
    }
    // `available` means the messages are loaded (see `_view`).
    const text = this.#countdownText(remaining, this._messages!);
    if (text !== this.#lastCountdownText) {
      this.#lastCountdownText = text;
      this.requestUpdate();
    }
  }

  #countdownText(remaining: number, messages: PromiseMessages): string {
    if (remaining <= 0 || remaining > COUNTDOWN_HORIZON_MS) return '';
    // Only called in the `available` state, which the formatting chunk's load precedes.
    return messages.orderWithin(format!.formatDuration(remaining, this._localeCode));
  }

  #promiseText(option: DeliveryOption, response: PromiseResponse, messages: PromiseMessages): string {
    const when = format!.formatWindow(option, new Date(this._now()), response.destination.timeZone, this._localeCode, messages);
    return messages.delivery(format!.formatPrice(option.price, this._localeCode, messages), when);
  }

  protected get _dir(): 'ltr' | 'rtl' {
    return directionOf(this._localeCode);
  }

  /** The promise line and countdown, in every state, with the same size in every state. */
  protected _renderPromise(view: PromiseView): TemplateResult {
    const messages = this._messages ?? englishMessages;
    let line: unknown;
    let countdown: unknown = nothing;
    let lineClass = 'line';
    switch (view.state) {
      case 'loading':
        line = html`<span class="skeleton" aria-hidden="true"></span><span class="visually-hidden">${messages.loading}</span>`;
        countdown = html`<span class="skeleton short" aria-hidden="true"></span>`;
        break;
      case 'needs-postal-code':
        line = messages.postalCodePrompt;
        lineClass += ' muted';
        break;
      case 'error':
        line = messages.infoUnavailable;
        lineClass += ' muted';
        break;
      case 'unavailable':
        // The formatting chunk, with the reasons' words (English's: `locales/en-lazy.ts`), came with
        // the answer or the refusal (`#request`): the line goes from the skeleton straight to them.
        line = format!.unavailableText(view.reason, view.response, this.effectivePostalCode, this._localeCode, messages);
        lineClass += ' unavailable';
        break;
      case 'available':
        line = this.#promiseText(view.best, view.response, messages);
        countdown = this.#countdownText(Date.parse(view.best.orderBy) - this._now(), messages);
        lineClass += ' available';
        break;
    }
    return html`<div class="promise" part="promise" data-state=${view.state}>
      <p class=${lineClass} part="promise-line" role="status">${line}</p>
      <p class="countdown" part="countdown">${countdown}</p>
    </div>`;
  }
}
