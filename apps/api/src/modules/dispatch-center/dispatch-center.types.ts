import type { WorkOrderRecord } from '../work-orders/work-orders.types.ts';

/** An installation team as a dispatch choice (members read with it: a team has a handful). */
export interface DispatchTeamRecord {
  id: number;
  code: string;
  name: string;
  nameEn: string;
  organisationId: number;
  positionId: number;
  members: DispatchTeamMemberRecord[];
}

export interface DispatchTeamMemberRecord {
  staffId: number;
  leader: boolean;
}

export interface DispatchLaterStepRecord {
  code: string;
  name: string;
  nameEn: string;
  handlerFromStep: string | null;
}

export interface DispatchSuggestionRecord {
  workOrder: WorkOrderRecord;
  teams: DispatchTeamRecord[];
  suggestedTeamId: number | null;
  laterSteps: DispatchLaterStepRecord[];
}

/** A later step's handler as the dispatcher chose it (ids parsed). */
export interface StepHandlerChoice {
  stepCode: string;
  teamId: number | null;
  positionId: number | null;
  staffId: number | null;
}

export interface AssignInput {
  workOrderId: number;
  appointmentAt: Date;
  teamId: number;
  handlers: StepHandlerChoice[];
}
