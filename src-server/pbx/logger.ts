/**
 * The logging surface the PBX needs. Any logger with these four methods fits (console, pino-like
 * adapters, the server's own logger). Never pass secrets or whole SIP messages at info level.
 */
export type LogFields = Readonly<Record<string, unknown>>;

export interface PbxLogger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

const ignore = (): void => undefined;

export const silentLogger: PbxLogger = { debug: ignore, info: ignore, warn: ignore, error: ignore };

export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Run a promise nobody awaits: a rejection is logged instead of becoming an unhandled rejection. */
export function runDetached(promise: Promise<unknown>, logger: PbxLogger, what: string): void {
  promise.catch((error: unknown) => logger.error(`${what} failed`, { error: describeError(error) }));
}
