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

/**
 * Runs a change; a Refusal thrown by it (its transaction rolled back) becomes a refused outcome. So does
 * the database's unique-key violation (Prisma P2002): a change's own duplicate check cannot see a twin
 * saved by someone else at the same moment, and the person should hear that, not "internal error".
 */
export async function outcomeOf<T>(run: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, error: { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) } };
    const duplicate = concurrentDuplicate(error);
    if (duplicate) return { ok: false, error: duplicate };
    throw error;
  }
}

function concurrentDuplicate(error: unknown): { code: string; message: string } | null {
  const known = error as { code?: unknown; meta?: { modelName?: unknown } } | null;
  if (known?.code !== 'P2002') return null;
  const model = typeof known.meta?.modelName === 'string' ? known.meta.modelName.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase() : 'record';
  return { code: 'DUPLICATE_CODE', message: `Another ${model} with the same code was saved at the same moment: reload the list and try again.` };
}

/** "a, b, c and 4 more": a list of references for an IN_USE message. */
export function listSome(items: string[], max = 10): string {
  return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}
