/**
 * The server's logging seam. Every service takes a Logger so tests can capture or silence
 * output; fields are redacted before they are written (see redact.ts), so passwords, tokens
 * and digest secrets never reach a log even when a caller passes them by mistake.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export type LogFields = Readonly<Record<string, unknown>>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger that adds `bindings` (e.g. `{ component: 'pbx' }`) to every entry. */
  child(bindings: LogFields): Logger;
}

export const LOG_LEVEL_ORDER: Readonly<Record<LogLevel, number>> = { debug: 10, info: 20, warn: 30, error: 40 };

/** A logger that writes nothing: the default for tests and embedded use. */
export function createSilentLogger(): Logger {
  const silent: Logger = {
    debug: () => undefined,
    info: () => undefined,
    warn: () => undefined,
    error: () => undefined,
    child: () => silent,
  };
  return silent;
}
