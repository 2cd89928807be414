/**
 * The demo service area's geometry: schematic, non-overlapping rectangles standing for the six
 * Guangzhou districts of the demo seed (roughly where they are; not their real boundaries), each cut
 * into its four smallest grids (2 × 2, in the seed's order: north-west, north-east, south-west,
 * south-east), and a few main roads. The geocoder simulator places addresses inside these boxes, the
 * location simulator moves installers inside them, and the map screen draws the same shapes as its
 * offline base map (`apps/web/src/modules/dispatch-map/base-map/demo-area.json`, written from this
 * file by `pnpm --filter @openiom/api run demo-area:write`; a test keeps them equal).
 */

/** A rectangle in WGS-84 degrees. */
export interface GeoBox {
  west: number;
  south: number;
  east: number;
  north: number;
}

/** District code → its box (codes as in `prisma/seed/demo-data.ts`). */
export const demoDistrictBoxes: Readonly<Record<string, GeoBox>> = {
  'GZ-BY': { west: 113.2, south: 23.2, east: 113.36, north: 23.32 },
  'GZ-YX': { west: 113.24, south: 23.11, east: 113.3, north: 23.2 },
  'GZ-TH': { west: 113.3, south: 23.11, east: 113.44, north: 23.2 },
  'GZ-LW': { west: 113.19, south: 23.05, east: 113.24, north: 23.14 },
  'GZ-HZ': { west: 113.24, south: 23.05, east: 113.4, north: 23.11 },
  'GZ-PY': { west: 113.26, south: 22.9, east: 113.46, north: 23.04 },
};

/** The whole demo city (Guangzhou): every district's box together. */
export const demoCityBox: GeoBox = Object.values(demoDistrictBoxes).reduce(
  (all, box) => ({ west: Math.min(all.west, box.west), south: Math.min(all.south, box.south), east: Math.max(all.east, box.east), north: Math.max(all.north, box.north) }),
  { west: 180, south: 90, east: -180, north: -90 },
);

/** The box of grid `index` (0–3) of a district: 2 × 2, north-west first, row by row. */
export function gridBox(district: GeoBox, index: number): GeoBox {
  const midLon = (district.west + district.east) / 2;
  const midLat = (district.south + district.north) / 2;
  const west = index % 2 === 0 ? district.west : midLon;
  const east = index % 2 === 0 ? midLon : district.east;
  const north = index < 2 ? district.north : midLat;
  const south = index < 2 ? midLat : district.south;
  return { west, south, east, north };
}

/** Grid code (`GZ-TH-01` …) → its box. */
export const demoGridBoxes: Readonly<Record<string, GeoBox>> = Object.fromEntries(
  Object.entries(demoDistrictBoxes).flatMap(([code, box]) => [0, 1, 2, 3].map((index) => [`${code}-${String(index + 1).padStart(2, '0')}`, gridBox(box, index)])),
);

/**
 * The box of an organisation by its code: a demo grid, a demo district, or the city (`GZ`) and
 * province (`GD`); null for anything else.
 */
export function demoBoxOf(organisationCode: string): GeoBox | null {
  if (demoGridBoxes[organisationCode]) return demoGridBoxes[organisationCode]!;
  if (demoDistrictBoxes[organisationCode]) return demoDistrictBoxes[organisationCode]!;
  if (organisationCode === 'GZ' || organisationCode === 'GD') return demoCityBox;
  return null;
}

/** Main roads drawn on the base map (schematic polylines, [longitude, latitude]). */
export const demoRoads: readonly { name: string; nameEn: string; kind: 'motorway' | 'primary' | 'river'; coordinates: [number, number][] }[] = [
  { name: '珠江', nameEn: 'Pearl River', kind: 'river', coordinates: [[113.19, 23.115], [113.24, 23.112], [113.3, 23.108], [113.36, 23.105], [113.44, 23.1], [113.46, 23.06]] },
  { name: '环城高速', nameEn: 'Ring Expressway', kind: 'motorway', coordinates: [[113.22, 23.16], [113.26, 23.19], [113.33, 23.19], [113.39, 23.15], [113.38, 23.08], [113.3, 23.06], [113.22, 23.08], [113.22, 23.16]] },
  { name: '广州大道', nameEn: 'Guangzhou Avenue', kind: 'primary', coordinates: [[113.325, 23.3], [113.325, 23.2], [113.325, 23.12], [113.33, 23.06], [113.34, 23.0], [113.35, 22.92]] },
  { name: '中山大道', nameEn: 'Zhongshan Avenue', kind: 'primary', coordinates: [[113.25, 23.13], [113.3, 23.135], [113.36, 23.13], [113.44, 23.125]] },
  { name: '黄埔大道', nameEn: 'Huangpu Avenue', kind: 'primary', coordinates: [[113.3, 23.125], [113.36, 23.122], [113.44, 23.118]] },
  { name: '机场路', nameEn: 'Airport Road', kind: 'primary', coordinates: [[113.26, 23.14], [113.265, 23.2], [113.28, 23.26], [113.3, 23.32]] },
  { name: '新港路', nameEn: 'Xingang Road', kind: 'primary', coordinates: [[113.24, 23.095], [113.3, 23.095], [113.4, 23.09]] },
  { name: '南沙港快速', nameEn: 'Nansha Port Expressway', kind: 'motorway', coordinates: [[113.27, 23.06], [113.3, 23.0], [113.33, 22.95], [113.36, 22.9]] },
];

type Feature = { type: 'Feature'; properties: Record<string, string>; geometry: { type: 'Polygon'; coordinates: [number, number][][] } | { type: 'LineString'; coordinates: [number, number][] } };

function ring(box: GeoBox): [number, number][][] {
  return [[[box.west, box.south], [box.east, box.south], [box.east, box.north], [box.west, box.north], [box.west, box.south]]];
}

/**
 * The base map as one GeoJSON FeatureCollection: districts and grids (`kind` district / grid, with
 * `code`), roads and the river (`kind` motorway / primary / river, with `name` and `nameEn`).
 * Names of districts and grids come from the caller (the seed's names), so the web file carries them.
 */
export function demoAreaGeoJson(names: Record<string, { name: string; nameEn: string }>): { type: 'FeatureCollection'; features: Feature[] } {
  const round = (box: GeoBox): GeoBox => ({ west: +box.west.toFixed(4), south: +box.south.toFixed(4), east: +box.east.toFixed(4), north: +box.north.toFixed(4) });
  const features: Feature[] = [];
  for (const [code, box] of Object.entries(demoDistrictBoxes)) features.push({ type: 'Feature', properties: { kind: 'district', code, ...(names[code] ?? { name: code, nameEn: code }) }, geometry: { type: 'Polygon', coordinates: ring(round(box)) } });
  for (const [code, box] of Object.entries(demoGridBoxes)) features.push({ type: 'Feature', properties: { kind: 'grid', code, ...(names[code] ?? { name: code, nameEn: code }) }, geometry: { type: 'Polygon', coordinates: ring(round(box)) } });
  for (const road of demoRoads) features.push({ type: 'Feature', properties: { kind: road.kind, name: road.name, nameEn: road.nameEn }, geometry: { type: 'LineString', coordinates: road.coordinates } });
  return { type: 'FeatureCollection', features };
}
