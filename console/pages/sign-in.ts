/**
 * `<nb-sign-in>`: sign in or sign up by an emailed one-time code. Step one asks for the email
 * (and, to sign up, the store's name and storefront origins); step two for the code.
 *
 * @fires nb-signed-in - `detail` is the new session.
 */
import { LitElement, css, html } from 'lit';
import type { ConsoleSessionInfo } from '../../contract/console.js';
import { api, useCsrfToken } from '../api.js';
import { PageState, submitted } from '../page-state.js';
import { shared } from '../styles.js';

export class NbSignIn extends LitElement {
  static override styles = [
    shared,
    css`
      main {
        max-width: 30rem;
        margin: 2rem auto;
        padding: 0 1rem;
      }
      .switch {
        margin-top: 1.25rem;
      }
      .link {
        background: none;
        border: none;
        color: #0b57d0;
        padding: 0;
        text-decoration: underline;
      }
    `,
  ];

  static override properties = {
    mode: { state: true },
    step: { state: true },
  };

  declare mode: 'sign-in' | 'sign-up';
  declare step: 'email' | 'code';
  private readonly state = new PageState(this);
  private email = '';
  /** What the server said it sent (the same words whether or not the address has an account). */
  private sent = '';

  constructor() {
    super();
    this.mode = 'sign-in';
    this.step = 'email';
  }

  private submitEmail(event: SubmitEvent): void {
    const f = submitted(event);
    this.email = f.text('email');
    void this.state.run(async () => {
      const answer =
        this.mode === 'sign-up'
          ? await api<{ message: string }>('/sign-up', {
              method: 'POST',
              body: {
                name: f.text('name'),
                email: this.email,
                merchantName: f.text('merchantName'),
                allowedOrigins: f
                  .text('origins')
                  .split(/[\s,]+/)
                  .filter(Boolean),
              },
            })
          : await api<{ message: string }>('/sign-in/code', { method: 'POST', body: { email: this.email } });
      this.sent = answer.message;
      this.step = 'code';
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('#code')?.focus();
    });
  }

  private submitCode(event: SubmitEvent): void {
    const code = submitted(event).text('code');
    void this.state.run(async () => {
      const session = await api<ConsoleSessionInfo>('/sign-in/verify', { method: 'POST', body: { email: this.email, code } });
      useCsrfToken(session.csrfToken);
      this.dispatchEvent(new CustomEvent('nb-signed-in', { detail: session, bubbles: true, composed: true }));
    });
  }

  override render() {
    const signUp = this.mode === 'sign-up';
    return html`<main>
      <h1>${signUp ? 'Create your nearbuy store' : 'Sign in to your store'}</h1>
      ${this.state.error ? html`<p class="error" role="alert">${this.state.error}</p>` : ''}
      ${this.step === 'email' ? this.emailForm(signUp) : this.codeForm()}
      ${
        this.step === 'email'
          ? html`<p class="switch">
            ${signUp ? 'Already have a store?' : 'New to nearbuy?'}
            <button class="link" type="button" @click=${() => this.switchMode()}>${signUp ? 'Sign in' : 'Create a store'}</button>
          </p>`
          : ''
      }
    </main>`;
  }

  private switchMode(): void {
    this.mode = this.mode === 'sign-up' ? 'sign-in' : 'sign-up';
    this.state.error = '';
  }

  private emailForm(signUp: boolean) {
    return html`<form class="form card" @submit=${this.submitEmail}>
      ${
        signUp
          ? html`<label>Your name <input name="name" autocomplete="name" required maxlength="120" /></label>
            <label>Store name <input name="merchantName" autocomplete="organization" required maxlength="200" /></label>
            <label
              >Storefront origins
              <span class="hint">Where your shop's pages are served, such as https://shop.example (one or more, separated by spaces)</span>
              <input name="origins" required placeholder="https://shop.example" />
            </label>`
          : ''
      }
      <label>Email <input id="email" name="email" type="email" autocomplete="email" required maxlength="254" /></label>
      <div class="row"><button type="submit" ?disabled=${this.state.busy}>${this.state.busy ? 'Sending…' : 'Email me a code'}</button></div>
    </form>`;
  }

  private codeForm() {
    return html`<form class="form card" @submit=${this.submitCode}>
      <p class="notice" role="status">${this.sent}</p>
      <label
        >Code sent to ${this.email}
        <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" required maxlength="6" />
      </label>
      <div class="row">
        <button type="submit" ?disabled=${this.state.busy}>${this.state.busy ? 'Checking…' : 'Sign in'}</button>
        <button class="secondary" type="button" @click=${() => (this.step = 'email')}>Use another email</button>
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'nb-sign-in': NbSignIn;
  }
}
