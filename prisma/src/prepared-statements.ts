/**
 * Raw statements worth keeping prepared on each PostgreSQL connection: the hot path's SQL (order
 * intake, step transitions), whose text never varies (values are parameters, lists are array
 * parameters). PostgreSQL then parses and plans each once per connection instead of on every
 * execution, which halves its CPU per transition. Only texts registered here get a statement name,
 * so ORM queries (whose text varies, e.g. `IN ($1,$2,…)` lists of any length) never pile up
 * prepared statements on the connections.
 *
 * Behind a pooler in transaction mode (PgBouncer < 1.21) named statements do not work: register
 * nothing there.
 */
const names = new Map<string, string>();

/** More distinct texts than this means a builder embeds values in its text: those run unprepared. */
const MAX_STATEMENTS = 200;

/** Registers a statement's text as one to keep prepared, and returns the statement. */
export function prepared<T extends { text: string }>(statement: T): T {
  if (!names.has(statement.text) && names.size < MAX_STATEMENTS) names.set(statement.text, `openiom_${names.size + 1}`);
  return statement;
}

/** The prepared-statement name of a registered text (the same in every connection of this process), or undefined. */
export function preparedStatementName(sql: string): string | undefined {
  return names.get(sql);
}
