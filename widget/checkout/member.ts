import { html, type TemplateResult } from 'lit';
import type { MemberToken } from '../../contract/public.js';
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
  /** The shopper signed in: the token goes with every later call; `onDevice`: kept on this device. */
  signedIn(member: MemberToken, onDevice: boolean): void;
  /** The shopper signed out. */
  signOut(): void;
  requestUpdate(): void;
}

export type MemberStage = 'idle' | 'code-sent' | 'signed-in';

/**
 * Member sign-in inside the details step: "Email me a code", then the six digits from the email
 * (and, if the shopper wants, "Keep me signed in on this device for 30 days"), then "Signed in as
 * member …" (free fast delivery where the merchant offers it) with Sign out.
 */
export class MemberSignIn {
  stage: MemberStage = 'idle';
  /** Whether the shopper ticked "Keep me signed in on this device"; never ticked for them. */
  keep = false;
  /** Whose sign-in it is, when known (this page's sign-in, or the one the device kept). */
  #email: string | null = null;

  constructor(private readonly host: MemberSignInHost) {}

  /** Already signed in (a token from an earlier opening, another widget, or kept on the device). */
  markSignedIn(email: string | null): void {
    this.#email = email;
    this.stage = 'signed-in';
    this.host.requestUpdate();
  }

  /** Signed out (here, elsewhere on the page, or the token was refused): the prompt again. */
  markSignedOut(): void {
    if (this.stage !== 'signed-in') return;
    this.stage = 'idle';
    this.#email = null;
    this.host.requestUpdate();
  }

  render(): TemplateResult {
    const m = this.host.messages();
    const { form } = this.host;
    const busy = this.host.busy();
    const email = normalizedEmail(form.values);
    if (this.stage === 'signed-in') {
      return html`<div class="member signed-in">
        <p>${m.signedIn(this.#email ?? email)}</p>
        <button class="secondary" type="button" @click=${() => this.host.signOut()} ?disabled=${busy}>${m.signOut}</button>
      </div>`;
    }
    if (this.stage === 'code-sent') {
      return html`<div class="member">
        <p>${m.codeSent(email)}</p>
        <div class="row">
          ${form.field('code', m.code, { inputmode: 'numeric', autocomplete: 'one-time-code', optional: true })}
          <button class="secondary" type="button" @click=${this.#verify} ?disabled=${busy}>${m.verify}</button>
        </div>
        <label class="check">
          <input
            type="checkbox"
            name="keep-signed-in"
            .checked=${this.keep}
            @change=${(event: Event) => (this.keep = (event.target as HTMLInputElement).checked)}
          />
          ${m.keepSignedIn}
        </label>
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
        const member = await createMemberSession(this.host.api(), normalizedEmail(form.values), form.values.code.trim(), this.keep);
        this.stage = 'signed-in';
        this.#email = member.email;
        this.host.signedIn(member, this.keep);
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
