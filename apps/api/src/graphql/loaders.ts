import DataLoader from 'dataloader';

/** A per-request DataLoader of rows by id: one query for all ids asked in a tick; null for a missing row. */
export function byIdLoader<T extends { id: number }>(fetch: (ids: readonly number[]) => Promise<T[]>): DataLoader<number, T | null> {
  return new DataLoader<number, T | null>(async (ids) => {
    const byId = new Map((await fetch(ids)).map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/** A per-request DataLoader of the rows belonging to each key (e.g. children of a parent). */
export function groupLoader<T>(fetch: (keys: readonly number[]) => Promise<T[]>, keyOf: (row: T) => number): DataLoader<number, T[]> {
  return new DataLoader<number, T[]>(async (keys) => {
    const groups = new Map<number, T[]>();
    for (const row of await fetch(keys)) {
      const key = keyOf(row);
      const group = groups.get(key);
      if (group) group.push(row);
      else groups.set(key, [row]);
    }
    return keys.map((key) => groups.get(key) ?? []);
  });
}
