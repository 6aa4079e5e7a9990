/**
 * The parts of `<nearbuy-button>` a shopper opens on demand (the other delivery options and the
 * postal code form): their own small chunk, so that the first chunk stays within budget.
 */
import { css, html, nothing } from 'lit';
import type { PromiseResponse } from '../../contract/public.js';
import { formatPrice, formatWindow } from '../internal/format.js';
import { formatReason } from '../internal/format-reason.js';
import type { WidgetMessages } from '../locales/messages.js';
import type { NearbuyButton } from './button.component.js';

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

/** Adds this chunk's styles to the button's shadow root (once). */
export function adoptStyles(root: ShadowRoot): void {
  const sheet = moreStyles.styleSheet;
  if (sheet && !root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}

export function renderOptions(response: PromiseResponse, now: Date, locale: string, messages: WidgetMessages) {
  return html`<ul class="options" part="options" id="options">
    ${response.options.slice(1).map(
      (option) =>
        html`<li>
          <span><strong>${messages.service[option.service]}</strong> · ${formatPrice(option.price, locale, messages)}</span>
          <span>${formatWindow(option, now, response.destination.timeZone, locale, messages)}</span>
          <span class="muted">${formatReason(option, locale, messages)}</span>
        </li>`,
    )}
  </ul>`;
}

/** The postal code form; Save remembers the code for the site, Cancel returns to "Change". */
export function renderPostalForm(host: NearbuyButton, m: WidgetMessages, cancellable: boolean) {
  const save = (event: SubmitEvent) => {
    event.preventDefault();
    const input = (event.target as HTMLFormElement).elements.namedItem('postal') as HTMLInputElement;
    const saved = host._setShopperPostalCode(input.value);
    host._postalCodeInvalid = !saved;
    if (saved) host._editingPostalCode = false;
    else input.focus();
  };
  const cancel = async () => {
    host._editingPostalCode = false;
    host._postalCodeInvalid = false;
    await host.updateComplete;
    host.renderRoot.querySelector<HTMLElement>('.where .link')?.focus();
  };
  const invalid = host._postalCodeInvalid;
  return html`<form class="where" part="location" @submit=${save} novalidate>
    <label for="postal">${m.postalCodeLabel}</label>
    <input
      id="postal"
      part="postal-code-input"
      name="postal"
      autocomplete="postal-code"
      .value=${host.effectivePostalCode}
      aria-invalid=${invalid ? 'true' : 'false'}
      aria-describedby=${invalid ? 'postal-hint' : nothing}
    />
    <button class="link" type="submit">${m.save}</button>
    ${cancellable ? html`<button class="link" type="button" @click=${cancel}>${m.cancel}</button>` : nothing}
    ${invalid ? html`<span class="hint" id="postal-hint">${m.invalidPostalCode}</span>` : nothing}
  </form>`;
}

/** Opens the postal code form and puts the cursor in it. */
export async function editPostalCode(host: NearbuyButton) {
  host._editingPostalCode = true;
  await host.updateComplete;
  host.renderRoot.querySelector<HTMLInputElement>('#postal')?.focus();
}
