/**
 * The reach map's drawing, a lazy chunk of its own (the console's first chunk stays small): the
 * US state outlines from `us-atlas` (Census Bureau cartographic boundaries, already projected to
 * Albers USA at 975 × 610), decoded with `topojson-client`, drawn as SVG paths by `d3-geo`; the
 * places and the radii their services reach projected with the same Albers USA projection. Nothing
 * is fetched: the outlines are bundled in this chunk. The areas come from the server (the
 * engine's rules); this file only draws them.
 */
import { geoAlbersUsa, geoCircle, geoPath } from 'd3-geo';
import { svg, nothing, type SVGTemplateResult } from 'lit';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { ReachArea, ReachRegion } from '../../contract/console.js';
import type { ServiceId } from '../../contract/primitives.js';
import states from 'us-atlas/states-albers-10m.json';

/** The atlas's frame: us-atlas projects with geoAlbersUsa().scale(1300).translate([487.5, 305]). */
export const WIDTH = 975;
export const HEIGHT = 610;
const projection = geoAlbersUsa().scale(1300).translate([487.5, 305]);
const projected = geoPath(projection);
const flat = geoPath();
/** Mean earth radius, km: a radius in km as degrees of arc for `geoCircle`. */
const EARTH_KM = 6371.0088;

/** States by the engine's regions, from their FIPS codes (the atlas has the 50 states and DC). */
const REGION_OF_STATE: Record<string, ReachRegion> = { '02': 'alaska', '15': 'hawaii', '72': 'puerto_rico' };

const topology = states as unknown as Topology<{ states: GeometryCollection<{ name: string }>; nation: GeometryCollection }>;
const stateShapes = feature(topology, topology.objects.states).features.map((f) => ({
  region: REGION_OF_STATE[String(f.id)] ?? 'contiguous',
  d: flat(f) ?? '',
}));
const borders = flat(mesh(topology, topology.objects.states, (a, b) => a !== b)) ?? '';
const nation = flat(feature(topology, topology.objects.nation)) ?? '';

export interface MapPlace {
  id: string;
  name: string;
  lat: number;
  lng: number;
  areas: ReachArea[];
}

export interface MapOptions {
  /** The services to draw, in drawing order (widest first). */
  services: readonly ServiceId[];
  /** Only this place's areas (null: every place's). */
  placeId: string | null;
  /** Frame the places' local areas instead of the whole country. */
  zoom: boolean;
  color: (service: ServiceId, air: boolean) => string;
}

/** Where a place sits on the map, or null when Albers USA does not draw it (Puerto Rico, Guam). */
export function pointOf(place: { lat: number; lng: number }): [number, number] | null {
  return projection([place.lng, place.lat]);
}

/** The map's `viewBox`: the whole country, or the box around the places' radii with a margin. */
function frame(places: MapPlace[], zoom: boolean): string {
  const whole = `0 0 ${WIDTH} ${HEIGHT}`;
  if (!zoom) return whole;
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of places) {
    const at = pointOf(p);
    if (!at) continue;
    const km = Math.max(25, ...p.areas.map((a) => (a.radiusKm !== null && a.radiusKm < 100 ? a.radiusKm : 0)));
    const [[ax, ay], [bx, by]] = projected.bounds(
      geoCircle()
        .center([p.lng, p.lat])
        .radius(((km * 1.6) / EARTH_KM) * (180 / Math.PI))(),
    );
    [x0, y0, x1, y1] = [Math.min(x0, ax), Math.min(y0, ay), Math.max(x1, bx), Math.max(y1, by)];
  }
  if (!Number.isFinite(x0)) return whole;
  // Keep the page's aspect ratio so the frame fills the drawing.
  const w = Math.max(x1 - x0, ((y1 - y0) * WIDTH) / HEIGHT, 20);
  const h = (w * HEIGHT) / WIDTH;
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  return `${(cx - w / 2).toFixed(1)} ${(cy - h / 2).toFixed(1)} ${w.toFixed(1)} ${h.toFixed(1)}`;
}

/** The map's SVG content (its `<svg>` element, title and description are the page's). */
export function usMap(places: MapPlace[], o: MapOptions): { viewBox: string; content: SVGTemplateResult } {
  const shown = places.filter((p) => o.placeId === null || p.id === o.placeId);
  // Whole regions are drawn once per service, however many places reach them.
  const drawn = new Set<string>();
  const layers = o.services.flatMap((service) =>
    shown.flatMap((p) =>
      p.areas
        .filter((a) => a.service === service)
        .map((a) => {
          const fill = o.color(a.service, a.air);
          if (a.radiusKm === null) {
            const key = `${a.service}:${a.air}:${a.regions.join()}`;
            if (drawn.has(key)) return nothing;
            drawn.add(key);
            const regions = new Set(a.regions);
            return svg`<g fill=${fill} fill-opacity="0.22">${stateShapes.filter((s) => regions.has(s.region)).map((s) => svg`<path d=${s.d}></path>`)}</g>`;
          }
          const circle = geoCircle()
            .center([p.lng, p.lat])
            .radius((a.radiusKm / EARTH_KM) * (180 / Math.PI))();
          return svg`<path d=${projected(circle) ?? ''} fill=${fill} fill-opacity="0.3" stroke=${fill} stroke-width="1.5" vector-effect="non-scaling-stroke"></path>`;
        }),
    ),
  );
  const markers = shown.map((p) => {
    const at = pointOf(p);
    if (!at) return nothing;
    return svg`<circle cx=${at[0].toFixed(2)} cy=${at[1].toFixed(2)} r="4" fill="#111827" stroke="#fff" stroke-width="1.5" vector-effect="non-scaling-stroke" data-place=${p.id}></circle>`;
  });
  return {
    viewBox: frame(shown, o.zoom),
    content: svg`
      <path d=${nation} fill="#f3f4f6" stroke="#6b7280" stroke-width="1" vector-effect="non-scaling-stroke"></path>
      ${layers}
      <path d=${borders} fill="none" stroke="#9ca3af" stroke-width="0.75" vector-effect="non-scaling-stroke"></path>
      ${markers}
    `,
  };
}
