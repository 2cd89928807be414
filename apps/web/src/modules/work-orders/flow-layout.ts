/** A step of the flow monitor as laid out: column by distance from the start, row within it. */
export interface LaidOutStep {
  id: string;
  column: number;
  row: number;
}

/**
 * Lays a workflow out left to right: each step's column is the length of the longest path of
 * normal transitions from a step without predecessors (exception transitions point back and are
 * left out, so the graph is acyclic); steps sharing a column (parallel branches) stack in rows, in
 * the order given.
 */
export function layoutFlow(stepIds: readonly string[], transitions: readonly { fromStepId: string; toStepId: string; exception: boolean }[]): LaidOutStep[] {
  const normal = transitions.filter((edge) => !edge.exception);
  const incoming = new Map(stepIds.map((id) => [id, normal.filter((edge) => edge.toStepId === id).map((edge) => edge.fromStepId)]));
  const column = new Map<string, number>();
  const visiting = new Set<string>();
  const depth = (id: string): number => {
    const known = column.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return 0; // a cycle of normal transitions: break it here
    visiting.add(id);
    const value = Math.max(-1, ...(incoming.get(id) ?? []).map(depth)) + 1;
    visiting.delete(id);
    column.set(id, value);
    return value;
  };
  const rows = new Map<number, number>();
  return stepIds.map((id) => {
    const c = depth(id);
    const row = rows.get(c) ?? 0;
    rows.set(c, row + 1);
    return { id, column: c, row };
  });
}
