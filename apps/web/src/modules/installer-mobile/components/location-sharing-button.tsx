import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../lib/format-date-time';
import { useLocationSharing } from '../hooks/use-location-sharing';

/** 上报位置: shares the phone's position with the dispatch map while switched on. */
export function LocationSharingButton() {
  const { t } = useTranslation();
  const { state, start, stop } = useLocationSharing();
  const on = state.kind === 'on' || state.kind === 'starting';
  const status =
    state.kind === 'on'
      ? state.lastSentAt
        ? t('mobile.location.sent', { at: formatDateTime(state.lastSentAt, { seconds: false }), count: state.accepted })
        : t('mobile.location.waiting')
      : state.kind === 'failed'
        ? (state.message ?? t(`mobile.location.failed.${state.reason}`))
        : null;
  return (
    <div className="m-location">
      <button type="button" className={on ? 'm-button small primary' : 'm-button small'} aria-pressed={on} onClick={() => (on ? stop() : void start())} data-testid="m-share-location">
        {on ? t('mobile.location.stop') : t('mobile.location.share')}
      </button>
      {status && (
        <span className="m-location-status" role="status" data-testid="m-location-status">
          {status}
        </span>
      )}
    </div>
  );
}
