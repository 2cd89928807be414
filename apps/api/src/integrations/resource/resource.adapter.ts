import { ExternalRefusal, SimulatedBehaviour } from '../simulator.ts';

/** A resource request (oms_if_yn_res): wiring, number, port assignment or release. */
export interface ResourceRequest {
  requestId: string;
  kind: string;
  orderNo: string;
  address: string;
  demand: Record<string, string>;
}

/** The resource system's answer: demand fields to set (the old values are kept by the caller). */
export interface ResourceAnswer {
  fields: Record<string, string>;
}

/**
 * Demand keys that hold resources, with the request kind that assigns each. Resource answers write
 * these (keeping the old value); CRM may send their current values with a move or a removal.
 */
export const resourceDemandKinds: Readonly<Record<string, string>> = {
  cableBox: 'WIRING',
  distributionPoint: 'WIRING',
  assignedNumber: 'NUMBER',
  port: 'PORT',
};

export interface ResourceAdapter {
  request(request: ResourceRequest): Promise<ResourceAnswer>;
}

/** Stands in for the operator's resource system: assigns believable cable boxes, numbers and ports. */
export class ResourceSimulator implements ResourceAdapter {
  constructor(readonly behaviour: SimulatedBehaviour) {}

  request(request: ResourceRequest): Promise<ResourceAnswer> {
    return this.behaviour.respond((): ResourceAnswer => {
      if (!request.address.trim()) throw new ExternalRefusal('address is empty: no resources can be found');
      const n = Number.parseInt(request.requestId, 10) || 1;
      switch (request.kind) {
        case 'WIRING':
          return { fields: { cableBox: `GJ-${String(1000 + (n % 9000))}`, distributionPoint: `DP-${(n % 48) + 1}` } };
        case 'NUMBER':
          return { fields: { assignedNumber: request.demand.wantedNumber ?? `020-${String(38000000 + (n % 1000000))}` } };
        case 'PORT':
          return { fields: { port: `OLT-${(n % 8) + 1}/1/${(n % 16) + 1}/${(n % 64) + 1}` } };
        case 'RELEASE':
          return { fields: { resourcesReleased: 'yes' } };
        default:
          throw new ExternalRefusal(`unknown resource request kind ${request.kind}`);
      }
    }, `resource system refused ${request.kind} for ${request.orderNo}: no free resource at this address`);
  }
}
