import type { PrismaClient } from '@openiom/db';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** Bytes of COPY text collected before they are handed to the database in one write. */
const CHUNK = 1 << 20;
const TAB = 9;
const NEWLINE = 10;

/**
 * An import's good rows as COPY text (`import_id \t phone \t amount \n`), written byte by byte from
 * the reader's buffers into 1 MiB chunks: no string per row, no array of rows.
 */
export class CopyTextBatch {
  private readonly prefix: Buffer;
  private chunk = Buffer.allocUnsafe(CHUNK);
  private used = 0;
  private full: Buffer[] = [];
  private fullBytes = 0;
  rows = 0;

  constructor(importId: number) {
    this.prefix = Buffer.from(`${importId}\t`, 'latin1');
  }

  add(src: Buffer, phoneStart: number, phoneEnd: number, amount: Buffer, amountLength: number): void {
    if (this.used + this.prefix.length + (phoneEnd - phoneStart) + amountLength + 2 > this.chunk.length) this.seal();
    const out = this.chunk;
    let at = this.used;
    const prefix = this.prefix;
    for (let i = 0; i < prefix.length; i++) out[at++] = prefix[i];
    for (let i = phoneStart; i < phoneEnd; i++) out[at++] = src[i];
    out[at++] = TAB;
    for (let i = 0; i < amountLength; i++) out[at++] = amount[i];
    out[at++] = NEWLINE;
    this.used = at;
    this.rows++;
  }

  /** Bytes in completed chunks (the caller writes them out once there are enough). */
  get pendingBytes(): number {
    return this.fullBytes;
  }

  /** Everything collected so far, as chunks; the batch starts empty again. */
  take(): Buffer[] {
    if (this.used > 0) this.seal();
    const taken = this.full;
    this.full = [];
    this.fullBytes = 0;
    return taken;
  }

  private seal(): void {
    this.full.push(this.chunk.subarray(0, this.used));
    this.fullBytes += this.used;
    this.chunk = Buffer.allocUnsafe(CHUNK);
    this.used = 0;
  }
}

/** Where an import's good rows go, chunk by chunk, with backpressure. */
export interface BillSink {
  write(chunks: Buffer[]): Promise<void>;
  /** All rows are in the table (committed). */
  end(): Promise<void>;
  /** Stops early; rows written so far may be in the table (the caller deletes them). */
  abort(error: Error): Promise<void>;
}

/** PostgreSQL server: one `COPY bill FROM STDIN` stream on its own connection, one transaction. */
export async function copySink(pool: pg.Pool): Promise<BillSink> {
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
    async write(chunks) {
      for (const chunk of chunks) {
        if (failure) throw failure;
        if (!stream.write(chunk)) await Promise.race([once(stream, 'drain'), once(stream, 'error')]);
      }
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

/** Embedded PGlite (no COPY through the Prisma adapter): one multi-row INSERT from arrays per chunk. */
export function insertSink(prisma: PrismaClient, importId: number): BillSink {
  return {
    async write(chunks) {
      for (const chunk of chunks) {
        const phones: string[] = [];
        const amounts: string[] = [];
        for (const line of chunk.toString('latin1').split('\n')) {
          if (line === '') continue;
          const [, phone, amount] = line.split('\t');
          phones.push(phone);
          amounts.push(amount);
        }
        await prisma.$executeRaw`INSERT INTO bill (import_id, phone, amount) SELECT ${importId}::int, p, a FROM unnest(${phones}::text[], ${amounts}::numeric[]) AS t(p, a)`;
      }
    },
    async end() {},
    async abort() {},
  };
}
