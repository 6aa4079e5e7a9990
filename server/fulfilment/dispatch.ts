/**
 * Same-day parcels and their couriers: a parcel marked ready gets a courier at once (and the
 * worker catches any it missed, after a crash say); the worker then reads each active delivery's
 * status events and applies each once, in order, to the parcel and its order — picked up, on the
 * way, delayed (a new window for the shopper), delivered or failed. Deliveries are leased, so
 * several processes share the work without applying an event twice.
 *
 * Same-day dispatch as the simulator plays it (docs/simulation.md, "Same-day dispatch"): the
 * courier is asked to drop off 30 minutes into the window, leaving the rest of it to absorb a late
 * driver or a longer road, and to leave the parcel at the door when nobody is in (unless the
 * operator says otherwise); a job no driver accepted is posted once more 30 minutes later (shop
 * clock), and if nobody takes that one either the delivery fails and the merchant and the shopper
 * are told. A delivery that fails at the door is tried once more the same evening when the window
 * still has room (`secondAttempt`).
 */
import { Temporal } from 'temporal-polyfill';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/port.js';
import type { WriteTransactions, Writes } from '../db/writes.js';
import type { PromiseService } from '../promise-service/plugin.js';
import type { NotifyDeps } from '../orders/notify.js';
import { notifyLate, notifyNoDriver } from '../orders/notify.js';
import { orderRow, setRevisedWindow, type OrderRow } from '../orders/orders.repository.js';
import { timeText } from '../mail/render.js';
import { followParcels } from '../orders/transitions.js';
import { pathTo, type OrderStatus } from '../orders/status.js';
import type { CourierEvent, CourierProvider, DeliveryRequest, IfNobodyIn } from './courier.js';
import {
  activeDeliveriesOf,
  appliedSeq,
  claimActiveDeliveries,
  failedAtDoor,
  insertDelivery,
  isRepost,
  newDeliveryId,
  recordEvent,
  releaseDelivery,
  setDeliveryStatus,
  stillActive,
  type DeliveryRow,
} from './couriers.repository.js';
import { nodePlace, parcelsOf, parcelsToDispatch, setParcelStatus } from '../orders/parcels.repository.js';

export interface DispatchDeps {
  db: Db;
  changes: WriteTransactions;
  courier: CourierProvider;
  promises: PromiseService;
  notify: NotifyDeps;
  clock: () => number;
  log: FastifyBaseLogger;
  /** What drivers do when nobody is in (default: leave the parcel at the door). */
  ifNobodyIn?: IfNobodyIn;
}

/** Why a delivery was booked, when it was not the parcel's first. */
type Booking =
  { repost: { of: string; reason: string } } | { secondAttempt: { of: string; reason: string }; readyAt: number; dropoffAt: number };

/** The parcel status each courier event brings (none for assigned, delayed, cancelled). */
const PARCEL_STATUS: Partial<Record<CourierEvent['kind'], OrderStatus>> = {
  picked_up: 'picked_up',
  en_route: 'out_for_delivery',
  delivered: 'delivered',
  failed: 'delivery_failed',
};

const MIN = 60_000;
/** Where in the window the driver is aimed, and when a job no driver accepted is posted again. */
export const AIM_INTO_WINDOW_MS = 30 * MIN;
export const REPOST_AFTER_MS = 30 * MIN;
/**
 * A second attempt is booked only when its drop-off falls at least this long before the window's
 * end: the room the first attempt had for a late driver (docs/simulation.md, "Same-day dispatch").
 */
export const SECOND_ATTEMPT_BEFORE_END_MS = 45 * MIN;

/** An instant written in a zone with its offset, as promised windows are. */
export function inZone(ms: number, timeZone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(ms)
    .toZonedDateTimeISO(timeZone)
    .toString({ timeZoneName: 'never', smallestUnit: 'second' });
}

