/**
 * Demo tools for the fulfilment loop (`/demo/…`, demo mode only, unauthenticated on purpose for
 * localhost): the demo merchant's pick lists and staff actions, a nudge for the courier worker
 * after the clock moved, and the mailbox of the in-process SMTP server that `/mail.html` shows.
 */
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PickList, ShortageBody, ShortageResult } from '../../contract/fulfilment.js';
import { Order } from '../../contract/public.js';
import { notFound } from '../errors.js';
import type { Merchant } from '../merchants/merchant.js';
import { DEMO_PUBLISHABLE_KEY } from '../seed/demo.js';

function demoMerchant(app: FastifyInstance): Merchant {
  const merchant = app.merchants.byPublishableKey(DEMO_PUBLISHABLE_KEY);
  if (!merchant) throw notFound('The demo merchant is missing; restart the server to seed it again');
  return merchant;
}

const NodeQuery = z.object({ node: z.string().min(1).max(64) }).strict();
const ParcelParams = z.object({ orderId: z.string().min(1).max(80), nodeId: z.string().min(1).max(64) }).strict();
const MessageParams = z.object({ id: z.coerce.number().int().positive() }).strict();

const MailSummary = z.object({
  id: z.number(),
  to: z.array(z.string()),
  subject: z.string(),
  kind: z.string().nullable(),
  orderId: z.string().nullable(),
  language: z.string().nullable(),
  receivedAt: z.string(),
  text: z.string(),
});

const demoFulfilment: FastifyPluginAsyncZod = async (app) => {
  const hidden = { hide: true, tags: ['demo'] };

  app.get('/pick-list', { schema: { ...hidden, querystring: NodeQuery, response: { 200: PickList } } }, async (request) =>
    app.fulfilment.pickList(demoMerchant(app), request.query.node),
  );

  app.post('/parcels/:orderId/:nodeId/picked', { schema: { ...hidden, params: ParcelParams, response: { 200: Order } } }, async (request) =>
    app.fulfilment.markPicked(demoMerchant(app), request.params.orderId, request.params.nodeId, {}),
  );

  app.post('/parcels/:orderId/:nodeId/ready', { schema: { ...hidden, params: ParcelParams, response: { 200: Order } } }, async (request) =>
    app.fulfilment.markReady(demoMerchant(app), request.params.orderId, request.params.nodeId),
  );

  app.post(
    '/parcels/:orderId/:nodeId/shortage',
    { schema: { ...hidden, params: ParcelParams, body: ShortageBody, response: { 200: ShortageResult } } },
    async (request) => app.fulfilment.shortage(demoMerchant(app), request.params.orderId, request.params.nodeId, request.body),
  );

  // The worker runs every few seconds; after moving the clock a developer need not wait for it.
  app.post(
    '/couriers/tick',
    { schema: { ...hidden, response: { 200: z.object({ booked: z.number(), events: z.number(), emails: z.number() }) } } },
    async () => {
      const done = await app.fulfilment.tick();
      return { ...done, emails: await app.mail.deliverDue() };
    },
  );

  app.get('/mail/messages', { schema: { ...hidden, response: { 200: z.object({ items: z.array(MailSummary) }) } } }, async () => {
    const inbox = app.mail.inbox;
    if (!inbox) throw notFound('Email goes to the SMTP server in SMTP_HOST, not to the demo mailbox');
    return { items: [...inbox.messages].reverse().map(({ html: _html, from: _from, ...m }) => m) };
  });

  app.get('/mail/messages/:id/html', { schema: { ...hidden, params: MessageParams } }, async (request, reply) => {
    const message = app.mail.inbox?.messages.find((m) => m.id === request.params.id);
    if (!message?.html) throw notFound(`No HTML message ${request.params.id} in the demo mailbox`);
    return (
      reply
        // An email's HTML, shown as a mail client would: no script, no outside requests.
        .header(
          'content-security-policy',
          "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; base-uri 'none'",
        )
        .header('x-content-type-options', 'nosniff')
        .type('text/html; charset=utf-8')
        .send(message.html)
    );
  });
};

export default demoFulfilment;
