/**
 * API keys. A publishable key (`pk_…`) identifies a merchant in a web page; a secret key
 * (`sk_…`) authorises admin calls, is shown once and stored only as a sha256 digest. The keys
 * carry 192 random bits, so an unsalted fast hash is enough (nothing to brute-force).
 */
import { createHash, randomBytes } from 'node:crypto';

export type KeyKind = 'publishable' | 'secret';

const KEY_SHAPE = /^(pk|sk)_[A-Za-z0-9_-]{8,120}$/;

function randomPart(): string {
  return randomBytes(24).toString('base64url');
}

export function newPublishableKey(): string {
  return `pk_${randomPart()}`;
}

export function newSecretKey(): string {
  return `sk_${randomPart()}`;
}

export function hashSecretKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export interface BearerKey {
  kind: KeyKind;
  key: string;
}

/**
 * Reads `Authorization: Bearer pk_…|sk_…`. Returns null when the header is absent; throws a
 * message for a header that is present but not a key, so the client learns what was expected.
 */
export function parseBearer(header: string | undefined): BearerKey | null | string {
  if (header === undefined || header === '') return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) return 'The Authorization header must be "Bearer <key>"';
  const key = match[1]!;
  if (!KEY_SHAPE.test(key)) return 'The API key is not a nearbuy key (expected pk_… or sk_…)';
  return { kind: key.startsWith('pk_') ? 'publishable' : 'secret', key };
}

/** The first characters of a key, enough to recognise it in a log without revealing it. */
export function keyHint(key: string): string {
  return `${key.slice(0, 7)}…`;
}

/**
 * The key a request carries: its Authorization header, else the `key` query parameter (a
 * publishable key in the URL keeps the widget's promise request a CORS simple request; see
 * server/auth/plugin.ts). Same answers as `parseBearer`; `inQuery` says where it came from.
 */
export function requestKey(authorization: string | undefined, query: unknown): (BearerKey & { inQuery: boolean }) | null | string {
  if (authorization === undefined) {
    const key = (query as Record<string, unknown> | null | undefined)?.key;
    if (typeof key !== 'string') return null;
    const parsed = parseBearer(`Bearer ${key}`);
    return parsed === null || typeof parsed === 'string'
      ? 'The key parameter is not a nearbuy key (expected pk_…)'
      : { ...parsed, inQuery: true };
  }
  const parsed = parseBearer(authorization);
  return parsed === null || typeof parsed === 'string' ? parsed : { ...parsed, inQuery: false };
}
