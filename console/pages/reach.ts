/**
 * `<nb-reach>`: "Where can I promise what". The store's places over a map of the US and the area
 * each delivery service reaches from them now, as the server's engine computes it (a radius for
 * same-day, the local courier and next-day by ground; whole regions for next-day by air, two-day
 * and standard), with the last time to order for each. The map (outlines and drawing code) is a
 * lazy chunk; the same facts are a table beneath it, for screen readers and small screens. The
 * controls (services shown, one place, zoom) are ordinary form fields, so a keyboard drives it all.
 */
import { LitElement, css, html, nothing } from 'lit';
import type { PlacesReach, ReachArea, ReachRegion } from '../../contract/console.js';
import type { ServiceId } from '../../contract/primitives.js';
import { api } from '../api.js';
import type * as UsMap from '../map/us-map.js';
import { KIND_LABELS, SERVICE_LABELS } from '../format.js';
import { PageState } from '../page-state.js';
import { shared } from '../styles.js';

type MapModule = typeof UsMap;

/** Widest first: the map draws the narrow areas over the wide ones. */
const DRAW_ORDER: ServiceId[] = ['standard', 'two_day', 'next_day', 'local_courier', 'same_day'];

/** Each service's colour on the map and in the legend; next-day by air has its own. */
const COLORS: Record<ServiceId, string> = {
  same_day: '#b45309',
  local_courier: '#7c3aed',
  next_day: '#0b57d0',
  two_day: '#15803d',
  standard: '#6b7280',
};
const AIR_COLOR = '#0e7490';
const colorOf = (service: ServiceId, air: boolean) => (air ? AIR_COLOR : COLORS[service]);

const REGION_LABELS: Record<ReachRegion, string> = {
  contiguous: 'the contiguous states',
  alaska: 'Alaska',
  hawaii: 'Hawaii',
  puerto_rico: 'Puerto Rico',
  virgin_islands: 'the US Virgin Islands',
  pacific: 'Guam, the Northern Marianas and American Samoa',
};

const LOCALE = navigator.language || 'en-US';
const whole = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const list = new Intl.ListFormat(LOCALE, { type: 'conjunction' });
const KM_PER_MILE = 1.609344;

/** "within 25 km (15 mi)", "the contiguous states by air", "the contiguous states, Alaska and Hawaii". */
export function reachText(a: ReachArea): string {
  const regions = list.format(a.regions.map((r) => REGION_LABELS[r]));
  if (a.radiusKm === null) return a.air ? `${regions} by air` : regions;
  const text = `within ${whole.format(a.radiusKm)} km (${whole.format(a.radiusKm / KM_PER_MILE)} mi)`;
  return a.service === 'next_day' ? `${text} by ground` : text;
}

/** "Today until 2:00 PM MST", "Wed, Mar 11 until 2:00 PM MST", in the place's own zone. */
function orderByText(orderBy: string | null, at: string, timeZone: string): string {
  if (orderBy === null) return 'Takes no orders in the next three weeks';
  const day = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const when = new Date(orderBy);
  const time = when.toLocaleTimeString(LOCALE, { timeZone, hour: 'numeric', minute: '2-digit', timeZoneName: 'short' });
  if (day.format(when) === day.format(new Date(at))) return `Today until ${time}`;
  return `${when.toLocaleDateString(LOCALE, { timeZone, weekday: 'short', month: 'short', day: 'numeric' })} until ${time}`;
}

const areaLabel = (a: ReachArea) => `${SERVICE_LABELS[a.service]}${a.air ? ' by air' : ''}`;

export class NbReach extends LitElement {
  static override styles = [
    shared,
    css`
      .controls {
        display: flex;
        flex-wrap: wrap;
        gap: 0.75rem 1.5rem;
        align-items: end;
      }
      fieldset {
        border: 1px solid #d1d5db;
        border-radius: 6px;
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 1rem;
        margin: 0;
      }
      fieldset label,
      .legend li {
        display: flex;
        gap: 0.4rem;
        align-items: center;
      }
      figure {
        margin: 1rem 0;
      }
      svg {
        display: block;
        width: 100%;
        height: auto;
        max-height: 70vh;
        background: #fff;
        border: 1px solid #d1d5db;
        border-radius: 6px;
      }
      .legend {
        list-style: none;
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 1.25rem;
        padding: 0;
        margin: 0.5rem 0 0;
      }
      .swatch {
        width: 1rem;
        height: 1rem;
        border-radius: 3px;
        border: 1px solid #111827;
        flex: none;
      }
      /* The same colours as COLORS and AIR_COLOR: the page's CSP allows no inline style. */
      .swatch.same_day {
        background: #b45309;
      }
      .swatch.local_courier {
        background: #7c3aed;
      }
      .swatch.next_day {
        background: #0b57d0;
      }
      .swatch.two_day {
        background: #15803d;
      }
      .swatch.standard {
        background: #6b7280;
      }
      .swatch.air {
        background: #0e7490;
      }
      .dot {
        width: 0.6rem;
        height: 0.6rem;
        border-radius: 50%;
        background: #111827;
        flex: none;
      }
    `,
  ];

  static override properties = {
    reach: { state: true },
    map: { state: true },
    mapError: { state: true },
    turnedOff: { state: true },
    placeId: { state: true },
    zoom: { state: true },
  };

  declare reach: PlacesReach | null;
  /** The lazy map chunk, once loaded. */
  declare map: MapModule | null;
  declare mapError: string;
  /** Services the person turned off. */
  declare turnedOff: ReadonlySet<ServiceId>;
  declare placeId: string | null;
  declare zoom: boolean;
  private readonly state = new PageState(this);

