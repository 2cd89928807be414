import { useLazyQuery, useQuery, useSubscription } from '@apollo/client/react';
import { useCallback, useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Marker } from 'react-map-gl/maplibre';
import type { MapStaffFieldsFragment, MapWorkOrderFieldsFragment } from '../../../generated/graphql';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { MapCanvas, type MapCanvasHandle } from '../components/map-canvas';
import { SelectionPanel } from '../components/selection-panel';
import { PlaybackMarkers, TrackPlayback, trackLines, type Playback } from '../components/track-playback';
import { MapItemsQuery, MapSettingsQuery, MapViewItemsQuery, MapWorkOrderChangedSubscription, MapWorkOrderSearchQuery, StaffLocationsChangedSubscription } from '../graphql/dispatch-map-documents';
import { DEMO_BOX } from '../lib/base-style';
import { covers, type GeoBox } from '../lib/geo-box';
import { STAFF_COLOUR, WORK_ORDER_STATE_COLOURS } from '../lib/work-order-colours';
import './dispatch-map-page.css';

/** Most work orders drawn at once (the API caps a box at 20,000). */
const VIEW_LIMIT = 20_000;
/** Work-order changes re-read the map at most this often (ms). */
const REFRESH_MS = 3000;

/**
 * `/dispatch/map` (menu `dispatch.map`, 综合调度台): staff (newest positions, live) and in-flight
 * work orders (by state, clustered) on an offline base map; box-select to list, message and assign;
 * track playback; search a work order and fly to it.
 */
