import { createHash } from 'node:crypto';
import { demoBoxOf, type GeoBox } from './demo-area.ts';

export interface GeoPoint {
  latitude: number;
  longitude: number;
}

/**
 * Turns an order's address into coordinates, for orders CRM sends without them. A real adapter
 * calls the operator's GIS or a geocoding service; the simulator below serves the embedded demo.
 */
export interface Geocoder {
  /** The address's position, or null when it cannot be placed. `organisationCode` is the order's business area. */
  locate(address: string, organisationCode: string | null): Promise<GeoPoint | null>;
}

/**
 * Places an address deterministically inside its business area's box on the demo map (a grid, a
 * district, or the whole city): the same address always lands on the same spot, different ones
 * spread over the area, kept a little off its edges so markers sit clearly inside their grid.
 * Areas outside the demo geometry are not placed.
 */
export class GeocoderSimulator implements Geocoder {
  async locate(address: string, organisationCode: string | null): Promise<GeoPoint | null> {
    const box = organisationCode ? demoBoxOf(organisationCode) : null;
    return box ? placeInBox(address, box) : null;
  }
}

/** A deterministic point inside `box` for `key`, 8 % of the box's size away from each edge. */
export function placeInBox(key: string, box: GeoBox): GeoPoint {
  const digest = createHash('sha256').update(key).digest();
  const u = digest.readUInt32BE(0) / 0xffffffff;
  const v = digest.readUInt32BE(4) / 0xffffffff;
  const margin = 0.08;
  const longitude = box.west + (box.east - box.west) * (margin + (1 - 2 * margin) * u);
  const latitude = box.south + (box.north - box.south) * (margin + (1 - 2 * margin) * v);
  return { latitude: +latitude.toFixed(6), longitude: +longitude.toFixed(6) };
}
