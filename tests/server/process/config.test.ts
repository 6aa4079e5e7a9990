import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../server/config.js';

describe('config', () => {
  it('has sensible defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ HOST: '127.0.0.1', PORT: 8787, NEARBUY_DATA_DIR: '.data', LOG_LEVEL: 'info', TRUST_PROXY: false });
    expect(c.DATABASE_URL).toBeUndefined();
  });

  it('reads and coerces values, treating empty ones as unset', () => {
    const c = loadConfig({ PORT: '3001', TRUST_PROXY: 'true', DATABASE_URL: '', LOG_LEVEL: 'debug', RATE_LIMIT_PER_KEY: '10' });
    expect(c).toMatchObject({ PORT: 3001, TRUST_PROXY: true, LOG_LEVEL: 'debug', RATE_LIMIT_PER_KEY: 10 });
    expect(c.DATABASE_URL).toBeUndefined();
  });

  it('names every wrong variable in one message', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://root:hunter2@db/x' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('PORT="eighty"');
    expect(message).toContain('LOG_LEVEL="loud"');
    expect(message).toContain('DATABASE_URL: DATABASE_URL must start with postgres://');
    // A database URL may carry a password: it is never echoed.
    expect(message).not.toContain('hunter2');
  });
});
