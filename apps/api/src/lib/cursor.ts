import { AppError } from '../errors/app-error.ts';

/**
 * Keyset cursors: the sort value and the id of the last row seen, opaque to clients. A cursor is
 * tied to its sort column so that one taken under another sort is refused, not misread.
 */
export function encodeCursor(sort: string, value: string | number, id: number): string {
  return Buffer.from(JSON.stringify([sort, value, id])).toString('base64url');
}

export function decodeCursor(cursor: string, sort: string): { value: string | number; id: number } {
  try {
    const [cursorSort, value, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown, unknown];
    if (cursorSort === sort && (typeof value === 'string' || typeof value === 'number') && Number.isInteger(id)) {
      return { value, id: id as number };
    }
  } catch {
    // fall through to the error below
  }
  throw new AppError('BAD_USER_INPUT', 'after: not a cursor of this list and sort order; start again without `after`.', { field: 'after' });
}
