import type { LocaleCode, WidgetMessages } from '../../locales/messages.js';
import type { FormFields } from '../form-fields.js';
import type { CheckoutMessages } from '../locales/messages.js';

/** What every step renders with: the strings, the locale, the form, and whether a request is on its way. */
export interface StepBase {
  m: CheckoutMessages;
  /** The widget's own strings (service names, "FREE", dates). */
  w: WidgetMessages;
  locale: LocaleCode;
  form: FormFields;
  busy: boolean;
}
