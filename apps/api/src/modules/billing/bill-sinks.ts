import type { PrismaClient } from '@openiom/db';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** Where an import's good rows go, in batches, with backpressure. */
export interface BillSink {
  write(phones: string[], amounts: string[]): Promise<void>;
  /** All rows are in the table (committed). */
  end(): Promise<void>;
  /** Stops early; rows written so far may be in the table (the caller deletes them). */
  abort(error: Error): Promise<void>;
}

/** PostgreSQL server: one `COPY bill FROM STDIN` stream on its own connection. */
export async function copySink(pool: pg.Pool, importId: number): Promise<BillSink> {
  const client = await pool.connect();
  const stream = client.query(copyFrom('COPY bill (import_id, phone, amount) FROM STDIN'));
  let failure: Error | null = null;
  stream.on('error', (error: Error) => {
    failure = error;
  });
  let released = false;
  const release = (error?: Error) => {
    if (released) return;
    released = true;
    client.release(error);
  };
  return {
    async write(phones, amounts) {
      if (failure) throw failure;
      let text = '';
      for (let i = 0; i < phones.length; i++) text += `${importId}\t${phones[i]}\t${amounts[i]}\n`;
      if (!stream.write(text)) await Promise.race([once(stream, 'drain'), once(stream, 'error')]);
      if (failure) throw failure;
    },
    async end() {
      stream.end();
      try {
        await finished(stream);
      } finally {
        release(failure ?? undefined);
      }
    },
    async abort(error) {
      stream.destroy(error);
      // The connection is mid-COPY: throw it away rather than return it to the pool.
      release(error);
    },
  };
}

/** Embedded PGlite (or no pool): multi-row INSERTs from arrays, one statement per batch. */
export function insertSink(prisma: PrismaClient, importId: number): BillSink {
  return {
    async write(phones, amounts) {
      await prisma.$executeRaw`INSERT INTO bill (import_id, phone, amount) SELECT ${importId}::int, p, a FROM unnest(${phones}::text[], ${amounts}::numeric[]) AS t(p, a)`;
    },
    async end() {},
    async abort() {},
  };
}
