// Prisma's `?schema=` convention in DATABASE_URL: pg itself does not know that parameter.

export interface PgConnectionOptions {
  /** The URL without `schema`; when a schema is given, `search_path` is set to it. */
  connectionString: string;
  /** The PostgreSQL schema Prisma qualifies its tables with (default: the search_path, i.e. public). */
  schema?: string;
}

export function pgConnectionOptions(url: string): PgConnectionOptions {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { connectionString: url }; // key=value form or unusual URL: leave it to pg
  }
  const schema = parsed.searchParams.get('schema') ?? undefined;
  if (!schema) return { connectionString: url };
  parsed.searchParams.delete('schema');
  if (!parsed.searchParams.has('options')) parsed.searchParams.set('options', `-c search_path="${schema.replace(/"/g, '""')}"`);
  return { connectionString: parsed.toString(), schema };
}
