/** A dispatch rule as the API reads it. */
export interface DispatchRuleRecord {
  id: number;
  organisationId: number;
  /** Null: any work-order type. */
  workOrderTypeCode: string | null;
  positionId: number;
  createdAt: Date;
}

/** Which rule would dispatch a new work order of an area (and type). */
export interface DispatchPreviewRecord {
  organisationId: number;
  workOrderTypeCode: string | null;
  /** The deciding rule; null when none applies. */
  rule: DispatchRuleRecord | null;
  /** Every rule that could apply, the deciding one first. */
  candidates: DispatchRuleRecord[];
}

export interface DispatchRuleFilter {
  /** Rules of this organisation path and below. */
  organisationPath: string | null;
  workOrderTypeCode: string | null;
  positionId: number | null;
}

export type DispatchRuleOutcome = { ok: true; rule: DispatchRuleRecord | null } | { ok: false; error: { code: string; message: string; field?: string } };
