/**
 * Shopper email as plain text and HTML, in the shopper's language: pure functions of the kind,
 * the locale and the data the change left in the outbox. Money through `contract/money.ts`,
 * windows through `Intl` in the destination's time zone.
 */
import { formatMoney } from '../../contract/money.js';
import { MOMENT_FORMAT } from '../../contract/timeline.js';
import type { Money } from '../../contract/primitives.js';
import { MESSAGES, mailLocale, type MailKind, type MailLocale } from './messages.js';

export interface MailData {
  merchantName: string;
  orderId: string;
  /** "NB-7K4Q-2M", what the shopper reads (outbox rows written before numbers existed have none). */
  orderNumber?: string;
  /** The order page, with its access token, from the server's root: `/orders/ord_…?token=…`. */
  orderPath: string;
  items: Array<{ title: string; quantity: number; lineTotal: Money }>;
  shipping: Money;
  total: Money;
  /** The window to show: the promised one, or the new one after a delay. */
  window: { start: string; end: string };
  /**
   * The window shown before paying, when a payment that landed after its order-by took a later
   * one (docs/promise-model.md, "A promise is kept at payment too").
   */
  previousWindow?: { start: string; end: string } | null;
  /** The destination's zone, which the window is read in. */
  timeZone: string;
  /** Where the parcel left from (picked up). */
  place?: string | null;
  courierName?: string | null;
  tracking?: { carrier: string; number: string; url: string | null } | null;
  /** Why (cancelled, failed delivery, a second attempt, no driver). */
  reason?: string | null;
  /** A missed delivery tried again the same evening: when the driver came, and when one comes back. */
  attempt?: { missedAt: string; nextAt: string } | null;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** "Tue, Mar 10, 4:00 – 8:00 PM" in the locale's own words, in the destination's zone. */
export function windowText(window: { start: string; end: string }, locale: MailLocale, timeZone: string): string {
  const format = new Intl.DateTimeFormat(locale, { ...MOMENT_FORMAT, timeZone });
  return format.formatRange(new Date(window.start), new Date(window.end));
}

/** "4:40 PM" in the locale's own words, on the destination's clock. */
export function timeText(iso: string, locale: MailLocale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone }).format(new Date(iso));
}

export function renderMail(kind: MailKind, localeTag: string, data: MailData, baseUrl: string): RenderedMail {
  const locale = mailLocale(localeTag);
  const m = MESSAGES[locale];
  const words = m.kinds[kind];
  const money = (x: Money) => formatMoney(x, locale);
  const order = data.orderNumber ?? data.orderId;
  const values = {
    merchant: data.merchantName,
    order,
    total: money(data.total),
    place: data.place ?? data.merchantName,
    ...(data.attempt
      ? { missed: timeText(data.attempt.missedAt, locale, data.timeZone), next: timeText(data.attempt.nextAt, locale, data.timeZone) }
      : {}),
  };
  const subject = fill(words.subject, values);
  // The confirmation of a re-promised order says so, and names the window it replaces.
  const moved = kind === 'confirmation' && data.previousWindow ? data.previousWindow : null;
  const body = fill(words.body, values) + (moved ? ` ${m.windowMoved}` : '');
  const link = new URL(data.orderPath, baseUrl).href;
  const window = windowText(data.window, locale, data.timeZone);
  // No driver took it: the promised window no longer holds, and the shop has not said the next one.
  const showWindow = kind !== 'delivered' && kind !== 'cancelled' && kind !== 'no_driver';

  const facts: Array<[string, string]> = [[m.order, order]];
  if (showWindow) facts.push([kind === 'delayed' ? m.newWindow : m.arrives, window]);
  if (moved) facts.push([m.shownWindow, windowText(moved, locale, data.timeZone)]);
  if (data.courierName && (kind === 'picked_up' || kind === 'out_for_delivery'))
    facts.push(['', fill(m.courier, { courier: data.courierName })]);
  if (data.tracking) facts.push([m.tracking, `${data.tracking.carrier} ${data.tracking.number}`]);
  if (data.reason && (kind === 'cancelled' || kind === 'delivery_failed' || kind === 'second_attempt' || kind === 'no_driver'))
    facts.push([m.reason, data.reason]);
  // How it was delivered, when the courier said ("Left at the door").
  if (data.reason && kind === 'delivered') facts.push(['', data.reason]);
  const lines = data.items.map((i) => [`${i.title} × ${i.quantity}`, money(i.lineTotal)] as const);
  const showItems = kind === 'confirmation' || kind === 'cancelled';

  const text = [
    words.heading,
    '',
    body,
    '',
    ...facts.map(([k, v]) => (k ? `${k}: ${v}` : v)),
    ...(showItems
      ? [
          '',
          `${m.items}:`,
          ...lines.map(([k, v]) => `  ${k}  ${v}`),
          `  ${m.delivery}  ${money(data.shipping)}`,
          `  ${m.total}  ${money(data.total)}`,
        ]
      : []),
    '',
    `${m.track}: ${link}`,
    '',
    '—',
    fill(m.footer, values),
    '',
  ].join('\n');

  const dir = locale === 'ar' ? 'rtl' : 'ltr';
  const row = (k: string, v: string, strong = false) =>
    `<tr><td style="padding:4px 0;color:#4a524e">${escape(k)}</td><td style="padding:4px 0;text-align:end${strong ? ';font-weight:600' : ''}">${escape(v)}</td></tr>`;
  const html = `<!doctype html>
<html lang="${locale}" dir="${dir}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(subject)}</title></head>
<body style="margin:0;background:#f6f7f6;font:16px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;color:#1d2320">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;border-radius:12px;padding:24px">
<tr><td>
<p style="margin:0 0 4px;color:#4a524e;font-size:14px">${escape(data.merchantName)}</p>
<h1 style="margin:0 0 12px;font-size:22px">${escape(words.heading)}</h1>
<p style="margin:0 0 16px">${escape(body)}</p>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0">${facts.map(([k, v]) => row(k, v)).join('')}</table>
${
  showItems
    ? `<h2 style="font-size:16px;margin:20px 0 4px">${escape(m.items)}</h2>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0">${lines.map(([k, v]) => row(k, v)).join('')}${row(m.delivery, money(data.shipping))}${row(m.total, money(data.total), true)}</table>`
    : ''
}
<p style="margin:24px 0 8px"><a href="${escape(link)}" style="display:inline-block;background:#1f7a4d;color:#ffffff;text-decoration:none;padding:10px 18px;border-radius:8px;font-weight:600">${escape(m.track)}</a></p>
<p style="margin:16px 0 0;color:#6b736f;font-size:13px">${escape(fill(m.footer, values))}</p>
</td></tr></table>
</td></tr></table>
</body></html>
`;
  return { subject, text, html };
}
