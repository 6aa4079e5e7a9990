/**
 * The member's sign-in, for every widget on the page and, when the shopper ticked "Keep me signed
 * in on this device", in `localStorage` (key `nearbuy:member:<publishable key>`, read by the first
 * chunk's `internal/storage.ts` on the next page). Signing in or out tells every element through
 * `memberChannel`, so each fetches its promise again, with or without member prices.
 */
import type { MemberToken } from '../../contract/public.js';
import { MEMBER_KEY, announceMember, forgetMember } from '../internal/storage.js';

/** Sign-ins on this page, per publishable key (what the first chunk does not keep: the email). */
const onThisPage = new Map<string, MemberToken>();

/** Keeps a sign-in for this page, and on the device when the shopper asked; tells every element. */
export function keepMember(publishableKey: string, member: MemberToken, onDevice: boolean): void {
  onThisPage.set(publishableKey, member);
  try {
    // A sign-in not kept on the device also replaces one that was.
    if (onDevice) globalThis.localStorage?.setItem(MEMBER_KEY + publishableKey, JSON.stringify(member));
    else globalThis.localStorage?.removeItem(MEMBER_KEY + publishableKey);
  } catch {
    // Not kept on the device: the sign-in lasts for this page.
  }
  announceMember(publishableKey, member.token);
}

/** The sign-in behind a token the button passed on (for the email it is for); null if unknown here. */
export function memberOf(publishableKey: string, token: string): MemberToken | null {
  const here = onThisPage.get(publishableKey);
  if (here?.token === token) return here;
  try {
    const kept = JSON.parse(globalThis.localStorage?.getItem(MEMBER_KEY + publishableKey) ?? 'null') as MemberToken | null;
    return kept?.token === token ? kept : null;
  } catch {
    return null;
  }
}

/** Forgets the sign-in on this page and device (signed out, or refused by the API). */
export function endMember(publishableKey: string): void {
  onThisPage.delete(publishableKey);
  forgetMember(publishableKey);
}
