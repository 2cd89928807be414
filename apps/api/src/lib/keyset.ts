import { AppError } from '../errors/app-error.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';

export type SortDirection = 'ASC' | 'DESC';

/** A column a list can be sorted by: its (non-null) field and how its value is kept in a cursor. */
export interface SortColumn<Row> {
  field: keyof Row & string;
  type: 'date' | 'text';
}

/** One page of a keyset-paginated list. */
export interface KeysetPage<Row> {
  items: { cursor: string; node: Row }[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

/**
 * Keyset (seek) pagination on one sort column with the id as tie-breaker: rows are ordered by
 * (column, id), both in the same direction, and a cursor holds the last row's (value, id). Pages
 * therefore never skip or repeat a row, however many rows share a value, and rows inserted between
 * two page reads cannot shift the next page the way OFFSET would.
 *
 * The cursor is tagged with the list, column and direction, so one taken under another sort is
 * refused (BAD_USER_INPUT on `after`) instead of being misread.
 */
export function keyset<Row extends { id: number }>(list: string, sortName: string, column: SortColumn<Row>, direction: SortDirection) {
  const tag = `${list}:${sortName}:${direction}`;
  const order = direction === 'ASC' ? 'asc' : 'desc';
  const beyond = direction === 'ASC' ? 'gt' : 'lt';
  const cursorOf = (row: Row) => {
    const value = row[column.field] as unknown;
    return encodeCursor(tag, value instanceof Date ? value.toISOString() : (value as string), row.id);
  };
  return {
    /** Prisma `orderBy` for the list. */
    orderBy: [{ [column.field]: order }, { id: order }],
    /** Prisma conditions selecting the rows after `cursor` (none without one). */
    after(cursor: string | null): Record<string, unknown>[] {
      if (cursor === null) return [];
      const decoded = decodeCursor(cursor, tag);
      const value = column.type === 'date' ? toDate(decoded.value) : decoded.value;
      // The first condition is implied by the second; it is there for the planner, which cannot
      // start an index scan at an OR: with it, (column, id) indexes seek to the cursor instead of
      // reading every row before it (~1 s half a million rows deep).
      const atOrBeyond = direction === 'ASC' ? 'gte' : 'lte';
      return [{ [column.field]: { [atOrBeyond]: value } }, { OR: [{ [column.field]: { [beyond]: value } }, { [column.field]: value, id: { [beyond]: decoded.id } }] }];
    },
    /** The page from rows read with `take: first + 1`. */
    page(rows: Row[], first: number, after: string | null): KeysetPage<Row> {
      return {
        items: rows.slice(0, first).map((node) => ({ node, cursor: cursorOf(node) })),
        hasNextPage: rows.length > first,
        hasPreviousPage: after !== null,
      };
    },
  };
}

function toDate(value: string | number): Date {
  const date = new Date(value);
  if (typeof value !== 'string' || Number.isNaN(date.getTime())) {
    throw new AppError('BAD_USER_INPUT', 'after: not a cursor of this list and sort order; start again without `after`.', { field: 'after' });
  }
  return date;
}
