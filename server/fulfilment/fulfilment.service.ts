/**
 * Fulfilment (`app.fulfilment`): each place's pick list, staff marking items picked and parcels
 * ready, shortages found on the shelf, tracking numbers for carrier services, and the courier
 * worker for same-day parcels (`dispatch.ts`) behind the `CourierProvider` port.
 */
import fp from 'fastify-plugin';
import type { ImportTrackingBody, MarkPickedBody, PickList, PickListEntry, SetTrackingBody } from '../../contract/fulfilment.js';
import type { Order } from '../../contract/public.js';
import type { FastifyBaseLogger } from 'fastify';
import type { Db, Queryable } from '../db/port.js';
import type { PromiseService } from '../promise-service/plugin.js';
import { ApiError, notFound } from '../errors.js';
import type { WriteTransactions } from '../db/writes.js';
import type { Merchant } from '../merchants/merchant.js';
import { every } from '../plugins/background.js';
import type { OrdersService } from '../orders/orders.service.js';
import { orderRow, setTracking } from '../orders/orders.repository.js';
import { followParcels, moveOrder } from '../orders/transitions.js';
import type { CourierProvider, IfNobodyIn } from './courier.js';
import { Dispatcher } from './dispatch.js';
import {
  nodePlace,
  parcelsOf,
  pickListRows,
  setParcelLines,
  setParcelStatus,
  waitingForStock,
  type PickRow,
} from '../orders/parcels.repository.js';
import { recordShortage, type Shortage, type ShortageOutcome } from './shortage.js';
import { SimulatedCourier } from './simulated-courier.js';

/** Within this long of its ready-by time a parcel is flagged `soon`. */
const SOON_MINUTES = 30;

export class FulfilmentService {
  constructor(
    private readonly deps: {
      db: Db;
      changes: WriteTransactions;
      orders: OrdersService;
      clock: () => number;
      log: FastifyBaseLogger;
      promises: PromiseService;
    },
    readonly dispatcher: Dispatcher,
    readonly courier: CourierProvider,
  ) {}

  /** A place's parcels to prepare (needed first, first) and those waiting for pickup. */
  async pickList(merchant: Merchant, nodeId: string): Promise<PickList> {
    const node = await nodePlace(this.deps.db, merchant.id, nodeId);
    if (!node) throw notFound(`No node ${nodeId}`);
    const now = this.deps.clock();
    const rows = await pickListRows(this.deps.db, merchant.id, nodeId);
    const time = new Intl.DateTimeFormat('en-US', { timeZone: node.time_zone, hour: 'numeric', minute: '2-digit' });
    const day = new Intl.DateTimeFormat('en-US', { timeZone: node.time_zone, weekday: 'short', hour: 'numeric', minute: '2-digit' });
    const entry = (r: PickRow): PickListEntry => {
      const readyBy = new Date(r.ready_by).getTime();
      const minutesLeft = Math.floor((readyBy - now) / 60_000);
      const waiting = r.status === 'ready';
      const urgency = waiting ? 'ok' : minutesLeft < 0 ? 'overdue' : minutesLeft <= SOON_MINUTES ? 'soon' : 'ok';
      const restock = waitingForStock(r);
      const warning =
        urgency === 'overdue'
          ? `Overdue: was due ready by ${time.format(readyBy)}, ${duration(-minutesLeft)} ago`
          : urgency === 'soon'
            ? `Ready by ${time.format(readyBy)}: ${duration(minutesLeft)} left`
            : restock !== null && Date.parse(restock) > now
              ? `Waiting for stock, expected ${day.format(Date.parse(restock))}`
              : null;
      return {
        orderId: r.order_id,
        orderNumber: r.order_number,
        status: r.status,
        service: r.service,
        readyBy: new Date(readyBy).toISOString(),
        minutesLeft,
        urgency,
        warning,
        shopperName: r.shopper_name,
        lines: r.lines,
      };
    };
    return {
      nodeId,
      nodeName: node.name,
      at: new Date(now).toISOString(),
      toPick: rows.filter((r) => r.status === 'placed').map(entry),
      awaitingPickup: rows.filter((r) => r.status === 'ready').map(entry),
    };
  }

  /** Counts items as picked (all of them when no lines are given). */
  async markPicked(merchant: Merchant, orderId: string, nodeId: string, body: MarkPickedBody): Promise<Order> {
    await this.deps.changes.transaction(this.deps.db, async (tx) => {
      const parcel = await this.lockedParcel(tx, merchant, orderId, nodeId);
      if (parcel.status !== 'placed') throw new ApiError('conflict', `Order ${orderId} is already ${parcel.status} at node ${nodeId}`);
      const lines = parcel.lines.map((l) => ({ ...l }));
      for (const pick of body.lines ?? lines.map((l) => ({ sku: l.sku, quantity: l.quantity - l.picked }))) {
        const line = lines.find((l) => l.sku === pick.sku);
        if (!line) throw new ApiError('unprocessable', `Order ${orderId} has no ${pick.sku} to pick at node ${nodeId}`);
        if (line.picked + pick.quantity > line.quantity)
          throw new ApiError('unprocessable', `Order ${orderId} needs ${line.quantity} of ${pick.sku}; ${line.picked} are picked already`);
        line.picked += pick.quantity;
      }
      await setParcelLines(tx, orderId, nodeId, lines);
    });
    return this.deps.orders.get(merchant, orderId);
  }

