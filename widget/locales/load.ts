import { en } from './en.js';
import { LOCALES, type LocaleCode, type WidgetMessages } from './messages.js';

/** Each non-English locale is its own small chunk, fetched only when a page asks for it. */
const loaders: Record<Exclude<LocaleCode, 'en'>, () => Promise<{ messages: WidgetMessages }>> = {
  id: () => import('./id.js'),
  fr: () => import('./fr.js'),
  ja: () => import('./ja.js'),
  zh: () => import('./zh.js'),
  ar: () => import('./ar.js'),
};

const cache = new Map<LocaleCode, Promise<WidgetMessages>>([['en', Promise.resolve(en)]]);

/**
 * The supported locale for a BCP 47 tag ("fr-CA" → "fr"), falling back to the page's `lang`,
 * then the browser's languages, then English.
 */
export function resolveLocale(requested: string | null | undefined): LocaleCode {
  const candidates = [requested, globalThis.document?.documentElement.lang, ...(globalThis.navigator?.languages ?? [])];
  for (const candidate of candidates) {
    const base = candidate?.trim().toLowerCase().split(/[-_]/)[0];
    if (base && (LOCALES as readonly string[]).includes(base)) return base as LocaleCode;
  }
  return 'en';
}

/** Arabic is the one right-to-left locale. */
export function directionOf(locale: LocaleCode): 'ltr' | 'rtl' {
  return locale === 'ar' ? 'rtl' : 'ltr';
}

/** Messages for a locale; a chunk that fails to load falls back to English and is retried next time. */
export function loadMessages(locale: LocaleCode): Promise<WidgetMessages> {
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

/** Messages already loaded for a locale, without waiting (English is always there). */
export const englishMessages = en;
