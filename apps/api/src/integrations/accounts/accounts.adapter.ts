import { SimulatedBehaviour } from '../simulator.ts';
import { demoAccounts } from './demo-accounts.ts';

/** A person as the external maintenance system (装维系统) lists them. */
export interface ExternalPerson {
  /** The external system's own id of the person. */
  externalId: string;
  /** The staff number (工号) they log in with here. */
  staffNo: string;
  name: string;
  phone: string | null;
  /** Code of the organisation (grid) they belong to. */
  organisationCode: string;
  /** False once they left: they are deactivated here. */
  active: boolean;
}

/** A team as the external system lists it, with its members by external person id. */
export interface ExternalTeam {
  externalId: string;
  code: string;
  name: string;
  nameEn: string;
  organisationCode: string;
  members: { personId: string; leader: boolean }[];
}

/** Everything the external system knows about teams and people, at one moment. */
export interface AccountsSnapshot {
  teams: ExternalTeam[];
  people: ExternalPerson[];
}

/** The external maintenance system the teams and staff accounts are synced from. */
export interface AccountsAdapter {
  /** The current teams and people (the whole set: anything missing has gone). */
  snapshot(): Promise<AccountsSnapshot>;
}

/**
 * The built-in external maintenance system: latency, refusals and silence as configured (the
 * `configureSimulator` mutation, system ACCOUNTS), answering with a deterministic data set — the
 * seeded demo teams with a few changes (see `demoAccounts`). Tests and QA replace `data`.
 */
export class AccountsSimulator implements AccountsAdapter {
  constructor(
    readonly behaviour: SimulatedBehaviour,
    public data: AccountsSnapshot = demoAccounts(),
  ) {}

  snapshot(): Promise<AccountsSnapshot> {
    // A copy: the caller must never see later changes to `data` half-way.
    return this.behaviour.respond(() => structuredClone(this.data), 'maintenance system busy: account export not available');
  }
}
