/**
 * Structured one-line JSON logs. Never pass request variables or passwords here: callers log ids,
 * codes and messages only.
 */
type Level = 'debug' | 'info' | 'warn' | 'error';
export type LogSink = (line: string) => void;

let sink: LogSink = (line) => process.stderr.write(`${line}\n`);
const quiet = () => process.env.OPENIOM_LOG_LEVEL === 'silent';

/** Redirects log lines (tests capture them to prove what is and is not logged). */
export function setLogSink(next: LogSink): () => void {
  const previous = sink;
  sink = next;
  return () => {
    sink = previous;
  };
}

function write(level: Level, message: string, fields?: Record<string, unknown>) {
  if (quiet() && level !== 'error') return;
  sink(JSON.stringify({ time: new Date().toISOString(), level, message, ...fields }));
}

export const logger = {
  debug: (message: string, fields?: Record<string, unknown>) => write('debug', message, fields),
  info: (message: string, fields?: Record<string, unknown>) => write('info', message, fields),
  warn: (message: string, fields?: Record<string, unknown>) => write('warn', message, fields),
  error: (message: string, fields?: Record<string, unknown>) => write('error', message, fields),
};
