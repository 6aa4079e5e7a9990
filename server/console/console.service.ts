/**
 * The merchant console's people (`app.console`): sign-up and sign-in by an emailed one-time
 * code, cookie sessions (expiring, revocable), staff invited by the owner and limited to places,
 * and the audit log that names who made every change. docs/ARCHITECTURE.md, "The console".
 *
 * Nothing here says whether an email has an account: asking for a code, signing up with a known
 * address and signing in with an unknown one all answer alike, and only the mailbox learns more.
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import fp from 'fastify-plugin';
import type { Db } from '../db/port.js';
import type { WriteTransactions } from '../db/writes.js';
import { ApiError, conflict, notFound } from '../errors.js';
import type { Mailer } from '../mail/mailer.js';
import type { MerchantDirectory } from '../live/merchants.js';
import type { Merchant } from '../merchants/merchant.js';
import { createMerchant } from '../merchants/merchants.service.js';
import { SlidingLimit } from './limits.js';
import {
  codeFor,
  countWrongCode,
  deleteCode,
  insertAudit,
  insertSession,
  insertUser,
  listAudit,
  listUsers,
  putCode,
  removeStaff,
  revokeSession,
  revokeUserSessions,
  sessionUser,
  updateStaffPlaces,
  userByEmail,
  type AuditEntry,
  type ConsoleUser,
  type SignupForm,
} from './console.repository.js';

export type { ConsoleUser, AuditEntry, SignupForm };

export const CODE_TTL_MS = 10 * 60_000;
export const MAX_CODE_ATTEMPTS = 5;
export const SESSION_TTL_MS = 12 * 60 * 60_000;
/** Codes asked for one address, and from one client address, per window. */
export const CODES_PER_EMAIL = 3;
export const CODES_PER_IP = 20;
export const VERIFY_PER_IP = 30;
const LIMIT_WINDOW_MS = 10 * 60_000;

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function codeDigest(code: string, email: string, salt: string): string {
  return sha256(`${salt}\u0000${email}\u0000${code}`);
}

/** A signed-in person, their merchant as every request sees it, and the session's CSRF token. */
export interface ConsoleSession {
  user: ConsoleUser;
  merchant: Merchant;
  csrfToken: string;
  tokenHash: string;
  expiresAt: Date;
}

const tooMany = (what: string) =>
  new ApiError('rate_limited', `Too many ${what} from here; wait ten minutes and try again`, undefined, { 'retry-after': '600' });

export class ConsoleService {
  private readonly codesByEmail = new SlidingLimit(CODES_PER_EMAIL, LIMIT_WINDOW_MS);
  private readonly codesByIp = new SlidingLimit(CODES_PER_IP, LIMIT_WINDOW_MS);
  private readonly verifiesByIp = new SlidingLimit(VERIFY_PER_IP, LIMIT_WINDOW_MS);

  constructor(
    private readonly db: Db,
    private readonly changes: WriteTransactions,
    private readonly merchants: MerchantDirectory,
    private readonly mailer: Mailer,
    private readonly clock: () => number,
  ) {}

  /** Sends a sign-in code when the email has an account; answers alike when it has none. */
  async requestCode(email: string, ip: string): Promise<void> {
    this.limitCodes(email, ip);
    const user = await userByEmail(this.db, email);
    if (!user) return;
    await this.sendCode(email, null, `Your nearbuy console sign-in code`);
  }

  /**
   * Starts a sign-up: the form waits with a code until the code proves the address. A known
   * address gets a sign-in code instead, so the answer never tells that it has an account.
   */
  async signUp(email: string, form: SignupForm, ip: string): Promise<void> {
    this.limitCodes(email, ip);
    const user = await userByEmail(this.db, email);
    await this.sendCode(email, user ? null : form, user ? `Your nearbuy console sign-in code` : `Confirm your nearbuy account`);
  }

