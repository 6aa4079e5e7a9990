/**
 * Standard Webhooks signatures (https://www.standardwebhooks.com): HMAC-SHA256 of
 * `${id}.${timestamp}.${body}` with the endpoint's secret (the base64 after `whsec_`), sent as
 * `webhook-signature: v1,<base64>`, space-separated when more than one secret signs (during a
 * rotation). Any of the specification's libraries verifies these; the tests use its reference
 * implementation (`standardwebhooks`) to check this one.
 */
import { createHmac, randomBytes } from 'node:crypto';

const PREFIX = 'whsec_';

/** A new secret: 24 random bytes, as the specification's libraries expect them. */
export function newWebhookSecret(): string {
  return `${PREFIX}${randomBytes(24).toString('base64')}`;
}

export function signature(secret: string, id: string, timestampSeconds: number, body: string): string {
  const key = Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestampSeconds}.${body}`).digest('base64')}`;
}

/** The three headers of a Standard Webhooks request, signed with every secret given. */
export function webhookHeaders(secrets: readonly string[], id: string, timestampSeconds: number, body: string): Record<string, string> {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': secrets.map((s) => signature(s, id, timestampSeconds, body)).join(' '),
  };
}
