// Raw statements of the hot path (order intake, step transitions) run on their interactive
// transaction's own driver-adapter transaction, skipping the Prisma client's request pipeline
// (parameter serialisation to JSON and back, query interpretation, tracing spans, result
// re-typing): about 0.1 ms of CPU per statement, a quarter of an order's CPU in the engine.
//
//   await transaction(prisma, async (tx) => {
//     const rows = await rawQuery<{ id: number }>(tx, prepared(Prisma.sql`SELECT id FROM …`));
//     await tx.order.update(…);                       // the ORM, in the same transaction
//   });
//
// How: the PrismaClient's driver adapter is wrapped (`linkTransactions`, in openDatabase) so that a
// transaction it starts inside `transaction()` is handed to that call, which links it to the `tx`
// Prisma gives the callback. Both send their statements on the one connection of the transaction,
// one after the other (each is awaited). A `tx` from a plain `prisma.$transaction`, or the client
// itself, has no link: `rawQuery` then goes through `$queryRaw`, with the same results.
import { AsyncLocalStorage } from 'node:async_hooks';
import {
  type ArgType,
  ColumnTypeEnum,
  type ColumnType,
  isDriverAdapterError,
  type IsolationLevel,
  type SqlDriverAdapter,
  type SqlDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
  type Transaction,
} from '@prisma/driver-adapter-utils';
import { Prisma } from '../generated/client/client.ts';

/** What runs raw statements through Prisma: a client or an interactive transaction's `tx`. */
interface RawQueryable {
  $queryRaw<T = unknown>(query: Prisma.Sql): Prisma.PrismaPromise<T>;
  $executeRaw(query: Prisma.Sql): Prisma.PrismaPromise<number>;
}

interface TransactionRunner {
  $transaction<R>(work: (tx: Prisma.TransactionClient) => Promise<R>, options?: { maxWait?: number; timeout?: number; isolationLevel?: Prisma.TransactionIsolationLevel }): Promise<R>;
}

/** The driver transaction started for one `transaction()` call, until its callback has taken it. */
interface Starting {
  transaction?: EndingTransaction;
  taken: boolean;
}

const starting = new AsyncLocalStorage<Starting>();
const links = new WeakMap<object, EndingTransaction>();

/**
 * Wraps a driver-adapter factory so that the transactions its adapters start inside `transaction()`
 * reach that call. Everything else is passed through unchanged.
 */
export function linkTransactions(factory: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect() {
      return new LinkingAdapter(await factory.connect());
    },
  };
}

class LinkingAdapter implements SqlDriverAdapter {
  readonly provider: SqlDriverAdapter['provider'];
  readonly adapterName: string;

  constructor(private readonly adapter: SqlDriverAdapter) {
    this.provider = adapter.provider;
    this.adapterName = adapter.adapterName;
  }

  queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return this.adapter.queryRaw(query);
  }

  executeRaw(query: SqlQuery): Promise<number> {
    return this.adapter.executeRaw(query);
  }

  executeScript(script: string): Promise<void> {
    return this.adapter.executeScript(script);
  }

  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    const started = new EndingTransaction(await this.adapter.startTransaction(isolationLevel));
    const call = starting.getStore();
    // Only the first transaction started for the call: one its callback starts on the outer client
    // (another connection) is not the callback's `tx`.
    if (call && !call.taken && !call.transaction) call.transaction = started;
    return started;
  }

  getConnectionInfo() {
    return this.adapter.getConnectionInfo?.() ?? { supportsRelationJoins: true };
  }

  dispose(): Promise<void> {
    return this.adapter.dispose();
  }
}

/**
 * A driver transaction that knows when Prisma has ended it. Prisma commits or rolls back through
 * these methods, also when it gives up on a transaction that outlived its `timeout`; a statement sent
 * straight to it after that is refused, as Prisma refuses its own (P2028), instead of running on a
 * connection that is back in the pool.
 */
class EndingTransaction implements Transaction {
  readonly provider: Transaction['provider'];
  readonly adapterName: string;
  readonly options: Transaction['options'];
  ended = false;

