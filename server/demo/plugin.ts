/**
 * Demo mode (`npm start`, `NEARBUY_DEMO=true`): seeds the demo shop when it is missing, serves
 * the built widget at `/widget/` and the demo storefront at `/`, and adds `/demo/` tools for
 * developers (a movable clock, the shop's stock and orders, the dev mailer's last member code,
 * pick lists and the mailbox of shopper email: `fulfilment.ts`).
 * Each storefront page (`demo-site/**.html`) holds only its `<title>`, its own head lines and its
 * `<main>`; the shared head, demo bar, header and footer are in `demo-site/_layout.html`.
 * Never turn it on in production: `/demo/` is unauthenticated on purpose, for localhost.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Order } from '../../contract/public.js';
import { NEXT_STATUS } from '../orders/status.js';
import { ApiError, conflict, notFound } from '../errors.js';
import { DEMO_MERCHANT_ID, DEMO_PUBLISHABLE_KEY, seedDemo, type SeedResult } from '../seed/demo.js';
import { DevMailer } from '../mail/mailer.js';
import type { Merchant } from '../merchants/merchant.js';
import type { DemoClock } from './clock.js';
import { demoStock } from './stock.js';
import { contentSecurityPolicy } from './csp.js';
import demoFulfilment from './fulfilment.js';

/** Signs in with a one-time code like any member; the code is in the server log (and `/demo/`). */
export const DEMO_MEMBER_EMAIL = 'member@example.com';
/** The demo shop's owner in the console (`/console/`); the sign-in code lands in the demo mailbox. */
export const DEMO_OWNER_EMAIL = 'owner@example.com';

const DEMO_SITE_DIR = fileURLToPath(new URL('../../demo-site/', import.meta.url));

export interface DemoPluginOptions {
  clock: DemoClock;
}

declare module 'fastify' {
  interface FastifyInstance {
    demo: {
      clock: DemoClock;
      /** What seeding did at start: null when the demo shop was already there. */
      created: SeedResult | null;
    };
  }
}

export default fp<DemoPluginOptions>(
  async function demoPlugin(app, opts) {
    // Seed only what is missing, so that a restart keeps the orders and the stock they took.
    // Through `app.changes`, so the caches (loaded before the seed) reflect it.
    const existing = app.merchants.get(DEMO_MERCHANT_ID);
    const seeded = await seedDemo(app.db, { keepStock: existing !== undefined, bus: app.changes });
    await app.members.addMember(DEMO_MERCHANT_ID, DEMO_MEMBER_EMAIL);
    await app.console.ensureOwner(DEMO_MERCHANT_ID, DEMO_OWNER_EMAIL, 'Demo Owner');
    app.decorate('demo', { clock: opts.clock, created: seeded.created ? seeded : null });
    app.log.info({ member: DEMO_MEMBER_EMAIL, created: seeded.created }, 'demo mode: demo shop ready');

    // The widget's "Track your order" link leads to the server's plain order page
    // (`/orders/:id`); in the demo, a browser following it gets the storefront's richer one.
    app.addHook('onRequest', async (request, reply) => {
      if (request.method !== 'GET' || request.headers.authorization || !(request.headers.accept ?? '').includes('text/html')) return;
      const match = /^\/orders\/([^/?]+)\?(.*)$/.exec(request.url);
      const token = match ? new URLSearchParams(match[2]).get('token') : null;
      if (!match || !token) return;
      return reply.redirect(`/order.html?id=${match[1]}&token=${encodeURIComponent(token)}`, 303);
    });

    const headers = { 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff', 'referrer-policy': 'same-origin' };
    await app.register(fastifyStatic, {
      root: join(DEMO_SITE_DIR, 'assets'),
      prefix: '/assets/',
      decorateReply: false,
      setHeaders: (reply) => {
        for (const [name, value] of Object.entries(headers)) reply.header(name, value);
      },
    });
    const pageHeaders = { ...headers, 'content-security-policy': contentSecurityPolicy(), 'content-type': 'text/html; charset=utf-8' };
    const servePage = async (reply: FastifyReply, path: string) => {
      const html = PAGE_PATH.test(path) ? await renderPage(path) : null;
      if (html === null) return reply.callNotFound();
      return reply.headers(pageHeaders).send(html);
    };
    app.get('/', { schema: { hide: true } }, (_request, reply) => servePage(reply, '/index.html'));
    app.get('/demo/mail', { schema: { hide: true } }, (_request, reply) => servePage(reply, '/mail.html'));
    app.get<{ Params: { '*': string } }>('/*', { schema: { hide: true } }, (request, reply) => servePage(reply, `/${request.params['*']}`));

    await app.register(demoRoutes, { prefix: '/demo' });
    await app.register(demoFulfilment, { prefix: '/demo' });
  },
  { name: 'demo', dependencies: ['db', 'changes', 'merchants', 'checkout', 'fulfilment', 'mail', 'console'] },
);

/** A page's path: lowercase names, so never `/_layout.html` and never outside `demo-site/`. */
const PAGE_PATH = /^\/(?:[a-z0-9-]+\/)*[a-z0-9-]+\.html$/;

/**
 * `demo-site/<path>` filled into the layout, read on every request so that an edited page shows
 * on reload; null when there is no such page. The nav link to the page gets `aria-current`.
 */
async function renderPage(path: string): Promise<string | null> {
  let layout: string;
  let page: string;
  try {
    [layout, page] = await Promise.all([
      readFile(join(DEMO_SITE_DIR, '_layout.html'), 'utf8'),
      readFile(join(DEMO_SITE_DIR, path), 'utf8'),
    ]);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  const title = /^<title>[\s\S]*?<\/title>\n/m.exec(page);
  const mainAt = page.search(/^<main[\s>]/m);
  if (!title || mainAt < title.index) throw new Error(`demo-site${path}: expected a <title> line, then head lines, then <main>`);
  const parts: Record<string, string> = {
    title: title[0],
    head: page.slice(title.index + title[0].length, mainAt),
    main: page.slice(mainAt),
  };
  const current = `<a href="${path === '/index.html' ? '/' : path}">`;
  return layout
    .replace(/<nav[\s\S]*?<\/nav>/, (nav) => nav.replace(current, `${current.slice(0, -1)} aria-current="page">`))
    .replace(/^([ \t]*)<!--page:(\w+)-->\n/gm, (_marker, indent: string, name: string) => (parts[name] ?? '').replace(/^(?=.)/gm, indent));
}

function demoMerchant(app: FastifyInstance): Merchant {
  const merchant = app.merchants.byPublishableKey(DEMO_PUBLISHABLE_KEY);
  if (!merchant) throw notFound('The demo merchant is missing; restart the server to seed it again');
  return merchant;
}

const ClockState = z.object({
  /** The instant the app uses as "now". */
  now: z.string(),
  offsetMs: z.number(),
  /** True when the clock reads the real time. */
  real: z.boolean(),
});

const SetClockBody = z.union([
  z.object({ at: z.iso.datetime({ offset: true }) }).strict(),
  z
    .object({
      advanceMinutes: z
        .number()
        .int()
        .min(-7 * 24 * 60)
        .max(366 * 24 * 60),
    })
    .strict(),
]);

const StockLevel = z.object({ sku: z.string(), title: z.string(), onHand: z.number(), reserved: z.number(), available: z.number() });
const StockView = z.object({
  merchant: z.string(),
  nodes: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string(), levels: z.array(StockLevel) })),
});

