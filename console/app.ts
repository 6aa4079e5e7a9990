/**
 * `<nb-console>`: the merchant console's shell. Finds out who is signed in, shows sign-in or the
 * store's pages, and routes by the URL's hash (`#/orders`, `#/orders/<id>`, `#/places`, `#/reach`, `#/products`, `#/stock`, `#/delivery`, `#/keys`, `#/staff`)
 * so that the browser's back button and bookmarks work.
 */
import { LitElement, css, html, nothing } from 'lit';
import type { ConsoleSessionInfo } from '../contract/console.js';
import { api, ConsoleApiError, messageOf, useCsrfToken } from './api.js';
import { shared } from './styles.js';

type Route =
  | { page: 'orders' }
  | { page: 'order'; id: string }
  | { page: 'places' }
  | { page: 'reach' }
  | { page: 'products' }
  | { page: 'stock' }
  | { page: 'delivery' }
  | { page: 'keys' }
  | { page: 'staff' };

/**
 * The reach page and its map load on the first visit, as chunks of their own: most visits never
 * need them. A failed load is forgotten, so the next visit tries again.
 */
let reachPage: Promise<void> | null = null;
function loadReachPage(): Promise<void> {
  reachPage ??= import('./pages/reach.js').then(
    ({ NbReach }) => {
      if (!customElements.get('nb-reach')) customElements.define('nb-reach', NbReach);
    },
    (error: unknown) => {
      reachPage = null;
      throw error;
    },
  );
  return reachPage;
}

function routeOf(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/');
  if (parts[0] === 'orders' && parts[1]) return { page: 'order', id: decodeURIComponent(parts[1]) };
  if (parts[0] === 'places') return { page: 'places' };
  if (parts[0] === 'reach') return { page: 'reach' };
  if (parts[0] === 'products') return { page: 'products' };
  if (parts[0] === 'stock') return { page: 'stock' };
  if (parts[0] === 'delivery') return { page: 'delivery' };
  if (parts[0] === 'keys') return { page: 'keys' };
  if (parts[0] === 'staff') return { page: 'staff' };
  return { page: 'orders' };
}

export class NbConsole extends LitElement {
  static override styles = [
    shared,
    css`
      header {
        background: #111827;
        color: #fff;
      }
      .bar {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1.25rem;
        align-items: center;
        padding: 0.6rem 1rem;
        max-width: 72rem;
        margin: 0 auto;
      }
      .brand {
        font-weight: 700;
      }
      nav ul {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 1rem;
        list-style: none;
        margin: 0;
        padding: 0;
      }
      nav a {
        color: #e5e7eb;
        text-decoration: none;
        padding: 0.25rem 0;
      }
      nav a[aria-current='page'] {
        color: #fff;
        text-decoration: underline;
        text-underline-offset: 0.3rem;
      }
      .who {
        margin-left: auto;
        display: flex;
        gap: 0.75rem;
        align-items: center;
        font-size: 0.9rem;
      }
      .who button {
        background: transparent;
        border-color: #e5e7eb;
      }
      main {
        padding: 1rem;
        max-width: 72rem;
        margin: 0 auto;
      }
    `,
  ];

  static override properties = {
    session: { state: true },
    state: { state: true },
    error: { state: true },
    route: { state: true },
    pageError: { state: true },
  };

  declare session: ConsoleSessionInfo | null;
  declare state: 'loading' | 'ready' | 'error';
  declare error: string;
  declare route: Route;
  /** A lazily loaded page that failed to load. */
  declare pageError: string;

  constructor() {
    super();
    this.session = null;
    this.state = 'loading';
    this.error = '';
    this.route = routeOf(location.hash);
    this.pageError = '';
  }

