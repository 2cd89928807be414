import { describe, expect, it } from 'vitest';
import { boxAround, boxFromCorners, covers, inBox } from '../lib/geo-box';
import { positionAt } from '../lib/track-position';
import { DEMO_BOX, DEMO_VIEW, offlineBaseStyle } from '../lib/base-style';

describe('box selection', () => {
  it('spans the same box whichever way it is dragged', () => {
    const box = { west: 113.3, south: 23.1, east: 113.4, north: 23.2 };
    expect(boxFromCorners({ lng: 113.4, lat: 23.1 }, { lng: 113.3, lat: 23.2 })).toEqual(box);
    expect(boxFromCorners({ lng: 113.3, lat: 23.2 }, { lng: 113.4, lat: 23.1 })).toEqual(box);
    expect(inBox(box, { latitude: 23.1, longitude: 113.4 })).toBe(true);
    expect(inBox(box, { latitude: 23.21, longitude: 113.35 })).toBe(false);
  });
});

describe('the area the map asks items for', () => {
  it('covers a view inside it, not one reaching out of it', () => {
    const area = { west: 113.0, south: 22.8, east: 113.7, north: 23.5 };
    expect(covers(area, { west: 113.2, south: 23.0, east: 113.4, north: 23.2 })).toBe(true);
    expect(covers(area, area)).toBe(true);
    expect(covers(area, { west: 112.9, south: 23.0, east: 113.4, north: 23.2 })).toBe(false);
  });

  it('is the box around everything the base map draws, around the demo view', () => {
    expect(boxAround([[[113.1, 23.0], [113.5, 23.2]], [113.3, 22.9]])).toEqual({ west: 113.1, south: 22.9, east: 113.5, north: 23.2 });
    expect(inBox(DEMO_BOX, { latitude: DEMO_VIEW.latitude, longitude: DEMO_VIEW.longitude })).toBe(true);
    expect(DEMO_BOX.east - DEMO_BOX.west).toBeGreaterThan(0.2);
  });
});

describe('track playback position', () => {
  const track = [
    { time: 1000, latitude: 23, longitude: 113 },
    { time: 2000, latitude: 23.1, longitude: 113.2 },
    { time: 4000, latitude: 23.1, longitude: 113.4 },
  ];
  it('is not shown before the track starts, interpolates between fixes, stays at the last one after', () => {
    expect(positionAt(track, 999)).toBeNull();
    expect(positionAt(track, 1000)).toEqual({ latitude: 23, longitude: 113 });
    const half = positionAt(track, 1500)!;
    expect(half.latitude).toBeCloseTo(23.05);
    expect(half.longitude).toBeCloseTo(113.1);
    expect(positionAt(track, 3000)!.longitude).toBeCloseTo(113.3);
    expect(positionAt(track, 9000)).toEqual({ latitude: 23.1, longitude: 113.4 });
    expect(positionAt([], 1000)).toBeNull();
  });
});

describe('offline base style', () => {
  it('needs no network: one inline GeoJSON source, bundled fonts, labels in the chosen language', () => {
    const zh = offlineBaseStyle('zh-CN');
    expect(Object.values(zh.sources).every((source) => source.type === 'geojson' && typeof source.data === 'object')).toBe(true);
    expect(zh.glyphs).toBeUndefined();
    expect(zh.sprite).toBeUndefined();
    const label = (style: ReturnType<typeof offlineBaseStyle>) => (style.layers.find((l) => l.id === 'district-label') as { layout: { 'text-field': unknown } }).layout['text-field'];
    expect(label(zh)).toEqual(['get', 'name']);
    expect(label(offlineBaseStyle('en'))).toEqual(['get', 'nameEn']);
  });
});
