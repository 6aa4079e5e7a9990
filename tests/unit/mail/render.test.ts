/** Shopper email in each of the widget's six languages: words, money and windows by the locale's rules. */
import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../../contract/money.js';
import { MAIL_KINDS, MAIL_LOCALES, MESSAGES, mailLocale } from '../../../server/mail/messages.js';
import { renderMail, type MailData } from '../../../server/mail/render.js';

const DATA: MailData = {
  merchantName: 'Loopback & Co.',
  orderId: 'ord_123',
  orderPath: '/orders/ord_123?token=t0k',
  items: [{ title: 'Everyday Tee <Black>', quantity: 2, lineTotal: { amount: 4800, currency: 'USD' } }],
  shipping: { amount: 799, currency: 'USD' },
  total: { amount: 5599, currency: 'USD' },
  window: { start: '2026-03-10T16:00:00-07:00', end: '2026-03-10T20:00:00-07:00' },
  timeZone: 'America/Phoenix',
  courierName: 'Priya',
};

describe('shopper email', () => {
  it.each(MAIL_LOCALES)('%s: every kind renders its own words, text and HTML', (locale) => {
    for (const kind of MAIL_KINDS) {
      const mail = renderMail(kind, locale, DATA, 'https://api.shop.example/');
      expect(mail.subject).toContain('ord_123');
      expect(mail.subject).not.toMatch(/\{\w+\}/);
      expect(mail.text).toContain(MESSAGES[locale].kinds[kind].heading);
      expect(mail.text).toContain('https://api.shop.example/orders/ord_123?token=t0k');
      expect(mail.html).toContain(`lang="${locale}"`);
      expect(mail.html).toContain(`dir="${locale === 'ar' ? 'rtl' : 'ltr'}"`);
      expect(mail.html).not.toContain('<Black>');
    }
    const confirmation = renderMail('confirmation', locale, DATA, 'https://api.shop.example/');
    expect(confirmation.text).toContain(formatMoney(DATA.total, locale));
    expect(confirmation.html).toContain('Everyday Tee &lt;Black&gt;');
  });

  it.each(MAIL_LOCALES)('%s: a second attempt names when the driver came and when one comes back, on the destination’s clock', (locale) => {
    const attempt = { missedAt: '2026-03-10T23:40:00Z', nextAt: '2026-03-11T01:30:00Z' };
    const mail = renderMail('second_attempt', locale, { ...DATA, attempt, reason: 'No way in' }, 'https://api.shop.example/');
    const clock = (iso: string) =>
      new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone: 'America/Phoenix' }).format(new Date(iso));
    expect(mail.text).not.toMatch(/\{\w+\}/);
    expect(mail.text).toContain(clock(attempt.missedAt));
    expect(mail.text).toContain(clock(attempt.nextAt));
    expect(mail.text).toContain('No way in');
    if (locale === 'en') expect(mail.text).toMatch(/We missed you at 4:40\sPM; a driver comes back at about 6:30\sPM\./);
  });

  it('no driver: no window the shop can no longer keep; delivered at the door: says so', () => {
    const noDriver = renderMail('no_driver', 'en', { ...DATA, reason: 'No driver accepted the job, posted twice' }, 'https://a.example/');
    expect(noDriver.text).not.toContain('Arrives');
    expect(noDriver.text).toContain('Why: No driver accepted the job, posted twice');
    expect(renderMail('delivered', 'en', { ...DATA, reason: 'Left at the door' }, 'https://a.example/').text).toContain(
      '\nLeft at the door\n',
    );
  });

  it('money in a zero-decimal currency is not shown a hundred times too small', () => {
    const yen = {
      ...DATA,
      items: [{ title: 'Mug', quantity: 1, lineTotal: { amount: 1800, currency: 'JPY' } }],
      shipping: { amount: 0, currency: 'JPY' },
      total: { amount: 1800, currency: 'JPY' },
    };
    expect(renderMail('confirmation', 'ja', yen, 'https://x.example/').text).toContain('￥1,800');
  });

  it('windows read in the destination zone and the locale', () => {
    expect(renderMail('confirmation', 'en', DATA, 'https://x.example/').text).toMatch(/Arrives: Tue, Mar 10, 4:00\s–\s8:00\sPM/);
    expect(renderMail('confirmation', 'ja', DATA, 'https://x.example/').text).toContain('3/10(火) 16時00分～20時00分');
  });

  it('a language tag falls back to English when there is no email in it', () => {
    expect(['zh-CN', 'fr-CA', 'in', 'AR', 'de-DE', '', null, undefined].map(mailLocale)).toEqual([
      'zh',
      'fr',
      'id',
      'ar',
      'en',
      'en',
      'en',
      'en',
    ]);
  });
});
