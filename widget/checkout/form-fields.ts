import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { EMPTY_FORM, type CheckoutForm, type FieldErrors, type FieldName } from './form.js';

interface FieldOptions {
  type?: string;
  autocomplete?: string;
  inputmode?: string;
  optional?: boolean;
  /** Where focus goes when the step opens. */
  autofocus?: boolean;
}

/**
 * The checkout form in the dialog: what was typed, what is wrong with it, and its fields. Every
 * change re-renders the dialog; an error sits at its field (`aria-invalid`, a message tied by
 * `aria-describedby`) and can take focus there.
 */
export class FormFields {
  values: CheckoutForm = { ...EMPTY_FORM };
  errors: FieldErrors = {};
  /** Whether the shopper agreed to have their contact and address remembered (`remembered.ts`). */
  remember = false;

  constructor(private readonly host: ReactiveControllerHost & { readonly renderRoot: HTMLElement | DocumentFragment }) {}

  /** Changes some values (clearing nothing else). */
  patch(values: Partial<CheckoutForm>): void {
    this.values = { ...this.values, ...values };
    this.host.requestUpdate();
  }

  /**
   * Checks the postal code against the chosen state as either changes (`form.ts`,
   * `postalCodeRegionError`), so that a code outside the state is said at once.
   */
  postalCodeCheck: ((values: CheckoutForm) => string | null) | null = null;

  /** What the shopper typed into a field: its error goes away (or the postal code's check speaks). */
  set(name: FieldName, value: string): void {
    if (this.errors[name]) this.errors = { ...this.errors, [name]: undefined };
    this.patch({ [name]: value });
    if (this.postalCodeCheck && (name === 'postalCode' || name === 'region' || name === 'country')) {
      const error = this.postalCodeCheck(this.values) ?? undefined;
      if (error !== this.errors.postalCode) this.errors = { ...this.errors, postalCode: error };
    }
  }

  /** Shows these errors (and only these), focusing the first unless told not to; false when there are none. */
  showErrors(errors: FieldErrors, focusFirst = true): boolean {
    this.errors = errors;
    this.host.requestUpdate();
    const first = Object.keys(errors)[0] as FieldName | undefined;
    if (first && focusFirst) void this.focus(first);
    return first !== undefined;
  }

  /** Adds one error to those shown, focusing its field unless told not to. */
  addError(name: FieldName, message: string, focus = true): void {
    this.errors = { ...this.errors, [name]: message };
    this.host.requestUpdate();
    if (focus) void this.focus(name);
  }

  /** Empties a field and puts the cursor in it, to type it again. */
  retype(name: FieldName): void {
    this.patch({ [name]: '' });
    void this.focus(name);
  }

  /** Focuses a field once it is rendered. */
  async focus(name: FieldName): Promise<void> {
    await this.host.updateComplete;
    this.host.renderRoot.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]`)?.focus();
  }

  /** The box that asks to remember the contact and address on this device. */
  rememberBox(label: string): TemplateResult {
    return html`<label class="check">
      <input
        name="remember"
        type="checkbox"
        .checked=${this.remember}
        @change=${(event: Event) => {
          this.remember = (event.target as HTMLInputElement).checked;
          this.host.requestUpdate();
        }}
      />
      <span>${label}</span>
    </label>`;
  }

  /** A labelled select bound to a value of the form, `choose` its empty first choice. */
  select(
    name: FieldName,
    label: string,
    choices: ReadonlyArray<{ value: string; label: string }>,
    autocomplete: string,
    choose?: string,
  ): TemplateResult {
    const error = this.errors[name];
    const value = this.values[name];
    return html`<label class="field">
      <span>${label}</span>
      <select
        name=${name}
        autocomplete=${autocomplete}
        required
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${error ? `${name}-error` : nothing}
        @change=${(event: Event) => this.set(name, (event.target as HTMLSelectElement).value)}
        @input=${(event: Event) => this.set(name, (event.target as HTMLSelectElement).value)}
      >
        ${choose === undefined ? nothing : html`<option value="" ?selected=${!value}>${choose}</option>`}
        ${choices.map((c) => html`<option value=${c.value} ?selected=${c.value === value}>${c.label}</option>`)}
      </select>
      ${error ? html`<span class="field-error" id="${name}-error">${error}</span>` : nothing}
    </label>`;
  }

  /** A labelled input bound to a value of the form. */
  field(name: FieldName, label: string, options: FieldOptions = {}): TemplateResult {
    const error = this.errors[name];
    return html`<label class="field">
      <span>${label}</span>
      <input
        name=${name}
        type=${options.type ?? 'text'}
        autocomplete=${options.autocomplete ?? 'off'}
        inputmode=${options.inputmode ?? nothing}
        ?required=${!options.optional}
        ?data-autofocus=${options.autofocus}
        .value=${this.values[name]}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${error ? `${name}-error` : nothing}
        @input=${(event: InputEvent) => this.set(name, (event.target as HTMLInputElement).value)}
      />
      ${error ? html`<span class="field-error" id="${name}-error">${error}</span>` : nothing}
    </label>`;
  }
}
