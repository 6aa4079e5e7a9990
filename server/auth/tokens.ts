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

  member(claims: MemberClaims): string {
    const body = Buffer.from(JSON.stringify([claims.merchantId, claims.email, claims.expiresAt])).toString('base64url');
    return `mt1.${body}.${this.mac('member', body)}`;
  }

  /** The claims of a valid, unexpired member token for this merchant; null otherwise. */
  readMember(token: string, merchantId: string, now: number): MemberClaims | null {
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== 'mt1') return null;
    const [, body, mac] = parts as [string, string, string];
    if (!this.same(this.mac('member', body), mac)) return null;
    let decoded: unknown;
    try {
      decoded = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      return null;
    }
    if (!Array.isArray(decoded) || decoded.length !== 3) return null;
    const [m, email, expiresAt] = decoded as [unknown, unknown, unknown];
    if (m !== merchantId || typeof email !== 'string' || typeof expiresAt !== 'number' || expiresAt <= now) return null;
    return { merchantId: m, email, expiresAt };
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
