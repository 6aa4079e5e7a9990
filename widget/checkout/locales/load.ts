import { localeLoader } from '../../locales/load.js';
import { en } from './en.js';

/** Strings of the checkout dialog for a locale (see `localeLoader`). */
export const loadCheckoutMessages = localeLoader(en, {
  id: () => import('./id.js'),
  fr: () => import('./fr.js'),
  ja: () => import('./ja.js'),
  zh: () => import('./zh.js'),
  ar: () => import('./ar.js'),
});

export const englishCheckoutMessages = en;
