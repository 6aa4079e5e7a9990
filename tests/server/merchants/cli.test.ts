/** The merchant CLI, run as a developer runs it, against a PGlite folder of its own. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../../server/db/pglite.js';
import { hashSecretKey } from '../../../server/merchants/keys.js';
import { getMerchantByPublishableKey } from '../../../server/merchants/merchants.repository.js';

const run = promisify(execFile);
const dataDir = mkdtempSync(join(tmpdir(), 'nearbuy-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function merchantCli(...args: string[]) {
  const env = { ...process.env, NEARBUY_DATA_DIR: dataDir, DATABASE_URL: '' };
  return run('npx', ['tsx', 'server/cli/merchant.ts', ...args], { env, timeout: 150_000 }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

describe('npm run merchant', () => {
  it('creates a merchant, prints both keys once and stores only the hash of the secret', async () => {
    const r = await merchantCli(
      'create',
      '--name',
      'Corner Shop',
      '--origin',
      'https://corner.example',
      '--origin',
      'http://localhost:*',
      '--currency',
      'eur',
    );
    expect(r.code).toBe(0);
    const pk = /publishable key: (pk_\S+)/.exec(r.stdout)?.[1];
    const sk = /secret key:\s+(sk_\S+)/.exec(r.stdout)?.[1];
    expect(pk).toBeDefined();
    expect(sk).toBeDefined();
    const db = await openPglite(dataDir);
    try {
      const m = await getMerchantByPublishableKey(db, pk!);
      expect(m).toMatchObject({ name: 'Corner Shop', currency: 'EUR', allowedOrigins: ['https://corner.example', 'http://localhost:*'] });
      expect(m!.secretKeyHash).toBe(hashSecretKey(sk!));
      const dump = JSON.stringify(await db.query('SELECT * FROM merchants'));
      expect(dump).not.toContain(sk!);
    } finally {
      await db.close();
    }
  }, 180_000);

  it('explains what is wrong with the arguments', async () => {
    const r = await merchantCli('create', '--name', 'Shop', '--origin', 'not an origin');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--origin');
    expect(r.stderr).toContain('Usage');
  }, 180_000);
});
