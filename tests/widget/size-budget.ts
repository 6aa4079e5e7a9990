/**
 * Size budgets of the widget (issue 5), checked on every `npm test`:
 *   - the script-tag entry's first chunk (nearbuy.js and everything it imports statically —
 *     the elements, lit-html, the promise request and English), ≤ 10,000 B gzip, the limit
 *     Shopify's theme check sets for an app's script (issue 15);
 *   - the checkout dialog's lazy chunk (with what it imports that is not already loaded),
 *     Stripe.js excluded: ≤ 30 KB gzip;
 *   - each locale chunk: ≤ 2 KB gzip;
 *   - the English strings only lazy chunks show (`widget/locales/en-lazy.ts`) stay out of the
 *     first chunk.
 * Builds into a temporary folder with the widget's own Vite config; gzip level 9, so the bytes
 * are deterministic. Prints every chunk; exits 1 when a budget is exceeded.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Rolldown } from 'vite';

const KB = 1024;
const BUDGETS = { firstChunk: 10_000, checkout: 30 * KB, locale: 2 * KB };

const outDir = mkdtempSync(join(tmpdir(), 'nearbuy-size-'));
try {
  const result = await build({ configFile: 'vite.widget.config.ts', logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const chunks = new Map<string, Rolldown.OutputChunk>();
  for (const output of outputs) for (const item of output.output) if (item.type === 'chunk') chunks.set(item.fileName, item);

  const gzip = (chunk: Rolldown.OutputChunk) => gzipSync(Buffer.from(chunk.code), { level: 9 }).length;
  /** A chunk and its static imports, transitively. */
  const closure = (fileName: string, seen = new Set<string>()): Set<string> => {
    if (seen.has(fileName)) return seen;
    seen.add(fileName);
    for (const imported of chunks.get(fileName)?.imports ?? []) closure(imported, seen);
    return seen;
  };
  const total = (files: Iterable<string>) => [...files].reduce((sum, file) => sum + gzip(chunks.get(file)!), 0);
  const find = (test: (chunk: Rolldown.OutputChunk) => boolean) => [...chunks.values()].find(test);

  const entry = find((chunk) => chunk.isEntry && chunk.fileName === 'nearbuy.js');
  const checkout = find((chunk) => chunk.isDynamicEntry && (chunk.facadeModuleId ?? '').endsWith('widget/checkout/checkout.ts'));
  if (!entry || !checkout) throw new Error(`Expected nearbuy.js and the checkout chunk in the build, got ${[...chunks.keys()].join(', ')}`);

  const first = closure(entry.fileName);
  const checkoutFiles = [...closure(checkout.fileName)].filter((file) => !first.has(file));
  const locales = [...chunks.values()].filter((chunk) => /[\\/]locales[\\/](id|fr|ja|zh|ar)\.ts$/.test(chunk.facadeModuleId ?? ''));

  console.log('Widget chunks (bytes, gzip -9):');
  for (const chunk of [...chunks.values()].sort((a, b) => a.fileName.localeCompare(b.fileName))) {
    console.log(
      `  ${chunk.fileName.padEnd(40)} ${String(Buffer.byteLength(chunk.code)).padStart(7)} raw ${String(gzip(chunk)).padStart(7)} gz`,
    );
  }
  const checks = [
    { name: `first chunk (${[...first].join(' + ')})`, bytes: total(first), budget: BUDGETS.firstChunk },
    { name: `checkout dialog (${checkoutFiles.join(' + ')})`, bytes: total(checkoutFiles), budget: BUDGETS.checkout },
    ...locales.map((chunk) => ({ name: `locale ${chunk.fileName}`, bytes: gzip(chunk), budget: BUDGETS.locale })),
  ];
  let failed = false;
  for (const check of checks) {
    const ok = check.bytes <= check.budget;
    failed ||= !ok;
    console.log(`${ok ? 'ok  ' : 'OVER'} ${check.name}: ${check.bytes} B gzip (budget ${check.budget} B)`);
  }
  const lazyEnglish = [...first].filter((file) => chunks.get(file)!.moduleIds.some((id) => /[\\/]locales[\\/]en-lazy\.ts$/.test(id)));
  if (lazyEnglish.length > 0) {
    failed = true;
    console.log(`OVER the lazy chunks' English (widget/locales/en-lazy.ts) is in the first chunk (${lazyEnglish.join(', ')})`);
  }
  if (locales.length !== 10) {
    failed = true;
    console.log(`OVER expected 10 locale chunks (5 widget + 5 checkout), got ${locales.length}`);
  }
  process.exitCode = failed ? 1 : 0;
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