export class Dispatcher {
  constructor(private readonly deps: DispatchDeps) {}

  /** Books a courier for every same-day parcel that is ready and has none; returns how many. */
  async dispatchReady(): Promise<number> {
    const { db, changes, clock } = this.deps;
    return changes.transaction(db, async (tx) => {
      const parcels = await parcelsToDispatch(tx, 10);
      for (const p of parcels) await this.book(tx, p.order_id, p.node_id, p.merchant_id, clock());
      return parcels.length;
    });
  }

  private async book(tx: Writes, orderId: string, nodeId: string, merchantId: string, now: number, why?: Booking): Promise<void> {
    const order = (await orderRow(tx, orderId, merchantId))!;
    const node = await nodePlace(tx, merchantId, nodeId);
    if (!node) throw new Error(`Order ${orderId} is sent from node ${nodeId}, which no longer exists`);
    const destination = this.deps.promises.destination({ postalCode: order.address.postalCode, country: order.address.country });
    const attempts = (await tx.query(`SELECT 1 FROM courier_deliveries WHERE order_id = $1 AND node_id = $2`, [orderId, nodeId])).length;
    const parcel = (await parcelsOf(tx, orderId)).find((p) => p.node_id === nodeId)!;
    const window = { start: order.revised_window_start ?? order.window_start, end: order.revised_window_end ?? order.window_end };
    const again = why && 'secondAttempt' in why ? why : null;
    const readyAt = again?.readyAt ?? now;
    const request: DeliveryRequest = {
      reference: `${orderId}:${nodeId}:${attempts + 1}`,
      pickup: { name: node.name, lat: node.lat, lng: node.lng, timeZone: node.time_zone, readyAt: new Date(readyAt).toISOString() },
      dropoff: {
        name: order.address.name,
        address: [order.address.line1, order.address.line2, `${order.address.city}, ${order.address.region} ${order.address.postalCode}`]
          .filter(Boolean)
          .join(', '),
        lat: destination.lat,
        lng: destination.lng,
        timeZone: destination.timeZone,
      },
      pickupDeadline: new Date(Math.max(readyAt, Date.parse(order.window_start) - 30 * MIN)).toISOString(),
      dropoffWindow: window,
      dropoffAt: new Date(again?.dropoffAt ?? Date.parse(window.start) + AIM_INTO_WINDOW_MS).toISOString(),
      ifNobodyIn: this.deps.ifNobodyIn ?? 'leave_at_door',
      items: parcel.lines.map((l) => ({ title: l.title, quantity: l.quantity })),
    };
    const created = await this.deps.courier.create(request);
    await insertDelivery(tx, {
      id: newDeliveryId(),
      orderId,
      nodeId,
      merchantId,
      provider: this.deps.courier.name,
      externalId: created.externalId,
      request,
      trackingUrl: created.trackingUrl,
      pickupEta: created.pickupEta,
      dropoffEta: created.dropoffEta,
      fee: created.fee.amount,
      now: new Date(now),
      ...(why && 'repost' in why ? { repost: why.repost } : {}),
      ...(again ? { secondAttempt: again.secondAttempt } : {}),
    });
    this.deps.log.info({ orderId, nodeId, courier: this.deps.courier.name, ref: created.externalId }, 'courier booked');
  }

  /** Reads every active delivery's new events and applies them; returns how many were applied. */
  async poll(): Promise<number> {
    const { db, courier, clock, log } = this.deps;
    let applied = 0;
    for (;;) {
      const now = clock();
      const deliveries = await claimActiveDeliveries(db, 20, 60_000);
      if (deliveries.length === 0) return applied;
      for (const d of deliveries) {
        try {
          const events = await courier.events(
            { externalId: d.external_id, request: d.request, createdAt: new Date(d.created_at).toISOString() },
            now,
          );
          const seen = await appliedSeq(db, d.id);
          for (const e of events.filter((x) => x.seq > seen).sort((a, b) => a.seq - b.seq)) {
            await this.apply(d, e, now);
            applied++;
          }
          await this.repostIfDue(d, events, now);
        } catch (err) {
          log.error({ err, deliveryId: d.id, orderId: d.order_id }, 'reading courier events failed; will try again');
        } finally {
          await releaseDelivery(db, d.id);
        }
      }
      if (deliveries.length < 20) return applied;
    }
  }

