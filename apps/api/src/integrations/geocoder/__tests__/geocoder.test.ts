import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { demoAreaNames } from '../demo-area-names.ts';
import { demoAreaGeoJson, demoDistrictBoxes, demoGridBoxes } from '../demo-area.ts';
import { GeocoderSimulator } from '../geocoder.adapter.ts';

const inside = (box: { west: number; south: number; east: number; north: number }, p: { latitude: number; longitude: number }) => p.latitude > box.south && p.latitude < box.north && p.longitude > box.west && p.longitude < box.east;

describe('demo geocoder', () => {
  const geocoder = new GeocoderSimulator();

  it('places an address inside its grid, the same spot every time, different addresses apart', async () => {
    const a = await geocoder.locate('天河区石牌东路1号', 'GZ-TH-01');
    const b = await geocoder.locate('天河区石牌东路2号', 'GZ-TH-01');
    expect(a).toEqual(await geocoder.locate('天河区石牌东路1号', 'GZ-TH-01'));
    expect(a).not.toEqual(b);
    expect(inside(demoGridBoxes['GZ-TH-01']!, a!)).toBe(true);
    expect(inside(demoGridBoxes['GZ-TH-01']!, b!)).toBe(true);
  });

  it('uses the district or the city for coarser areas, and does not place unknown areas', async () => {
    expect(inside(demoDistrictBoxes['GZ-PY']!, (await geocoder.locate('x', 'GZ-PY'))!)).toBe(true);
    expect(await geocoder.locate('x', 'GZ')).not.toBeNull();
    expect(await geocoder.locate('x', '440106')).toBeNull();
    expect(await geocoder.locate('x', null)).toBeNull();
  });

  it('cuts every district into four grids that do not overlap, and districts do not overlap either', () => {
    const boxes = Object.values(demoDistrictBoxes);
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const [p, q] = [boxes[i]!, boxes[j]!];
        expect(p.west < q.east && q.west < p.east && p.south < q.north && q.south < p.north).toBe(false);
      }
    expect(Object.keys(demoGridBoxes)).toHaveLength(24);
  });

  it('matches the map screen’s bundled base map (rewrite it with `pnpm --filter @openiom/api run demo-area:write`)', () => {
    const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../web/src/modules/dispatch-map/base-map/demo-area.json');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(demoAreaGeoJson(demoAreaNames()));
  });
});
