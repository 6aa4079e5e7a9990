/**
 * `<nb-delivery>` (owner): what shoppers pay for each delivery service, the order total above
 * which chosen services ship free, and the services members get free. Amounts are typed as money
 * and sent in minor units; the server computes every price from them.
 */
import { LitElement, css, html } from 'lit';
import type { DeliverySettings } from '../../contract/console.js';
import type { ServiceId } from '../../contract/primitives.js';
import { api } from '../api.js';
import { SERVICE_LABELS } from '../format.js';
import { moneyField, parseMoney } from '../money-input.js';
import { PageState, submitted } from '../page-state.js';
import { shared } from '../styles.js';

/** Every service, in the contract's order (a type-only import keeps zod out of the bundle). */
const SERVICE_IDS = Object.keys(SERVICE_LABELS) as ServiceId[];

export class NbDelivery extends LitElement {
  static override styles = [
    shared,
    css`
      fieldset {
        border: 1px solid #d1d5db;
        border-radius: 6px;
        display: grid;
        gap: 0.5rem;
      }
      label.row {
        display: flex;
        gap: 0.4rem;
        align-items: center;
      }
    `,
  ];

  static override properties = {
    settings: { state: true },
  };

  declare settings: DeliverySettings | null;
  private readonly state = new PageState(this);

  constructor() {
    super();
    this.settings = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.state.load(async () => (this.settings = await api<DeliverySettings>('/delivery')));
  }

  private save(event: SubmitEvent): void {
    const f = submitted(event);
    const settings = this.settings;
    if (!settings) return;
    const currency = settings.currency;
    const fees = {} as Record<ServiceId, number>;
    for (const service of SERVICE_IDS) {
      const amount = parseMoney(f.text(`fee-${service}`), currency);
      if (amount === null) {
        this.state.fail(`Give the ${SERVICE_LABELS[service]} fee in ${currency}, such as ${moneyField(799, currency)} (0 for free)`);
        return;
      }
      fees[service] = amount;
    }
    const thresholdText = f.text('threshold');
    const threshold = thresholdText === '' ? null : parseMoney(thresholdText, currency);
    if (thresholdText !== '' && threshold === null) {
      this.state.fail(`Give the free-shipping threshold in ${currency}, or leave it empty for none`);
      return;
    }
    const body = {
      fees,
      freeShippingThreshold: threshold,
      freeShippingServices: f.all('freeShipping'),
      memberFreeServices: f.all('memberFree'),
    };
    void this.state.run(async () => {
      this.settings = await api<DeliverySettings>('/delivery', { method: 'PUT', body });
      return 'Delivery settings saved. New promises and checkouts use them now.';
    });
  }

  override render() {
    const s = this.settings;
    if (!s) return this.state.placeholder('delivery settings');
    const p = s.feePolicy;
    const services = (name: string, chosen: ServiceId[]) =>
      SERVICE_IDS.map(
        (id) =>
          html`<label class="row"><input type="checkbox" name=${name} value=${id} .checked=${chosen.includes(id)} /> ${SERVICE_LABELS[id]}</label>`,
      );
    return html`
      <h1>Delivery settings</h1>
      ${this.state.messages()}
      <form class="form card" @submit=${this.save}>
        <fieldset>
          <legend>Fee per service (${s.currency})</legend>
          ${SERVICE_IDS.map(
            (id) =>
              html`<label
                >${SERVICE_LABELS[id]}
                <input name=${`fee-${id}`} inputmode="decimal" autocomplete="off" required .value=${moneyField(p.fees[id], s.currency)}
              /></label>`,
          )}
        </fieldset>
        <label
          >Free shipping from (${s.currency}) <span class="hint">An order total; empty: no free shipping.</span>
          <input
            name="threshold"
            inputmode="decimal"
            autocomplete="off"
            .value=${p.freeShippingThreshold === null ? '' : moneyField(p.freeShippingThreshold, s.currency)}
          />
        </label>
        <fieldset>
          <legend>Services that ship free above it</legend>
          ${services('freeShipping', p.freeShippingServices)}
        </fieldset>
        <fieldset>
          <legend>Free for members <span class="hint">(on products eligible for fast delivery)</span></legend>
          ${services('memberFree', p.memberFreeServices)}
        </fieldset>
        <div class="row"><button type="submit" ?disabled=${this.state.busy}>Save delivery settings</button></div>
      </form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'nb-delivery': NbDelivery;
  }
}
