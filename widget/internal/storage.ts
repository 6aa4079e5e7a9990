/**
 * The shopper's postal code, remembered for the site, and a member's sign-in, kept on the device
 * when the shopper asked for it (per publishable key). Storage can be missing, full or blocked
 * (private windows, cookie-consent tools, sandboxed iframes): every access is guarded and a
 * failure only means "not remembered". Saving is in the on-demand chunks (`button/more.ts`,
 * `checkout/member-session.ts`), with the forms that save.
 */
export const POSTAL_CODE_KEY = 'nearbuy:postal-code';

/** A stored value; null when there is none or storage cannot be read (a `localStorage` missing outside browsers included). */
function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function readPostalCode(): string | null {
  const value = read(POSTAL_CODE_KEY);
  return value && isPostalCode(value) ? value : null;
}

/** Postal codes the shopper saves, announced to every widget element on the page (`detail`: the code). */
export const postalCodeChannel = new EventTarget();

/** Same rule as the API's postal code (`contract/public.ts`): 3–10 letters, digits, spaces or dashes. */
export function isPostalCode(value: string): boolean {
  return /^[A-Za-z0-9 -]{3,10}$/.test(value.trim());
}

/** Prefix of the member sign-in kept on this device, per publishable key: the API's `MemberToken` (`{ token, email, expiresAt }`). */
export const MEMBER_KEY = 'nearbuy:member:';

/**
 * The member token this device keeps for the key; null when none. Its expiry is the API's to
 * judge: an expired or revoked token is answered 401, and the element then forgets it and asks
 * as a guest (`promise-element.ts`).
 */
export function readMemberToken(publishableKey: string): string | null {
  try {
    // Nothing kept: JSON.parse(null) is null, and reading from it throws.
    return JSON.parse(read(MEMBER_KEY + publishableKey)!).token;
  } catch {
    return null;
  }
}

/** Member sign-ins and sign-outs, announced to every widget element on the page (`detail`: `[publishable key, token or null]`). */
export const memberChannel = new EventTarget();

/** Tells every widget element on this page that the member of `publishableKey` is now `token` (null: signed out). */
export function announceMember(publishableKey: string, token: string | null): void {
  memberChannel.dispatchEvent(new CustomEvent('change', { detail: [publishableKey, token] }));
}

/** Forgets the member on this device and page: a sign-out, or a token the API no longer takes. */
export function forgetMember(publishableKey: string): void {
  try {
    localStorage.removeItem(MEMBER_KEY + publishableKey);
  } catch {
    // Nothing was kept.
  }
  announceMember(publishableKey, null);
}

/**
 * The `storage` listener every element adds to the window (the same function, so a page has it
 * once): another tab of the site signed the member in or out on this device, or the API refused
 * the token there and it was forgotten; this page follows what the device keeps now.
 */
export function followOtherTabs(event: StorageEvent): void {
  const publishableKey = event.key?.split(MEMBER_KEY)[1];
  if (publishableKey) announceMember(publishableKey, readMemberToken(publishableKey));
}
