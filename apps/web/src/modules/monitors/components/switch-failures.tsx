import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useViewer } from '../../../app/session/viewer-context';
import { switchScreenOf } from '../interface-rows';

interface SwitchFailuresProps {
  /** The switch action (the monitor row's kind). */
  action: string;
  failed: number;
}

/**
 * The drill-down of failed switch commands: they are listed with the switch's reasons, and the
 * unconfirmed ones re-sent, on the screen of the batches that sent them (arrears, call permissions).
 */
export function SwitchFailures({ action, failed }: SwitchFailuresProps) {
  const { t } = useTranslation();
  const viewer = useViewer();
  const screen = switchScreenOf(action);
  const title = t(`menu.${screen.menu}`);
  return (
    <div className="switch-failures" data-testid="switch-failures">
      <p>{t('interfaceMonitor.switchFailures', { count: failed, action: t(`switchBatches.actions.${action}`, { defaultValue: action }), screen: title })}</p>
      {viewer.menus.includes(screen.menu) ? (
        <Link className="button" to={screen.path} data-testid="switch-failures-link">
          {t('interfaceMonitor.openSwitchScreen', { screen: title })}
        </Link>
      ) : (
        <p className="muted" data-testid="switch-failures-no-menu">
          {t('interfaceMonitor.noSwitchScreen', { screen: title })}
        </p>
      )}
    </div>
  );
}
