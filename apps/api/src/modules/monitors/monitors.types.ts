/** A pre-alarm monitor row before its organisation is loaded. */
export interface PreAlarmRowRecord {
  organisationId: number;
  subject: 'ORDER' | 'WORK_ORDER';
  executing: number;
  warning: number;
  overdue: number;
  acceptOverdue: number;
}

export interface InterfaceMonitorRowRecord {
  interface: 'CRM_INBOUND' | 'RESOURCE' | 'PROVISIONING' | 'CRM_OUTBOUND' | 'SWITCH';
  kind: string;
  succeeded: number;
  failed: number;
  pending: number;
}