export function DispatchMapPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('menu.dispatch.map'));
  const mapRef = useRef<MapCanvasHandle>(null);
  const ids = { search: useId() };
  const settings = useQuery(MapSettingsQuery);
  // Items are asked for the base map's whole area at once, while the map is still starting, and again
  // only when the view leaves the area they cover (or they were cut at the limit). Not normalised into
  // Apollo's cache: 10⁴ points are drawn, not edited, and normalising them cost most of a second.
  const [view, setView] = useState<GeoBox>(DEMO_BOX);
  const items = useQuery(MapViewItemsQuery, { variables: { box: view, limit: VIEW_LIMIT }, fetchPolicy: 'no-cache' });
  const shown = items.data ?? items.previousData;
  // Until the first answer says otherwise, the area asked for is taken as covered (the map reporting
  // its first view must not cancel that answer for a smaller box).
  const complete = shown ? !shown.mapItems.truncated : true;
  const onView = useCallback((box: GeoBox) => setView((current) => (complete && covers(current, box) ? current : box)), [complete]);
  const [live, setLive] = useState<Map<string, MapStaffFieldsFragment>>(new Map());
  const [boxMode, setBoxMode] = useState(false);
  const [selection, setSelection] = useState<GeoBox | null>(null);
  const selected = useQuery(MapItemsQuery, { variables: { box: selection!, limit: 500 }, skip: !selection, fetchPolicy: 'network-only' });
  const [checked, setChecked] = useState<Set<string>>(new Set());
  const [playback, setPlayback] = useState<Playback | null>(null);
  const [searchText, setSearchText] = useState('');
  const [search, searched] = useLazyQuery(MapWorkOrderSearchQuery, { fetchPolicy: 'network-only' });
  const [found, setFound] = useState<MapWorkOrderFieldsFragment | null>(null);

  // Live positions: each event carries the moved staff as they are now.
  useSubscription(StaffLocationsChangedSubscription, {
    onData: ({ data }) => {
      const moved = data.data?.staffLocationsChanged;
      if (!moved?.length) return;
      setLive((current) => {
        const next = new Map(current);
        for (const staff of moved) next.set(staff.staffId, staff);
        return next;
      });
    },
  });
  // Work orders changing state, handler or position: re-read what is shown, at most every few seconds.
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const { refetch } = items;
  useSubscription(MapWorkOrderChangedSubscription, {
    onData: () => {
      if (refreshTimer.current) return;
      refreshTimer.current = setTimeout(() => {
        refreshTimer.current = null;
        void refetch().catch(() => undefined);
      }, REFRESH_MS);
    },
  });
  useEffect(() => () => void (refreshTimer.current && clearTimeout(refreshTimer.current)), []);

  const staff = useMemo(() => {
    const byId = new Map((shown?.mapItems.staff ?? []).map((s) => [s.staffId, s]));
    for (const [id, s] of live) byId.set(id, s);
    return [...byId.values()];
  }, [shown, live]);
  const workOrders = shown?.mapItems.workOrders ?? [];

  const onSelect = useCallback((box: GeoBox) => {
    setSelection(box);
    setChecked(new Set());
  }, []);
  // A new selection ticks all its staff (to message or play back); the dispatcher unticks some.
  const selectedStaff = selected.data?.mapItems.staff;
  useEffect(() => {
    if (selectedStaff) setChecked(new Set(selectedStaff.map((s) => s.staffId)));
  }, [selectedStaff]);

  const onSearch = async (event: FormEvent) => {
    event.preventDefault();
    const text = searchText.trim();
    if (text.length < 3) return;
    const result = await search({ variables: { text } }).catch(() => null);
    const hit = result?.data?.mapWorkOrderSearch[0] ?? null;
    setFound(hit);
    if (hit) mapRef.current?.flyTo(hit.longitude, hit.latitude, 16);
  };

  // The lines change with the loaded tracks only, not with every frame of the playhead.
  const playedTracks = playback?.tracks ?? null;
  const lines = useMemo(() => trackLines(playedTracks ? { tracks: playedTracks, time: 0 } : null), [playedTracks]);
  const tickedStaff = (selectedStaff ?? []).filter((s) => checked.has(s.staffId));

  return (
    <div className="page dispatch-map-page">
      <div className="page-header">
        <h1>{t('menu.dispatch.map')}</h1>
        <form className="toolbar-field" onSubmit={onSearch} role="search">
          <label htmlFor={ids.search}>{t('dispatchMap.search')}</label>
          <input id={ids.search} value={searchText} onChange={(e) => setSearchText(e.target.value)} placeholder={t('dispatchMap.searchPlaceholder')} minLength={3} data-testid="map-search" />
          <button type="submit" className="button">{t('dispatchMap.find')}</button>
        </form>
        <div className="toolbar-actions">
          <button type="button" className={`button${boxMode ? ' primary' : ''}`} aria-pressed={boxMode} onClick={() => setBoxMode((on) => !on)} data-testid="map-box-tool">
            {t('dispatchMap.boxTool')}
          </button>
          <button type="button" className="button" onClick={() => { const b = mapRef.current?.bounds(); if (b) onSelect(b); }} data-testid="map-select-visible">
            {t('dispatchMap.selectVisible')}
          </button>
          {selection && (
            <button type="button" className="button link" onClick={() => setSelection(null)}>
              {t('dispatchMap.clearSelection')}
            </button>
          )}
        </div>
      </div>
      <p className="page-intro muted">{t('dispatchMap.intro')}</p>
      {searched.data && !found && <p className="form-error" role="status">{t('dispatchMap.notFound', { text: searchText })}</p>}
      <div className="dispatch-map-layout">
        <div className="dispatch-map-main">
          <MapCanvas ref={mapRef} styleUrl={settings.data?.mapSettings.styleUrl ?? null} staff={staff} workOrders={workOrders} boxMode={boxMode} selection={selection} onSelect={onSelect} onView={onView} tracks={lines}>
            <PlaybackMarkers playback={playback} />
            {found && (
              <Marker longitude={found.longitude} latitude={found.latitude} anchor="bottom">
                <div className="search-hit" data-testid="map-search-hit">{found.workOrderNo}</div>
              </Marker>
            )}
          </MapCanvas>
          <ul className="dispatch-map-legend" aria-label={t('dispatchMap.legend')} data-testid={shown ? 'dispatch-map-ready' : undefined}>
            <li><span className="state-dot" style={{ background: STAFF_COLOUR }} aria-hidden="true" /> {t('dispatchMap.legendStaff', { count: staff.length })}</li>
            {(['PENDING', 'IN_PROGRESS', 'MANUAL_EXCEPTION'] as const).map((state) => (
              <li key={state}><span className="state-dot" style={{ background: WORK_ORDER_STATE_COLOURS[state] }} aria-hidden="true" /> {t(`dispatchMap.state.${state}`)}</li>
            ))}
            <li className="muted">{t('dispatchMap.legendWorkOrders', { count: workOrders.length })}{shown?.mapItems.truncated ? ` · ${t('dispatchMap.truncated')}` : ''}</li>
          </ul>
        </div>
        <aside className="dispatch-map-side panel" aria-label={t('dispatchMap.side')}>
          {found && (
            <section className="dispatch-map-section" data-testid="map-search-result">
              <h2>{t('dispatchMap.searchResult')}</h2>
              <p>
                <span className="mono">{found.workOrderNo}</span> · {found.stepName} · {t(`dispatchMap.state.${found.state}`)}
                <br />
                <span className="muted">{found.customerName} · {found.address}</span>
              </p>
            </section>
          )}
          {!selection && <p className="muted">{t('dispatchMap.selectHint')}</p>}
          {selection && selected.loading && !selected.data && <p role="status">{t('common.loading')}</p>}
          {selection && selected.error && <p className="form-error">{t('common.loadFailed')}</p>}
          {selection && selected.data && (
            <SelectionPanel
              staff={selected.data.mapItems.staff}
              workOrders={selected.data.mapItems.workOrders}
              truncated={selected.data.mapItems.truncated}
              checked={checked}
              onChecked={setChecked}
              onFocus={(item) => mapRef.current?.flyTo(item.longitude, item.latitude, 16)}
              onAssigned={() => {
                void selected.refetch().catch(() => undefined);
                void refetch().catch(() => undefined);
              }}
            />
          )}
          <TrackPlayback staff={tickedStaff} onChange={setPlayback} />
        </aside>
      </div>
    </div>
  );
}
