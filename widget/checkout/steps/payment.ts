import { html, type TemplateResult } from 'lit';
import type { CheckoutSession } from '../../../contract/public.js';
import { formatMoney } from '../../../contract/money.js';
import { formatPrice, formatWindow } from '../../internal/format.js';
import type { StepBase } from './base.js';

export interface PaymentStep {
  session: CheckoutSession;
  /** The destination's time zone and the instant the options were computed, to say "today" or "tomorrow". */
  timeZone: string;
  now: Date;
  /** "4:30 PM": until when the stock is held. */
  heldUntil: string;
  /** With Stripe: whether the Payment Element is mounted (Place order waits for it). */
  paymentReady: boolean;
  onBack: () => void;
  // The dialog's async handlers: a form event does not wait for them.
  onSubmit: (event: Event) => void | Promise<void>;
}

/**
 * A summary row: term and value with nothing between them, as the summary has always read
 * ("Total$25.00"). Prettier would break the line there, and the template would keep the break
 * as a space.
 */
// prettier-ignore
const row = (term: unknown, value: unknown, className = '') => html`<div class=${className}><dt>${term}</dt><dd>${value}</dd></div>`;

/**
 * Step 3: what the server computed (items, delivery, total, when it arrives, where), how long the
 * stock is held, and the payment: the TEST MODE card field, or Stripe's Payment Element (slotted
 * in from the light DOM, see `payment.ts`).
 */
export function renderPayment({ m, w, locale, form, busy }: StepBase, step: PaymentStep): TemplateResult {
  const { session } = step;
  const address = form.values;
  const test = session.payment.provider === 'test';
  return html`<form class="step" novalidate @submit=${step.onSubmit} aria-busy=${busy ? 'true' : 'false'}>
    <h3>${m.paymentHeading}</h3>
    <dl class="summary">
      ${session.items.map((item) => row(`${item.title} × ${item.quantity}`, formatMoney(item.lineTotal, locale)))}
      ${row(`${m.shipping} (${w.service[session.option.name ?? session.option.service]})`, formatPrice(session.amounts.shipping, locale, w))}
      ${row(m.total, formatMoney(session.amounts.total, locale), 'total')}
      ${row(m.arrives, formatWindow(session.option, step.now, step.timeZone, locale, w))}
      ${row(m.deliverTo, `${address.name}, ${address.line1}, ${address.city} ${address.postalCode}`)}
    </dl>
    <p class="muted">${m.heldUntil(step.heldUntil)}</p>
    ${
      test
        ? html`<div class="test-mode" part="test-mode">
              <strong>${m.testMode}</strong>
              <span>${m.testModeHint}</span>
            </div>
            ${form.field('card', m.cardNumber, { inputmode: 'numeric', autocomplete: 'off', autofocus: true })}`
        : html`<div class="stripe"><slot name="payment"></slot></div>`
    }
    <div class="actions">
      <button class="secondary" type="button" @click=${step.onBack} ?disabled=${busy}>${m.back}</button>
      <button
        class="primary"
        part="primary-action"
        type="submit"
        ?disabled=${busy || (!test && !step.paymentReady)}
        ?data-autofocus=${!test}
      >
        ${busy ? m.working : m.placeOrder(formatMoney(session.amounts.total, locale))}
      </button>
    </div>
  </form>`;
}