const OrderIdParams = z.object({ id: z.string().min(1).max(80) }).strict();
const EmailParams = z.object({ email: z.string().trim().toLowerCase().max(254) }).strict();

const demoRoutes: FastifyPluginAsyncZod = async (app) => {
  const hidden = { hide: true, tags: ['demo'] };
  const clockState = () => {
    const { clock } = app.demo;
    return { now: new Date(clock.now()).toISOString(), offsetMs: clock.offsetMs, real: clock.offsetMs === 0 };
  };
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  app.get('/clock', { schema: { ...hidden, response: { 200: ClockState } } }, async () => clockState());

  app.post('/clock', { schema: { ...hidden, body: SetClockBody, response: { 200: ClockState } } }, async (request) => {
    const body = request.body;
    if ('at' in body) app.demo.clock.setInstant(Date.parse(body.at));
    else app.demo.clock.advance(body.advanceMinutes * 60_000);
    request.log.info({ now: new Date(app.demo.clock.now()).toISOString() }, 'demo clock moved');
    return clockState();
  });

  app.delete('/clock', { schema: { ...hidden, response: { 200: ClockState } } }, async () => {
    app.demo.clock.reset();
    return clockState();
  });

  app.get('/stock', { schema: { ...hidden, response: { 200: StockView } } }, async () => {
    const merchant = demoMerchant(app);
    return { merchant: merchant.name, nodes: await demoStock(app.db, merchant.id) };
  });

  app.post('/stock/reset', { schema: { ...hidden, response: { 200: StockView } } }, async () => {
    const merchant = demoMerchant(app);
    // Back to the seeded on-hand; units held by open checkouts stay held.
    await seedDemo(app.db, { bus: app.changes });
    return { merchant: merchant.name, nodes: await demoStock(app.db, merchant.id) };
  });

  app.get('/orders', { schema: { ...hidden, response: { 200: z.object({ items: z.array(Order) }) } } }, async () => ({
    items: await app.orders.list(demoMerchant(app), 50),
  }));

  app.post('/orders/:id/advance', { schema: { ...hidden, params: OrderIdParams, response: { 200: Order } } }, async (request) => {
    const merchant = demoMerchant(app);
    const order = await app.orders.get(merchant, request.params.id);
    const next = NEXT_STATUS[order.status];
    if (!next) throw conflict(`Order ${order.id} is ${order.status} and cannot move on`);
    return app.orders.setStatus(merchant, order.id, next);
  });

  app.get(
    '/members/:email/code',
    { schema: { ...hidden, params: EmailParams, response: { 200: z.object({ email: z.string(), code: z.string() }) } } },
    async (request) => {
      const mailer = app.mailer;
      if (!(mailer instanceof DevMailer)) throw new ApiError('not_found', 'Codes are only kept by the development mailer');
      const code = mailer.lastCodeFor(request.params.email);
      if (!code) throw notFound(`No code was sent to ${request.params.email} since the server started`);
      return { email: request.params.email, code };
    },
  );
};
