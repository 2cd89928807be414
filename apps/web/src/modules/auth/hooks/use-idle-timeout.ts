import { useEffect, useRef } from 'react';

/** Shared by the tabs of one browser: activity in any tab keeps the session alive. */
export const LAST_ACTIVITY_STORAGE_KEY = 'openiom.lastActivity';

const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart', 'scroll'] as const;
const SHARE_EVERY_MS = 5_000;

function readShared(): number {
  try {
    return Number(localStorage.getItem(LAST_ACTIVITY_STORAGE_KEY)) || 0;
  } catch {
    return 0;
  }
}

function writeShared(at: number): void {
  try {
    localStorage.setItem(LAST_ACTIVITY_STORAGE_KEY, String(at));
  } catch {
    // Without storage each tab times out on its own activity only.
  }
}

/**
 * Calls `onIdle` once after `timeoutMs` without keyboard, pointer, wheel, touch or scroll
 * activity (in this tab or another tab of the app). A non-positive timeout disables it.
 */
export function useIdleTimeout(timeoutMs: number, onIdle: () => void, checkEveryMs = 10_000): void {
  const onIdleRef = useRef(onIdle);
  onIdleRef.current = onIdle;

  useEffect(() => {
    if (!(timeoutMs > 0)) return;
    let lastActivity = Date.now();
    let lastShared = 0;
    let fired = false;

    const markActive = () => {
      const now = Date.now();
      lastActivity = now;
      if (now - lastShared >= SHARE_EVERY_MS) {
        lastShared = now;
        writeShared(now);
      }
    };
    const check = () => {
      if (fired) return;
      const latest = Math.max(lastActivity, readShared());
      if (Date.now() - latest >= timeoutMs) {
        fired = true;
        onIdleRef.current();
      }
    };

    markActive();
    for (const type of ACTIVITY_EVENTS) {
      window.addEventListener(type, markActive, { passive: true, capture: true });
    }
    // Timers are throttled in background tabs: check as soon as the tab is shown again.
    document.addEventListener('visibilitychange', check);
    const timer = window.setInterval(check, Math.max(250, Math.min(checkEveryMs, timeoutMs)));

    return () => {
      for (const type of ACTIVITY_EVENTS) {
        window.removeEventListener(type, markActive, { capture: true });
      }
      document.removeEventListener('visibilitychange', check);
      window.clearInterval(timer);
    };
  }, [timeoutMs, checkEveryMs]);
}