  constructor(private readonly transaction: Transaction) {
    this.provider = transaction.provider;
    this.adapterName = transaction.adapterName;
    this.options = transaction.options;
  }

  queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return this.transaction.queryRaw(query);
  }

  executeRaw(query: SqlQuery): Promise<number> {
    return this.transaction.executeRaw(query);
  }

  commit(): Promise<void> {
    this.ended = true;
    return this.transaction.commit();
  }

  rollback(): Promise<void> {
    this.ended = true;
    return this.transaction.rollback();
  }

  createSavepoint(name: string): Promise<void> {
    return this.savepoint('createSavepoint', name);
  }

  rollbackToSavepoint(name: string): Promise<void> {
    return this.savepoint('rollbackToSavepoint', name);
  }

  releaseSavepoint(name: string): Promise<void> {
    return this.savepoint('releaseSavepoint', name);
  }

  private async savepoint(method: 'createSavepoint' | 'rollbackToSavepoint' | 'releaseSavepoint', name: string): Promise<void> {
    const run = this.transaction[method];
    if (!run) throw new Error(`The database driver has no ${method}.`);
    await run.call(this.transaction, name);
  }
}

/**
 * `prisma.$transaction(work, options)`, with `rawQuery` and `rawExecute` on its `tx` sent straight
 * to the transaction's connection.
 */
export function transaction<R>(
  prisma: TransactionRunner,
  work: (tx: Prisma.TransactionClient) => Promise<R>,
  options?: { maxWait?: number; timeout?: number; isolationLevel?: Prisma.TransactionIsolationLevel },
): Promise<R> {
  const call: Starting = { taken: false };
  return starting.run(call, () =>
    prisma.$transaction((tx) => {
      call.taken = true;
      if (call.transaction) links.set(tx, call.transaction);
      return work(tx);
    }, options),
  );
}

/** Whether `tx` sends `rawQuery` and `rawExecute` straight to its connection (it came from `transaction()`). */
export function isLinked(tx: object): boolean {
  return links.has(tx);
}

/** `db.$queryRaw<T[]>(statement)`: the rows, typed as `$queryRaw` types them. */
export async function rawQuery<T>(db: RawQueryable, statement: Prisma.Sql): Promise<T[]> {
  const linked = links.get(db);
  if (!linked) return db.$queryRaw<T[]>(statement);
  const result = await send(linked, () => linked.queryRaw(toDriverQuery(statement)));
  return toRows(result) as T[];
}

/** `db.$executeRaw(statement)`: the number of rows it changed. */
export async function rawExecute(db: RawQueryable, statement: Prisma.Sql): Promise<number> {
  const linked = links.get(db);
  if (!linked) return db.$executeRaw(statement);
  return send(linked, () => linked.executeRaw(toDriverQuery(statement)));
}

/**
 * Sends on a transaction Prisma has not ended (else P2028, as Prisma says it); a database error is
 * reported as `$queryRaw` reports it (P2010 with the database's code and message).
 */
async function send<T>(transaction: EndingTransaction, io: () => Promise<T>): Promise<T> {
  if (transaction.ended) {
    throw new Prisma.PrismaClientKnownRequestError('Transaction API error: the transaction has already ended (committed, rolled back, or past its timeout).', {
      code: 'P2028',
      clientVersion: Prisma.prismaVersion.client,
    });
  }
  try {
    return await io();
  } catch (error) {
    if (!isDriverAdapterError(error)) throw error;
    const cause = error.cause as { code?: string; originalCode?: string; message?: string; originalMessage?: string };
    const code = cause.originalCode ?? cause.code ?? 'unknown';
    const message = cause.originalMessage ?? cause.message ?? error.message;
    throw new Prisma.PrismaClientKnownRequestError(`Raw query failed. Code: \`${code}\`. Message: \`${message}\``, {
      code: 'P2010',
      clientVersion: Prisma.prismaVersion.client,
      meta: { code, message },
    });
  }
}

