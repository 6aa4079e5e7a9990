/**
 * Merchant webhooks (`app.webhooks`): endpoints and their secrets, the delivery worker, the
 * delivery log and "send test event". Events are written to the outbox by the change that
 * caused them (`outbox.repository.ts`); this worker, one per process, posts them signed per the
 * Standard Webhooks specification, retrying with exponential back-off for about three days. A
 * slow or failing endpoint only ever delays its own deliveries: checkout never waits for it.
 */
import fp from 'fastify-plugin';
import type { FastifyBaseLogger } from 'fastify';
import type { CreateWebhookEndpointBody, UpdateWebhookEndpointBody, WebhookEndpoint, WebhookEventType } from '../../contract/fulfilment.js';
import type { Db } from '../db/port.js';
import { notFound } from '../errors.js';
import type { Merchant } from '../merchants/merchant.js';
import { every } from '../plugins/background.js';
import {
  deleteEndpoint,
  endpointRow,
  insertEndpoint,
  listEndpoints,
  newEndpointId,
  rotateSecret,
  updateEndpoint,
  type EndpointRow,
} from './endpoints.repository.js';
import {
  attemptsOf,
  claimDueDeliveries,
  deliveriesOf,
  enqueueWebhook,
  finishAttempt,
  retryDelivery,
  type ClaimedDelivery,
} from './outbox.repository.js';
import { newWebhookSecret, webhookHeaders } from './signing.js';

/** After a rotation, the old secret signs too for this long. */
export const ROTATION_GRACE_MS = 24 * 60 * 60_000;
/** Retries for about three days: 5 s, 20 s, 80 s … ×4 each time, at most 10 h apart. */
const RETRY_BASE_MS = 5_000;
const RETRY_MAX_MS = 10 * 60 * 60_000;
export const GIVE_UP_AFTER_MS = 72 * 60 * 60_000;
const BATCH = 20;
/** Claims per run at most, so that one run ends even while new events keep arriving. */
const MAX_ROUNDS = 50;
const EXCERPT = 500;

/** When to try again after `attempts` failed tries of an event created at `createdAt`; null: give up. */
export function nextAttemptAt(attempts: number, createdAt: number, now: number): number | null {
  const delay = Math.min(RETRY_BASE_MS * 4 ** (attempts - 1), RETRY_MAX_MS);
  return now + delay - createdAt > GIVE_UP_AFTER_MS ? null : now + delay;
}

export interface WebhookDeps {
  db: Db;
  /** The app's clock: when events happen and retries are due (tests and the demo move it). */
  clock: () => number;
  /**
   * The real time, for the `webhook-timestamp` header only: receivers check it against their own
   * clocks to refuse replays, so a moved demo clock must not reach it.
   */
  wallClock: () => number;
  log: FastifyBaseLogger;
  timeoutMs: number;
}

export class WebhookService {
  constructor(private readonly deps: WebhookDeps) {}

  async list(merchant: Merchant): Promise<WebhookEndpoint[]> {
    return (await listEndpoints(this.deps.db, merchant.id)).map(endpointOut);
  }

  async get(merchant: Merchant, id: string): Promise<WebhookEndpoint> {
    return endpointOut(await this.row(merchant, id));
  }

  async create(merchant: Merchant, body: CreateWebhookEndpointBody): Promise<WebhookEndpoint & { secret: string }> {
    const row = await insertEndpoint(this.deps.db, {
      id: newEndpointId(),
      merchantId: merchant.id,
      url: body.url,
      description: body.description,
      eventTypes: [...new Set(body.eventTypes)],
      enabled: body.enabled,
      secret: newWebhookSecret(),
      now: new Date(this.deps.clock()),
    });
    return { ...endpointOut(row), secret: row.secret };
  }

  async update(merchant: Merchant, id: string, body: UpdateWebhookEndpointBody): Promise<WebhookEndpoint> {
    const row = await updateEndpoint(
      this.deps.db,
      merchant.id,
      id,
      { ...body, ...(body.eventTypes ? { eventTypes: [...new Set(body.eventTypes)] } : {}) },
      new Date(this.deps.clock()),
    );
    if (!row) throw notFound(`No webhook endpoint ${id}`);
    return endpointOut(row);
  }

  async remove(merchant: Merchant, id: string): Promise<void> {
    if (!(await deleteEndpoint(this.deps.db, merchant.id, id))) throw notFound(`No webhook endpoint ${id}`);
  }

  async secret(merchant: Merchant, id: string): Promise<{ secret: string; previousSecretExpiresAt: string | null }> {
    const row = await this.row(merchant, id);
    return { secret: row.secret, previousSecretExpiresAt: this.previousLive(row) ? row.previous_secret_expires_at!.toISOString() : null };
  }

  /** A new secret at once; the old one keeps signing (alongside) for a day. */
  async rotate(merchant: Merchant, id: string): Promise<{ secret: string; previousSecretExpiresAt: string | null }> {
    const now = this.deps.clock();
    const row = await rotateSecret(this.deps.db, merchant.id, id, newWebhookSecret(), new Date(now + ROTATION_GRACE_MS), new Date(now));
    if (!row) throw notFound(`No webhook endpoint ${id}`);
    return { secret: row.secret, previousSecretExpiresAt: row.previous_secret_expires_at!.toISOString() };
  }

  /** Queues a `webhook.test` event for this endpoint only. */
  async sendTest(merchant: Merchant, id: string): Promise<{ eventId: string }> {
    await this.row(merchant, id);
    const eventId = await enqueueWebhook(this.deps.db, {
      merchantId: merchant.id,
      type: 'webhook.test',
      orderId: null,
      data: { endpointId: id, message: 'A test event from nearbuy: your endpoint is reachable and verifies our signature.' },
      now: new Date(this.deps.clock()),
      endpointId: id,
    });
    return { eventId };
  }

