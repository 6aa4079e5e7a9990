import { html, nothing, type TemplateResult } from 'lit';
import type { ProductSummary, ServedRegions } from '../../../contract/public.js';
import { formatMoney } from '../../../contract/money.js';
import type { StepBase } from './base.js';

export interface DetailsStep {
  /** The member sign-in block (`member.ts`). */
  member: TemplateResult;
  /** What is being bought (title with its variant, unit price), from the promise; null before one. */
  product: ProductSummary | null;
  /** The countries and states served (`GET /v1/regions`), offered as selects; null: typed, as a fallback. */
  regions: ServedRegions | null;
  // The dialog's async handlers: a form event does not wait for them.
  onSubmit: (event: Event) => void | Promise<void>;
}

/**
 * Step 1: what is bought, quantity, email (and member sign-in), the address. The address fields
 * carry the `shipping` section of their autocomplete tokens, so the browser fills a delivery
 * address, not a billing one. Country and state are chosen among the places the merchant serves
 * once those have loaded (typed until then, or if they cannot load: the server checks either way).
 */
export function renderDetails({ m, form, busy, locale }: StepBase, { member, product, regions, onSubmit }: DetailsStep): TemplateResult {
  const country = regions?.countries.find((c) => c.code === form.values.country.trim().toUpperCase()) ?? regions?.countries[0];
  const countryNames = regions ? new Intl.DisplayNames([locale], { type: 'region' }) : null;
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
        ${
          country
            ? form.select(
                'region',
                m.region,
                country.regions.map((r) => ({ value: r.code, label: r.name })),
                'shipping address-level1',
                m.chooseRegion,
              )
            : form.field('region', m.region, { autocomplete: 'shipping address-level1' })
        }
      </div>
      <div class="row">
        ${form.field('postalCode', m.postalCode, { autocomplete: 'shipping postal-code' })}
        ${
          regions && countryNames
            ? form.select(
                'country',
                m.country,
                regions.countries.map((c) => ({ value: c.code, label: countryNames.of(c.code) ?? c.code })),
                'shipping country',
              )
            : form.field('country', m.country, { autocomplete: 'shipping country' })
        }
      </div>
      ${form.rememberBox(m.rememberContact)}
    </fieldset>
    <div class="actions">
      <button class="primary" part="primary-action" type="submit" ?disabled=${busy}>${busy ? m.working : m.continue}</button>
    </div>
  </form>`;
}
