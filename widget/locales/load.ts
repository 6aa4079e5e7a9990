import { en } from './en.js';
import { LOCALES, type LocaleCode, type PromiseMessages, type WidgetMessages } from './messages.js';
import { lazy } from '../internal/lazy.js';

/** The chunk of each non-English locale, as a dynamic `import()` of the locale's module. */
export type LocaleChunks<T> = Record<Exclude<LocaleCode, 'en'>, () => Promise<{ messages: T }>>;

/**
 * A loader for one set of strings (the promise's, the checkout's): English is built in, each
 * other locale is its own small chunk fetched on first use. A chunk that fails to load gives
 * English this time and is fetched again next time.
 */
export function localeLoader<T>(english: T, chunks: LocaleChunks<T>): (locale: LocaleCode) => Promise<T> {
  const loaders = new Map<LocaleCode, () => Promise<T>>();
  return (locale) => {
    if (locale === 'en') return Promise.resolve(english);
    let load = loaders.get(locale);
    if (!load) loaders.set(locale, (load = lazy(() => chunks[locale]().then((module) => module.messages))));
    return load().catch(() => english);
  };
}

/**
 * Strings of the button and the promise for a locale: a non-English chunk has every string, English
 * only the first chunk's (the lazy chunks complete it with `allMessages`, `en-lazy.ts`).
 */
export const loadMessages = localeLoader<PromiseMessages>(en, {
  id: () => import('./id.js'),
  fr: () => import('./fr.js'),
  ja: () => import('./ja.js'),
  zh: () => import('./zh.js'),
  ar: () => import('./ar.js'),
} satisfies LocaleChunks<WidgetMessages>);

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

/** The first chunk's English, there without waiting. */
export const englishMessages = en;
