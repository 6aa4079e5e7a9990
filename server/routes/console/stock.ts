/**
 * `/console/api/stock`: one level edited inline, and CSV imports of thousands of rows, all or
 * nothing, with a report by line of what was wrong. Both go through `app.inventory.setOnHand`,
 * the admin API's path; a clerk limited to places can change only theirs.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { InventoryView, MAX_ON_HAND } from '../../../contract/admin.js';
import { Sku } from '../../../contract/primitives.js';
import {
  ConsoleProductPage,
  ConsoleProductQuery,
  LOW_STOCK,
  MAX_STOCK_IMPORT_ROWS,
  SetStockBody,
  StockImportBody,
  StockImportResult,
  StockLevelPage,
  StockLevelsQuery,
  type StockRowProblem,
} from '../../../contract/console.js';
import { sessionOf } from '../../console/guard.js';
import { csvLine, parseCsv } from '../../console/csv.js';
import { ApiError } from '../../errors.js';
import { BODY_ERRORS, errorResponses, productOut } from '../shared.js';
import { placesOf } from './orders.js';

const tags = ['console'];
const HEADER = ['node_id', 'sku', 'on_hand'];

interface Row {
  line: number;
  nodeId: string;
  sku: string;
  onHand: number;
}

/** Rows, or the problems by line; nothing is checked against the database here. */
function readStockCsv(text: string, allowed: string[] | null): { rows: Row[]; problems: StockRowProblem[] } {
  const [head, ...body] = parseCsv(text.replace(/^\uFEFF/, ''));
  const problems: StockRowProblem[] = [];
  if (!head || head.cells.map((c) => c.trim().toLowerCase()).join(',') !== HEADER.join(',')) {
    return { rows: [], problems: [{ line: head?.line ?? 1, message: `The first line must be the header ${HEADER.join(',')}` }] };
  }
  if (body.length === 0) problems.push({ line: head.line, message: 'No rows after the header' });
  if (body.length > MAX_STOCK_IMPORT_ROWS) problems.push({ line: head.line, message: `At most ${MAX_STOCK_IMPORT_ROWS} rows per file` });
  const rows: Row[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of body) {
    const [nodeId = '', sku = '', count = ''] = cells.map((c) => c.trim());
    const wrong = (message: string) => problems.push({ line, message });
    if (cells.length !== 3) wrong(`Expected 3 cells (node_id, sku, on_hand), found ${cells.length}`);
    else if (!nodeId || !sku) wrong('node_id and sku must not be empty');
    else if (!/^\d+$/.test(count) || Number(count) > MAX_ON_HAND)
      wrong(`on_hand must be a whole number from 0 to ${MAX_ON_HAND}, not "${count.slice(0, 20)}"`);
    else if (allowed && !allowed.includes(nodeId)) wrong(`You cannot change stock at ${nodeId}`);
    else {
      const key = `${nodeId}\u0000${sku}`;
      const before = seen.get(key);
      if (before !== undefined) wrong(`${sku} at ${nodeId} is already on line ${before}`);
      else {
        seen.set(key, line);
        rows.push({ line, nodeId, sku, onHand: Number(count) });
      }
    }
  }
  return { rows, problems };
}

