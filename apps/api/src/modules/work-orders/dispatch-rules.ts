import { Prisma, prepared, rawQuery } from '@openiom/db';

/** Step kinds whose work orders people handle, so they go to a construction position's queue. */
export const manualStepKinds = new Set(['FIELD_WORK', 'DISPATCH_CENTER', 'MANUAL']);

/** A dispatch rule of the order's area or one of its ancestors (all null but `path` when none applies). */
export interface DispatchCandidate {
  /** The order's area as a materialised path (`/1/5/12/`), null when the order has no area. */
  path: string | null;
  organisationId: number | null;
  workOrderTypeCode: string | null;
  positionId: number | null;
}

/** A candidate row of `dispatchRuleSql.candidates`, with the handler chosen in advance for the step asked about. */
export interface StepDispatchRow extends DispatchCandidate {
  chosenPositionId: number | null;
  chosenStaffId: number | null;
}

/** The statement behind auto-dispatch; the benchmark's raw-`pg` baseline issues this same statement. */
export const dispatchRuleSql = {
  /**
   * One row per rule of the order's area or an ancestor (its path lists them) for the type or any
   * type, or one row without a rule (also when the order has no area). Every row carries the handler
   * chosen in advance for the order's step `stepCode` (null when none, or no step is asked about).
   */
  candidates: (orderId: number, stepCode: string | null, workOrderTypeCode: string | null) => prepared(Prisma.sql`
    SELECT h.position_id AS "chosenPositionId", h.staff_id AS "chosenStaffId",
           o.path, r.organisation_id AS "organisationId", r.work_order_type_code AS "workOrderTypeCode", r.position_id AS "positionId"
    FROM "order" ord
    LEFT JOIN order_step_handler h ON h.order_id = ord.id AND h.step_code = ${stepCode}
    LEFT JOIN organisation o ON o.id = ord.organisation_id
    LEFT JOIN dispatch_rule r
      ON r.organisation_id = ANY (string_to_array(trim(both '/' from o.path), '/')::int[])
     AND (r.work_order_type_code = ${workOrderTypeCode} OR r.work_order_type_code IS NULL)
    WHERE ord.id = ${orderId}`),
};

/**
 * The handler chosen in advance for an order's step (null when none, or no step is given), and the
 * construction position the dispatch rules give its work-order type, in one statement.
 */
export async function stepDispatch(tx: Prisma.TransactionClient, orderId: number, stepCode: string | null, workOrderTypeCode: string | null): Promise<{ chosen: { positionId: number | null; staffId: number | null } | null; rulePositionId: number | null }> {
  const rows = await rawQuery<StepDispatchRow>(tx, dispatchRuleSql.candidates(orderId, stepCode, workOrderTypeCode));
  const first = rows[0];
  const chosen = first && (first.chosenPositionId !== null || first.chosenStaffId !== null) ? { positionId: first.chosenPositionId, staffId: first.chosenStaffId } : null;
  return { chosen, rulePositionId: bestPosition(rows) };
}

/**
 * Auto-dispatch (分派规则): the construction position for a work order of an order, from the rules of
 * the order's area and its ancestors — the nearest area wins, and a rule for the work-order type
 * beats one for any type. Null when no rule applies: the work order waits for manual assignment.
 */
export async function findConstructionPosition(tx: Prisma.TransactionClient, orderId: number, workOrderTypeCode: string | null): Promise<number | null> {
  return (await stepDispatch(tx, orderId, null, workOrderTypeCode)).rulePositionId;
}

/** The position of the best rule among the candidates (see {@link findConstructionPosition}). */
export function bestPosition(candidates: DispatchCandidate[]): number | null {
  return rankRules(candidates)[0]?.positionId ?? null;
}

/**
 * The rules among the candidates in order of precedence, the one that applies first: the nearest
 * area wins, and in one area a rule for the work-order type beats one for any type.
 */
export function rankRules<Rule extends DispatchCandidate>(candidates: Rule[]): Rule[] {
  const path = candidates[0]?.path;
  if (!path) return [];
  const areaIds = path.split('/').filter(Boolean).map(Number).reverse(); // nearest first
  const rank = (rule: DispatchCandidate) => areaIds.indexOf(rule.organisationId as number) * 2 + (rule.workOrderTypeCode === null ? 1 : 0);
  return candidates.filter((rule) => rule.organisationId !== null).sort((a, b) => rank(a) - rank(b));
}
