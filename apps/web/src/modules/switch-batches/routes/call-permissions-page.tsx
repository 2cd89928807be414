import { SwitchBatchScreen } from '../components/switch-batch-screen';

const ACTIONS = ['RESTRICT_OUTGOING', 'ALLOW_OUTGOING', 'RESTRICT_INCOMING', 'ALLOW_INCOMING'] as const;

/** `/billing/call-permissions` (menu `billing.call-permissions`, 权限控制): outgoing / incoming call restrictions. */
export function CallPermissionsPage() {
  return <SwitchBatchScreen kind="CALL_PERMISSION" titleKey="menu.billing.call-permissions" actions={ACTIONS} />;
}