const consoleStock: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', app.consoleGuard.session);

  const notImported = (problems: StockRowProblem[]) =>
    new ApiError(
      'unprocessable',
      `Nothing was imported: ${problems.length} ${problems.length === 1 ? 'row has a problem' : 'rows have problems'}`,
      {
        rows: problems.slice(0, 500),
      },
    );

  app.post('/stock/import', {
    schema: {
      tags,
      hide: true,
      summary: 'Import on-hand stock from CSV (node_id,sku,on_hand): every row or none, with a report by line',
      body: StockImportBody,
      response: { 200: StockImportResult, ...errorResponses(400, 401, 403, 409, 422, ...BODY_ERRORS) },
    },
    bodyLimit: 2_500_000,
    handler: async (request) => {
      const session = sessionOf(request);
      const { rows, problems } = readStockCsv(request.body.csv, placesOf(session));
      if (problems.length > 0) throw notImported(problems);
      try {
        await app.inventory.setOnHand(
          session.merchant,
          rows.map(({ nodeId, sku, onHand }) => ({ nodeId, sku, onHand })),
        );
      } catch (error) {
        // The service names unknown SKUs and places, and levels below what is reserved: by line.
        const details =
          error instanceof ApiError
            ? (error.details as
                | {
                    unknownSkus?: string[];
                    unknownNodes?: string[];
                    belowReserved?: Array<{ nodeId: string; sku: string; reserved: number }>;
                  }
                | undefined)
            : undefined;
        if (!details) throw error;
        const byRow: StockRowProblem[] = [];
        for (const r of rows) {
          if (details.unknownNodes?.includes(r.nodeId)) byRow.push({ line: r.line, message: `No place ${r.nodeId}` });
          else if (details.unknownSkus?.includes(r.sku)) byRow.push({ line: r.line, message: `No product with SKU ${r.sku}` });
          const short = details.belowReserved?.find((b) => b.nodeId === r.nodeId && b.sku === r.sku);
          if (short)
            byRow.push({
              line: r.line,
              message: `${short.reserved} of ${r.sku} are reserved at ${r.nodeId}; on_hand cannot be ${r.onHand}`,
            });
        }
        if (byRow.length === 0) throw error;
        throw notImported(byRow);
      }
      await app.console.audit(session.user, 'stock.imported', null, { rows: rows.length });
      return { imported: rows.length };
    },
  });

  app.get('/stock.csv', {
    schema: {
      tags,
      hide: true,
      summary: 'On-hand stock as CSV, in the columns the import takes (node_id,sku,on_hand): a round trip works',
      response: { 200: z.string().describe('CSV, one level a line'), ...errorResponses(401, 403) },
    },
    handler: async (request, reply) => {
      const session = sessionOf(request);
      let body = csvLine(HEADER);
      for (const l of await app.inventory.levels(session.merchant, placesOf(session))) body += csvLine([l.nodeId, l.sku, l.onHand]);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="stock.csv"')
        .header('cache-control', 'no-store')
        .send(body);
    },
  });

  app.get('/stock/levels', {
    schema: {
      tags,
      hide: true,
      summary: 'Every stock level this person may see, by place then SKU, a page at a time; low=true for low stock only',
      querystring: StockLevelsQuery,
      response: { 200: StockLevelPage, ...errorResponses(400, 401, 403) },
    },
    handler: async (request) => {
      const session = sessionOf(request);
      const { low, limit, offset } = request.query;
      const all = (await app.inventory.levels(session.merchant, placesOf(session))).map((l) => ({
        ...l,
        available: l.onHand - l.reserved,
      }));
      const rows = low === 'true' ? all.filter((l) => l.available <= LOW_STOCK) : all;
      return { items: rows.slice(offset, offset + limit), total: rows.length, limit, offset };
    },
  });

  app.get('/products', {
    schema: {
      tags,
      hide: true,
      summary: "A page of the store's products whose SKU or title contains q, archived ones included (marked), by SKU",
      querystring: ConsoleProductQuery,
      response: { 200: ConsoleProductPage, ...errorResponses(400, 401, 403) },
    },
    handler: async (request) => {
      const { q, limit, offset } = request.query;
      const page = await app.products.search(sessionOf(request).merchant, q || null, limit, offset);
      return { items: page.items.map(productOut), total: page.total, limit, offset };
    },
  });

  app.get('/stock', {
    schema: {
      tags,
      hide: true,
      summary: "One product's stock at each place this person may see",
      querystring: z.object({ sku: Sku }).strict(),
      response: { 200: InventoryView, ...errorResponses(400, 401, 403, 404) },
    },
    handler: async (request) => {
      const session = sessionOf(request);
      const view = await app.inventory.view(session.merchant, request.query.sku);
      const allowed = placesOf(session);
      if (!allowed) return view;
      const levels = view.levels.filter((l) => allowed.includes(l.nodeId));
      const sum = (f: (l: (typeof levels)[number]) => number) => levels.reduce((n, l) => n + f(l), 0);
      // Totals of the places they see only: another store's counts are not theirs to read.
      return {
        ...view,
        levels,
        totals: { onHand: sum((l) => l.onHand), reserved: sum((l) => l.reserved), available: sum((l) => l.available) },
      };
    },
  });

  app.put('/stock', {
    schema: {
      tags,
      hide: true,
      summary: 'Set one product’s on-hand at one place',
      body: SetStockBody,
      response: { 200: StockImportResult, ...errorResponses(400, 401, 403, 409, 422, ...BODY_ERRORS) },
    },
    handler: async (request) => {
      const session = sessionOf(request);
      const allowed = placesOf(session);
      const { nodeId, sku, onHand } = request.body;
      if (allowed && !allowed.includes(nodeId)) throw new ApiError('forbidden', `You cannot change stock at ${nodeId}`);
      await app.inventory.setOnHand(session.merchant, [{ nodeId, sku, onHand }]);
      await app.console.audit(session.user, 'stock.set', `${sku}@${nodeId}`, { onHand });
      return { imported: 1 };
    },
  });
};

export default consoleStock;
