/**
 * `<nb-places>`: the store's places (fulfilment centres, delivery stations, mall stores, local
 * shops), each with its hours, closed dates, cut-offs per service, handling time, carrier
 * pickup, next-day air cut-off, Saturday delivery, dates a service does not run, and capacities
 * (orders a day per service; empty: unlimited): every field of the admin API's node. The owner adds places by postal code (the server finds the coordinates and the time
 * zone); staff edit the places they work at.
 */
import { LitElement, css, html, nothing } from 'lit';
import type { ConsolePlace } from '../../contract/console.js';
import type { NodeKind, ServiceId } from '../../contract/primitives.js';
import { api } from '../api.js';
import { capacitiesText, MAX_CAPACITY, readCapacities } from '../capacities.js';
import { KIND_LABELS, SERVICE_LABELS, SERVICES_OF_KIND, WEEKDAYS } from '../format.js';
import { PageState, submitted } from '../page-state.js';
import { shared } from '../styles.js';

/** Dates typed one per line (or separated by commas or spaces). */
const datesIn = (text: string) => text.split(/[\s,]+/).filter(Boolean);

/** Whether parcel carriers (next-day, two-day, standard) collect from this kind of place. */
const hasCarrier = (kind: NodeKind) => SERVICES_OF_KIND[kind].includes('next_day');

/** The place being edited, or a new one. */
type Editing = { place: ConsolePlace | null; kind: NodeKind };

export class NbPlaces extends LitElement {
  static override styles = [
    shared,
    css`
      fieldset {
        border: 1px solid #d1d5db;
        border-radius: 6px;
        display: grid;
        gap: 0.5rem;
      }
      .days {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 1rem;
      }
      .days label,
      label.row {
        display: flex;
        gap: 0.4rem;
        align-items: center;
      }
    `,
  ];

  static override properties = {
    owner: { type: Boolean },
    places: { state: true },
    editing: { state: true },
  };

  /** Whether the signed-in person is the owner (who may add places). */
  declare owner: boolean;
  declare places: ConsolePlace[] | null;
  declare editing: Editing | null;
  private readonly state = new PageState(this);

  constructor() {
    super();
    this.owner = false;
    this.places = null;
    this.editing = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    await this.state.load(async () => (this.places = (await api<{ items: ConsolePlace[] }>('/places')).items));
  }

  private async edit(editing: Editing | null): Promise<void> {
    this.editing = editing;
    this.state.error = '';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('#place-name')?.focus();
  }

  private save(event: SubmitEvent): void {
    const f = submitted(event);
    const editing = this.editing;
    if (!editing) return;
    const kind = f.text('kind') as NodeKind;
    const cutoffs: Partial<Record<ServiceId, string>> = {};
    for (const service of SERVICES_OF_KIND[kind]) {
      const time = f.text(`cutoff-${service}`);
      if (time) cutoffs[service] = time;
    }
    const closedDates = datesIn(f.text('closedDates'));
    const read = readCapacities(SERVICES_OF_KIND[kind], (service) => f.text(`capacity-${service}`), SERVICE_LABELS);
    if ('error' in read) {
      this.state.fail(read.error);
      f.form.querySelector<HTMLInputElement>(`[name="capacity-${read.service}"]`)?.focus();
      return;
    }
    const serviceClosedDates: Partial<Record<ServiceId, string[]>> = {};
    for (const service of SERVICES_OF_KIND[kind]) {
      const dates = datesIn(f.text(`closed-${service}`));
      if (dates.length > 0) serviceClosedDates[service] = dates;
    }
    const carrier = hasCarrier(kind);
    const postalCode = f.text('postalCode');
    const body = {
      name: f.text('name'),
      kind,
      handlingMinutes: Number(f.text('handlingMinutes')),
      cutoffs,
      carrierPickup: f.text('carrierPickup') || null,
      calendar: { closedWeekdays: f.all('closedWeekdays').map(Number), closedDates },
      // Every service of the kind is sent, so dates emptied on edit are gone; carrier fields only where a carrier collects.
      serviceClosedDates,
      airCutoff: carrier ? f.text('airCutoff') || null : null,
      saturdayDelivery: carrier && f.checked('saturdayDelivery'),
      // Every service of the kind is sent, so a field emptied on edit becomes unlimited again.
      capacities: read.capacities,
      ...(postalCode ? { postalCode } : {}),
    };
    void this.state.run(async () => {
      const place = editing.place
        ? await api<ConsolePlace>(`/places/${encodeURIComponent(editing.place.id)}`, { method: 'PATCH', body })
        : await api<ConsolePlace>('/places', { method: 'POST', body });
      this.editing = null;
      await this.load();
      return `${editing.place ? 'Saved' : 'Added'} ${place.name} (${place.timeZone}).`;
    });
  }