  /**
   * A job no driver accepted: the first posting waits `REPOST_AFTER_MS` to be posted once more
   * (`repostIfDue`); a second posting nobody takes fails, and the merchant is told it runs late.
   */
  private async noDriver(tx: Writes, d: DeliveryRow, e: CourierEvent): Promise<CourierEvent> {
    if (!(await isRepost(tx, d.id))) {
      return { ...e, reason: `No driver accepted the job; it is posted once more in ${REPOST_AFTER_MS / MIN} minutes` };
    }
    // Still marked no_driver, so the parcel is not booked again by itself (`parcelsToDispatch`).
    return { seq: e.seq, kind: 'failed', at: e.at, cause: 'no_driver', reason: 'No driver accepted the job, posted twice' };
  }

  private async apply(d: DeliveryRow, reported: CourierEvent, now: number): Promise<void> {
    const { db, changes, notify } = this.deps;
    await changes.transaction(db, async (tx) => {
      const order = await orderRow(tx, d.order_id, null, true);
      if (!order) return;
      const e = reported.cause === 'no_driver' ? await this.noDriver(tx, d, reported) : reported;
      if (!(await recordEvent(tx, d.id, e))) return;
      if (e.cause === 'no_driver' && e.kind === 'failed' && order.status !== 'cancelled') {
        // The parcel never left the store, so it cannot be delivery_failed; the merchant must act
        // (send it another way, or cancel), so it is not booked again by itself. The shopper hears too.
        await notifyNoDriver(tx, notify, d.order_id, new Date(e.at), e.reason!);
      }
      const at = new Date(e.at);
      const to = PARCEL_STATUS[e.kind];
      if (to && order.status !== 'cancelled') {
        const parcel = (await parcelsOf(tx, d.order_id, true)).find((p) => p.node_id === d.node_id);
        const again = parcel && e.kind === 'failed' && e.cause !== 'no_driver' ? await this.secondAttempt(tx, d, order, e, now) : null;
        if (parcel) for (const step of pathTo(parcel.status, to)) await setParcelStatus(tx, d.order_id, d.node_id, step, at);
        await followParcels(tx, notify, d.order_id, {
          at,
          reason: e.reason ?? null,
          courierName: e.courier?.name ?? d.courier?.name ?? null,
          place: (d.request as DeliveryRequest).pickup.name,
          attempt: again ? { missedAt: e.at, nextAt: new Date(again.dropoffAt).toISOString() } : undefined,
        });
        if (again) {
          // Back at the store for another attempt (status.ts: delivery_failed → ready), booked at once.
          await setParcelStatus(tx, d.order_id, d.node_id, 'ready', at);
          await followParcels(tx, notify, d.order_id, { at, reason: again.secondAttempt.reason });
          await this.book(tx, d.order_id, d.node_id, d.merchant_id, now, again);
        }
      }
      if (e.kind === 'delayed' && e.dropoffEta)
        await this.delayed(tx, d, Date.parse(e.dropoffEta), at, e.reason ?? 'The courier is running late');
      if (e.kind === 'delivered' && !order.revised_window_end && at.getTime() > Date.parse(order.window_end)) {
        await notifyLate(tx, notify, d.order_id, at, { newWindow: null, reason: 'Delivered after the promised window' });
      }
    });
  }