  private limitCodes(email: string, ip: string): void {
    const now = this.clock();
    if (!this.codesByIp.take(`ip:${ip}`, now)) throw tooMany('sign-in attempts');
    // Counted for every address, known or not, so the limit reveals nothing either.
    if (!this.codesByEmail.take(email, now))
      throw new ApiError('rate_limited', 'Several codes were sent to this address already; use the newest or wait ten minutes', undefined, {
        'retry-after': '600',
      });
  }

  private async sendCode(email: string, signup: SignupForm | null, subject: string): Promise<void> {
    const now = this.clock();
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const salt = randomBytes(16).toString('hex');
    await putCode(this.db, {
      email,
      codeHash: codeDigest(code, email, salt),
      salt,
      signup,
      expiresAt: new Date(now + CODE_TTL_MS),
      at: new Date(now),
    });
    await this.mailer.send({
      to: email,
      subject,
      text: `Your nearbuy console code is ${code}. It expires in 10 minutes. If you did not ask for it, ignore this email.`,
      code,
    });
  }

  /**
   * Checks a code. A pending sign-up becomes a merchant and its owner here. Returns the new
   * session's cookie token (shown to nobody else) and its CSRF token.
   */
  async verifyCode(email: string, code: string, ip: string): Promise<{ token: string; session: ConsoleSession }> {
    const now = this.clock();
    if (!this.verifiesByIp.take(`ip:${ip}`, now)) throw tooMany('wrong codes');
    const wrong = 'That code is not right or has expired; ask for a new code';
    type Verdict = { ok: true; signup: SignupForm | null } | { ok: false; message: string };
    const verdict = await this.db.transaction(async (tx): Promise<Verdict> => {
      const row = await codeFor(tx, email, true);
      if (!row || new Date(row.expires_at).getTime() <= now) return { ok: false, message: wrong };
      if (row.attempts >= MAX_CODE_ATTEMPTS) return { ok: false, message: 'Too many wrong codes; ask for a new code' };
      const given = Buffer.from(codeDigest(code, email, row.salt), 'hex');
      if (!timingSafeEqual(Buffer.from(row.code_hash, 'hex'), given)) {
        // Counted although the request fails: committed, and the error thrown after.
        await countWrongCode(tx, email);
        return { ok: false, message: wrong };
      }
      await deleteCode(tx, email);
      return { ok: true, signup: row.signup };
    });
    if (!verdict.ok) throw new ApiError('unauthorized', verdict.message);

    let user = await userByEmail(this.db, email);
    if (!user && verdict.signup) {
      const form = verdict.signup;
      const { merchant } = await createMerchant(this.db, this.changes, {
        name: form.merchantName,
        allowedOrigins: form.allowedOrigins,
        currency: form.currency,
      });
      user = await insertUser(this.db, {
        merchantId: merchant.id,
        email,
        name: form.name,
        role: 'owner',
        nodeIds: [],
        invitedBy: null,
        at: new Date(now),
      });
      if (user) await this.audit(user, 'merchant.created', merchant.id, { name: form.merchantName });
    }
    if (!user) throw new ApiError('unauthorized', wrong);
    return this.openSession(user);
  }

  /** A new session for someone whose address is already proved (the demo's sign-in opens one this way too). */
  async openSession(user: ConsoleUser): Promise<{ token: string; session: ConsoleSession }> {
    const now = this.clock();
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const tokenHash = sha256(token);
    const expiresAt = new Date(now + SESSION_TTL_MS);
    await insertSession(this.db, { tokenHash, userId: user.id, csrfToken, at: new Date(now), expiresAt });
    return { token, session: { user, merchant: this.merchantOf(user), csrfToken, tokenHash, expiresAt } };
  }

  /** The live session behind a cookie's token; null when there is none. */
  async session(token: string): Promise<ConsoleSession | null> {
    const tokenHash = sha256(token);
    const found = await sessionUser(this.db, tokenHash, new Date(this.clock()));
    if (!found) return null;
    const merchant = this.merchants.get(found.user.merchantId);
    if (!merchant) return null;
    return { user: found.user, merchant, csrfToken: found.csrfToken, tokenHash, expiresAt: found.expiresAt };
  }

