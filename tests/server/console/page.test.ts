/** `/console/`: the built page with its CSP, its hashed assets, and a clear answer when it is not built. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, call, errorOf, type TestApp } from '../helper.js';

describe('the console page', () => {
  let dir: string;
  let built: TestApp;
  let missing: TestApp;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nearbuy-console-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>nearbuy console</title><nb-console></nb-console>');
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'export {};');
    built = await buildTestApp({ config: { NEARBUY_CONSOLE_DIR: dir } });
    missing = await buildTestApp({ config: { NEARBUY_CONSOLE_DIR: join(dir, 'nowhere') } });
  });
  afterAll(async () => {
    await built.close();
    await missing.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the page with a strict CSP and no framing', async () => {
    const res = await built.app.inject({ method: 'GET', url: '/console/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<nb-console>');
    expect(res.headers['content-security-policy']).toMatch(/script-src 'self';.*frame-ancestors 'none'/);
    expect(res.headers['cache-control']).toBe('no-cache');
    const redirect = await built.app.inject({ method: 'GET', url: '/console' });
    expect(redirect.statusCode).toBe(301);
    expect(redirect.headers.location).toBe('/console/');
    const asset = await built.app.inject({ method: 'GET', url: '/console/assets/index-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
  });

  it('says how to build it when it is not built', async () => {
    const res = await call(missing.app, { method: 'GET', url: '/console/' });
    expect(res.status).toBe(503);
    expect(errorOf(res).message).toMatch(/npm run build:console/);
  });
});
