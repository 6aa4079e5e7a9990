/**
 * The parts of `<nearbuy-button>` a shopper opens on demand (the other delivery options and the
 * postal code form, with saving the code): their own small chunk, so that the first chunk stays
 * within budget. The form keeps its own state; it never writes the button's fields.
 */
import { html, nothing } from 'lit/html.js';
import { css, styleSheet, type WidgetElement } from '../internal/element.js';
import type { PromiseResponse } from '../../contract/public.js';
import { formatPrice, formatWindow } from '../internal/format.js';
import { formatReason } from '../internal/format-reason.js';
import { allMessages } from '../locales/en-lazy.js';
import type { PromiseMessages } from '../locales/messages.js';
import { POSTAL_CODE_KEY, isPostalCode, postalCodeChannel } from '../internal/storage.js';

/** Adopted into the button's shadow root when this chunk loads (constructable: fine under CSP). */
const moreStyles = css`
  form {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em;
  }
  input {
    inline-size: 8em;
    padding: 0.25em 0.5em;
    border: 1px solid var(--_outline);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_surface);
  }
  .hint {
    inline-size: 100%;
    color: var(--_danger);
  }
  .options {
    display: grid;
    gap: 0.5em;
    margin: 0;
    padding: 0;
    list-style: none;
    font-size: 0.875em;
  }
  .options li {
    display: grid;
    padding-block: 0.5em;
    border-block-start: 1px solid color-mix(in srgb, var(--_outline) 40%, transparent);
  }
  .options .muted {
    color: var(--_muted);
  }
`;

type Host = Pick<WidgetElement, 'requestUpdate' | 'updateComplete' | 'renderRoot'>;

/** Adds this chunk's styles to the button's shadow root (once), and gives it its postal code form. */
export function attach(host: Host): PostalCodeEditor {
  const root = host.renderRoot;
  const sheet = styleSheet(moreStyles);
  if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  return new PostalCodeEditor(host);
}

export function renderOptions(response: PromiseResponse, now: Date, locale: string, promiseMessages: PromiseMessages) {
  const messages = allMessages(promiseMessages);
  return html`<ul class="options" part="options" id="options">
    ${response.options.slice(1).map(
      (option) => html`<li>
        <span><strong>${messages.service[option.name ?? option.service]}</strong> · ${formatPrice(option.price, locale, messages)}</span>
        <span>${formatWindow(option, now, response.destination.timeZone, locale, messages)}</span>
        <span class="muted">${formatReason(option, locale, messages, response.destination.country)}</span>
      </li>`,
    )}
  </ul>`;
}

/**
 * Saves the postal code the shopper typed, for the site (storage failures only mean "not
 * remembered"), and tells every widget on the page; false when it is not a postal code.
 */
function savePostalCode(value: string): boolean {
  const code = value.trim().toUpperCase();
  if (!isPostalCode(code)) return false;
  try {
    globalThis.localStorage?.setItem(POSTAL_CODE_KEY, code);
  } catch {
    // Not remembered; the widget still uses the value for this page.
  }
  postalCodeChannel.dispatchEvent(new CustomEvent('change', { detail: code }));
  return true;
}

/**
 * The postal code form and its state, owned by this chunk: the button asks it whether it is open
 * and to render itself. Save remembers the code for the site (every widget on the page follows),
 * Cancel returns to "Change".
 */
export class PostalCodeEditor {
  /** Whether the shopper opened the form with "Change". */
  editing = false;
  #invalid = false;

  constructor(private readonly host: Host) {}

  /** Opens the form and puts the cursor in it. */
  async open(): Promise<void> {
    this.editing = true;
    await this.#update();
    this.host.renderRoot.querySelector<HTMLInputElement>('#postal')?.focus();
  }

  render(postalCode: string, messages: PromiseMessages, cancellable: boolean) {
    const m = allMessages(messages);
    const invalid = this.#invalid;
    return html`<form class="where" part="location" @submit=${this.#save} novalidate>
      <label for="postal">${m.postalCodeLabel}</label>
      <input
        id="postal"
        part="postal-code-input"
        name="postal"
        autocomplete="postal-code"
        .value=${postalCode}
        aria-invalid=${invalid ? 'true' : 'false'}
        aria-describedby=${invalid ? 'postal-hint' : nothing}
      />
      <button class="link" type="submit">${m.save}</button>
      ${cancellable ? html`<button class="link" type="button" @click=${this.#cancel}>${m.cancel}</button>` : nothing}
      ${invalid ? html`<span class="hint" id="postal-hint">${m.invalidPostalCode}</span>` : nothing}
    </form>`;
  }

  #save = (event: SubmitEvent) => {
    event.preventDefault();
    const input = (event.target as HTMLFormElement).elements.namedItem('postal') as HTMLInputElement;
    const saved = savePostalCode(input.value);
    this.#invalid = !saved;
    if (saved) this.editing = false;
    else input.focus();
    void this.#update();
  };

  #cancel = async () => {
    this.editing = false;
    this.#invalid = false;
    await this.#update();
    this.host.renderRoot.querySelector<HTMLElement>('.where .link')?.focus();
  };

  #update(): Promise<boolean> {
    this.host.requestUpdate();
    return this.host.updateComplete;
  }
}
