/**
 * `/console/api/orders`: the list with filters and search (paged), one order, cancelling with a
 * refund, the CSV export, and a parcel's fulfilment (ready, a shortage found on the shelf) through
 * the admin API's service. A staff member limited to places sees only orders with a parcel from
 * one of them, and acts only on the parcels of their places.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Order } from '../../../contract/public.js';
import { OrderParams } from '../../../contract/public.js';
import { Order as OrderSchema } from '../../../contract/public.js';
import { ParcelParams, ShortageBody, ShortageResult } from '../../../contract/fulfilment.js';
import { CancelOrderBody, ConsoleOrderCsvQuery, ConsoleOrderPage, ConsoleOrderQuery } from '../../../contract/console.js';
import type { ConsoleSession } from '../../console/console.service.js';
import { sessionOf } from '../../console/guard.js';
import { csvLine } from '../../console/csv.js';
import { ApiError, conflict, notFound } from '../../errors.js';
import type { OrderFilter } from '../../orders/orders.service.js';
import { BODY_ERRORS, errorResponses } from '../shared.js';

const tags = ['console'];
const DAY_MS = 24 * 60 * 60_000;
/** Rows per page the export reads; it streams page after page. */
const EXPORT_PAGE = 500;

/** The places a person may see: null for all of them. */
export function placesOf(session: ConsoleSession): string[] | null {
  return session.user.role === 'staff' && session.user.nodeIds.length > 0 ? session.user.nodeIds : null;
}

function filterOf(
  session: ConsoleSession,
  q: {
    status?: Order['status'] | undefined;
    service?: string | undefined;
    nodeId?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
    q?: string | undefined;
  },
): OrderFilter {
  const allowed = placesOf(session);
  const wanted = q.nodeId ? [q.nodeId] : null;
  const nodeIds = allowed && wanted ? wanted.filter((id) => allowed.includes(id)) : (wanted ?? allowed);
  return {
    ...(q.status ? { status: q.status } : {}),
    ...(q.service ? { service: q.service } : {}),
    ...(nodeIds ? { nodeIds } : {}),
    // Whole days in UTC: `to` is the last day included.
    ...(q.from ? { from: new Date(`${q.from}T00:00:00Z`) } : {}),
    ...(q.to ? { to: new Date(Date.parse(`${q.to}T00:00:00Z`) + DAY_MS) } : {}),
    ...(q.q ? { search: q.q } : {}),
  };
}

