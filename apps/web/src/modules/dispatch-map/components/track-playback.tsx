import { useLazyQuery } from '@apollo/client/react';
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Marker } from 'react-map-gl/maplibre';
import { formatDateTime } from '../../../lib/format-date-time';
import type { StaffTracksQuery as StaffTracksResult } from '../../../generated/graphql';
import { StaffTracksQuery } from '../graphql/dispatch-map-documents';
import { PLAYBACK_SPEEDS, positionAt, type TimedPoint } from '../lib/track-position';
import { TRACK_COLOURS } from '../lib/work-order-colours';
import type { FeatureCollection } from '../lib/geojson';

type Track = StaffTracksResult['staffTracks'][number];
export interface LoadedTrack {
  track: Track;
  colour: string;
  points: TimedPoint[];
}

/** `datetime-local` text of a time, in the browser's zone. */
function localInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export interface Playback {
  tracks: LoadedTrack[];
  time: number;
}

interface Props {
  /** Staff ticked in the selection (1–10 are played back). */
  staff: readonly { staffId: string; staffNo: string; name: string }[];
  onChange(playback: Playback | null): void;
}

/**
 * Track playback (轨迹回放): the ticked staff's positions over a time range with their claim,
 * arrival and completion events on the same timeline; play, pause, speed, seek.
 */
