import type { LocaleCode } from '../../locales/messages.js';
import { en } from './en.js';
import type { CheckoutMessages } from './messages.js';

const loaders: Record<Exclude<LocaleCode, 'en'>, () => Promise<{ messages: CheckoutMessages }>> = {
  id: () => import('./id.js'),
  fr: () => import('./fr.js'),
  ja: () => import('./ja.js'),
  zh: () => import('./zh.js'),
  ar: () => import('./ar.js'),
};

const cache = new Map<LocaleCode, Promise<CheckoutMessages>>([['en', Promise.resolve(en)]]);

/** Checkout strings for a locale, each non-English locale its own chunk; English if one fails to load. */
export function loadCheckoutMessages(locale: LocaleCode): Promise<CheckoutMessages> {
  let pending = cache.get(locale);
  if (!pending) {
    pending = loaders[locale as Exclude<LocaleCode, 'en'>]()
      .then((module) => module.messages)
      .catch(() => {
        cache.delete(locale);
        return en;
      });
    cache.set(locale, pending);
  }
  return pending;
}

export const englishCheckoutMessages = en;
