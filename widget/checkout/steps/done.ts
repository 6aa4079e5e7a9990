import { html, nothing, type TemplateResult } from 'lit';
import type { CheckoutSession, ShopperOrder } from '../../../contract/public.js';
import { formatMoment, timelineSteps, type TimelineStep } from '../../../contract/timeline.js';
import { formatWindow } from '../../internal/format.js';
import type { StepBase } from './base.js';

export interface DoneStep {
  /** The session with its placed order. */
  session: CheckoutSession;
  order: NonNullable<CheckoutSession['order']>;
  timeZone: string;
  now: Date;
  apiBase: string;
  /** The order as the API reads it, for the timeline; null until it arrived (or if it could not be read). */
  placed: ShopperOrder | null;
  onDone: () => void;
}

/**
 * The confirmation: when it arrives, the order number and a link to the order's status page. The
 * window is the order's: a payment that landed after the option's order-by may have taken a later
 * one, and then the shopper reads that it changed and from which window (docs/promise-model.md,
 * "A promise is kept at payment too").
 */
export function renderDone(base: StepBase, { order, timeZone, now, apiBase, placed, onDone }: DoneStep): TemplateResult {
  const { m, w, locale } = base;
  // The server's order status page (`GET /orders/:id?token=…`), readable with the access token alone.
  // With the shopper's zone, so that its times name their zone only where this clock differs
  // (contract/timeline.ts); links in emails carry none and always name it.
  const viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const statusUrl =
    `${apiBase.replace(/\/+$/, '')}/orders/${encodeURIComponent(order.id)}?token=${encodeURIComponent(order.accessToken)}` +
    (viewerZone ? `&tz=${encodeURIComponent(viewerZone)}` : '');
  const change = order.promiseChange;
  return html`<div class="step done">
    <h3>${m.doneHeading}</h3>
    <p role="status">${m.orderPlaced}</p>
    <p><strong>${m.arrives}:</strong> ${formatWindow({ window: order.promisedWindow }, now, timeZone, locale, w)}</p>
    ${
      change
        ? html`<p class="notice" part="notice" data-window-moved>
          ${m.windowMoved(formatWindow({ window: change.previousWindow }, now, timeZone, locale, w))}
        </p>`
        : ''
    }
    <p>${m.orderNumber(order.number)} · <a href=${statusUrl} target="_blank" rel="noopener">${m.trackOrder}</a></p>
    ${placed ? renderTimeline(base, placed, now, viewerZone || null) : nothing}
    <div class="actions">
      <button class="primary" part="primary-action" type="button" data-autofocus @click=${onDone}>${m.done}</button>
    </div>
  </div>`;
}

/**
 * What happens next: the order's steps from `contract/timeline.ts` (the status page draws the
 * same), each reached one with its time, the next ones with when they are due (packed by the
 * latest time a parcel is to be ready, delivered in the expected window). Every time is on the
 * destination's clock and names its zone where the shopper's clock reads differently
 * (docs/ARCHITECTURE.md, "Time").
 */
function renderTimeline({ m, w, locale }: StepBase, order: ShopperOrder, now: Date, viewerZone: string | null): TemplateResult {
  const readyBy = order.fulfilment.parcels
    .map((parcel) => parcel.readyBy)
    .sort((a, b) => Date.parse(a) - Date.parse(b))
    .at(-1);
  const when = (step: TimelineStep): string | null => {
    if (step.at) return formatMoment(step.at, order.timeZone, locale, viewerZone);
    if (step.status === 'ready' && readyBy) return m.dueBy(formatMoment(readyBy, order.timeZone, locale, viewerZone));
    if (step.status === 'delivered') return formatWindow({ window: order.fulfilment.expectedWindow }, now, order.timeZone, locale, w);
    return null;
  };
  return html`<section class="timeline" part="timeline" aria-labelledby="nearbuy-next">
    <h4 id="nearbuy-next">${m.nextHeading}</h4>
    <ol>
      ${timelineSteps(order).map((step) => {
        const time = when(step);
        return html`<li data-status=${step.status} ?data-reached=${step.at !== null} aria-current=${step.current ? 'step' : 'false'}>
          <span class="name">${m.timeline[step.status]}</span>${time ? html` <span class="when">${time}</span>` : nothing}
        </li>`;
      })}
    </ol>
  </section>`;
}