const consoleOrders: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', app.consoleGuard.session);

  /** The order if this person may see it; 404 otherwise (another store's clerk learns nothing). */
  const visibleOrder = async (session: ConsoleSession, id: string): Promise<Order> => {
    const order = await app.orders.get(session.merchant, id);
    const allowed = placesOf(session);
    if (allowed && !order.shipments.some((s) => allowed.includes(s.nodeId))) throw notFound(`No order ${id}`);
    return order;
  };

  /**
   * A parcel this person may act on: its order visible (404 otherwise, as above), and its place
   * one of theirs. The order page already shows every place of the order, so a clerk of another
   * place is told no (403) rather than that it does not exist.
   */
  const ownParcel = async (session: ConsoleSession, id: string, nodeId: string): Promise<void> => {
    await visibleOrder(session, id);
    const allowed = placesOf(session);
    if (allowed && !allowed.includes(nodeId))
      throw new ApiError('forbidden', `Only staff of ${nodeId} or the owner can act on its parcel of this order`);
  };

  app.get('/orders', {
    schema: {
      tags,
      hide: true,
      summary: 'Orders, newest first, filtered and paged',
      querystring: ConsoleOrderQuery,
      response: { 200: ConsoleOrderPage, ...errorResponses(400, 401, 403) },
    },
    handler: async (request) => {
      const session = sessionOf(request);
      const { limit, offset } = request.query;
      const { items, total } = await app.orders.search(session.merchant, filterOf(session, request.query), { limit, offset });
      return { items, total, limit, offset };
    },
  });

  app.get('/orders.csv', {
    schema: {
      tags,
      hide: true,
      summary: 'The filtered orders as CSV',
      querystring: ConsoleOrderCsvQuery,
      response: { 200: z.string().describe('CSV, one order a line'), ...errorResponses(400, 401, 403) },
    },
    handler: async (request, reply) => {
      const session = sessionOf(request);
      const filter = filterOf(session, request.query);
      let body = csvLine([
        'order',
        'placed_at',
        'status',
        'service',
        'email',
        'name',
        'address',
        'postal_code',
        'items',
        'total',
        'currency',
        'window_start',
        'window_end',
      ]);
      for (let offset = 0; ; offset += EXPORT_PAGE) {
        const { items } = await app.orders.search(session.merchant, filter, { limit: EXPORT_PAGE, offset });
        for (const o of items) {
          const a = o.address;
          body += csvLine([
            o.id,
            o.placedAt,
            o.status,
            o.service,
            o.email,
            a.name,
            [a.line1, a.line2, a.city, a.region, a.country].filter(Boolean).join(', '),
            a.postalCode,
            o.items.map((i) => `${i.quantity} x ${i.sku}`).join('; '),
            o.amounts.total.amount,
            o.amounts.total.currency,
            o.promisedWindow.start,
            o.promisedWindow.end,
          ]);
        }
        if (items.length < EXPORT_PAGE) break;
      }
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="orders.csv"`)
        .header('cache-control', 'no-store')
        .send(body);
    },
  });

  app.get('/orders/:id', {
    schema: {
      tags,
      hide: true,
      summary: 'One order',
      params: OrderParams,
      response: { 200: OrderSchema, ...errorResponses(400, 401, 403, 404) },
    },
    handler: async (request) => visibleOrder(sessionOf(request), request.params.id),
  });

  app.post('/orders/:id/cancel', {
    schema: {
      tags,
      hide: true,
      summary: 'Cancel an order and refund the shopper (send confirm: true)',
      params: OrderParams,
      body: CancelOrderBody,
      response: { 200: OrderSchema, ...errorResponses(400, 401, 403, 404, 409, ...BODY_ERRORS) },
    },
    handler: async (request) => {
      const session = sessionOf(request);
      const current = await visibleOrder(session, request.params.id);
      if (current.status === 'cancelled') throw conflict(`Order ${current.id} is already cancelled`);
      const order = await app.orders.setStatus(session.merchant, request.params.id, 'cancelled');
      await app.console.audit(session.user, 'order.cancelled', order.id);
      return order;
    },
  });

  app.post('/orders/:id/parcels/:nodeId/ready', {
    schema: {
      tags,
      hide: true,
      summary: 'The parcel is packed and ready for handover (as the admin API)',
      params: ParcelParams,
      response: { 200: OrderSchema, ...errorResponses(400, 401, 403, 404, 409) },
    },
    handler: async (request) => {
      const session = sessionOf(request);
      const { id, nodeId } = request.params;
      await ownParcel(session, id, nodeId);
      const order = await app.fulfilment.markReady(session.merchant, id, nodeId);
      await app.console.audit(session.user, 'parcel.ready', id, { nodeId });
      return order;
    },
  });

  app.post('/orders/:id/parcels/:nodeId/shortage', {
    schema: {
      tags,
      hide: true,
      summary: 'Units of a parcel were not on the shelf: re-sent, waiting for the restock, or refunded (as the admin API)',
      params: ParcelParams,
      body: ShortageBody,
      response: { 200: ShortageResult, ...errorResponses(400, 401, 403, 404, 409, 422, ...BODY_ERRORS) },
    },
    handler: async (request) => {
      const session = sessionOf(request);
      const { id, nodeId } = request.params;
      await ownParcel(session, id, nodeId);
      const result = await app.fulfilment.shortage(session.merchant, id, nodeId, request.body);
      await app.console.audit(session.user, 'parcel.shortage', id, {
        nodeId,
        sku: request.body.sku,
        missing: request.body.missing,
        outcome: result.outcome,
      });
      return result;
    },
  });
};

export default consoleOrders;
