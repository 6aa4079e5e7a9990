/**
 * Member sign-in by email and a one-time code. Codes are six digits, stored salted and hashed,
 * live ten minutes and allow five guesses; a new request replaces the old code. No answer of the
 * code flow says whether the email belongs to a member: a stranger's request records a decoy
 * code that nothing matches, so resends, guesses and expiry answer exactly as for a member, and
 * the code is mailed after the answer, so a member's request takes no longer. `app.members`, and
 * `app.memberOf(request, merchant)` for the signed-in member behind a request.
 *
 * A good code opens a member session (`member_sessions`): two hours, or thirty days when the
 * shopper asked to stay signed in on their device. Its token is signed and checked without the
 * database; a sign-out, the end of the membership or "sign out everywhere" revokes sessions, and
 * every process refuses them from its revocation list (docs/ARCHITECTURE.md, "Members").
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import { HEADERS } from '../../contract/http.js';
import type { Db } from '../db/port.js';
import { ApiError } from '../errors.js';
import type { Merchant } from '../merchants/merchant.js';
import type { Mailer } from '../mail/mailer.js';
import type { MemberClaims, Tokens } from '../auth/tokens.js';
import type { WriteTransactions } from '../db/writes.js';
import { insertSession, revokeMemberSessions, revokeSession } from './sessions.repository.js';
import { RevokedSessions } from './sessions.js';

export const CODE_TTL_MS = 10 * 60_000;
export const MAX_CODE_ATTEMPTS = 5;
/** A sign-in for this page visit. */
export const MEMBER_TOKEN_TTL_MS = 2 * 60 * 60_000;
/** A sign-in the shopper asked this device to keep. */
export const REMEMBERED_MEMBER_TOKEN_TTL_MS = 30 * 24 * 60 * 60_000;
/** A new code for the same email at most this often. */
const RESEND_INTERVAL_MS = 30_000;

function digest(code: string, email: string, salt: string): string {
  return createHash('sha256').update(`${salt}\u0000${email}\u0000${code}`).digest('hex');
}

export class MemberService {
  /** Revoked sessions, kept in line by `members` change notices. */
  readonly revoked: RevokedSessions;

  constructor(
    private readonly db: Db,
    private readonly tokens: Tokens,
    private readonly mailer: Mailer,
    private readonly clock: () => number,
    private readonly writes: WriteTransactions,
    private readonly log?: FastifyBaseLogger,
  ) {
    this.revoked = new RevokedSessions(clock);
  }

  /** The claims of a member token that is signed, unexpired and not revoked; null otherwise. */
  claims(token: string, merchantId: string): MemberClaims | null {
    const claims = this.tokens.readMember(token, merchantId, this.clock());
    return claims && !this.revoked.has(claims.sessionId) ? claims : null;
  }

  /** Signs a token's session out; false when the token is not one of this merchant's (forged, garbled). */
  async signOut(merchantId: string, token: string): Promise<boolean> {
    // Any age: signing out an expired token is done already, and says so the same way.
    const claims = this.tokens.readMember(token, merchantId, null);
    if (!claims) return false;
    await this.writes.transaction(this.db, (tx) => revokeSession(tx, merchantId, claims.sessionId, this.clock()));
    return true;
  }

  /** Signs a member out on every device; how many sessions were live. */
  async signOutEverywhere(merchantId: string, email: string): Promise<number> {
    return this.writes.transaction(this.db, (tx) => revokeMemberSessions(tx, merchantId, email, this.clock()));
  }

  async isMember(merchantId: string, email: string): Promise<boolean> {
    const rows = await this.db.query(`SELECT 1 FROM members WHERE merchant_id = $1 AND email = $2`, [merchantId, email]);
    return rows.length > 0;
  }

  /** Sends a code when the email is a member's; every answer (and its timing) is the same either way. */
  async requestCode(merchantId: string, merchantName: string, email: string): Promise<void> {
    const member = await this.isMember(merchantId, email);
    const now = this.clock();
    const [recent] = await this.db.query<{ created_at: Date }>(
      `SELECT created_at FROM member_codes WHERE merchant_id = $1 AND email = $2`,
      [merchantId, email],
    );
    if (recent && now - new Date(recent.created_at).getTime() < RESEND_INTERVAL_MS) {
      throw new ApiError(
        'rate_limited',
        'A code was sent to this address moments ago; wait 30 seconds before asking for another',
        undefined,
        {
          'retry-after': '30',
        },
      );
    }
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const salt = randomBytes(16).toString('hex');
    // A stranger's row hashes 32 random bytes, not six digits: no code can ever match it.
    const hash = member ? digest(code, email, salt) : digest(randomBytes(32).toString('hex'), email, salt);
    await this.db.query(
      `INSERT INTO member_codes (merchant_id, email, code_hash, salt, attempts, expires_at, created_at)
       VALUES ($1, $2, $3, $4, 0, $5, $6)
       ON CONFLICT (merchant_id, email) DO UPDATE SET code_hash = EXCLUDED.code_hash, salt = EXCLUDED.salt,
         attempts = 0, expires_at = EXCLUDED.expires_at, created_at = EXCLUDED.created_at`,
      [merchantId, email, hash, salt, new Date(now + CODE_TTL_MS), new Date(now)],
    );
    if (!member) return;
    // Not awaited: waiting on the mail server would make a member's answer measurably slower.
    this.mailer
      .send({
        to: email,
        subject: `Your ${merchantName} member code`,
        text: `Your member code for ${merchantName} is ${code}. It expires in 10 minutes.`,
        code,
      })
      .catch((err: unknown) => this.log?.error({ err, merchantId }, 'sending a member code failed'));
  }

