import { forwardRef, useCallback, useImperativeHandle, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import MapGL, { Layer, NavigationControl, Source, type MapLayerMouseEvent, type MapRef, type ViewStateChangeEvent } from 'react-map-gl/maplibre';
import { MAP_IDEOGRAPH_FONT_FAMILY, MAP_TEXT_FONT } from '../../../lib/maplibre';
import type { MapPointFieldsFragment, MapStaffFieldsFragment } from '../../../generated/graphql';
import { DEMO_VIEW, offlineBaseStyle } from '../lib/base-style';
import { boxFromCorners, MIN_BOX_PIXELS, type GeoBox } from '../lib/geo-box';
import { STAFF_COLOUR, WORK_ORDER_STATE_COLOURS } from '../lib/work-order-colours';
import type { FeatureCollection } from '../lib/geojson';

export interface MapCanvasHandle {
  flyTo(longitude: number, latitude: number, zoom?: number): void;
  /** The visible area. */
  bounds(): GeoBox | null;
}

interface Props {
  styleUrl: string | null;
  staff: readonly MapStaffFieldsFragment[];
  workOrders: readonly MapPointFieldsFragment[];
  /** Drag draws a box (the box tool is on); shift-drag draws one in any case. */
  boxMode: boolean;
  selection: GeoBox | null;
  onSelect(box: GeoBox): void;
  /** The visible area after each move (to load what is in it). */
  onView(box: GeoBox): void;
  tracks: FeatureCollection;
  children?: ReactNode;
}

const emptyCollection: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** The map itself: base map, work orders (clustered, coloured by state), staff, tracks and the selection box. */
export const MapCanvas = forwardRef<MapCanvasHandle, Props>(function MapCanvas({ styleUrl, staff, workOrders, boxMode, selection, onSelect, onView, tracks, children }, ref) {
  const { t, i18n } = useTranslation();
  const mapRef = useRef<MapRef>(null);
  const [drag, setDrag] = useState<{ start: { x: number; y: number }; end: { x: number; y: number } } | null>(null);
  const dragRef = useRef(drag);
  dragRef.current = drag;

  useImperativeHandle(ref, () => ({
    flyTo: (longitude, latitude, zoom = 15) => mapRef.current?.flyTo({ center: [longitude, latitude], zoom, duration: 800 }),
    bounds: () => {
      const b = mapRef.current?.getBounds();
      return b ? { west: b.getWest(), south: b.getSouth(), east: b.getEast(), north: b.getNorth() } : null;
    },
  }));

  const mapStyle = useMemo(() => styleUrl ?? offlineBaseStyle(i18n.language), [styleUrl, i18n.language]);
  const staffData = useMemo<FeatureCollection>(
    () => ({ type: 'FeatureCollection', features: staff.map((s) => ({ type: 'Feature', properties: { staffNo: s.staffNo, name: s.name }, geometry: { type: 'Point', coordinates: [s.longitude, s.latitude] } })) }),
    [staff],
  );
  const workOrderData = useMemo<FeatureCollection>(
    () => ({ type: 'FeatureCollection', features: workOrders.map((w) => ({ type: 'Feature', properties: { state: w.state, workOrderNo: w.workOrderNo }, geometry: { type: 'Point', coordinates: [w.longitude, w.latitude] } })) }),
    [workOrders],
  );
  const selectionData = useMemo<FeatureCollection>(
    () =>
      selection
        ? { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[selection.west, selection.south], [selection.east, selection.south], [selection.east, selection.north], [selection.west, selection.north], [selection.west, selection.south]]] } }] }
        : emptyCollection,
    [selection],
  );

  const reportView = useCallback(() => {
    const b = mapRef.current?.getBounds();
    if (b) onView({ west: b.getWest(), south: b.getSouth(), east: b.getEast(), north: b.getNorth() });
  }, [onView]);

  const onMouseDown = (event: MapLayerMouseEvent) => {
    if (!boxMode && !event.originalEvent.shiftKey) return;
    event.preventDefault();
    mapRef.current?.getMap().dragPan.disable();
    setDrag({ start: event.point, end: event.point });
  };
  const onMouseMove = (event: MapLayerMouseEvent) => {
    if (dragRef.current) setDrag({ start: dragRef.current.start, end: event.point });
  };
  const onMouseUp = (event: MapLayerMouseEvent) => {
    const current = dragRef.current;
    if (!current) return;
    setDrag(null);
    if (!boxMode) mapRef.current?.getMap().dragPan.enable();
    const map = mapRef.current;
    if (!map || (Math.abs(event.point.x - current.start.x) < MIN_BOX_PIXELS && Math.abs(event.point.y - current.start.y) < MIN_BOX_PIXELS)) return;
    onSelect(boxFromCorners(map.unproject([current.start.x, current.start.y]), map.unproject([event.point.x, event.point.y])));
  };

  const font = [MAP_TEXT_FONT];
  return (
    <div className={`dispatch-map-canvas${boxMode ? ' box-mode' : ''}`} data-testid="dispatch-map">
      <MapGL
        ref={mapRef}
        initialViewState={DEMO_VIEW}
        mapStyle={mapStyle}
        localIdeographFontFamily={MAP_IDEOGRAPH_FONT_FAMILY}
        boxZoom={false}
        dragPan={!boxMode}
        onLoad={reportView}
        onMoveEnd={(_event: ViewStateChangeEvent) => reportView()}
        onMouseDown={onMouseDown}
        onMouseMove={onMouseMove}
        onMouseUp={onMouseUp}
        attributionControl={false}
        style={{ width: '100%', height: '100%' }}
      >
        <NavigationControl position="top-left" showCompass={false} />
        <Source id="work-orders" type="geojson" data={workOrderData} cluster clusterRadius={40} clusterMaxZoom={14}>
          <Layer id="work-order-clusters" type="circle" filter={['has', 'point_count']} paint={{ 'circle-color': '#5b6675', 'circle-opacity': 0.85, 'circle-radius': ['step', ['get', 'point_count'], 12, 20, 16, 100, 21, 1000, 27], 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 }} />
          <Layer id="work-order-cluster-count" type="symbol" filter={['has', 'point_count']} layout={{ 'text-field': ['get', 'point_count_abbreviated'], 'text-font': font, 'text-size': 11 }} paint={{ 'text-color': '#ffffff' }} />
          <Layer
            id="work-order-points"
            type="circle"
            filter={['!', ['has', 'point_count']]}
            paint={{
              'circle-color': ['match', ['get', 'state'], 'PENDING', WORK_ORDER_STATE_COLOURS.PENDING, 'IN_PROGRESS', WORK_ORDER_STATE_COLOURS.IN_PROGRESS, WORK_ORDER_STATE_COLOURS.MANUAL_EXCEPTION],
              'circle-radius': 6,
              'circle-stroke-color': '#ffffff',
              'circle-stroke-width': 1.5,
            }}
          />
        </Source>
        <Source id="tracks" type="geojson" data={tracks}>
          <Layer id="track-lines" type="line" layout={{ 'line-cap': 'round', 'line-join': 'round' }} paint={{ 'line-color': ['get', 'colour'], 'line-width': 3, 'line-opacity': 0.75 }} />
        </Source>
        <Source id="staff" type="geojson" data={staffData}>
          <Layer id="staff-points" type="circle" paint={{ 'circle-color': STAFF_COLOUR, 'circle-radius': 5, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 }} />
          <Layer id="staff-labels" type="symbol" minzoom={13} layout={{ 'text-field': ['get', 'staffNo'], 'text-font': font, 'text-size': 11, 'text-offset': [0, 1.2] }} paint={{ 'text-color': '#14532d', 'text-halo-color': '#ffffff', 'text-halo-width': 1 }} />
        </Source>
        <Source id="selection" type="geojson" data={selectionData}>
          <Layer id="selection-fill" type="fill" paint={{ 'fill-color': '#1f6feb', 'fill-opacity': 0.08 }} />
          <Layer id="selection-line" type="line" paint={{ 'line-color': '#1f6feb', 'line-width': 2, 'line-dasharray': [2, 1] }} />
        </Source>
        {children}
      </MapGL>
      {drag && (
        <div
          className="dispatch-map-drag-box"
          aria-hidden="true"
          style={{ left: Math.min(drag.start.x, drag.end.x), top: Math.min(drag.start.y, drag.end.y), width: Math.abs(drag.end.x - drag.start.x), height: Math.abs(drag.end.y - drag.start.y) }}
        />
      )}
      <p className="visually-hidden">{t('dispatchMap.mapDescription')}</p>
    </div>
  );
});
