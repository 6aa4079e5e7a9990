import { html, nothing, type TemplateResult } from 'lit';
import type { ProductSummary } from '../../../contract/public.js';
import { formatMoney } from '../../../contract/money.js';
import type { StepBase } from './base.js';

export interface DetailsStep {
  /** The member sign-in block (`member.ts`). */
  member: TemplateResult;
  /** What is being bought (title with its variant, unit price), from the promise; null before one. */
  product: ProductSummary | null;
  // The dialog's async handlers: a form event does not wait for them.
  onSubmit: (event: Event) => void | Promise<void>;
}

/**
 * Step 1: what is bought, quantity, email (and member sign-in), the address. The address fields
 * carry the `shipping` section of their autocomplete tokens, so the browser fills a delivery
 * address, not a billing one.
 */
export function renderDetails({ m, form, busy, locale }: StepBase, { member, product, onSubmit }: DetailsStep): TemplateResult {
  return html`<form class="step" novalidate @submit=${onSubmit} aria-busy=${busy ? 'true' : 'false'}>
    <h3>${m.detailsHeading}</h3>
    ${product ? html`<p class="item" part="item"><strong>${product.title}</strong> · ${formatMoney(product.price, locale)}</p>` : nothing}
    ${form.field('quantity', m.quantity, { type: 'number', inputmode: 'numeric', autofocus: true })}
    ${form.field('email', m.email, { type: 'email', autocomplete: 'email' })} ${member}
    <fieldset>
      <legend>${m.deliverTo}</legend>
      ${form.field('name', m.name, { autocomplete: 'shipping name' })} ${form.field('line1', m.line1, { autocomplete: 'shipping address-line1' })}
      ${form.field('line2', m.line2, { autocomplete: 'shipping address-line2', optional: true })}
      <div class="row">
        ${form.field('city', m.city, { autocomplete: 'shipping address-level2' })}
        ${form.field('region', m.region, { autocomplete: 'shipping address-level1' })}
      </div>
      <div class="row">
        ${form.field('postalCode', m.postalCode, { autocomplete: 'shipping postal-code' })}
        ${form.field('country', m.country, { autocomplete: 'shipping country' })}
      </div>
      ${form.rememberBox(m.rememberContact)}
    </fieldset>
    <div class="actions">
      <button class="primary" part="primary-action" type="submit" ?disabled=${busy}>${busy ? m.working : m.continue}</button>
    </div>
  </form>`;
}