/** The statement's values as Prisma passes raw parameters to the driver adapter. */
function toDriverQuery(statement: Prisma.Sql): SqlQuery {
  const args: unknown[] = [];
  const argTypes: ArgType[] = [];
  for (const value of statement.values) {
    if (Array.isArray(value)) {
      args.push(value.map((item) => toDriverArg(item).arg));
      argTypes.push({ scalarType: value.length ? toDriverArg(value[0]).scalarType : 'unknown', arity: 'list' });
    } else {
      const { arg, scalarType } = toDriverArg(value);
      args.push(arg);
      argTypes.push({ scalarType, arity: 'scalar' });
    }
  }
  return { sql: statement.text, args, argTypes };
}

function toDriverArg(value: unknown): { arg: unknown; scalarType: ArgType['scalarType'] } {
  if (value === null || value === undefined) return { arg: null, scalarType: 'unknown' };
  if (typeof value === 'bigint') return { arg: value.toString(), scalarType: 'bigint' };
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new Prisma.PrismaClientValidationError('Provided Date object is invalid', { clientVersion: Prisma.prismaVersion.client });
    return { arg: value.toJSON(), scalarType: 'datetime' };
  }
  if (Prisma.Decimal.isDecimal(value)) return { arg: value.toJSON(), scalarType: 'decimal' };
  if (value instanceof Uint8Array) return { arg: Buffer.from(value).toString('base64'), scalarType: 'bytes' };
  if (typeof value === 'number') return { arg: value, scalarType: 'decimal' };
  if (typeof value === 'string') return { arg: value, scalarType: 'string' };
  if (typeof value === 'boolean') return { arg: value, scalarType: 'unknown' };
  return { arg: JSON.stringify(value), scalarType: 'unknown' };
}

/** The driver's rows as `$queryRaw` returns them: objects by column name, values typed by column type. */
function toRows(result: SqlResultSet): Record<string, unknown>[] {
  const { columnNames, columnTypes, rows } = result;
  const convert = columnTypes.map((type, i) => converter(type, columnNames[i]));
  return rows.map((row) => {
    const record: Record<string, unknown> = {};
    for (let i = 0; i < columnNames.length; i++) record[columnNames[i]] = row[i] === null ? null : convert[i](row[i]);
    return record;
  });
}

const asIs = (value: unknown) => value;
const toNumber = (value: unknown) => (typeof value === 'number' ? value : Number(value));
const toBigInt = (value: unknown) => BigInt(value as string | number | bigint);
const toDate = (value: unknown) => (value instanceof Date ? value : new Date(value as string));
const toJson = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value);
const toDecimal = (value: unknown) => new Prisma.Decimal(value as string | number);
const eachOf = (convert: (value: unknown) => unknown) => (value: unknown) => (value as unknown[]).map((item) => (item === null ? null : convert(item)));

function converter(type: ColumnType, column: string): (value: unknown) => unknown {
  switch (type) {
    case ColumnTypeEnum.Int32:
    case ColumnTypeEnum.Float:
    case ColumnTypeEnum.Double:
      return toNumber;
    case ColumnTypeEnum.Int64:
      return toBigInt;
    case ColumnTypeEnum.Numeric:
      return toDecimal;
    case ColumnTypeEnum.Boolean:
    case ColumnTypeEnum.Character:
    case ColumnTypeEnum.Text:
    case ColumnTypeEnum.Enum:
    case ColumnTypeEnum.Uuid:
      return asIs;
    case ColumnTypeEnum.DateTime:
    case ColumnTypeEnum.Date:
      return toDate;
    case ColumnTypeEnum.Json:
      return toJson;
    case ColumnTypeEnum.Int32Array:
    case ColumnTypeEnum.FloatArray:
    case ColumnTypeEnum.DoubleArray:
      return eachOf(toNumber);
    case ColumnTypeEnum.Int64Array:
      return eachOf(toBigInt);
    case ColumnTypeEnum.TextArray:
    case ColumnTypeEnum.CharacterArray:
    case ColumnTypeEnum.EnumArray:
    case ColumnTypeEnum.UuidArray:
    case ColumnTypeEnum.BooleanArray:
      return eachOf(asIs);
    default:
      throw new Error(`rawQuery: column "${column}" has a type (${type}) it does not convert; run this statement with $queryRaw.`);
  }
}
