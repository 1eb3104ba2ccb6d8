/**
 * The one logging seam of every layer (core, shell, host, server): services take a Logger so
 * tests can capture or silence output. Implementations must never write secrets.
 */
export type LogFields = Readonly<Record<string, unknown>>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger that adds `bindings` (e.g. `{ component: 'sip' }`) to every entry. */
  child(bindings: LogFields): Logger;
}

/** Writes nothing: the default when the host does not pass a logger. */
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

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
