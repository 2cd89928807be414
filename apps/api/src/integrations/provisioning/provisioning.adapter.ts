import { SimulatedBehaviour } from '../simulator.ts';

/** A provisioning command (i_provision): network management or broadband machine room. */
export interface ProvisioningCommand {
  requestId: string;
  kind: string;
  orderNo: string;
  demand: Record<string, string>;
}

/** Provisioning confirms a command; done commands are archived (oms_kt_net_deal_info). */
export interface ProvisioningAnswer {
  commandId: string;
  archivedAt: string;
}

export interface ProvisioningAdapter {
  execute(command: ProvisioningCommand): Promise<ProvisioningAnswer>;
}

export class ProvisioningSimulator implements ProvisioningAdapter {
  constructor(readonly behaviour: SimulatedBehaviour) {}

  execute(command: ProvisioningCommand): Promise<ProvisioningAnswer> {
    return this.behaviour.respond(
      () => ({ commandId: `PV-${command.requestId}`, archivedAt: new Date().toISOString() }),
      `network element refused ${command.kind} for ${command.orderNo}: device busy`,
    );
  }
}
