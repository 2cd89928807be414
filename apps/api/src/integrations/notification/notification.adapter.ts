import { ExternalRefusal, SimulatedBehaviour } from '../simulator.ts';

/** One notification to a phone number: an SMS, or a voice call that reads the text out. */
export interface Notification {
  /**
   * The caller's id for this notification. The gateway delivers each id at most once, so a sender
   * that crashed before recording the answer can send the same id again without a second delivery.
   */
  idempotencyKey: string;
  channel: 'SMS' | 'VOICE';
  phone: string;
  message: string;
}

/** The gateway accepted the notification (for a voice call: the call was placed). */
export interface NotificationReceipt {
  /** The gateway's id of the delivery; the same id when a key is sent again. */
  gatewayId: string;
  /** True when this key had been delivered before and nothing new went out. */
  duplicate: boolean;
}

/** The SMS / voice gateway: dunning reminders now, trouble-ticket notices later. */
export interface NotificationAdapter {
  send(notification: Notification): Promise<NotificationReceipt>;
}

/**
 * The built-in SMS / voice gateway: latency, refusals and silence as configured (the
 * `configureSimulator` mutation, system NOTIFICATION). It remembers the keys it delivered, as a
 * real gateway's client message id does, and keeps the deliveries for tests and QA to inspect.
 */
export class NotificationSimulator implements NotificationAdapter {
  /** Delivered notifications, oldest first (bounded). */
  readonly delivered: (Notification & { gatewayId: string; at: Date })[] = [];
  private readonly byKey = new Map<string, string>();
  private sequence = 0;

  constructor(
    readonly behaviour: SimulatedBehaviour,
    private readonly keep = 10_000,
  ) {}

  send(notification: Notification): Promise<NotificationReceipt> {
    return this.behaviour.respond(() => {
      if (unknownNumber(notification.phone)) throw new ExternalRefusal(`number ${notification.phone} does not exist`);
      const known = this.byKey.get(notification.idempotencyKey);
      if (known) return { gatewayId: known, duplicate: true };
      const gatewayId = `NT-${++this.sequence}`;
      this.byKey.set(notification.idempotencyKey, gatewayId);
      this.delivered.push({ ...notification, gatewayId, at: new Date() });
      if (this.delivered.length > this.keep) this.byKey.delete(this.delivered.shift()!.idempotencyKey);
      return { gatewayId, duplicate: false };
    }, `gateway busy: ${notification.channel} to ${notification.phone} not accepted`);
  }
}

/** Numbers the simulated network does not know (prefix 000) are always refused, so QA can make a refusal on demand. */
function unknownNumber(phone: string): boolean {
  return phone.startsWith('000');
}
