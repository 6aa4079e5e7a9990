import { html, type TemplateResult } from 'lit';
import type { NearbuyApiError, ApiConfig } from '../internal/api.js';
import { createMemberSession, requestMemberCode } from './api.js';
import { codeError, emailError, normalizedEmail } from './form.js';
import type { FormFields } from './form-fields.js';
import type { CheckoutMessages } from './locales/messages.js';

/** What member sign-in needs from the dialog. */
export interface MemberSignInHost {
  readonly form: FormFields;
  messages(): CheckoutMessages;
  api(): ApiConfig;
  busy(): boolean;
  /**
   * Runs one request with the dialog busy and its notice cleared. A failure is reported as
   * `nearbuy-error`; then `onError` may take it (returning true), else the error view does.
   */
  run(action: () => Promise<void>, onError?: (error: NearbuyApiError) => boolean | void): Promise<void>;
  /** The shopper signed in: `token` goes with every later call. */
  signedIn(token: string): void;
  requestUpdate(): void;
}

export type MemberStage = 'idle' | 'code-sent' | 'signed-in';

/**
 * Member sign-in inside the details step: "Email me a code", then the six digits from the email,
 * then "Signed in as member …" (free fast delivery where the merchant offers it).
 */
export class MemberSignIn {
  stage: MemberStage = 'idle';

  constructor(private readonly host: MemberSignInHost) {}

  /** Already signed in (a token from an earlier opening). */
  markSignedIn(): void {
    if (this.stage === 'signed-in') return;
    this.stage = 'signed-in';
    this.host.requestUpdate();
  }

  render(): TemplateResult {
    const m = this.host.messages();
    const { form } = this.host;
    const busy = this.host.busy();
    const email = normalizedEmail(form.values);
    if (this.stage === 'signed-in') return html`<p class="member signed-in">${m.signedIn(email)}</p>`;
    if (this.stage === 'code-sent') {
      return html`<div class="member">
        <p>${m.codeSent(email)}</p>
        <div class="row">
          ${form.field('code', m.code, { inputmode: 'numeric', autocomplete: 'one-time-code', optional: true })}
          <button class="secondary" type="button" @click=${this.#verify} ?disabled=${busy}>${m.verify}</button>
        </div>
      </div>`;
    }
    return html`<div class="member">
      <p>${m.memberPrompt}</p>
      <button class="secondary" type="button" @click=${this.#sendCode} ?disabled=${busy}>${m.sendCode}</button>
    </div>`;
  }

  #sendCode = async () => {
    const { form } = this.host;
    const invalid = emailError(form.values, this.host.messages());
    if (invalid) return form.addError('email', invalid);
    await this.host.run(async () => {
      await requestMemberCode(this.host.api(), normalizedEmail(form.values));
      this.stage = 'code-sent';
      this.host.requestUpdate();
      await form.focus('code');
    });
  };

  #verify = async () => {
    const { form } = this.host;
    const m = this.host.messages();
    const invalid = codeError(form.values, m);
    if (invalid) return form.addError('code', invalid);
    await this.host.run(
      async () => {
        const { token } = await createMemberSession(this.host.api(), normalizedEmail(form.values), form.values.code.trim());
        this.stage = 'signed-in';
        this.host.signedIn(token);
        this.host.requestUpdate();
        await form.focus('name');
      },
      (error) => {
        // A wrong or expired code: said at the code field. Too many tries, or a server error: the error view.
        if (error.status < 400 || error.status >= 500 || error.code === 'rate_limited') return false;
        form.addError('code', m.errors.member_code, false);
        return true;
      },
    );
  };
}