  async signOut(session: ConsoleSession): Promise<void> {
    await revokeSession(this.db, session.tokenHash, new Date(this.clock()));
  }

  /** Ends every session of this person, this one included. */
  async signOutEverywhere(session: ConsoleSession): Promise<number> {
    return revokeUserSessions(this.db, session.user.id, new Date(this.clock()));
  }

  private merchantOf(user: ConsoleUser): Merchant {
    const merchant = this.merchants.get(user.merchantId);
    if (!merchant) throw notFound(`No merchant ${user.merchantId}`);
    return merchant;
  }

  /** Records a change and who made it. */
  async audit(user: ConsoleUser, action: string, subject: string | null, details: Record<string, unknown> = {}): Promise<void> {
    await insertAudit(this.db, { merchantId: user.merchantId, userId: user.id, action, subject, details, at: new Date(this.clock()) });
  }

  async auditLog(merchantId: string, limit = 100): Promise<AuditEntry[]> {
    return listAudit(this.db, merchantId, limit);
  }

  async people(merchantId: string): Promise<ConsoleUser[]> {
    return listUsers(this.db, merchantId);
  }

  /** The owner invites a staff member, limited to `nodeIds` (every place when empty); they sign in by code. */
  async invite(owner: ConsoleUser, invite: { email: string; name: string; nodeIds: string[] }): Promise<ConsoleUser> {
    const merchant = this.merchantOf(owner);
    const user = await insertUser(this.db, {
      merchantId: owner.merchantId,
      email: invite.email,
      name: invite.name,
      role: 'staff',
      nodeIds: [...new Set(invite.nodeIds)],
      invitedBy: owner.id,
      at: new Date(this.clock()),
    });
    if (!user) throw conflict(`${invite.email} already has a nearbuy console account`);
    await this.audit(owner, 'staff.invited', user.id, { email: user.email, nodeIds: user.nodeIds });
    await this.mailer.send({
      to: invite.email,
      subject: `${owner.name} invited you to ${merchant.name} on nearbuy`,
      text: `${owner.name} invited you to run ${merchant.name}'s deliveries on nearbuy. Sign in to the console with this email address; a one-time code will be sent here.`,
    });
    return user;
  }

  async setStaffPlaces(owner: ConsoleUser, userId: string, nodeIds: string[]): Promise<ConsoleUser> {
    const user = await updateStaffPlaces(this.db, owner.merchantId, userId, [...new Set(nodeIds)]);
    if (!user) throw notFound(`No staff member ${userId}`);
    await this.audit(owner, 'staff.places_changed', userId, { nodeIds: user.nodeIds });
    return user;
  }

  async removeStaff(owner: ConsoleUser, userId: string): Promise<void> {
    if (!(await removeStaff(this.db, owner.merchantId, userId, new Date(this.clock())))) throw notFound(`No staff member ${userId}`);
    await this.audit(owner, 'staff.removed', userId);
  }

  /** Makes the owner of an existing merchant (the CLI's and the demo's merchants have none yet). */
  async ensureOwner(merchantId: string, email: string, name: string): Promise<ConsoleUser> {
    const existing = await userByEmail(this.db, email);
    if (existing) return existing;
    const user = await insertUser(this.db, {
      merchantId,
      email,
      name,
      role: 'owner',
      nodeIds: [],
      invitedBy: null,
      at: new Date(this.clock()),
    });
    if (!user) throw conflict(`${email} already has a nearbuy console account`);
    return user;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    console: ConsoleService;
  }
}

export default fp(
  async function consolePlugin(app) {
    // In demo mode and tests mail is captured in the process: codes go there, so the demo
    // mailbox (/demo/mail) shows them; otherwise through the mailer (SMTP, or the dev log).
    const mailer = app.mail.inbox ? app.mail.asMailer() : app.mailer;
    app.decorate('console', new ConsoleService(app.db, app.changes, app.merchants, mailer, app.clock));
  },
  { name: 'console', dependencies: ['db', 'changes', 'merchants', 'mail', 'mailer', 'clock'] },
);
