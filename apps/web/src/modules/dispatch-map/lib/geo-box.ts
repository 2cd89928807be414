/** A rectangle on the map, in WGS-84 degrees (as `GeoBoxInput`). */
export interface GeoBox {
  west: number;
  south: number;
  east: number;
  north: number;
}

/** The box spanned by two corners given in any order (a drag from any direction). */
export function boxFromCorners(a: { lng: number; lat: number }, b: { lng: number; lat: number }): GeoBox {
  return { west: Math.min(a.lng, b.lng), south: Math.min(a.lat, b.lat), east: Math.max(a.lng, b.lng), north: Math.max(a.lat, b.lat) };
}

/** Whether a point lies inside the box (edges included). */
export function inBox(box: GeoBox, point: { latitude: number; longitude: number }): boolean {
  return point.latitude >= box.south && point.latitude <= box.north && point.longitude >= box.west && point.longitude <= box.east;
}

/** A drag smaller than this many pixels either way is a click, not a box. */
export const MIN_BOX_PIXELS = 6;

/** Whether `outer` covers `inner` entirely (edges included). */
export function covers(outer: GeoBox, inner: GeoBox): boolean {
  return inner.west >= outer.west && inner.east <= outer.east && inner.south >= outer.south && inner.north <= outer.north;
}

/** The smallest box around every point of some GeoJSON-style coordinates (nested arrays of [lng, lat]). */
export function boxAround(coordinates: unknown): GeoBox {
  const box = { west: Infinity, south: Infinity, east: -Infinity, north: -Infinity };
  const visit = (value: unknown): void => {
    if (!Array.isArray(value)) return;
    if (typeof value[0] === 'number' && typeof value[1] === 'number') {
      box.west = Math.min(box.west, value[0]);
      box.east = Math.max(box.east, value[0]);
      box.south = Math.min(box.south, value[1]);
      box.north = Math.max(box.north, value[1]);
      return;
    }
    for (const item of value) visit(item);
  };
  visit(coordinates);
  return box;
}
