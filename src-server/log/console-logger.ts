import { LOG_LEVEL_ORDER, type LogFields, type Logger, type LogLevel } from './logger.js';
import { redact } from './redact.js';

export interface ConsoleLoggerOptions {
  /** entries below this level are dropped; default 'info' */
  level?: LogLevel;
  /** where finished lines go; default stdout for debug/info, stderr for warn/error */
  write?: (level: LogLevel, line: string) => void;
  /** injected for tests */
  now?: () => Date;
}

/** One line per entry: `2025-01-01T00:00:00.000Z INFO message {"field":1}` with secrets redacted. */
export function createConsoleLogger(options: ConsoleLoggerOptions = {}): Logger {
  const threshold = LOG_LEVEL_ORDER[options.level ?? 'info'];
  const write = options.write ?? writeToConsole;
  const now = options.now ?? (() => new Date());

  const build = (bindings: LogFields): Logger => {
    const log = (level: LogLevel, message: string, fields?: LogFields): void => {
      if (LOG_LEVEL_ORDER[level] < threshold) return;
      const merged = fields ? { ...bindings, ...fields } : bindings;
      const extra = Object.keys(merged).length > 0 ? ` ${safeStringify(redact(merged))}` : '';
      write(level, `${now().toISOString()} ${level.toUpperCase()} ${message}${extra}`);
    };
    return {
      debug: (message, fields) => log('debug', message, fields),
      info: (message, fields) => log('info', message, fields),
      warn: (message, fields) => log('warn', message, fields),
      error: (message, fields) => log('error', message, fields),
      child: (more) => build({ ...bindings, ...more }),
    };
  };
  return build({});
}

function writeToConsole(level: LogLevel, line: string): void {
  if (level === 'warn' || level === 'error') process.stderr.write(`${line}\n`);
  else process.stdout.write(`${line}\n`);
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? item.toString() : item));
  } catch {
    return '"[unserialisable fields]"';
  }
}
