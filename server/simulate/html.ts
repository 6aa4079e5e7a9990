/**
 * The simulation's HTML report (docs/simulation.md, "The report"): one self-contained file, its
 * charts inline SVG, nothing fetched, readable offline and safe to mail around.
 */
import { NODE_KINDS, SERVICE_IDS, type ServiceId } from '../promise/index.js';
import { PERIODS, type Period, type Report, type Stats } from './report.js';
import { CAUSES } from './simulate.js';
import type { SafetyTrial, SecondSourceTrial, tradeOffRows } from './buffers.js';

/** A run with one setting of the knobs, for the kept-against-speed curves. */
export interface Trial {
  label: string;
  report: Report;
}

const COLORS: Readonly<Record<ServiceId, string>> = {
  same_day: '#d62728',
  local_courier: '#9467bd',
  next_day: '#ff7f0e',
  two_day: '#1f77b4',
  standard: '#2ca02c',
};

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const hours = (x: number | null) => (x === null ? '—' : x.toFixed(1));

/** The lowest kept rate the charts show: a little under the worst, in steps of 5 points. */
function floorOf(values: number[]): number {
  const worst = Math.min(0.99, ...values);
  return Math.max(0, Math.floor((worst - 0.02) * 20) / 20);
}

/** Bars: kept rate per service, normal season and peak side by side, with the 99% target. */
function keptBars(report: Report): string {
  const width = 640;
  const height = 300;
  const left = 56;
  const bottom = 40;
  const top = 16;
  const services = SERVICE_IDS.filter((s) => report.services[s].all.count > 0);
  const values = services.flatMap((s) =>
    [report.services[s].normal, report.services[s].peak].filter((x) => x.count > 0).map((x) => x.kept),
  );
  const min = floorOf(values);
  const y = (kept: number) => top + (1 - (kept - min) / (1 - min)) * (height - top - bottom);
  const slot = (width - left - 10) / Math.max(1, services.length);
  const parts: string[] = [];
  for (let k = 0; k <= 4; k++) {
    const v = min + ((1 - min) * k) / 4;
    parts.push(
      `<line x1="${left}" x2="${width - 10}" y1="${y(v)}" y2="${y(v)}" stroke="#ddd"/><text x="${left - 6}" y="${y(v) + 4}" text-anchor="end" font-size="11">${pct(v)}</text>`,
    );
  }
  parts.push(
    `<line x1="${left}" x2="${width - 10}" y1="${y(0.99)}" y2="${y(0.99)}" stroke="#000" stroke-dasharray="4 3"/><text x="${left + 4}" y="${y(0.99) - 4}" font-size="11">target 99%</text>`,
  );
  services.forEach((service, i) => {
    const x0 = left + i * slot + slot * 0.15;
    const bar = slot * 0.33;
    (['normal', 'peak'] as const).forEach((period, j) => {
      const s = report.services[service][period];
      if (s.count === 0) return;
      const x = x0 + j * (bar + 2);
      const yTop = y(Math.max(min, s.kept));
      parts.push(
        `<rect x="${x}" y="${yTop}" width="${bar}" height="${height - bottom - yTop}" fill="${COLORS[service]}" opacity="${period === 'peak' ? 0.55 : 1}"><title>${service} ${period}: ${pct(s.kept)} of ${s.count}</title></rect>`,
        `<text x="${x + bar / 2}" y="${yTop - 3}" text-anchor="middle" font-size="10">${pct(s.kept)}</text>`,
      );
    });
    parts.push(`<text x="${left + i * slot + slot / 2}" y="${height - bottom + 16}" text-anchor="middle" font-size="12">${service}</text>`);
  });
  parts.push(`<text x="${left}" y="${height - 6}" font-size="11">solid: normal season · pale: peak</text>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="Promises kept per service">${parts.join('')}</svg>`;
}

/**
 * Kept rate against promise speed (median hours to the window's end), one point per service and
 * setting tried, joined per service: how much speed each point of kept rate costs.
 */
function keptAgainstSpeed(trials: readonly Trial[], period: Period, main: Report): string {
  const width = 640;
  const height = 336;
  const left = 56;
  const bottom = 40;
  const top = 32;
  const right = 16;
  const points = SERVICE_IDS.map((service) => ({
    service,
    line: trials
      .map((t) => ({ label: t.label, s: t.report.services[service][period] }))
      .filter((p) => p.s.count > 0 && p.s.medianPromiseHours !== null),
  })).filter((p) => p.line.length > 0);
  const runs = SERVICE_IDS.map((service) => ({ service, s: main.services[service][period] })).filter(
    (r) => r.s.count > 0 && r.s.medianPromiseHours !== null,
  );
  const speeds = [...points.flatMap((p) => p.line.map((q) => q.s.medianPromiseHours!)), ...runs.map((r) => r.s.medianPromiseHours!)];
  const maxX = Math.max(24, ...speeds) * 1.05;
  const min = floorOf([...points.flatMap((p) => p.line.map((q) => q.s.kept)), ...runs.map((r) => r.s.kept)]);
  const x = (h: number) => left + (Math.log1p(h) / Math.log1p(maxX)) * (width - left - right);
  const y = (kept: number) => top + (1 - (Math.max(min, kept) - min) / (1 - min)) * (height - top - bottom);
  const parts: string[] = [];
  for (const h of [6, 12, 24, 48, 96, 168, 336].filter((h) => h <= maxX)) {
    parts.push(
      `<line x1="${x(h)}" x2="${x(h)}" y1="${top}" y2="${height - bottom}" stroke="#eee"/><text x="${x(h)}" y="${height - bottom + 14}" text-anchor="middle" font-size="11">${h} h</text>`,
    );
  }
  for (let k = 0; k <= 4; k++) {
    const v = min + ((1 - min) * k) / 4;
    parts.push(`<text x="${left - 6}" y="${y(v) + 4}" text-anchor="end" font-size="11">${pct(v)}</text>`);
  }
  parts.push(`<line x1="${left}" x2="${width - right}" y1="${y(0.99)}" y2="${y(0.99)}" stroke="#000" stroke-dasharray="4 3"/>`);
  for (const { service, line } of points) {
    const path = line.map((q, i) => `${i === 0 ? 'M' : 'L'}${x(q.s.medianPromiseHours!).toFixed(1)},${y(q.s.kept).toFixed(1)}`).join(' ');
    parts.push(`<path d="${path}" fill="none" stroke="${COLORS[service]}" stroke-width="2"/>`);
    for (const q of line) {
      parts.push(
        `<circle cx="${x(q.s.medianPromiseHours!)}" cy="${y(q.s.kept)}" r="4" fill="${COLORS[service]}"><title>${escape(`${service}, ${q.label}: ${pct(q.s.kept)} kept, ${hours(q.s.medianPromiseHours)} h`)}</title></circle>`,
      );
    }
  }
  for (const { service, s } of runs) {
    parts.push(
      `<circle cx="${x(s.medianPromiseHours!)}" cy="${y(s.kept)}" r="7" fill="none" stroke="${COLORS[service]}" stroke-width="2"><title>${escape(`${service}, this run: ${pct(s.kept)} kept, ${hours(s.medianPromiseHours)} h`)}</title></circle>`,
    );
  }
  parts.push(
    `<text x="${width - right}" y="${height - 6}" text-anchor="end" font-size="11">median hours from order to window end (log scale)</text>`,
  );
  const legend = points
    .map((p, i) => `<text x="${left + 8 + i * 110}" y="14" font-size="11" fill="${COLORS[p.service]}">● ${p.service}</text>`)
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="Kept rate against promise speed, ${period}">${parts.join('')}${legend}</svg>`;
}

function table(title: string, rows: Array<[string, Record<Period, Stats>]>): string {
  const body = rows
    .flatMap(([name, byPeriod]) =>
      PERIODS.filter((p) => byPeriod[p].count > 0).map((p) => {
        const s = byPeriod[p];
        return `<tr><td>${escape(name)}</td><td>${p}</td><td>${s.count}</td><td>${pct(s.kept)}</td><td>${pct(s.early)}</td><td>${pct(s.lost)}</td><td>${hours(s.medianLateHours)}</td><td>${hours(s.p90LateHours)}</td><td>${hours(s.medianPromiseHours)}</td></tr>`;
      }),
    )
    .join('');
  return `<h2>${escape(title)}</h2><table><thead><tr><th>group</th><th>period</th><th>count</th><th>kept</th><th>early</th><th>lost</th><th>late p50 (h)</th><th>late p90 (h)</th><th>promise p50 (h)</th></tr></thead><tbody>${body}</tbody></table>`;
}

function tradeOffTable(rows: ReturnType<typeof tradeOffRows>): string {
  if (rows.length === 0) return '';
  const body = rows
    .map(
      (r) =>
        `<tr><td>${r.service}</td><td>${r.season}</td><td>${escape(r.label)}</td><td>${pct(r.kept)}</td><td>${hours(r.promiseHours)}</td><td>${hours(r.hoursPerPoint)}</td></tr>`,
    )
    .join('');
  return `<h2>Trade-off: speed per point of kept rate</h2><p>Each setting tried on a shorter run of the same seed; the last column is the promise hours each point of kept rate gained cost.</p><table><thead><tr><th>service</th><th>season</th><th>setting</th><th>kept</th><th>promise p50 (h)</th><th>h per point</th></tr></thead><tbody>${body}</tbody></table>`;
}

/** Store safety stock tried: kept against the offers it takes away (docs/simulation.md, "How same-day and the courier reach 99%, and what it costs"). */
function safetyTable(trials: readonly SafetyTrial[]): string {
  if (trials.length === 0) return '';
  const none = trials.find((t) => t.units === 0);
  const shown = (t: SafetyTrial, s: ServiceId) => {
    const base = none?.offered[s] ?? 0;
    return `${t.offered[s]}${base > 0 && t !== none ? ` (${((t.offered[s] / base - 1) * 100).toFixed(1)}%)` : ''}`;
  };
  const body = trials
    .map((t) => {
      const sd = t.report.services.same_day;
      const lc = t.report.services.local_courier;
      return `<tr><td>${t.units}</td><td>${pct(sd.normal.kept)} / ${pct(sd.peak.kept)}</td><td>${pct(lc.normal.kept)} / ${pct(lc.peak.kept)}</td><td>${pct(t.missing.mall_store)} / ${pct(t.missing.local_store)}</td><td>${shown(t, 'same_day')}</td><td>${shown(t, 'local_courier')}</td><td>${pct(t.unservedShare)}</td><td>${hours(sd.normal.medianPromiseHours)}</td></tr>`;
    })
    .join('');
  return `<h2>Safety stock at stores</h2><p>Units of each SKU every mall store and local shop holds back from promises, each setting on a shorter run of the same seed: what it keeps, and how many shoppers it no longer offers same-day or the local courier.</p><table><thead><tr><th>units</th><th>same-day kept (normal / peak)</th><th>local courier kept (normal / peak)</th><th>picks missing (mall / local)</th><th>shown same-day</th><th>shown local courier</th><th>shown no option</th><th>same-day promise p50 (h)</th></tr></thead><tbody>${body}</tbody></table>`;
}

/** A second source required for same-day and the courier: kept against the offers it takes away (docs/simulation.md, "How same-day and the courier reach 99%, and what it costs"). */
function secondSourceTable(trials: readonly SecondSourceTrial[]): string {
  if (trials.length === 0) return '';
  const none = trials[0];
  const shown = (t: SecondSourceTrial, s: ServiceId) => {
    const base = none?.offered[s] ?? 0;
    return `${t.offered[s]}${base > 0 && t !== none ? ` (${((t.offered[s] / base - 1) * 100).toFixed(1)}%)` : ''}`;
  };
  // A setting that leaves a service no orders has no kept rate.
  const kept = (s: Stats) => (s.count > 0 ? pct(s.kept) : '—');
  const body = trials
    .map((t) => {
      const sd = t.report.services.same_day;
      const lc = t.report.services.local_courier;
      return `<tr><td>${t.label}</td><td>${kept(sd.normal)} / ${kept(sd.peak)}</td><td>${kept(lc.normal)} / ${kept(lc.peak)}</td><td>${shown(t, 'same_day')}</td><td>${shown(t, 'local_courier')}</td><td>${pct(t.unservedShare)}</td><td>${hours(sd.normal.medianPromiseHours)}</td><td>${hours(lc.normal.medianPromiseHours)}</td></tr>`;
    })
    .join('');
  return `<h2>A second source for same-day and the courier</h2><p>Same-day (at mall stores and local shops) or the local courier (at local shops) offered only where another place in reach holds the whole parcel, so an empty shelf has somewhere to come from; each setting on a shorter run of the same seed: what it keeps, and how many shoppers it no longer offers the service.</p><table><thead><tr><th>second source required</th><th>same-day kept (normal / peak)</th><th>local courier kept (normal / peak)</th><th>shown same-day</th><th>shown local courier</th><th>shown no option</th><th>same-day promise p50 (h)</th><th>courier promise p50 (h)</th></tr></thead><tbody>${body}</tbody></table>`;
}

function causesTable(report: Report): string {
  const head = SERVICE_IDS.map((s) => `<th>${s}</th>`).join('');
  const counts = SERVICE_IDS.map((s) => `<td>${report.broken[s].count}</td>`).join('');
  const rows = CAUSES.map((cause) => {
    const cells = SERVICE_IDS.map((s) => {
      const b = report.broken[s];
      return `<td>${b.count === 0 ? '—' : pct(b.causes[cause] / b.count)}</td>`;
    }).join('');
    return `<tr><td>${cause}</td>${cells}</tr>`;
  }).join('');
  return `<h2>What the broken promises met</h2><p>Share of each service's broken orders that met each event (an order can meet several).</p><table><thead><tr><th>event</th>${head}</tr></thead><tbody><tr><td>broken orders</td>${counts}</tr>${rows}</tbody></table>`;
}

/** The whole report page. `trials` are the settings tried (at least the report's own run). */
export function renderHtml(
  report: Report,
  trials: readonly Trial[] = [],
  notes: readonly string[] = [],
  tradeOff: ReturnType<typeof tradeOffRows> = [],
  safety: readonly SafetyTrial[] = [],
  second: readonly SecondSourceTrial[] = [],
): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>nearbuy promise simulation, seed ${report.seed}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:14px/1.45 system-ui,sans-serif;max-width:900px;margin:2em auto;padding:0 1em;color:#222}table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}td:first-child,td:nth-child(2),th{text-align:left}svg{max-width:100%;height:auto;display:block;margin:.5em 0}</style>
</head><body>
<h1>Promises kept: simulation report</h1>
<p>Seed ${report.seed}: ${report.arrivals} shoppers, ${report.orders} orders (${report.unserved} were shown no option).
Overall ${pct(report.overall.all.kept)} kept; normal season ${pct(report.overall.normal.kept)}, peak ${pct(report.overall.peak.kept)}.
A promise is kept when the order arrives inside its window; a carrier parcel that comes early counts as kept and is shown apart.</p>
${notes.map((n) => `<p>${escape(n)}</p>`).join('\n')}
<h2>Kept rate per service</h2>
${keptBars(report)}
<h2>Kept rate against promise speed</h2>
<p>Each dot is one setting tried (joined per service); a ring is this run. Further right is a slower promise.</p>
<h3>Normal season</h3>
${keptAgainstSpeed(trials, 'normal', report)}
<h3>Peak</h3>
${keptAgainstSpeed(trials, 'peak', report)}
${table(
  'Orders by service',
  SERVICE_IDS.map((s) => [s, report.services[s]]),
)}
${table(
  'Parcels by node kind',
  NODE_KINDS.map((k) => [k, report.kinds[k]]),
)}
${table('All orders', [['overall', report.overall]])}
${tradeOffTable(tradeOff)}
${safetyTable(safety)}
${secondSourceTable(second)}
${causesTable(report)}
</body></html>
`;
}
