// Structured log lines for operators and developers. The rule: a log line names what happened
// (method, error code, device, counts, durations), never what a person typed or showed. Callers
// pass only such fields; there is deliberately no way to log a payload.
export type LogField = string | number | boolean | null;
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  log(level: LogLevel, event: string, fields?: Record<string, LogField>): void;
  info(event: string, fields?: Record<string, LogField>): void;
  warn(event: string, fields?: Record<string, LogField>): void;
  error(event: string, fields?: Record<string, LogField>): void;
}

export type LogSink = (line: string) => void;

export function createLogger(sink: LogSink, now: () => Date = () => new Date()): Logger {
  const log = (level: LogLevel, event: string, fields: Record<string, LogField> = {}) => {
    sink(JSON.stringify({ t: now().toISOString(), level, event, ...fields }));
  };
  return {
    log,
    info: (e, f) => log('info', e, f),
    warn: (e, f) => log('warn', e, f),
    error: (e, f) => log('error', e, f),
  };
}

/** Where an unexpected error came from, without its message (which may quote input). */
export function errorOrigin(err: unknown): string {
  if (!(err instanceof Error)) return typeof err;
  const frames = (err.stack ?? '').split('\n').slice(1, 4).map((l) => l.trim());
  return [err.name, ...frames].join(' | ');
}

export const silentLogger: Logger = createLogger(() => {});
