/** What every checkout step works with, handed over by the checkout plugin. */
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/port.js';
import type { WriteTransactions } from '../db/writes.js';
import type { NetworkRegistry } from '../live/networks.js';
import type { PaymentProvider } from '../payments/provider.js';
import type { PromiseService } from '../promise-service/plugin.js';
import type { Writes } from '../db/writes.js';
import type { SessionRow } from './sessions.repository.js';

/** Told, inside the placing transaction, of each order placed: fulfilment and notifications start there. */
export type OrderPlacedHook = (tx: Writes, placed: { orderId: string; session: SessionRow; placedAt: Date }) => Promise<void>;

export interface CheckoutDeps {
  db: Db;
  changes: WriteTransactions;
  networks: NetworkRegistry;
  promises: PromiseService;
  payments: PaymentProvider;
  clock: () => number;
  log: FastifyBaseLogger;
  /** How long stock is held for an unpaid session, ms. */
  holdMs: number;
  onOrderPlaced?: OrderPlacedHook;
}
