import { useMutation } from '@apollo/client/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { RegisterMyDeviceMutation, ReportMyLocationsMutation } from '../graphql/installer-documents';

/** How often the collected fixes are sent (the ingestion expects a report about every 10 s). */
export const REPORT_EVERY_MS = 10_000;
const DEVICE_KEY = 'openiom.location-device';

export type SharingState =
  | { kind: 'off' }
  | { kind: 'starting' }
  | { kind: 'on'; lastSentAt: Date | null; accepted: number }
  | { kind: 'failed'; reason: 'unsupported' | 'denied' | 'unavailable' | 'refused'; message?: string };

/** This browser's device code: made once and kept, so the same phone stays one registered device. */
export function deviceCode(storage: Pick<Storage, 'getItem' | 'setItem'> = localStorage): string {
  let code = storage.getItem(DEVICE_KEY);
  if (!code) {
    code = `WEB-${crypto.randomUUID()}`;
    storage.setItem(DEVICE_KEY, code);
  }
  return code;
}

interface Fix {
  at: string;
  latitude: number;
  longitude: number;
  accuracy: number | null;
}

/**
 * "Share my location" on the phone: registers this browser as the installer's device, watches the
 * position while sharing is on and sends what it collected every `REPORT_EVERY_MS` (fixes the
 * server refuses are counted, never retried). Stops when switched off or the page goes away.
 */
export function useLocationSharing() {
  const [state, setState] = useState<SharingState>({ kind: 'off' });
  const [register] = useMutation(RegisterMyDeviceMutation);
  const [report] = useMutation(ReportMyLocationsMutation);
  const pending = useRef<Fix[]>([]);
  const stopRef = useRef<(() => void) | null>(null);

  const stop = useCallback(() => {
    stopRef.current?.();
    stopRef.current = null;
    pending.current = [];
    setState({ kind: 'off' });
  }, []);

  const start = useCallback(async () => {
    if (!('geolocation' in navigator)) return setState({ kind: 'failed', reason: 'unsupported' });
    setState({ kind: 'starting' });
    const code = deviceCode();
    const registered = await register({ variables: { input: { deviceCode: code } } }).catch(() => null);
    const error = registered?.data?.registerMyLocationDevice.error;
    if (!registered?.data || error) return setState({ kind: 'failed', reason: 'refused', message: error?.message });
    let accepted = 0;
    const send = async () => {
      const fixes = pending.current.splice(0, 1000);
      if (fixes.length === 0) return;
      const result = await report({ variables: { deviceCode: code, fixes } }).catch(() => null);
      if (!result?.data) {
        // Not sent (offline, server busy): keep them for the next round.
        pending.current.unshift(...fixes);
        return;
      }
      accepted += result.data.reportLocations.accepted;
      setState({ kind: 'on', lastSentAt: new Date(), accepted });
    };
    const watch = navigator.geolocation.watchPosition(
      (position) => {
        pending.current.push({ at: new Date(position.timestamp).toISOString(), latitude: position.coords.latitude, longitude: position.coords.longitude, accuracy: Number.isFinite(position.coords.accuracy) ? position.coords.accuracy : null });
        setState((current) => (current.kind === 'starting' ? { kind: 'on', lastSentAt: null, accepted } : current));
      },
      (failure) => {
        stopRef.current?.();
        stopRef.current = null;
        setState({ kind: 'failed', reason: failure.code === failure.PERMISSION_DENIED ? 'denied' : 'unavailable' });
      },
      { enableHighAccuracy: true, maximumAge: 5000 },
    );
    const timer = setInterval(() => void send(), REPORT_EVERY_MS);
    stopRef.current = () => {
      navigator.geolocation.clearWatch(watch);
      clearInterval(timer);
      void send();
    };
  }, [register, report]);

  useEffect(() => () => stopRef.current?.(), []);

  return { state, start, stop };
}