  constructor() {
    super();
    this.reach = null;
    this.map = null;
    this.mapError = '';
    this.turnedOff = new Set();
    this.placeId = null;
    this.zoom = true;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // The list needs only the data; the map's chunk loads beside it.
    void this.state.load(async () => (this.reach = await api<PlacesReach>('/places/reach')));
    import('../map/us-map.js').then(
      (module) => (this.map = module),
      () => (this.mapError = 'The map could not be loaded; the table below says the same. Reload the page to try again.'),
    );
  }

  private toggle(service: ServiceId, on: boolean): void {
    const next = new Set(this.turnedOff);
    if (on) next.delete(service);
    else next.add(service);
    this.turnedOff = next;
  }

  override render() {
    const reach = this.reach;
    if (!reach) return this.state.placeholder('where your places deliver');
    const services = DRAW_ORDER.filter((s) => reach.places.some((p) => p.areas.some((a) => a.service === s)));
    const air = reach.places.some((p) => p.areas.some((a) => a.air));
    return html`
      <h1>Where you can promise what</h1>
      ${this.state.messages()}
      <p class="hint">
        What each delivery service reaches from your places as of ${new Date(reach.at).toLocaleString(LOCALE, { dateStyle: 'medium', timeStyle: 'short' })},
        by the same rules the Buy button's promise uses. A place needs stock of a product to promise it.
      </p>
      ${
        reach.places.length === 0
          ? html`<p>No places yet. Add a place that holds stock to see where it delivers.</p>`
          : html`${this.controls(reach, services)} ${this.figure(reach, services, air)} ${this.table(reach)}`
      }
    `;
  }

  private controls(reach: PlacesReach, services: ServiceId[]) {
    return html`<div class="controls">
      <fieldset>
        <legend>Services on the map</legend>
        ${[...services].reverse().map(
          (s) =>
            html`<label
              ><input type="checkbox" .checked=${!this.turnedOff.has(s)} @change=${(e: Event) => this.toggle(s, (e.target as HTMLInputElement).checked)} />
              ${SERVICE_LABELS[s]}</label
            >`,
        )}
      </fieldset>
      <div class="field">
        <label for="reach-place">Place</label>
        <select id="reach-place" @change=${(e: Event) => (this.placeId = (e.target as HTMLSelectElement).value || null)}>
          <option value="" ?selected=${this.placeId === null}>Every place</option>
          ${reach.places.map((p) => html`<option value=${p.id} ?selected=${this.placeId === p.id}>${p.name}</option>`)}
        </select>
      </div>
      <button class="secondary" aria-pressed=${this.zoom ? 'true' : 'false'} @click=${() => (this.zoom = !this.zoom)}>Zoom to my places</button>
    </div>`;
  }

  private figure(reach: PlacesReach, services: ServiceId[], air: boolean) {
    const map = this.map;
    const place = reach.places.find((p) => p.id === this.placeId);
    const label = `Map of the United States: ${place ? place.name : `${reach.places.length} places`} and the areas ${
      services
        .filter((s) => !this.turnedOff.has(s))
        .map((s) => SERVICE_LABELS[s])
        .join(', ') || 'no service'
    } reach${this.zoom ? ', zoomed to the places' : ''}. The table below lists the same.`;
    let drawing = html`<p role="status">${this.mapError || 'Loading the map…'}</p>`;
    if (map) {
      const { viewBox, content } = map.usMap(reach.places, {
        services: services.filter((s) => !this.turnedOff.has(s)),
        placeId: this.placeId,
        zoom: this.zoom,
        color: colorOf,
      });
      drawing = html`<svg role="img" aria-label=${label} viewBox=${viewBox} preserveAspectRatio="xMidYMid meet">${content}</svg>`;
    }
    return html`<figure>
      ${drawing}
      <figcaption>
        <ul class="legend" aria-label="Legend">
          <li><span class="dot" aria-hidden="true"></span> A place</li>
          ${[...services]
            .reverse()
            .map(
              (s) =>
                html`<li><span class=${`swatch ${s}`} aria-hidden="true"></span> ${SERVICE_LABELS[s]}${s === 'next_day' ? ' by ground' : ''}</li>`,
            )}
          ${air ? html`<li><span class="swatch air" aria-hidden="true"></span> Next day by air</li>` : nothing}
        </ul>
      </figcaption>
    </figure>`;
  }

  private table(reach: PlacesReach) {
    const map = this.map;
    return html`<h2 id="reach-list">What each place reaches</h2>
      <div class="scroll" tabindex="0" role="region" aria-labelledby="reach-list">
        <table>
          <thead>
            <tr>
              <th scope="col">Place</th>
              <th scope="col">Service</th>
              <th scope="col">Reaches</th>
              <th scope="col">Order by</th>
            </tr>
          </thead>
          <tbody>
            ${reach.places.map((p) => {
              const where = html`<th scope="row" rowspan=${Math.max(1, p.areas.length)}>
                ${p.name}<br /><span class="hint"
                  >${KIND_LABELS[p.kind]}${map && !map.pointOf(p) ? ' · not on the map' : ''}</span
                >
              </th>`;
              if (p.areas.length === 0)
                return html`<tr>
                  ${where}
                  <td colspan="3">No service: give it a cut-off on the Places page.</td>
                </tr>`;
              return p.areas.map(
                (a, i) => html`<tr>
                  ${i === 0 ? where : nothing}
                  <td>${areaLabel(a)}</td>
                  <td>${reachText(a)}</td>
                  <td>${orderByText(a.orderBy, reach.at, p.timeZone)}</td>
                </tr>`,
              );
            })}
          </tbody>
        </table>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'nb-reach': NbReach;
  }
}
