import { SimulatedBehaviour } from '../simulator.ts';

/** A notice for CRM (if_to_crm_message): the order is completed (报竣), cancelled or rejected (驳回). */
export interface CrmNotice {
  requestId: string;
  /** COMPLETION_NOTICE or REJECTION_NOTICE. */
  kind: string;
  orderNo: string;
  crmOrderCode: string;
  /** Why IOM rejected the order (REJECTION_NOTICE). */
  reason?: string;
}

export interface CrmNoticeAdapter {
  notify(notice: CrmNotice): Promise<{ acknowledged: true }>;
}

export class CrmNoticeSimulator implements CrmNoticeAdapter {
  constructor(readonly behaviour: SimulatedBehaviour) {}

  notify(notice: CrmNotice): Promise<{ acknowledged: true }> {
    return this.behaviour.respond(() => ({ acknowledged: true as const }), `CRM did not accept the ${notice.kind} notice of ${notice.crmOrderCode}`);
  }
}