  /** Checks a code; on success opens a member session and returns its token (kept 30 days when `remember`). */
  async verifyCode(merchantId: string, email: string, code: string, remember = false): Promise<{ token: string; expiresAt: number }> {
    const now = this.clock();
    type Verdict = { ok: true; token: string; expiresAt: number } | { ok: false; triesLeft: number };
    const verdict = await this.writes.transaction(this.db, async (tx): Promise<Verdict> => {
      const [row] = await tx.query<{ code_hash: string; salt: string; attempts: number; expires_at: Date }>(
        `SELECT code_hash, salt, attempts, expires_at FROM member_codes WHERE merchant_id = $1 AND email = $2 FOR UPDATE`,
        [merchantId, email],
      );
      if (!row || new Date(row.expires_at).getTime() <= now) {
        throw new ApiError('unauthorized', 'That code has expired or was never sent; ask for a new code');
      }
      if (row.attempts >= MAX_CODE_ATTEMPTS) {
        throw new ApiError('rate_limited', 'Too many wrong codes; ask for a new code');
      }
      const expected = Buffer.from(row.code_hash, 'hex');
      const given = Buffer.from(digest(code, email, row.salt), 'hex');
      if (!timingSafeEqual(expected, given)) {
        await tx.query(`UPDATE member_codes SET attempts = attempts + 1 WHERE merchant_id = $1 AND email = $2`, [merchantId, email]);
        const left = MAX_CODE_ATTEMPTS - row.attempts - 1;
        // The attempt must count although this request fails: commit it, then throw outside.
        return { ok: false, triesLeft: left };
      }
      await tx.query(`DELETE FROM member_codes WHERE merchant_id = $1 AND email = $2`, [merchantId, email]);
      const expiresAt = now + (remember ? REMEMBERED_MEMBER_TOKEN_TTL_MS : MEMBER_TOKEN_TTL_MS);
      const sessionId = randomBytes(16).toString('base64url');
      await insertSession(tx, { id: sessionId, merchantId, email, createdAt: now, expiresAt });
      return { ok: true, token: this.tokens.member({ merchantId, email, expiresAt, sessionId }), expiresAt };
    });
    if (!verdict.ok) {
      const left = verdict.triesLeft;
      throw new ApiError(
        'unauthorized',
        left > 0 ? `That code is not right; ${left} ${left === 1 ? 'try' : 'tries'} left` : 'That code is not right; ask for a new code',
      );
    }
    return { token: verdict.token, expiresAt: verdict.expiresAt };
  }

  async addMember(merchantId: string, email: string): Promise<boolean> {
    const rows = await this.db.query(`INSERT INTO members (merchant_id, email) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1`, [
      merchantId,
      email,
    ]);
    return rows.length > 0;
  }

  /** Ends a membership, and with it every session of the member's: their tokens stop at once. */
  async removeMember(merchantId: string, email: string): Promise<boolean> {
    return this.writes.transaction(this.db, async (tx) => {
      const rows = await tx.query(`DELETE FROM members WHERE merchant_id = $1 AND email = $2 RETURNING 1`, [merchantId, email]);
      if (rows.length > 0) await revokeMemberSessions(tx, merchantId, email, this.clock());
      return rows.length > 0;
    });
  }

  async listMembers(merchantId: string): Promise<Array<{ email: string; createdAt: Date }>> {
    const rows = await this.db.query<{ email: string; created_at: Date }>(
      `SELECT email, created_at FROM members WHERE merchant_id = $1 ORDER BY email`,
      [merchantId],
    );
    return rows.map((r) => ({ email: r.email, createdAt: new Date(r.created_at) }));
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    members: MemberService;
    /** The signed-in member behind a request's member token; null without one. */
    memberOf(request: FastifyRequest, merchant: Merchant): MemberClaims | null;
  }
}

export default fp(
  async function membersPlugin(app) {
    const members = new MemberService(app.db, app.tokens, app.mailer, app.clock, app.changes, app.log);
    app.decorate('members', members);
    await members.revoked.loadAll(app.db);
    app.changes.subscribe(async (change) => {
      if (change.kind === 'members') await members.revoked.load(app.db, change.ids);
    });
    app.changes.onResync(() => members.revoked.loadAll(app.db));
    app.decorate('memberOf', (request: FastifyRequest, merchant: Merchant) => {
      const header = request.headers[HEADERS.memberToken];
      if (header === undefined || header === '') return null;
      const claims = typeof header === 'string' ? members.claims(header, merchant.id) : null;
      if (!claims)
        throw new ApiError(
          'unauthorized',
          'The member sign-in has expired, was signed out or is not valid; sign in again or continue as a guest',
        );
      return claims;
    });
  },
  { name: 'members', dependencies: ['db', 'tokens', 'mailer', 'clock', 'changes'] },
);
