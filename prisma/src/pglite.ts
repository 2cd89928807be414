// Opening PGlite databases.
//
// - In memory (`memory://`, or `memory://<name>` for several): a named database shared by every
//   openDatabase() and migration command of this process that uses the same name, kept until the
//   process exits or discardInMemoryDatabase(). So `deployMigrations(config)` followed by
//   `openDatabase(config)` sees the migrated schema, as it would with a folder or a server.
// - In a folder: one instance per open, guarded by `<dataDir>.lock` (see below).
//
// Creating an instance runs initdb (~2 s on 2 cores); after the first, fresh in-memory instances
// are restored from a dump of a pristine one (~0.5 s). Also used for the engine's shadow database.
import { PGlite } from '@electric-sql/pglite';
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isInMemoryDataDir } from './config.ts';

let pristine: Promise<Blob> | undefined;

/** A new, empty, private in-memory PGlite. Close it when done. */
export async function freshInMemoryPGlite(): Promise<PGlite> {
  const template = pristine ? await pristine.catch(() => undefined) : undefined;
  if (template) {
    const db = new PGlite({ loadDataDir: template });
    await db.waitReady;
    return db;
  }
  const db = new PGlite();
  await db.waitReady;
  if (!pristine) {
    pristine = (async () => {
      // A restored dump starts with crash recovery, which arms a startup-progress timer that
      // never goes away (the process would not exit): switch that timer off in the template.
      await db.exec('ALTER SYSTEM SET log_startup_progress_interval = 0');
      return db.dumpDataDir('none');
    })();
    await pristine.catch(() => {
      pristine = undefined;
    });
  }
  return db;
}

const inMemory = new Map<string, Promise<PGlite>>();

/** The process-wide in-memory database of that name (created on first use). */
export function sharedInMemoryPGlite(dataDir: string): Promise<PGlite> {
  let db = inMemory.get(dataDir);
  if (!db) {
    db = freshInMemoryPGlite();
    inMemory.set(dataDir, db);
    db.catch(() => inMemory.delete(dataDir));
  }
  return db;
}

/** Closes and forgets a named in-memory database (the next open starts empty). */
export async function discardInMemoryDatabase(dataDir: string): Promise<void> {
  const db = inMemory.get(dataDir);
  inMemory.delete(dataDir);
  await (await db?.catch(() => undefined))?.close();
}

export interface OpenedPGlite {
  pglite: PGlite;
  /** Closes a folder database and releases its lock; leaves a shared in-memory one open. */
  release(): Promise<void>;
}

/** Opens the PGlite of a data directory (see the top of this file). */
export async function openPGlite(dataDir: string, options: { lockWaitMs?: number } = {}): Promise<OpenedPGlite> {
  if (isInMemoryDataDir(dataDir)) return { pglite: await sharedInMemoryPGlite(dataDir), release: async () => {} };
  const unlock = await acquirePGliteDirLock(dataDir, { waitMs: options.lockWaitMs });
  try {
    mkdirSync(dataDir, { recursive: true });
    const pglite = new PGlite(dataDir);
    await pglite.waitReady;
    let released: Promise<void> | undefined;
    return {
      pglite,
      release: () =>
        (released ??= (async () => {
          try {
            await pglite.close();
          } finally {
            unlock();
          }
        })()),
    };
  } catch (error) {
    unlock();
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// A PGlite folder may be open in ONE PGlite instance of ONE process: PGlite has no locking of its
// own, and a second instance on the same folder (same process or another) silently corrupts it.
// `<dataDir>.lock` (pid + host) guards it; a lock left by a dead process is taken over.

const heldLocks = new Set<string>();
let exitHookInstalled = false;

export class PGliteDirLockedError extends Error {
  constructor(dataDir: string, holder: string) {
    super(
      `PGlite data directory ${dataDir} is in use by ${holder}. An embedded PGlite database can be open in one ` +
        'process only: stop that process, pass its open database to the migration command, or use a PostgreSQL server (DATABASE_URL).',
    );
    this.name = 'PGliteDirLockedError';
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes `<dataDir>.lock`, waiting up to `waitMs` for another holder; returns the release function. */
export async function acquirePGliteDirLock(dataDir: string, { waitMs = 60_000 }: { waitMs?: number } = {}): Promise<() => void> {
  const lockPath = `${path.resolve(dataDir)}.lock`;
  mkdirSync(path.dirname(lockPath), { recursive: true });
  const deadline = Date.now() + waitMs;
  for (;;) {
    let holder: string | undefined;
    if (heldLocks.has(lockPath)) holder = `this process (pid ${process.pid})`;
    else {
      try {
        const fd = openSync(lockPath, 'wx');
        writeSync(fd, JSON.stringify({ pid: process.pid, host: os.hostname(), since: new Date().toISOString() }));
        closeSync(fd);
        heldLocks.add(lockPath);
        if (!exitHookInstalled) {
          exitHookInstalled = true;
          process.on('exit', () => {
            for (const p of heldLocks) {
              try {
                unlinkSync(p);
              } catch {
                /* already gone */
              }
            }
          });
        }
        let released = false;
        return () => {
          if (released) return;
          released = true;
          heldLocks.delete(lockPath);
          try {
            unlinkSync(lockPath);
          } catch {
            /* already gone */
          }
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      let info: { pid?: number; host?: string } = {};
      try {
        info = JSON.parse(readFileSync(lockPath, 'utf8')) as typeof info;
      } catch {
        /* being written, or garbage: treated as held until the deadline */
      }
      if (typeof info.pid === 'number' && info.host === os.hostname() && info.pid !== process.pid && !processAlive(info.pid)) {
        try {
          unlinkSync(lockPath); // stale: its process is gone
        } catch {
          /* someone else took it over */
        }
        continue;
      }
      holder = typeof info.pid === 'number' ? `process ${info.pid}${info.host && info.host !== os.hostname() ? ` on ${info.host}` : ''}` : 'another process';
    }
    if (Date.now() >= deadline) throw new PGliteDirLockedError(dataDir, holder);
    await new Promise((r) => setTimeout(r, 100));
  }
}
