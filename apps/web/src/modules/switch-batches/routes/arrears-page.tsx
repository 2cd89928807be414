import { SwitchBatchScreen } from '../components/switch-batch-screen';

const ACTIONS = ['SUSPEND', 'RESUME'] as const;

/** `/billing/arrears` (menu `billing.arrears`, 欠费管理): suspend or resume numbers at the switch. */
export function ArrearsPage() {
  return <SwitchBatchScreen kind="ARREARS" titleKey="menu.billing.arrears" actions={ACTIONS} />;
}
