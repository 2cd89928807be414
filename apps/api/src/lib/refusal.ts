/** An expected business refusal inside a service method: becomes `{ ok: false, error }` (see `outcomeOf`). */
export class Refusal extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'Refusal';
  }
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string; field?: string } };

/** Runs a change; a Refusal thrown by it (its transaction rolled back) becomes a refused outcome. */
export async function outcomeOf<T>(run: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, error: { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) } };
    throw error;
  }
}

/** "a, b, c and 4 more": a list of references for an IN_USE message. */
export function listSome(items: string[], max = 10): string {
  return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}
