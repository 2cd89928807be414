// Loads Prisma's wasm schema engine (@prisma/schema-engine-wasm) without the native CLI.
//
// The package's own entry (`schema_engine.js`) instantiates ONE wasm instance per process and keeps
// it in module-level variables of `schema_engine_bg.js`; two engines sharing that instance corrupt
// each other. So we evaluate the glue code ourselves, once per engine: every engine gets its own
// glue closure and its own wasm instance (the compiled WebAssembly.Module is shared, which is safe).
//
// The engine also starts timers (a ~10 s lock timeout is left pending after applyMigrations) through
// the glue's `setTimeout` import: we route them through our own wrapper, unref them after every
// operation and clear them when the engine is closed, so a CLI exits as soon as it is done.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type {
  ApplyMigrationsInput,
  ApplyMigrationsOutput,
  DevDiagnosticInput,
  DevDiagnosticOutput,
  DiagnoseMigrationHistoryInput,
  DiagnoseMigrationHistoryOutput,
  DiffParams,
  DiffResult,
  MarkMigrationRolledBackInput,
  ResetInput,
  SchemaEngine as WasmSchemaEngine,
} from '@prisma/schema-engine-wasm';
import {
  bindMigrationAwareSqlAdapterFactory,
  type ErrorRegistry,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';

const require = createRequire(import.meta.url);

// The WebAssembly global, typed locally (this package's lib settings carry no DOM/wasm types).
interface WasmModule {
  readonly __wasmModule?: never;
}
interface WasmApi {
  Module: { new (bytes: Uint8Array): WasmModule; imports(module: WasmModule): { module: string; name: string }[] };
  Instance: new (module: WasmModule, imports: Record<string, Record<string, unknown>>) => { exports: Record<string, unknown> };
}
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

interface GlueExports {
  __wbg_set_wasm(wasm: Record<string, unknown>): void;
  SchemaEngine: { new: typeof WasmSchemaEngine.new };
  version(): string;
  [name: string]: unknown;
}

interface EngineAssets {
  glueSource: string;
  exportNames: string[];
  wasmModule: WasmModule;
  importModuleName: string;
}

let assets: EngineAssets | undefined;

/**
 * Drops the compiled schema engine (tens of MB) once no engine is needed any more, e.g. after the
 * API's start-up migrations; the next engine compiles it again.
 */
export function releaseEngineAssets(): void {
  assets = undefined;
}

function loadAssets(): EngineAssets {
  if (assets) return assets;
  const pkgDir = path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg'));
  const glue = readFileSync(path.join(pkgDir, 'schema_engine_bg.js'), 'utf8');
  const exportNames: string[] = [];
  // wasm-bindgen glue: plain `export function name` / `export class Name` declarations, no imports.
  const glueSource = glue.replace(/^export (function|class) ([A-Za-z0-9_$]+)/gm, (_m, kind: string, name: string) => {
    exportNames.push(name);
    return `${kind} ${name}`;
  });
  if (/^\s*(export|import)\b/m.test(glueSource) || !exportNames.includes('SchemaEngine') || !exportNames.includes('__wbg_set_wasm')) {
    throw new Error(
      'Unexpected layout of @prisma/schema-engine-wasm/schema_engine_bg.js; the loader in prisma/src/migrate/wasm-engine.ts ' +
        'must be adapted to this version of the package.',
    );
  }
  const wasmModule = new wasmApi.Module(readFileSync(path.join(pkgDir, 'schema_engine_bg.wasm')));
  const moduleNames = new Set(wasmApi.Module.imports(wasmModule).map((i) => i.module));
  if (moduleNames.size !== 1) throw new Error(`schema engine wasm imports from ${[...moduleNames].join(', ')}; expected one glue module`);
  const loaded: EngineAssets = { glueSource, exportNames, wasmModule, importModuleName: [...moduleNames][0] };
  assets = loaded;
  return loaded;
}

/** The engine panics through a global registry the glue expects to exist. */
interface PanicRegistry {
  set_message(message: string): void;
}
let lastPanic: string | undefined;
function ensurePanicRegistry(): void {
  const g = globalThis as unknown as { PRISMA_WASM_PANIC_REGISTRY?: PanicRegistry };
  g.PRISMA_WASM_PANIC_REGISTRY ??= {
    set_message(message: string) {
      lastPanic = message;
    },
  };
}

/** One glue closure + one wasm instance. Timers created by the engine are tracked. */
function instantiateGlue(timers: Set<NodeJS.Timeout>): GlueExports {
  const { glueSource, exportNames, wasmModule, importModuleName } = loadAssets();
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const factory = new Function(`"use strict";\n${glueSource}\nreturn { ${exportNames.join(', ')} };`) as () => GlueExports;
  const glue = factory();
  const imports: Record<string, unknown> = { ...glue };
  for (const name of exportNames) {
    if (!name.startsWith('__wbg_setTimeout_')) continue;
    imports[name] = (callback: () => void, ms: number) => {
      const timer: NodeJS.Timeout = setTimeout(() => {
        timers.delete(timer);
        callback();
      }, ms >>> 0);
      timers.add(timer);
      return timer;
    };
  }
  const instance = new wasmApi.Instance(wasmModule, { [importModuleName]: imports });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return glue;
}

export type EngineLogger = (message: string) => void;

export interface OpenEngineOptions {
  /** Prisma schema files as [path, content]. */
  datamodels: [string, string][];
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  /** Receives the engine's own log lines (JSON strings). */
  onEngineLog?: EngineLogger;
}

/**
 * A schema engine bound to one adapter factory. Always `close()` it (in a finally): that frees the
 * wasm engine and clears its timers. Disposing the adapters is the caller's job (see adapters.ts).
 */
export class Engine {
  private closed = false;
  private freed = false;
  private inFlight = 0;
  private constructor(
    private readonly engine: WasmSchemaEngine,
    private readonly glue: GlueExports,
    private readonly timers: Set<NodeJS.Timeout>,
    private readonly errors: ErrorRegistry,
  ) {}

  static async open(options: OpenEngineOptions): Promise<Engine> {
    ensurePanicRegistry();
    const timers = new Set<NodeJS.Timeout>();
    const glue = instantiateGlue(timers);
    const bound = bindMigrationAwareSqlAdapterFactory(options.adapterFactory);
    const log = options.onEngineLog ?? (() => {});
    try {
      const engine = await glue.SchemaEngine.new({ datamodels: options.datamodels }, (line: string) => log(String(line)), bound);
      return new Engine(engine, glue, timers, bound.errorRegistry);
    } catch (error) {
      for (const t of timers) clearTimeout(t);
      throw toEngineError(error, bound.errorRegistry);
    } finally {
      unrefAll(timers);
    }
  }

  /** Timers the engine left pending, and how many of them would keep the process alive. */
  pendingTimers(): { pending: number; keepingProcessAlive: number } {
    return { pending: this.timers.size, keepingProcessAlive: [...this.timers].filter((t) => t.hasRef()).length };
  }

  version(): string {
    return this.glue.version();
  }

  private async run<T>(op: (engine: WasmSchemaEngine) => Promise<T>): Promise<T> {
    if (this.closed) throw new Error('schema engine already closed');
    this.inFlight++;
    try {
      return await op(this.engine);
    } catch (error) {
      throw toEngineError(error, this.errors);
    } finally {
      this.inFlight--;
      // e.g. the advisory-lock timeout stays pending for ~10 s after applyMigrations
      unrefAll(this.timers);
      if (this.closed && this.inFlight === 0) this.free();
    }
  }

  applyMigrations(input: ApplyMigrationsInput): Promise<ApplyMigrationsOutput> {
    return this.run((e) => e.applyMigrations(input));
  }
  diagnoseMigrationHistory(input: DiagnoseMigrationHistoryInput): Promise<DiagnoseMigrationHistoryOutput> {
    return this.run((e) => e.diagnoseMigrationHistory(input));
  }
  devDiagnostic(input: DevDiagnosticInput): Promise<DevDiagnosticOutput> {
    return this.run((e) => e.devDiagnostic(input));
  }
  diff(params: DiffParams): Promise<DiffResult> {
    return this.run((e) => e.diff(params));
  }
  reset(input: ResetInput): Promise<void> {
    return this.run((e) => e.reset(input));
  }
  async markMigrationRolledBack(input: MarkMigrationRolledBackInput): Promise<void> {
    await this.run((e) => e.markMigrationRolledBack(input));
  }

  /**
   * Frees the wasm engine and clears every timer it left behind; new operations are refused.
   * Freeing an engine in the middle of an operation crashes its wasm instance, so with operations
   * in flight the free waits until they settle. Idempotent.
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.inFlight === 0) this.free();
  }

  /** True once the wasm engine has actually been freed. */
  get isFreed(): boolean {
    return this.freed;
  }

  private free(): void {
    if (this.freed) return;
    this.freed = true;
    try {
      this.engine.free();
    } finally {
      for (const t of this.timers) clearTimeout(t);
      this.timers.clear();
    }
  }
}

function unrefAll(timers: Set<NodeJS.Timeout>): void {
  for (const t of timers) t.unref();
}

/** An error reported by the schema engine, with Prisma's error code when it has one (e.g. P3018). */
export class SchemaEngineError extends Error {
  readonly code?: string;
  readonly meta?: unknown;
  constructor(message: string, code?: string, meta?: unknown, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SchemaEngineError';
    this.code = code;
    this.meta = meta;
  }
}

function toEngineError(error: unknown, errors?: ErrorRegistry): Error {
  if (error instanceof SchemaEngineError) return error;
  const panic = lastPanic;
  lastPanic = undefined;
  const e = error as { message?: unknown; code?: unknown; error_code?: unknown; meta?: unknown } | undefined;
  let message = typeof e?.message === 'string' ? e.message : typeof error === 'string' ? error : JSON.stringify(error);
  let code = typeof e?.code === 'string' ? e.code : typeof e?.error_code === 'string' ? e.error_code : undefined;
  let meta = e?.meta;
  // Some versions serialise the user-facing error as JSON into the message.
  if (message.startsWith('{')) {
    try {
      const parsed = JSON.parse(message) as { message?: string; error_code?: string; meta?: unknown; is_panic?: boolean };
      if (parsed.message) message = parsed.message;
      code ??= parsed.error_code;
      meta ??= parsed.meta;
    } catch {
      /* keep as is */
    }
  }
  // A JavaScript error thrown by an adapter reaches us as "External error id#N": recover it.
  const external = /External error id#(\d+)/.exec(message);
  if (external && errors) {
    const record = errors.consumeError(Number(external[1]));
    const original = record?.error as { message?: unknown } | undefined;
    if (original) message = message.replace(external[0], `adapter error: ${String(original.message ?? original)}`);
  }
  // Errors carry a Rust span trace ("   0: sql_schema_connector::… at …rs:113"): keep it out of
  // the message (it stays on `cause`), but use it to recognise a migration that failed to apply.
  const traceAt = message.search(/^\s+0: /m);
  const trace = traceAt >= 0 ? message.slice(traceAt) : '';
  if (traceAt >= 0) message = message.slice(0, traceAt).trimEnd();
  if (!code && /apply_migration::apply_script/.test(trace)) {
    const migrationName = /migration_name="([^"]+)"/.exec(trace)?.[1];
    code = 'P3018';
    meta ??= { migrationName };
    message =
      `Migration ${migrationName ?? '(unknown)'} failed to apply; it is recorded as failed and none of its changes were kept.\n` +
      message.replace(/^external connector error\n/, '');
  }
  if (panic) message = `schema engine panicked: ${panic}\n${message}`;
  return new SchemaEngineError(message, code, meta, { cause: error });
}
