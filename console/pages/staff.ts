/**
 * `<nb-staff>`: the owner invites staff by email and limits each to places (a mall store's clerk
 * sees only that store); removing someone ends their sessions. Below, who changed what.
 */
import { LitElement, html, nothing } from 'lit';
import type { ConsolePerson, ConsolePlace } from '../../contract/console.js';
import { api } from '../api.js';
import { dateTime } from '../format.js';
import { PageState, submitted } from '../page-state.js';
import { shared } from '../styles.js';

interface AuditItem {
  at: string;
  userEmail: string;
  action: string;
  subject: string | null;
}

export class NbStaff extends LitElement {
  static override styles = [shared];

  static override properties = {
    people: { state: true },
    places: { state: true },
    audit: { state: true },
  };

  declare people: ConsolePerson[] | null;
  declare places: ConsolePlace[];
  declare audit: AuditItem[];
  private readonly state = new PageState(this);

  constructor() {
    super();
    this.people = null;
    this.places = [];
    this.audit = [];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    await this.state.load(async () => {
      const [people, places, audit] = await Promise.all([
        api<{ items: ConsolePerson[] }>('/staff'),
        api<{ items: ConsolePlace[] }>('/places'),
        api<{ items: AuditItem[] }>('/audit'),
      ]);
      this.people = people.items;
      this.places = places.items;
      this.audit = audit.items;
    });
  }

  private invite(event: SubmitEvent): void {
    const f = submitted(event);
    void this.state.run(async () => {
      const person = await api<ConsolePerson>('/staff', {
        method: 'POST',
        body: { email: f.text('email'), name: f.text('name'), nodeIds: f.all('places') },
      });
      f.form.reset();
      await this.load();
      return `${person.name} is invited; they sign in with ${person.email}.`;
    });
  }

  private removePerson(person: ConsolePerson): void {
    if (!confirm(`Remove ${person.name}? They are signed out at once.`)) return;
    void this.state.run(async () => {
      await api(`/staff/${encodeURIComponent(person.id)}`, { method: 'DELETE' });
      await this.load();
      return `${person.name} was removed.`;
    });
  }

  private placeNames(ids: string[]): string {
    if (ids.length === 0) return 'Every place';
    return ids.map((id) => this.places.find((p) => p.id === id)?.name ?? id).join(', ');
  }

  override render() {
    if (!this.people) return this.state.placeholder('staff');
    return html`
      <h1>Staff</h1>
      ${this.state.messages()}
      <div class="scroll" tabindex="0" role="region" aria-label="People">
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Places</th>
              <th scope="col"><span class="visually-hidden">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            ${this.people.map(
              (p) => html`<tr>
                <td>${p.name}</td>
                <td>${p.email}</td>
                <td>${p.role}</td>
                <td>${p.role === 'owner' ? 'Every place' : this.placeNames(p.nodeIds)}</td>
                <td>
                  ${
                    p.role === 'staff'
                      ? html`<button class="secondary" aria-label=${`Remove ${p.name}`} @click=${() => this.removePerson(p)}>Remove</button>`
                      : nothing
                  }
                </td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      <h2>Invite someone</h2>
      <form class="form card" @submit=${this.invite}>
        <label>Name <input name="name" required maxlength="120" autocomplete="off" /></label>
        <label>Email <input name="email" type="email" required maxlength="254" autocomplete="off" /></label>
        <fieldset>
          <legend>Places they see <span class="hint">(none ticked: every place)</span></legend>
          ${this.places.map((p) => html`<label class="row"><input type="checkbox" name="places" value=${p.id} /> ${p.name}</label>`)}
        </fieldset>
        <div class="row"><button type="submit" ?disabled=${this.state.busy}>Send invitation</button></div>
      </form>
      <h2>Who changed what</h2>
      ${
        this.audit.length === 0
          ? html`<p>No changes yet.</p>`
          : html`<ol>
            ${this.audit.map((e) => html`<li>${dateTime(e.at)} — ${e.userEmail}: ${e.action.replace(/[._]/g, ' ')} ${e.subject ?? ''}</li>`)}
          </ol>`
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'nb-staff': NbStaff;
  }
}
