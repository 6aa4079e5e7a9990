import type { LocaleCode } from './messages.js';

/**
 * ", based on this place's last 60 deliveries": what the options list and the checkout add to a
 * shipment's place when its dates come from its own history. All six locales in one small module
 * that only lazy chunks import (`internal/format-reason.ts`), so the first chunk carries none of it.
 */
export const HISTORY: Readonly<Record<LocaleCode, (count: number) => string>> = {
  en: (count) => `, based on this place's last ${count} deliveries`,
  fr: (count) => `, d'après ses ${count} dernières livraisons`,
  id: (count) => `, berdasarkan ${count} pengiriman terakhir tempat ini`,
  ja: (count) => `（この店舗の直近${count}件の配達実績より）`,
  zh: (count) => `（根据该地点最近 ${count} 次配送）`,
  ar: (count) => `، بناءً على آخر ${count} عملية توصيل من هذا المكان`,
};
