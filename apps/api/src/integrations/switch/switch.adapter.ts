import type { SwitchAction } from '@openiom/db';
import { ExternalRefusal, type SimulatedBehaviour } from '../simulator.ts';

/** A command for one number, as handed to the switch. */
export interface SwitchRequest {
  /** Our command id; the switch quotes it in its confirmation. */
  commandId: string;
  phone: string;
  action: SwitchAction;
}

/** The switch's later answer to a command it took: done, or refused with its reason. */
export interface SwitchConfirmation {
  commandId: string;
  ok: boolean;
  reason?: string;
}

/**
 * The switch (HJD-04 in the seed): it takes commands at once and confirms them later, in any order,
 * and sometimes never. `submit` resolves when the switch has taken the command and rejects when it
 * refuses to take it; confirmations arrive through the listener.
 */
export interface SwitchAdapter {
  submit(request: SwitchRequest): Promise<void>;
  onConfirmation(listener: (confirmation: SwitchConfirmation) => void): void;
}

/** What a number's line looks like on the simulated switch. */
export interface LineState {
  suspended: boolean;
  outgoingBarred: boolean;
  incomingBarred: boolean;
}

/** A subscriber number the simulated switch knows: 7–8 digit local numbers, 11-digit mobiles or area code + number. */
const VALID_NUMBER = /^(?:\d{7,8}|0\d{9,11}|1\d{10})$/;

/**
 * The built-in switch: takes a command after the configured latency, then confirms it after another,
 * refuses unknown numbers ("invalid number"), refuses a share of commands ("switch busy"), and leaves
 * a share unconfirmed for ever. It keeps each number's line state, so tests and the demo can see what
 * the switch did.
 */
export class SwitchSimulator implements SwitchAdapter {
  private readonly listeners: ((confirmation: SwitchConfirmation) => void)[] = [];
  private readonly lines = new Map<string, LineState>();

  constructor(readonly behaviour: SimulatedBehaviour) {}

  onConfirmation(listener: (confirmation: SwitchConfirmation) => void): void {
    this.listeners.push(listener);
  }

  async submit(request: SwitchRequest): Promise<void> {
    // Taking a command is quick; its confirmation takes the configured latency (or never comes).
    void this.behaviour
      .respond(() => {
        if (!VALID_NUMBER.test(request.phone)) throw new ExternalRefusal(`invalid number ${request.phone}: not a subscriber of this exchange`);
        this.apply(request);
      }, 'switch busy: command not executed')
      .then(
        () => this.confirm({ commandId: request.commandId, ok: true }),
        (error: Error) => this.confirm({ commandId: request.commandId, ok: false, reason: error.message }),
      );
  }

  /** The number's line state on the switch (all false for a number never touched). */
  lineState(phone: string): LineState {
    return { ...(this.lines.get(phone) ?? { suspended: false, outgoingBarred: false, incomingBarred: false }) };
  }

  private apply({ phone, action }: SwitchRequest): void {
    const line = this.lineState(phone);
    if (action === 'SUSPEND') line.suspended = true;
    if (action === 'RESUME') line.suspended = false;
    if (action === 'RESTRICT_OUTGOING') line.outgoingBarred = true;
    if (action === 'ALLOW_OUTGOING') line.outgoingBarred = false;
    if (action === 'RESTRICT_INCOMING') line.incomingBarred = true;
    if (action === 'ALLOW_INCOMING') line.incomingBarred = false;
    this.lines.set(phone, line);
  }

  private confirm(confirmation: SwitchConfirmation): void {
    for (const listener of this.listeners) listener(confirmation);
  }
}
