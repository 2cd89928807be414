import { resourceDemandKinds } from '../../integrations/resource/resource.adapter.ts';

export interface DemandRow {
  key: string;
  value: string;
  oldValue: string | null;
  updatedAt: Date;
}

export interface ResourceAnswerRow {
  kind: string;
  response: unknown;
}

export interface OrderResourceRecord {
  key: string;
  kind: string;
  oldValue: string | null;
  newValue: string;
  updatedAt: Date;
}

/**
 * The "resources old/new" view (新老资源) of an order: its resource demand entries as old/new pairs.
 * A demand key is a resource when a resource answer of the order set it (the last such answer gives
 * its kind) or when it is one of the keys resource requests assign (`resourceDemandKinds`). Ordered
 * as the resource system assigned them; keys no answer has set yet come last.
 */
export function orderResources(demand: readonly DemandRow[], answers: readonly ResourceAnswerRow[]): OrderResourceRecord[] {
  const setBy = new Map<string, { kind: string; rank: number }>();
  answers.forEach((answer, rank) => {
    for (const key of Object.keys(answerFields(answer.response))) setBy.set(key, { kind: answer.kind, rank });
  });
  const unanswered = answers.length;
  return demand
    .flatMap((row) => {
      const source = setBy.get(row.key) ?? (row.key in resourceDemandKinds ? { kind: resourceDemandKinds[row.key], rank: unanswered } : null);
      return source ? [{ rank: source.rank, resource: { key: row.key, kind: source.kind, oldValue: row.oldValue, newValue: row.value, updatedAt: row.updatedAt } }] : [];
    })
    .sort((a, b) => a.rank - b.rank || a.resource.key.localeCompare(b.resource.key))
    .map((entry) => entry.resource);
}

function answerFields(response: unknown): Record<string, unknown> {
  const fields = response && typeof response === 'object' ? (response as { fields?: unknown }).fields : null;
  return fields && typeof fields === 'object' ? (fields as Record<string, unknown>) : {};
}
