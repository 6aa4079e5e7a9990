import { html, type TemplateResult } from 'lit';
import type { CheckoutSession } from '../../../contract/public.js';
import { formatWindow } from '../../internal/format.js';
import type { StepBase } from './base.js';

export interface DoneStep {
  /** The session with its placed order. */
  session: CheckoutSession;
  order: NonNullable<CheckoutSession['order']>;
  timeZone: string;
  now: Date;
  apiBase: string;
  onDone: () => void;
}

/**
 * The confirmation: when it arrives, the order number and a link to the order's status page. The
 * window is the order's: a payment that landed after the option's order-by may have taken a later
 * one, and then the shopper reads that it changed and from which window (docs/promise-model.md,
 * "A promise is kept at payment too").
 */
export function renderDone({ m, w, locale }: StepBase, { order, timeZone, now, apiBase, onDone }: DoneStep): TemplateResult {
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
    <div class="actions">
      <button class="primary" part="primary-action" type="button" data-autofocus @click=${onDone}>${m.done}</button>
    </div>
  </div>`;
}
