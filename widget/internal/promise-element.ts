/**
 * What `<nearbuy-button>` and `<nearbuy-promise>` share: the attributes, fetching the promise as
 * a `@lit/task` (aborting the stale request when the SKU, quantity or postal code changes), the
 * locally ticking countdown and its refetch, the remembered postal code, the locale and events.
 */
import { LitElement, html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { Task, TaskStatus } from '@lit/task';
import type { DeliveryOption, PromiseResponse } from '../../contract/public.js';
import { NearbuyApiError, getPromise, isAbort, type ApiConfig } from './api.js';
import { clock } from './clock.js';
import { formatDuration, formatPrice, formatWindow } from './format.js';
import { postalCodeChannel, readPostalCode } from './storage.js';
import { directionOf, englishMessages, loadMessages, resolveLocale } from '../locales/load.js';
import type { LocaleCode, WidgetMessages } from '../locales/messages.js';
import { NearbuyErrorEvent } from '../events/error.js';
import { NearbuyPromiseShownEvent } from '../events/promise-shown.js';
import { NearbuyReadyEvent, type NearbuyPromiseState } from '../events/ready.js';

/** The countdown is hidden when the cut-off is further away than this. */
const COUNTDOWN_HORIZON_MS = 24 * 3_600_000;

export type PromiseView =
  | { state: 'loading' }
  | { state: 'needs-postal-code' }
  | { state: 'error' }
  | { state: 'unavailable'; response: PromiseResponse }
  | { state: 'available'; response: PromiseResponse; best: DeliveryOption };

const NEEDS_POSTAL_CODE = Symbol();

/** Where the module was served from: the default API base when the nearbuy server serves the widget. */
const moduleOrigin = new URL(import.meta.url).origin;

export abstract class PromiseElementBase extends LitElement {
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
  declare protected _messages: WidgetMessages | null;
  declare protected _refreshCount: number;

  /** The member token from the checkout's sign-in; sent with promise requests. */
  protected _memberToken: string | null = null;
  /** The resolved locale. */
  protected _localeCode: LocaleCode = 'en';
  #tickerId: number | null = null;
  #lastCountdownText = '';
  #serverOffsetMs = 0;
  #readyFired = false;
  #refreshing = false;
  #abortedOnDisconnect = false;
  readonly #onPostalCodeChanged = (event: Event) => {
    this._shopperPostalCode = (event as CustomEvent<string | null>).detail;
  };

  readonly #promiseTask = new Task(this, {
    args: () =>
      [
        this.sku,
        this._quantity,
        this.effectivePostalCode,
        this.apiBase,
        this.publishableKey,
        this._memberToken,
        this._refreshCount,
      ] as const,
    // The last four arguments are there to refetch when they change; `_api` reads them.
    task: async ([sku, quantity, postalCode], { signal }) => {
      if (!postalCode) return NEEDS_POSTAL_CODE;
      if (!sku) throw new NearbuyApiError('invalid_request', 'Expected a sku attribute, got none', 0);
      return getPromise(this._api, { sku, quantity, postalCode }, signal);
    },
    onComplete: (result) => this.#onPromise(result),
    onError: (error) => this.#onPromiseError(error),
  });

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
    // A request aborted by an earlier disconnect is made again now the element is back.
    if (this.#abortedOnDisconnect) {
      this.#abortedOnDisconnect = false;
      void this.#promiseTask.run();
    }
    this.#syncTicker();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    postalCodeChannel.removeEventListener('change', this.#onPostalCodeChanged);
    if (this.#promiseTask.status === TaskStatus.PENDING) {
      this.#promiseTask.abort();
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
    if (changed.has('sku') || changed.has('quantity') || changed.has('_shopperPostalCode') || changed.has('postalCode')) {
      this.#refreshing = false;
    }
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
    const task = this.#promiseTask;
    const value = task.value;
    const showPrevious = task.status === TaskStatus.PENDING && this.#refreshing && value !== undefined;
    if (this._messages === null || (task.status !== TaskStatus.COMPLETE && !showPrevious && task.status !== TaskStatus.ERROR)) {
      return { state: 'loading' };
    }
    if (task.status === TaskStatus.ERROR) {
      return { state: isAbort(task.error) ? 'loading' : 'error' };
    }
    if (value === NEEDS_POSTAL_CODE || value === undefined) return { state: 'needs-postal-code' };
    const best = value.options[0];
    return best ? { state: 'available', response: value, best } : { state: 'unavailable', response: value };
  }

  #onPromise(result: PromiseResponse | typeof NEEDS_POSTAL_CODE): void {
    this.#refreshing = false;
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
    if (isAbort(error)) return;
    // Every failure of `getPromise` is a NearbuyApiError; anything else is a bug reported as `internal`.
    const { code = 'internal', message = String(error), status = 0 } = error as Partial<NearbuyApiError>;
    this.dispatchEvent(new NearbuyErrorEvent({ code, message, status, source: 'promise' }));
    this.#fireReady('error');
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

  #countdownText(remaining: number, messages: WidgetMessages): string {
    if (remaining <= 0 || remaining > COUNTDOWN_HORIZON_MS) return '';
    return messages.orderWithin(formatDuration(remaining, this._localeCode));
  }

  #promiseText(option: DeliveryOption, response: PromiseResponse, messages: WidgetMessages): string {
    const when = formatWindow(option, new Date(this._now()), response.destination.timeZone, this._localeCode, messages);
    return messages.delivery(formatPrice(option.price, this._localeCode, messages), when);
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
        line = messages.unavailableNear(view.response.destination.postalCode ?? view.response.destination.label);
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
