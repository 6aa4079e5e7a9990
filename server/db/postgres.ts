/**
 * PostgreSQL adapter over `pg`: a pool for queries and transactions, plus one dedicated
 * connection for LISTEN, reconnected when it drops. Several server processes share one database
 * and learn about each other's changes through NOTIFY.
 */
import pg from 'pg';
import type { Db, Queryable } from './port.js';

export interface PostgresOptions {
  connectionString: string;
  /** Put this schema first on the search path (tests use a fresh schema per file). */
  schema?: string;
  maxConnections?: number;
  /** Told about connection trouble that does not reach a caller (the LISTEN connection). */
  onBackgroundError?: (error: Error) => void;
}

const RECONNECT_DELAY_MS = 1000;

export async function openPostgres(options: PostgresOptions): Promise<Db> {
  const searchPath = options.schema ? `-c search_path=${quoteIdent(options.schema)},public` : undefined;
  const clientConfig: pg.ClientConfig = { connectionString: options.connectionString, ...(searchPath ? { options: searchPath } : {}) };
  const pool = new pg.Pool({ ...clientConfig, max: options.maxConnections ?? 10 });
  // An idle client that errors (server restart) must not crash the process; the pool drops it.
  pool.on('error', (error) => options.onBackgroundError?.(error));
  // Fail at start, not on the first request, when the database is unreachable.
  await pool.query('SELECT 1');

  const asQueryable = (q: pg.Pool | pg.PoolClient): Queryable => ({
    async query<Row>(sql: string, params?: readonly unknown[]) {
      const result = await q.query(sql, params ? [...params] : undefined);
      return result.rows as Row[];
    },
  });

  let closed = false;
  const listeners = new Set<pg.Client>();

  return {
    dialect: 'postgres',
    query: asQueryable(pool).query,
    async transaction(work, options) {
      const client = await pool.connect();
      try {
        // One round trip for both: a simple query may hold several statements.
        await client.query(options?.asyncCommit ? 'BEGIN; SET LOCAL synchronous_commit = off' : 'BEGIN');
        const result = await work(asQueryable(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async listen(channel, onMessage, onReconnect, onLost) {
      let client: pg.Client | null = null;
      let stopped = false;
      const connect = async (isReconnect: boolean): Promise<void> => {
        if (stopped || closed) return;
        const c = new pg.Client(clientConfig);
        c.on('notification', (msg) => {
          if (msg.channel === channel && msg.payload !== undefined) onMessage(msg.payload);
        });
        c.on('error', (error) => {
          options.onBackgroundError?.(error);
          if (listeners.has(c)) onLost?.();
          listeners.delete(c);
          void c.end().catch(() => undefined);
          if (!stopped && !closed) setTimeout(() => void connect(true).catch(retry), RECONNECT_DELAY_MS).unref();
        });
        await c.connect();
        await c.query(`LISTEN ${quoteIdent(channel)}`);
        client = c;
        listeners.add(c);
        // Changes made while we were away were missed: the caller reloads what it holds.
        if (isReconnect) onReconnect?.();
      };
      const retry = (error: Error) => {
        options.onBackgroundError?.(error);
        if (!stopped && !closed) setTimeout(() => void connect(true).catch(retry), RECONNECT_DELAY_MS).unref();
      };
      await connect(false);
      return async () => {
        stopped = true;
        if (client) {
          listeners.delete(client);
          await client.end().catch(() => undefined);
        }
      };
    },
    async close() {
      closed = true;
      await Promise.all([...listeners].map((c) => c.end().catch(() => undefined)));
      listeners.clear();
      await pool.end();
    },
  };
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
