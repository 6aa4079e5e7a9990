/**
 * @internal Not part of the widget's public API (not exported from `widget/index.ts`).
 *
 * The checkout dialog fires it on its `<nearbuy-button>` when the shopper signed in as a member.
 * The button keeps the token and fetches its promise again with it; the next opening of the
 * dialog gets the token in its context. It does not bubble: nothing outside the button hears it.
 */
export class NearbuyMemberSignedInEvent extends Event {
  constructor(
    /** The short-lived shopper token from `POST /v1/members/sessions`. */
    readonly token: string,
  ) {
    super('nearbuy-member-signed-in');
  }
}

declare global {
  interface HTMLElementEventMap {
    'nearbuy-member-signed-in': NearbuyMemberSignedInEvent;
  }
}