  /**
   * The parcel is packed and ready for handover: every item counts as picked, the order is ready
   * once all its parcels are, and a same-day parcel gets its courier now.
   */
  async markReady(merchant: Merchant, orderId: string, nodeId: string): Promise<Order> {
    const now = new Date(this.deps.clock());
    await this.deps.changes.transaction(this.deps.db, async (tx) => {
      const parcel = await this.lockedParcel(tx, merchant, orderId, nodeId);
      if (parcel.status === 'ready') return;
      if (parcel.status !== 'placed')
        throw new ApiError(
          'conflict',
          `Order ${orderId} is ${parcel.status} at node ${nodeId}; only a parcel being picked can become ready`,
        );
      await setParcelLines(
        tx,
        orderId,
        nodeId,
        parcel.lines.map((l) => ({ ...l, picked: l.quantity })),
      );
      await setParcelStatus(tx, orderId, nodeId, 'ready', now);
      await followParcels(tx, this.deps.orders.notifyDeps, orderId, { at: now });
    });
    await this.dispatcher
      .dispatchReady()
      .catch((err: unknown) => this.deps.log.error({ err, orderId }, 'booking a courier failed; the worker tries again'));
    return this.deps.orders.get(merchant, orderId);
  }

  async shortage(merchant: Merchant, orderId: string, nodeId: string, shortage: Shortage): Promise<ShortageOutcome & { order: Order }> {
    const outcome = await recordShortage({ ...this.deps }, merchant, orderId, nodeId, shortage);
    return { ...outcome, order: await this.deps.orders.get(merchant, orderId) };
  }

  /** A carrier's tracking number; a parcel that was ready is now handed over (picked up). */
  async setTracking(merchant: Merchant, orderId: string, body: SetTrackingBody): Promise<Order> {
    await this.deps.changes.transaction(this.deps.db, async (tx) => {
      const order = await orderRow(tx, orderId, merchant.id, true);
      if (!order) throw notFound(`No order ${orderId}`);
      if (order.service === 'same_day')
        throw new ApiError('conflict', `Order ${orderId} is same-day: its courier tracks it, not a tracking number`);
      if (order.status === 'cancelled') throw new ApiError('conflict', `Order ${orderId} is cancelled`);
      await setTracking(tx, orderId, { carrier: body.carrier, number: body.number, url: body.url ?? null });
      if (order.status === 'ready')
        await moveOrder(tx, this.deps.orders.notifyDeps, orderId, 'picked_up', { at: new Date(this.deps.clock()), parcels: true });
    });
    return this.deps.orders.get(merchant, orderId);
  }

  /** Many tracking numbers at once; each row succeeds or fails on its own. */
  async importTracking(
    merchant: Merchant,
    body: ImportTrackingBody,
  ): Promise<Array<{ orderId: string; ok: boolean; error: string | null }>> {
    const out = [];
    for (const { orderId, ...tracking } of body.items) {
      try {
        await this.setTracking(merchant, orderId, tracking);
        out.push({ orderId, ok: true, error: null });
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        out.push({ orderId, ok: false, error: error.message });
      }
    }
    return out;
  }

  /** One round of the courier worker: book couriers for ready parcels, then apply what couriers reported. */
  async tick(): Promise<{ booked: number; events: number }> {
    const booked = await this.dispatcher.dispatchReady();
    const events = await this.dispatcher.poll();
    return { booked, events };
  }

  private async lockedParcel(tx: Queryable, merchant: Merchant, orderId: string, nodeId: string) {
    const order = await orderRow(tx, orderId, merchant.id, true);
    if (!order) throw notFound(`No order ${orderId}`);
    const parcel = (await parcelsOf(tx, orderId, true)).find((p) => p.node_id === nodeId);
    if (!parcel) throw notFound(`Order ${orderId} has nothing to pick at node ${nodeId}`);
    return parcel;
  }
}

function duration(minutes: number): string {
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

declare module 'fastify' {
  interface FastifyInstance {
    fulfilment: FulfilmentService;
  }
}

export interface FulfilmentPluginOptions {
  /** Another courier than the simulated one (tests, a real provider). */
  courier?: CourierProvider;
  simulation: { seed: number; lateRate: number; failureRate: number };
  /** How often this process books couriers and reads their events, ms; 0: never by itself. */
  intervalMs: number;
  /** What same-day drivers do when nobody is in (docs/simulation.md, "Same-day dispatch"). */
  ifNobodyIn: IfNobodyIn;
}

export default fp<FulfilmentPluginOptions>(
  async function fulfilmentPlugin(app, opts) {
    const courier = opts.courier ?? new SimulatedCourier(opts.simulation);
    const dispatcher = new Dispatcher({
      db: app.db,
      changes: app.changes,
      courier,
      promises: app.promises,
      notify: app.orders.notifyDeps,
      clock: app.clock,
      log: app.log,
      ifNobodyIn: opts.ifNobodyIn,
    });
    const service = new FulfilmentService(
      { db: app.db, changes: app.changes, orders: app.orders, clock: app.clock, log: app.log, promises: app.promises },
      dispatcher,
      courier,
    );
    app.orders.onCancelled((orderId) => dispatcher.cancelFor(orderId));
    app.decorate('fulfilment', service);
    every(app, 'running couriers', opts.intervalMs, () => service.tick());
  },
  { name: 'fulfilment', dependencies: ['db', 'changes', 'orders', 'promises', 'clock'] },
);
