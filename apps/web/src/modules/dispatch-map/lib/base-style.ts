import type { StyleSpecification } from 'maplibre-gl';
import { MAP_TEXT_FONT, mapFontFaces } from '../../../lib/maplibre';
import demoArea from '../base-map/demo-area.json';
import type { FeatureCollection } from './geojson';
import { boxAround, type GeoBox } from './geo-box';

/** The demo area's centre and a zoom that shows the whole city. */
export const DEMO_VIEW = { longitude: 113.33, latitude: 23.11, zoom: 10.2 };

/** The area the bundled base map draws: what the map first asks items for, before it has drawn. */
export const DEMO_BOX: GeoBox = boxAround((demoArea as unknown as FeatureCollection).features.map((feature) => feature.geometry.coordinates));

/**
 * The bundled offline base map: the demo area's districts and grids (outlines and names), main roads
 * and the river, drawn from `base-map/demo-area.json` (written from the API's demo geometry). No
 * tiles, sprites or glyph server: labels use the bundled font; Chinese falls back to system fonts.
 * `language` picks the label field (zh-CN: `name`, en: `nameEn`).
 */
export function offlineBaseStyle(language: string): StyleSpecification {
  const label = language.startsWith('zh') ? 'name' : 'nameEn';
  return {
    version: 8,
    'font-faces': mapFontFaces,
    sources: { area: { type: 'geojson', data: demoArea as unknown as FeatureCollection } },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#eef1ec' } },
      { id: 'district-fill', type: 'fill', source: 'area', filter: ['==', ['get', 'kind'], 'district'], paint: { 'fill-color': '#f9faf7', 'fill-opacity': 1 } },
      { id: 'grid-line', type: 'line', source: 'area', filter: ['==', ['get', 'kind'], 'grid'], paint: { 'line-color': '#b9c1cc', 'line-width': 1, 'line-dasharray': [3, 2] } },
      { id: 'district-line', type: 'line', source: 'area', filter: ['==', ['get', 'kind'], 'district'], paint: { 'line-color': '#7b8794', 'line-width': 1.6 } },
      { id: 'river', type: 'line', source: 'area', filter: ['==', ['get', 'kind'], 'river'], paint: { 'line-color': '#9cc3e6', 'line-width': ['interpolate', ['linear'], ['zoom'], 9, 4, 14, 18] } },
      { id: 'road-primary', type: 'line', source: 'area', filter: ['==', ['get', 'kind'], 'primary'], layout: { 'line-cap': 'round', 'line-join': 'round' }, paint: { 'line-color': '#f2c94c', 'line-width': ['interpolate', ['linear'], ['zoom'], 9, 1.5, 14, 6] } },
      { id: 'road-motorway', type: 'line', source: 'area', filter: ['==', ['get', 'kind'], 'motorway'], layout: { 'line-cap': 'round', 'line-join': 'round' }, paint: { 'line-color': '#e8912d', 'line-width': ['interpolate', ['linear'], ['zoom'], 9, 2, 14, 8] } },
      {
        id: 'grid-label',
        type: 'symbol',
        source: 'area',
        minzoom: 11.5,
        filter: ['==', ['get', 'kind'], 'grid'],
        layout: { 'text-field': ['get', label], 'text-font': [MAP_TEXT_FONT], 'text-size': 11 },
        paint: { 'text-color': '#5b6675', 'text-halo-color': '#ffffff', 'text-halo-width': 1 },
      },
      {
        id: 'district-label',
        type: 'symbol',
        source: 'area',
        maxzoom: 11.5,
        filter: ['==', ['get', 'kind'], 'district'],
        layout: { 'text-field': ['get', label], 'text-font': [MAP_TEXT_FONT], 'text-size': 14 },
        paint: { 'text-color': '#1c2430', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
      },
      {
        id: 'road-label',
        type: 'symbol',
        source: 'area',
        minzoom: 11,
        filter: ['in', ['get', 'kind'], ['literal', ['primary', 'motorway']]],
        layout: { 'symbol-placement': 'line', 'text-field': ['get', label], 'text-font': [MAP_TEXT_FONT], 'text-size': 11 },
        paint: { 'text-color': '#6b4a12', 'text-halo-color': '#ffffff', 'text-halo-width': 1 },
      },
    ],
  };
}
