import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

/** One recorded figure; `ratio` = value / baseline for "higher is better" figures. */
export interface Figure {
  id: string;
  title: string;
  value: number;
  unit: string;
  baseline: number;
  baselineLabel: string;
  ratio: number;
  target: string;
  met: boolean;
  date: string;
  notes?: string;
}

export interface Throughput {
  opsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  count: number;
}

/**
 * Runs `operation` from `concurrency` loops for `durationMs` after a warm-up, and reports
 * throughput and latency percentiles.
 */
export async function measureThroughput(operation: () => Promise<void>, options: { durationMs: number; concurrency: number; warmupMs?: number }): Promise<Throughput> {
  const run = async (durationMs: number, record: boolean) => {
    const latencies: number[] = [];
    const deadline = performance.now() + durationMs;
    const start = performance.now();
    await Promise.all(
      Array.from({ length: options.concurrency }, async () => {
        while (performance.now() < deadline) {
          const t0 = performance.now();
          await operation();
          if (record) latencies.push(performance.now() - t0);
        }
      }),
    );
    return { latencies, elapsed: performance.now() - start };
  };
  await run(options.warmupMs ?? 1000, false);
  const { latencies, elapsed } = await run(options.durationMs, true);
  latencies.sort((a, b) => a - b);
  return {
    opsPerSecond: (latencies.length / elapsed) * 1000,
    p50Ms: latencies[Math.floor(latencies.length * 0.5)] ?? NaN,
    p95Ms: latencies[Math.floor(latencies.length * 0.95)] ?? NaN,
    count: latencies.length,
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const resultsJson = fileURLToPath(new URL('../results.json', import.meta.url));
const resultsMd = fileURLToPath(new URL('../RESULTS.md', import.meta.url));

/**
 * Merges figures into bench/results.json (one entry per id) and rewrites the table in RESULTS.md.
 * Run notes start with the figure id (`w1.orders_per_s: …`); notes of figures not re-run are kept.
 */
export function recordFigures(figures: Figure[], runNotes: string[]): void {
  const existing: Record<string, Omit<Figure, 'id'>> = existsSync(resultsJson) ? JSON.parse(readFileSync(resultsJson, 'utf8')) : {};
  for (const { id, ...figure } of figures) existing[id] = figure;
  writeFileSync(resultsJson, `${JSON.stringify(existing, null, 2)}\n`);

  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const rows = Object.entries(existing).map(
    ([id, f]) => `| \`${id}\` | ${f.title} | ${fmt(f.value)} ${f.unit} | ${fmt(f.baseline)} ${f.unit} (${f.baselineLabel}) | ${f.ratio.toFixed(2)}× | ${f.target} | ${f.met ? 'yes' : '**no**'} | ${f.date.slice(0, 10)} |`,
  );
  const marker = '<!-- figures -->';
  const current = existsSync(resultsMd) ? readFileSync(resultsMd, 'utf8') : `# Benchmark results\n\n${marker}\n${marker}\n`;
  const parts = current.split(marker);
  const noteId = (note: string) => note.split(':')[0];
  const rerun = new Set(runNotes.map(noteId));
  const keptNotes = parts.length >= 3 ? parts[1].split('\n').filter((line) => line.startsWith('- ')).map((line) => line.slice(2)).filter((note) => !rerun.has(noteId(note))) : [];
  const table = [
    marker,
    `Latest run on ${machine}.`,
    '',
    '| id | what | value | baseline (same run) | ratio | target | met | date |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    ...[...keptNotes, ...runNotes].map((note) => `- ${note}`),
    marker,
  ].join('\n');
  const next = parts.length >= 3 ? `${parts[0]}${table}${parts.slice(2).join(marker)}` : `${current}\n${table}\n`;
  writeFileSync(resultsMd, next);
}

function fmt(value: number): string {
  return value >= 100 ? value.toFixed(0) : value.toFixed(2);
}
