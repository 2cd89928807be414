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