export function TrackPlayback({ staff, onChange }: Props) {
  const { t } = useTranslation();
  const ids = { from: useId(), to: useId(), speed: useId(), slider: useId(), title: useId() };
  const [from, setFrom] = useState(() => localInput(new Date(Date.now() - 3600_000)));
  const [to, setTo] = useState(() => localInput(new Date()));
  const [load, { data, loading, error }] = useLazyQuery(StaffTracksQuery, { fetchPolicy: 'network-only' });
  const [time, setTime] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<number>(60);
  const range = useRef({ start: 0, end: 0 });

  const tracks = useMemo<LoadedTrack[]>(
    () => (data?.staffTracks ?? []).map((track, i) => ({ track, colour: TRACK_COLOURS[i % TRACK_COLOURS.length]!, points: track.points.map((p) => ({ time: Date.parse(p.at), latitude: p.latitude, longitude: p.longitude })) })),
    [data],
  );

  const onLoad = async (event: FormEvent) => {
    event.preventDefault();
    const start = new Date(from);
    const end = new Date(to);
    if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()) || staff.length === 0) return;
    range.current = { start: start.getTime(), end: end.getTime() };
    setPlaying(false);
    setTime(start.getTime());
    await load({ variables: { staffIds: staff.slice(0, 10).map((s) => s.staffId), from: start.toISOString(), to: end.toISOString() } }).catch(() => undefined);
  };

  // The playhead moves with the wall clock × speed while playing; it stops at the end.
  useEffect(() => {
    if (!playing) return;
    let last = performance.now();
    let frame = requestAnimationFrame(function step(now) {
      const elapsed = now - last;
      last = now;
      setTime((current) => {
        const next = Math.min(range.current.end, current + elapsed * speed);
        if (next >= range.current.end) setPlaying(false);
        return next;
      });
      frame = requestAnimationFrame(step);
    });
    return () => cancelAnimationFrame(frame);
  }, [playing, speed]);

  useEffect(() => {
    onChange(tracks.length > 0 ? { tracks, time } : null);
  }, [tracks, time, onChange]);

  const events = useMemo(() => tracks.flatMap((loaded) => loaded.track.events.map((event) => ({ ...event, time: Date.parse(event.at), staffNo: loaded.track.staffNo, colour: loaded.colour }))).sort((a, b) => a.time - b.time), [tracks]);
  const span = Math.max(1, range.current.end - range.current.start);
  const loaded = tracks.length > 0;

  return (
    <section className="dispatch-map-section" aria-labelledby={ids.title} data-testid="track-playback">
      <h2 id={ids.title}>{t('dispatchMap.playback')}</h2>
      <p className="muted">{staff.length === 0 ? t('dispatchMap.playbackPick') : t('dispatchMap.playbackStaff', { names: staff.slice(0, 10).map((s) => s.staffNo).join(', ') })}</p>
      <form className="dispatch-map-form playback-range" onSubmit={onLoad}>
        <label htmlFor={ids.from}>{t('dispatchMap.from')}</label>
        <input id={ids.from} type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} data-testid="playback-from" />
        <label htmlFor={ids.to}>{t('dispatchMap.to')}</label>
        <input id={ids.to} type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} data-testid="playback-to" />
        <button type="submit" className="button" disabled={staff.length === 0 || loading}>
          {t('dispatchMap.loadTracks')}
        </button>
      </form>
      {error && <p className="form-error">{error.message}</p>}
      {data && !loaded && <p className="muted">{t('dispatchMap.noTracks')}</p>}
      {loaded && (
        <>
          <div className="playback-controls">
            <button type="button" className="button primary" onClick={() => (time >= range.current.end ? (setTime(range.current.start), setPlaying(true)) : setPlaying((p) => !p))} data-testid="playback-play">
              {playing ? t('dispatchMap.pause') : t('dispatchMap.play')}
            </button>
            <label htmlFor={ids.speed}>{t('dispatchMap.speed')}</label>
            <select id={ids.speed} value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
              {PLAYBACK_SPEEDS.map((s) => (
                <option key={s} value={s}>
                  {s}×
                </option>
              ))}
            </select>
            <output className="mono" data-testid="playback-time">{formatDateTime(new Date(time).toISOString())}</output>
          </div>
          <div className="playback-timeline">
            <label htmlFor={ids.slider} className="visually-hidden">{t('dispatchMap.timeline')}</label>
            <input id={ids.slider} type="range" min={range.current.start} max={range.current.end} step={1000} value={time} onChange={(e) => setTime(Number(e.target.value))} />
            <div className="playback-ticks" aria-hidden="true">
              {events.map((event, i) => (
                <span key={i} className={`playback-tick ${event.action.toLowerCase()}`} style={{ left: `${((event.time - range.current.start) / span) * 100}%`, background: event.colour }} />
              ))}
            </div>
          </div>
          <ul className="dispatch-map-list playback-events" aria-label={t('dispatchMap.events')}>
            {events.length === 0 && <li className="muted">{t('dispatchMap.noEvents')}</li>}
            {events.map((event, i) => (
              <li key={i} className={event.time <= time ? 'past' : undefined}>
                <button type="button" className="button link" onClick={() => setTime(event.time)}>
                  {formatDateTime(event.at)}
                </button>
                <span className="mono">{event.staffNo}</span> {t(`dispatchMap.action.${event.action}`, { defaultValue: event.action })} <span className="mono">{event.workOrderNo ?? event.orderNo}</span>
              </li>
            ))}
          </ul>
          <ul className="playback-legend">
            {tracks.map((loaded) => (
              <li key={loaded.track.staffId}>
                <span className="state-dot" style={{ background: loaded.colour }} aria-hidden="true" /> {loaded.track.name} ({loaded.track.staffNo}) · {t('dispatchMap.points', { count: loaded.points.length })}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** The played-back staff's markers at the playhead (DOM markers, so they can be seen moving and tested). */
export function PlaybackMarkers({ playback }: { playback: Playback | null }) {
  if (!playback) return null;
  return (
    <>
      {playback.tracks.map((loaded) => {
        const at = positionAt(loaded.points, playback.time);
        if (!at) return null;
        return (
          <Marker key={loaded.track.staffId} longitude={at.longitude} latitude={at.latitude} anchor="center">
            <div className="playback-marker" style={{ borderColor: loaded.colour }} data-testid={`playback-marker-${loaded.track.staffNo}`}>
              {loaded.track.staffNo}
            </div>
          </Marker>
        );
      })}
    </>
  );
}

/** The loaded tracks as lines for the map. */
export function trackLines(playback: Playback | null): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: (playback?.tracks ?? []).filter((loaded) => loaded.points.length > 1).map((loaded) => ({ type: 'Feature', properties: { colour: loaded.colour }, geometry: { type: 'LineString', coordinates: loaded.points.map((p) => [p.longitude, p.latitude]) } })),
  };
}