  private readonly onHash = () => {
    this.route = routeOf(location.hash);
    this.pageError = '';
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHash);
    void this.load();
  }

  override disconnectedCallback(): void {
    window.removeEventListener('hashchange', this.onHash);
    super.disconnectedCallback();
  }

  private async load(): Promise<void> {
    this.state = 'loading';
    try {
      this.signedIn(await api<ConsoleSessionInfo>('/session'));
    } catch (error) {
      if (error instanceof ConsoleApiError && error.status === 401) {
        this.signedIn(null);
      } else {
        this.error = messageOf(error);
        this.state = 'error';
        return;
      }
    }
    this.state = 'ready';
  }

  private signedIn(session: ConsoleSessionInfo | null): void {
    this.session = session;
    useCsrfToken(session?.csrfToken ?? null);
    this.state = 'ready';
  }

  private async signOut(): Promise<void> {
    try {
      await api('/sign-out', { method: 'POST' });
    } catch {
      // Signed out already, or the server is away: the page forgets the session either way.
    }
    this.signedIn(null);
  }

  override render() {
    if (this.state === 'loading') return html`<main><p role="status">Loading…</p></main>`;
    if (this.state === 'error')
      return html`<main>
        <h1>nearbuy console</h1>
        <p class="error" role="alert">${this.error}</p>
        <button @click=${() => this.load()}>Try again</button>
      </main>`;
    const session = this.session;
    if (!session) return html`<nb-sign-in @nb-signed-in=${(e: CustomEvent<ConsoleSessionInfo>) => this.signedIn(e.detail)}></nb-sign-in>`;
    const owner = session.user.role === 'owner';
    const link = (href: string, text: string, current: boolean) =>
      html`<li><a href=${href} aria-current=${current ? 'page' : nothing}>${text}</a></li>`;
    const r = this.route;
    return html`
      <header>
        <div class="bar">
          <span class="brand">${session.merchant.name}</span>
          <nav aria-label="Console">
            <ul>
              ${link('#/orders', 'Orders', r.page === 'orders' || r.page === 'order')} ${link('#/places', 'Places', r.page === 'places')}
              ${link('#/reach', 'Reach', r.page === 'reach')}
              ${owner ? link('#/products', 'Products', r.page === 'products') : nothing} ${link('#/stock', 'Stock', r.page === 'stock')}
              ${owner ? link('#/delivery', 'Delivery', r.page === 'delivery') : nothing} ${owner ? link('#/keys', 'Keys', r.page === 'keys') : nothing} ${owner ? link('#/staff', 'Staff', r.page === 'staff') : nothing}
            </ul>
          </nav>
          <div class="who">
            <span>${session.user.name}${owner ? '' : ' (staff)'}</span>
            <button @click=${() => this.signOut()}>Sign out</button>
          </div>
        </div>
      </header>
      <main>${this.page(r, owner)}</main>
    `;
  }

  private page(r: Route, owner: boolean) {
    switch (r.page) {
      case 'order':
        return html`<nb-order .orderId=${r.id}></nb-order>`;
      case 'places':
        return html`<nb-places .owner=${owner}></nb-places>`;
      case 'reach':
        if (!customElements.get('nb-reach')) {
          loadReachPage().then(
            () => (this.pageError = ''),
            () => (this.pageError = 'This page could not be loaded; check your connection and reload.'),
          );
        }
        return this.pageError ? html`<p class="error" role="alert">${this.pageError}</p>` : html`<nb-reach></nb-reach>`;
      case 'products':
        return owner
          ? html`<nb-products .currency=${this.session?.merchant.currency ?? 'USD'}></nb-products>`
          : html`<p class="error">Only the store's owner changes products.</p>`;
      case 'stock':
        return html`<nb-stock></nb-stock>`;
      case 'delivery':
        return owner ? html`<nb-delivery></nb-delivery>` : html`<p class="error">Only the store's owner changes delivery settings.</p>`;
      case 'keys':
        return owner ? html`<nb-keys></nb-keys>` : html`<p class="error">Only the store's owner sees the keys.</p>`;
      case 'staff':
        return owner ? html`<nb-staff></nb-staff>` : html`<p class="error">Only the store's owner manages staff.</p>`;
      default:
        return html`<nb-orders></nb-orders>`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'nb-console': NbConsole;
  }
}