  /**
   * Whether a delivery that failed at the door is tried once more this evening, and when: the
   * driver takes the parcel back to the store (the courier's own time for the road), a new job is
   * posted from there for the earliest drop-off the courier quotes, and it is booked when that
   * falls at least `SECOND_ATTEMPT_BEFORE_END_MS` before the window's end. One per parcel: a
   * second failure goes on as any failed delivery (the merchant sends it out again or cancels).
   */
  private async secondAttempt(
    tx: Writes,
    d: DeliveryRow,
    order: OrderRow,
    e: CourierEvent,
    now: number,
  ): Promise<Extract<Booking, { secondAttempt: unknown }> | null> {
    if ((await failedAtDoor(tx, d.order_id, d.node_id)) > 1) return null;
    const request = d.request as DeliveryRequest;
    const quoteFrom = (ms: number) =>
      this.deps.courier.quote({ ...request, pickup: { ...request.pickup, readyAt: new Date(ms).toISOString() } });
    const missed = Date.parse(e.at);
    const road = await quoteFrom(missed);
    const readyAt = Math.max(now, missed + Date.parse(road.dropoffEta) - Date.parse(road.pickupEta));
    const dropoffAt = Date.parse((await quoteFrom(readyAt)).dropoffEta);
    if (dropoffAt > Date.parse(order.revised_window_end ?? order.window_end) - SECOND_ATTEMPT_BEFORE_END_MS) return null;
    const zone = request.dropoff.timeZone;
    const reason = `Second attempt this evening: missed at ${timeText(e.at, 'en', zone)}, a driver comes back at about ${timeText(new Date(dropoffAt).toISOString(), 'en', zone)}`;
    return { secondAttempt: { of: d.id, reason }, readyAt, dropoffAt };
  }

  /** A new expected window around the courier's estimate; the shopper and merchant are told once per later window. */
  private async delayed(tx: Writes, d: DeliveryRow, eta: number, at: Date, reason: string): Promise<void> {
    const order = (await orderRow(tx, d.order_id, null))!;
    const zone = (d.request as DeliveryRequest).dropoff.timeZone;
    const window = { start: inZone(eta - 15 * MIN, zone), end: inZone(eta + 30 * MIN, zone) };
    const currentEnd = Date.parse(order.revised_window_end ?? order.window_end);
    if (Date.parse(window.end) <= currentEnd) return;
    await setRevisedWindow(tx, d.order_id, window);
    await notifyLate(tx, this.deps.notify, d.order_id, at, { newWindow: window, reason });
  }

  /**
   * Posts a job no driver accepted once more, `REPOST_AFTER_MS` after the courier said so (in the
   * delivery's events just read: no second read of what was recorded).
   */
  private async repostIfDue(d: DeliveryRow, events: readonly CourierEvent[], now: number): Promise<void> {
    const { db, changes } = this.deps;
    const refused = events.find((e) => e.kind === 'cancelled' && e.cause === 'no_driver');
    if (!refused || now < Date.parse(refused.at) + REPOST_AFTER_MS) return;
    await changes.transaction(db, async (tx) => {
      const order = await orderRow(tx, d.order_id, null, true);
      if (!order || !(await stillActive(tx, d.id))) return;
      await setDeliveryStatus(tx, d.id, 'cancelled', new Date(now));
      const parcel = (await parcelsOf(tx, d.order_id, true)).find((p) => p.node_id === d.node_id);
      if (order.status === 'cancelled' || parcel?.status !== 'ready') return;
      await this.book(tx, d.order_id, d.node_id, d.merchant_id, now, {
        repost: { of: d.id, reason: 'Posted once more: no driver accepted the first request' },
      });
    });
  }

  /** Calls off an order's couriers (it was cancelled). */
  async cancelFor(orderId: string): Promise<void> {
    const { db, courier, clock } = this.deps;
    for (const d of await activeDeliveriesOf(db, orderId)) {
      await courier.cancel(d.external_id);
      await setDeliveryStatus(db, d.id, 'cancelled', new Date(clock()));
    }
  }
}
