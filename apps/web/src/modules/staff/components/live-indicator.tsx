import { useTranslation } from 'react-i18next';
import type { WsStatus } from '../../../lib/ws-status';
import './live-indicator.css';

type LiveState = 'live' | 'connecting' | 'offline';

export function liveState(status: WsStatus, failed: boolean): LiveState {
  if (failed) return 'offline';
  if (status === 'connected') return 'live';
  if (status === 'closed') return 'offline';
  return 'connecting';
}

/** A dot and a word: are live updates arriving? */
export function LiveIndicator({ status, failed }: { status: WsStatus; failed: boolean }) {
  const { t } = useTranslation();
  const state = liveState(status, failed);
  return (
    <span className={`live-indicator is-${state}`} role="status" data-testid="live-indicator" data-state={state}>
      <span className="live-dot" aria-hidden="true" />
      {t(`live.${state}`)}
    </span>
  );
}
