/** The API host serves the built widget, so merchants can load it from there. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { compressAssets } from '../../../server/cli/compress-assets.js';
import { buildTestApp, type TestApp } from '../helper.js';

describe('widget assets at /widget/', () => {
  const apps: TestApp[] = [];
  afterAll(async () => {
    for (const t of apps) await t.close();
  });

  it('serves the entry revalidated and hashed chunks for a year, to any origin', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nearbuy-widget-'));
    mkdirSync(join(dir, 'chunks'));
    writeFileSync(join(dir, 'nearbuy.js'), 'export {};\n');
    writeFileSync(join(dir, 'nearbuy.css'), 'nearbuy-button:not(:defined){display:block}\n');
    writeFileSync(join(dir, 'chunks', 'core-abc123.js'), 'export const x = 1;\n');
    const t = await buildTestApp({ config: { NEARBUY_WIDGET_DIR: dir, CHECKOUT_SWEEP_SECONDS: 0 } });
    apps.push(t);
    const entry = await t.app.inject({ method: 'GET', url: '/widget/nearbuy.js', headers: { origin: 'https://any-shop.example' } });
    expect(entry.statusCode).toBe(200);
    expect(entry.headers['content-type']).toContain('javascript');
    expect(entry.headers['access-control-allow-origin']).toBe('*');
    expect(entry.headers['cache-control']).toBe('no-cache');
    // The embed's stylesheet is an entry too: its sizes must match the script of the same release.
    const stylesheet = await t.app.inject({ method: 'GET', url: '/widget/nearbuy.css' });
    expect(stylesheet.headers['content-type']).toContain('text/css');
    expect(stylesheet.headers['cache-control']).toBe('no-cache');
    expect(stylesheet.headers['access-control-allow-origin']).toBe('*');
    const chunk = await t.app.inject({ method: 'GET', url: '/widget/chunks/core-abc123.js' });
    expect(chunk.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await t.app.inject({ method: 'GET', url: '/widget/../package.json' })).statusCode).not.toBe(200);
  });

  it('serves the build precompressed: brotli or gzip as accepted, varying on Accept-Encoding', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nearbuy-widget-'));
    const source = `export const words = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `delivery today ${i % 7}`))};\n`;
    writeFileSync(join(dir, 'nearbuy.js'), source);
    const made = compressAssets(dir);
    expect(made).toHaveLength(1);
    expect(made[0]!.brotli).toBeLessThan(made[0]!.bytes / 4);
    const t = await buildTestApp({ config: { NEARBUY_WIDGET_DIR: dir, CHECKOUT_SWEEP_SECONDS: 0 } });
    apps.push(t);
    const get = (encoding?: string) =>
      t.app.inject({ method: 'GET', url: '/widget/nearbuy.js', headers: encoding ? { 'accept-encoding': encoding } : {} });
    const br = await get('gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['vary']).toMatch(/accept-encoding/i);
    expect(br.headers['content-type']).toContain('javascript');
    expect(br.rawPayload.length).toBe(made[0]!.brotli);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(source);
    const gz = await get('gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(source);
    const plain = await get();
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(source);
  });

  it('serves nothing, and says why in the log, when the widget is not built', async () => {
    const t = await buildTestApp({ config: { NEARBUY_WIDGET_DIR: join(tmpdir(), 'nearbuy-no-widget-here'), CHECKOUT_SWEEP_SECONDS: 0 } });
    apps.push(t);
    const res = await t.app.inject({ method: 'GET', url: '/widget/nearbuy.js' });
    expect(res.statusCode).toBe(404);
    expect(JSON.parse(res.body).error.code).toBe('not_found');
  });
});