  override render() {
    const places = this.places;
    if (!places) return this.state.placeholder('places');
    return html`
      <h1>Places</h1>
      ${this.state.messages()}
      ${places.length === 0 ? html`<p>No places yet. Add the first place that holds stock.</p>` : this.table(places)}
      ${
        this.editing
          ? this.form(this.editing)
          : this.owner
            ? html`<button @click=${() => this.edit({ place: null, kind: 'mall_store' })}>Add a place…</button>`
            : nothing
      }
    `;
  }

  private table(places: ConsolePlace[]) {
    return html`<div class="scroll" tabindex="0" role="region" aria-label="Places table">
      <table>
        <thead>
          <tr>
            <th scope="col">Place</th>
            <th scope="col">Kind</th>
            <th scope="col">Cut-offs</th>
            <th scope="col">Handling</th>
            <th scope="col">Orders a day</th>
            <th scope="col">Closed</th>
            <th scope="col"><span class="visually-hidden">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          ${places.map(
            (p) => html`<tr>
              <td>${p.name}<br /><span class="hint">${p.id} · ${p.timeZone}</span></td>
              <td>${KIND_LABELS[p.kind]}</td>
              <td>
                ${
                  Object.entries(p.cutoffs)
                    .map(([s, time]) => `${SERVICE_LABELS[s as ServiceId]} ${time}`)
                    .join(', ') || 'None'
                }
              </td>
              <td>
                ${p.handlingMinutes} min${p.carrierPickup ? html`<br /><span class="hint">pickup ${p.carrierPickup}</span>` : nothing}
                ${p.airCutoff ? html`<br /><span class="hint">air cut-off ${p.airCutoff}</span>` : nothing}
                ${p.saturdayDelivery ? html`<br /><span class="hint">Saturday delivery</span>` : nothing}
              </td>
              <td>${capacitiesText(p.capacities, SERVICE_LABELS)}</td>
              <td>
                ${[...p.calendar.closedWeekdays.map((d) => WEEKDAYS[d - 1]), ...p.calendar.closedDates].join(', ') || 'Open every day'}
                ${Object.entries(p.serviceClosedDates).map(
                  ([service, dates]) =>
                    html`<br /><span class="hint">No ${SERVICE_LABELS[service as ServiceId].toLowerCase()}: ${(dates ?? []).join(', ')}</span>`,
                )}
              </td>
              <td>
                <button class="secondary" aria-label=${`Edit ${p.name}`} @click=${() => this.edit({ place: p, kind: p.kind })}>Edit</button>
              </td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private form({ place, kind }: Editing) {
    const title = place ? `Edit ${place.name}` : 'Add a place';
    return html`<form class="form card" aria-labelledby="place-form-title" @submit=${this.save}>
      <h2 id="place-form-title">${title}</h2>
      <label>Name <input id="place-name" name="name" required maxlength="200" autocomplete="off" .value=${place?.name ?? ''} /></label>
      <label
        >Kind
        <select
          name="kind"
          @change=${(e: Event) => (this.editing = { place, kind: (e.target as HTMLSelectElement).value as NodeKind })}
        >
          ${Object.entries(KIND_LABELS).map(([k, text]) => html`<option value=${k} ?selected=${k === kind}>${text}</option>`)}
        </select>
      </label>
      <label
        >Postal code
        <span class="hint"
          >${place ? `Leave empty to keep it where it is (${place.timeZone}).` : 'The server finds the coordinates and the time zone.'}</span
        >
        <input name="postalCode" inputmode="numeric" autocomplete="postal-code" maxlength="10" ?required=${!place} />
      </label>
      <fieldset>
        <legend>Order cut-off per service <span class="hint">(local time; empty: not offered here)</span></legend>
        ${SERVICES_OF_KIND[kind].map(
          (s) =>
            html`<label class="row"
              >${SERVICE_LABELS[s]} <input type="time" name=${`cutoff-${s}`} .value=${place?.cutoffs[s] ?? ''}
            /></label>`,
        )}
      </fieldset>
      <fieldset>
        <legend>Orders a day per service <span class="hint">(the most this place hands over in a local day; empty: unlimited)</span></legend>
        ${SERVICES_OF_KIND[kind].map(
          (s) =>
            html`<label class="row"
              >${SERVICE_LABELS[s]}
              <input
                type="number"
                name=${`capacity-${s}`}
                min="0"
                max=${MAX_CAPACITY}
                step="1"
                inputmode="numeric"
                placeholder="Unlimited"
                .value=${place?.capacities[s] === undefined ? '' : String(place.capacities[s])}
            /></label>`,
        )}
      </fieldset>
      <label
        >Handling time (minutes) <span class="hint">From the cut-off until a parcel is ready.</span>
        <input name="handlingMinutes" type="number" min="0" max="10080" step="1" required .value=${String(place?.handlingMinutes ?? 60)} />
      </label>
      <label
        >Carrier pickup <span class="hint">When the parcel carrier collects; empty: whenever a parcel is ready.</span>
        <input name="carrierPickup" type="time" .value=${place?.carrierPickup ?? ''} />
      </label>
      ${
        hasCarrier(kind)
          ? html`<label
                >Next-day air cut-off
                <span class="hint">Local time next-day parcels must be ready to fly beyond 150 miles; empty: next day by ground only.</span>
                <input name="airCutoff" type="time" .value=${place?.airCutoff ?? ''} />
              </label>
              <label class="row"
                ><input type="checkbox" name="saturdayDelivery" .checked=${place?.saturdayDelivery ?? false} /> Saturday delivery
                <span class="hint">(bought from the carrier for next-day and two-day parcels)</span></label
              >`
          : nothing
      }
      <fieldset>
        <legend>Closed every</legend>
        <div class="days">
          ${WEEKDAYS.map(
            (day, i) =>
              html`<label
                ><input type="checkbox" name="closedWeekdays" value=${i + 1} .checked=${place?.calendar.closedWeekdays.includes(i + 1) ?? false} />
                ${day}</label
              >`,
          )}
        </div>
      </fieldset>
      <label
        >Closed dates <span class="hint">Holidays and stock-takes, such as 2026-12-25, one per line.</span>
        <textarea name="closedDates" rows="3" .value=${place?.calendar.closedDates.join('\n') ?? ''}></textarea>
      </label>
      <fieldset>
        <legend>Dates a service does not run from here <span class="hint">(the place stays open for the others; one date per line)</span></legend>
        ${SERVICES_OF_KIND[kind].map(
          (s) =>
            html`<label
              >${SERVICE_LABELS[s]}
              <textarea name=${`closed-${s}`} rows="2" .value=${place?.serviceClosedDates[s]?.join('\n') ?? ''}></textarea
            ></label>`,
        )}
      </fieldset>
      <div class="row">
        <button type="submit" ?disabled=${this.state.busy}>${place ? 'Save place' : 'Add place'}</button>
        <button class="secondary" type="button" @click=${() => this.edit(null)}>Cancel</button>
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'nb-places': NbPlaces;
  }
}
