/**
 * What every console page does around its calls to `/console/api` (through `api.ts`, which adds
 * the CSRF header): show that it is loading, keep a button from being pressed twice while a
 * change is on its way, and show the error (`role="alert"`) or the notice (`role="status"`) the
 * change ended with. One Lit controller, so the pages do not each carry a copy.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { ConsoleApiError, messageOf } from './api.js';

export class PageState implements ReactiveController {
  /** A change is on its way: its button is disabled. */
  busy = false;
  error = '';
  notice = '';
  /** The failed call's `details` (a stock import's problems by line). */
  details: unknown = undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  /**
   * Runs one change: clears the last messages, marks the page busy, and shows the error if the
   * change fails. The work may return the notice to show. Resolves whether it worked.
   */
  async run(work: () => Promise<string | void>): Promise<boolean> {
    this.busy = true;
    this.error = '';
    this.notice = '';
    this.details = undefined;
    this.host.requestUpdate();
    try {
      const notice = await work();
      if (typeof notice === 'string') this.notice = notice;
      return true;
    } catch (error) {
      this.error = messageOf(error);
      this.details = error instanceof ConsoleApiError ? error.details : undefined;
      return false;
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  /** Loads data for the page; a failure is shown, not thrown (undefined comes back). */
  async load<T>(work: () => Promise<T>): Promise<T | undefined> {
    try {
      return await work();
    } catch (error) {
      if ((error as Error).name === 'AbortError') return undefined;
      this.error = messageOf(error);
      this.host.requestUpdate();
      return undefined;
    }
  }

  /** Shows a problem found before calling the server (a field the browser cannot check). */
  fail(message: string): void {
    this.error = message;
    this.notice = '';
    this.host.requestUpdate();
  }

  /** The error and the notice, each in its live region. */
  messages(more: unknown = nothing) {
    return html`${this.error ? html`<div class="error" role="alert">${this.error}${more}</div>` : nothing}
    ${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : nothing}`;
  }

  /** What a page shows before its data arrives: the error, or "Loading …". */
  placeholder(what: string) {
    return this.error ? html`<p class="error" role="alert">${this.error}</p>` : html`<p role="status">Loading ${what}…</p>`;
  }
}

/** A submitted form's fields, read by name; the submit's default is prevented. */
export function submitted(event: SubmitEvent) {
  event.preventDefault();
  const form = event.target as HTMLFormElement;
  const data = new FormData(form);
  return {
    form,
    /** The field's text, trimmed ('' when absent). */
    text: (name: string) => String(data.get(name) ?? '').trim(),
    /** Every value of a field that repeats (checkboxes). */
    all: (name: string) => data.getAll(name).map(String),
    /** Whether a checkbox is ticked. */
    checked: (name: string) => data.get(name) === 'on',
    file: (name: string) => data.get(name),
  };
}