  async log(merchant: Merchant, id: string, limit = 50) {
    await this.row(merchant, id);
    const [deliveries, attempts] = await Promise.all([deliveriesOf(this.deps.db, id, limit), attemptsOf(this.deps.db, id, limit)]);
    return {
      deliveries: deliveries.map((d) => ({
        eventId: d.event_id,
        eventType: d.type,
        status: d.status,
        attempts: d.attempts,
        nextAttemptAt: d.status === 'pending' ? new Date(d.next_attempt_at).toISOString() : null,
        lastStatus: d.last_status,
        lastError: d.last_error,
        createdAt: new Date(d.created_at).toISOString(),
      })),
      attempts: attempts.map((a) => ({
        eventId: a.event_id,
        eventType: a.type,
        attempt: a.attempt,
        at: new Date(a.attempted_at).toISOString(),
        statusCode: a.status_code,
        durationMs: a.duration_ms,
        error: a.error,
        response: a.response_excerpt,
      })),
    };
  }

  async retry(merchant: Merchant, id: string, eventId: string): Promise<void> {
    await this.row(merchant, id);
    if (!(await retryDelivery(this.deps.db, id, eventId, new Date(this.deps.clock()))))
      throw notFound(`No finished delivery of event ${eventId} to endpoint ${id}`);
  }

  /** Posts every due delivery once; returns how many succeeded. */
  async deliverDue(): Promise<number> {
    let ok = 0;
    // An order's next event is claimable only once the one before it is delivered: claim until none is left.
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const due = await claimDueDeliveries(this.deps.db, this.deps.clock(), BATCH, this.deps.timeoutMs + 30_000);
      if (due.length === 0) break;
      // Different endpoints in parallel; one endpoint's deliveries one after another.
      const byEndpoint = new Map<string, ClaimedDelivery[]>();
      for (const d of due) byEndpoint.set(d.endpoint_id, [...(byEndpoint.get(d.endpoint_id) ?? []), d]);
      const results = await Promise.all(
        [...byEndpoint.values()].map(async (list) => {
          let n = 0;
          for (const d of list) if (await this.attempt(d)) n++;
          return n;
        }),
      );
      ok += results.reduce((a, b) => a + b, 0);
    }
    return ok;
  }

  private async attempt(d: ClaimedDelivery): Promise<boolean> {
    const { clock, wallClock, timeoutMs, db, log } = this.deps;
    const body = JSON.stringify(d.payload);
    const secrets = [d.secret];
    if (d.previous_secret && d.previous_secret_expires_at && new Date(d.previous_secret_expires_at).getTime() > clock())
      secrets.push(d.previous_secret);
    const headers = webhookHeaders(secrets, d.event_id, Math.floor(wallClock() / 1000), body);
    const started = performance.now();
    const at = new Date(clock());
    let statusCode: number | null = null;
    let error: string | null = null;
    let response: string | null = null;
    try {
      const res = await fetch(d.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'nearbuy-webhooks/1', ...headers },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      statusCode = res.status;
      response = (await res.text().catch(() => '')).slice(0, EXCERPT) || null;
      if (res.status < 200 || res.status > 299) error = `The endpoint answered ${res.status}`;
    } catch (err) {
      const e = err as Error & { cause?: { code?: string } };
      error =
        e.name === 'TimeoutError'
          ? `No answer within ${timeoutMs / 1000} s`
          : `Could not reach the endpoint${e.cause?.code ? ` (${e.cause.code})` : ''}: ${e.message}`;
    }
    const durationMs = Math.round(performance.now() - started);
    const record = { eventId: d.event_id, endpointId: d.endpoint_id, attempt: d.attempts, at, statusCode, durationMs, error, response };
    if (error === null) {
      await finishAttempt(db, record, { ok: true });
      return true;
    }
    const retryAt = nextAttemptAt(d.attempts, new Date(d.event_created_at).getTime(), clock());
    log[retryAt === null ? 'error' : 'warn'](
      { eventId: d.event_id, endpointId: d.endpoint_id, attempt: d.attempts, statusCode },
      retryAt === null ? 'webhook delivery given up after three days' : 'webhook delivery failed; will retry',
    );
    await finishAttempt(db, record, { ok: false, retryAt });
    return false;
  }

  private previousLive(row: EndpointRow): boolean {
    return (
      row.previous_secret !== null &&
      row.previous_secret_expires_at !== null &&
      new Date(row.previous_secret_expires_at).getTime() > this.deps.clock()
    );
  }

  private async row(merchant: Merchant, id: string): Promise<EndpointRow> {
    const row = await endpointRow(this.deps.db, merchant.id, id);
    if (!row) throw notFound(`No webhook endpoint ${id}`);
    return row;
  }
}

function endpointOut(row: EndpointRow): WebhookEndpoint {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: row.event_types as WebhookEventType[],
    enabled: row.enabled,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    webhooks: WebhookService;
  }
}

export interface WebhookPluginOptions {
  /** How often this process delivers due events, ms; 0: never by itself (tests call `deliverDue`). */
  intervalMs: number;
  timeoutMs: number;
  /** The real time for signatures; `Date.now` unless a test pins it. */
  wallClock?: () => number;
}

export default fp<WebhookPluginOptions>(
  async function webhooksPlugin(app, opts) {
    const service = new WebhookService({
      db: app.db,
      clock: app.clock,
      wallClock: opts.wallClock ?? Date.now,
      log: app.log,
      timeoutMs: opts.timeoutMs,
    });
    app.decorate('webhooks', service);
    every(app, 'delivering webhooks', opts.intervalMs, () => service.deliverDue());
  },
  { name: 'webhooks', dependencies: ['db', 'clock'] },
);
