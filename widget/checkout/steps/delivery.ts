import { html, type TemplateResult } from 'lit';
import type { DeliveryOption, PromiseResponse } from '../../../contract/public.js';
import { formatPrice, formatWindow } from '../../internal/format.js';
import { formatReason } from '../../internal/format-reason.js';
import type { DeliveryOptions } from '../options.js';
import type { StepBase } from './base.js';

export interface DeliveryStep {
  /** The options on screen (none while they load, or when they could not be fetched) and the one chosen. */
  options: DeliveryOptions;
  /** A notice is up: with no options on screen, Continue fetches them again. */
  canRetry: boolean;
  onBack: () => void;
  // The dialog's async handlers: a form event does not wait for them.
  onSubmit: (event: Event) => void | Promise<void>;
}

function renderOption(
  { w, locale }: StepBase,
  options: DeliveryOptions,
  option: DeliveryOption,
  promise: PromiseResponse,
  now: Date,
  first: boolean,
) {
  const checked = options.service === option.service;
  return html`<label class="option ${checked ? 'checked' : ''}">
    <input
      type="radio"
      name="service"
      value=${option.service}
      .checked=${checked}
      ?data-autofocus=${checked || (first && !options.service)}
      @change=${() => options.choose(option.service)}
    />
    <span class="option-text">
      <span class="option-title"><strong>${w.service[option.name ?? option.service]}</strong> <span>${formatPrice(option.price, locale, w)}</span></span>
      <span>${formatWindow(option, now, promise.destination.timeZone, locale, w)}</span>
      <span class="muted">${formatReason(option, locale, w, promise.destination.country)}</span>
    </span>
  </label>`;
}

/** Step 2: the delivery options for the address, each with its window, price and where it comes from. */
export function renderDelivery(base: StepBase, step: DeliveryStep): TemplateResult {
  const { m, busy } = base;
  const promise = step.options.response;
  let body: TemplateResult;
  if (!promise) {
    body = html`<p class="muted" role="status">${m.loadingOptions}</p>`;
  } else if (promise.options.length === 0) {
    body = html`<p class="muted">${m.noOptions(promise.destination.postalCode ?? promise.destination.label)}</p>`;
  } else {
    const now = new Date(Date.parse(promise.computedAt) || Date.now());
    body = html`<fieldset class="options">
      <legend class="visually-hidden">${m.deliveryHeading}</legend>
      ${promise.options.map((option, index) => renderOption(base, step.options, option, promise, now, index === 0))}
    </fieldset>`;
  }
  return html`<form class="step" novalidate @submit=${step.onSubmit} aria-busy=${busy ? 'true' : 'false'}>
    <h3>${m.deliveryHeading}</h3>
    ${body}
    <div class="actions">
      <button class="secondary" type="button" @click=${step.onBack}>${m.back}</button>
      <button class="primary" part="primary-action" type="submit" ?disabled=${busy || (promise ? !promise.options.length : !step.canRetry)}>
        ${busy ? m.working : m.continue}
      </button>
    </div>
  </form>`;
}
