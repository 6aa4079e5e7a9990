/**
 * Precompresses built static assets (brotli at its best quality and gzip), written beside each
 * file as `<name>.br` and `<name>.gz`, for `@fastify/static`'s `preCompressed` (and for a CDN or
 * proxy that serves such files). Run by `npm run build:widget` after Vite:
 * `tsx server/cli/compress-assets.ts dist/widget`.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const COMPRESSIBLE = /\.(js|mjs|css|html|json|svg|map|txt)$/;

export interface Compressed {
  file: string;
  bytes: number;
  brotli: number;
  gzip: number;
}

/** Compresses every compressible file under `dir`; a variant no smaller than the original is not written. */
export function compressAssets(dir: string): Compressed[] {
  const out: Compressed[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      out.push(...compressAssets(path));
      continue;
    }
    if (!COMPRESSIBLE.test(name)) continue;
    const raw = readFileSync(path);
    const br = brotliCompressSync(raw, {
      params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
    });
    const gz = gzipSync(raw, { level: 9 });
    if (br.length < raw.length) writeFileSync(`${path}.br`, br);
    if (gz.length < raw.length) writeFileSync(`${path}.gz`, gz);
    out.push({ file: path, bytes: raw.length, brotli: br.length, gzip: gz.length });
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] ?? 'dist/widget';
  const files = compressAssets(dir);
  const sum = (k: 'bytes' | 'brotli' | 'gzip') => files.reduce((a, f) => a + f[k], 0);
  console.log(`compressed ${files.length} files in ${dir}: ${sum('bytes')} B → brotli ${sum('brotli')} B, gzip ${sum('gzip')} B`);
}
