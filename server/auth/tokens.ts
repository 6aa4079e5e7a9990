/**
 * Signed tokens: member sign-ins and order access. Both are HMACs under one key that the first
 * process creates in the database and every process then shares, so a token issued by one
 * server is honoured by all, and checking one needs no database read.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import fp from 'fastify-plugin';
import type { Queryable } from '../db/port.js';

const KEY_NAME = 'token_key';

export async function loadTokenKey(db: Queryable): Promise<Buffer> {
  await db.query(`INSERT INTO server_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`, [
    KEY_NAME,
    randomBytes(32).toString('base64url'),
  ]);
  const [row] = await db.query<{ value: string }>(`SELECT value FROM server_secrets WHERE name = $1`, [KEY_NAME]);
  return Buffer.from(row!.value, 'base64url');
}

export interface MemberClaims {
  merchantId: string;
  email: string;
  /** Epoch ms. */
  expiresAt: number;
  /** The `member_sessions` row the token stands for: what a sign-out revokes. */
  sessionId: string;
}

export class Tokens {
  constructor(private readonly key: Buffer) {}

  private mac(purpose: string, body: string): string {
    return createHmac('sha256', this.key).update(`${purpose}\u0000${body}`).digest('base64url');
  }

  private same(a: string, b: string): boolean {
    const x = Buffer.from(a);
    const y = Buffer.from(b);
    return x.length === y.length && timingSafeEqual(x, y);
  }

  /** The token that opens an order's status page: derived, so it can be shown again. */
  orderAccess(orderId: string): string {
    return this.mac('order', orderId);
  }

  checkOrderAccess(orderId: string, token: string): boolean {
    return this.same(this.orderAccess(orderId), token);
  }

  /** A member token (`mt2.…`): the claims, signed. Whether its session was revoked is the members service's to check. */
  member(claims: MemberClaims): string {
    const body = Buffer.from(JSON.stringify([claims.merchantId, claims.email, claims.expiresAt, claims.sessionId])).toString('base64url');
    return `mt2.${body}.${this.mac('member', body)}`;
  }

  /**
   * The claims of a validly signed member token for this merchant, unexpired at `now` (any age
   * with `now` null); null otherwise. `mt1` tokens, which named no session, are no longer taken.
   */
  readMember(token: string, merchantId: string, now: number | null): MemberClaims | null {
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== 'mt2') return null;
    const [, body, mac] = parts as [string, string, string];
    if (!this.same(this.mac('member', body), mac)) return null;
    let decoded: unknown;
    try {
      decoded = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      return null;
    }
    if (!Array.isArray(decoded) || decoded.length !== 4) return null;
    const [m, email, expiresAt, sessionId] = decoded as [unknown, unknown, unknown, unknown];
    if (m !== merchantId || typeof email !== 'string' || typeof expiresAt !== 'number' || typeof sessionId !== 'string') return null;
    if (now !== null && expiresAt <= now) return null;
    return { merchantId: m, email, expiresAt, sessionId };
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    tokens: Tokens;
  }
}

export default fp(
  async function tokensPlugin(app) {
    app.decorate('tokens', new Tokens(await loadTokenKey(app.db)));
  },
  { name: 'tokens', dependencies: ['db'] },
);
