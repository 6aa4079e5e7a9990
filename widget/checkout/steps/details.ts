import { html, type TemplateResult } from 'lit';
import type { StepBase } from './base.js';

export interface DetailsStep {
  /** The member sign-in block (`member.ts`). */
  member: TemplateResult;
  // The dialog's async handlers: a form event does not wait for them.
  onSubmit: (event: Event) => void | Promise<void>;
}

/** Step 1: quantity, email (and member sign-in), the address. */
export function renderDetails({ m, form, busy }: StepBase, { member, onSubmit }: DetailsStep): TemplateResult {
  return html`<form class="step" novalidate @submit=${onSubmit} aria-busy=${busy ? 'true' : 'false'}>
    <h3>${m.detailsHeading}</h3>
    ${form.field('quantity', m.quantity, { type: 'number', inputmode: 'numeric', autofocus: true })}
    ${form.field('email', m.email, { type: 'email', autocomplete: 'email' })} ${member}
    <fieldset>
      <legend>${m.deliverTo}</legend>
      ${form.field('name', m.name, { autocomplete: 'name' })} ${form.field('line1', m.line1, { autocomplete: 'address-line1' })}
      ${form.field('line2', m.line2, { autocomplete: 'address-line2', optional: true })}
      <div class="row">
        ${form.field('city', m.city, { autocomplete: 'address-level2' })}
        ${form.field('region', m.region, { autocomplete: 'address-level1' })}
      </div>
      <div class="row">
        ${form.field('postalCode', m.postalCode, { autocomplete: 'postal-code' })}
        ${form.field('country', m.country, { autocomplete: 'country' })}
      </div>
    </fieldset>
    <div class="actions">
      <button class="primary" part="primary-action" type="submit" ?disabled=${busy}>${busy ? m.working : m.continue}</button>
    </div>
  </form>`;
}
