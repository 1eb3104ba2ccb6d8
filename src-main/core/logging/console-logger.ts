import type { LogFields, Logger } from './logger.js';

type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Readonly<Record<Level, number>> = { debug: 10, info: 20, warn: 30, error: 40 };

/** One line per entry on stderr: `level message {fields}`. PLUSPHONE_LOG=debug shows everything. */
export function createConsoleLogger(minLevel: Level = (process.env.PLUSPHONE_LOG as Level) ?? 'info', bindings: LogFields = {}): Logger {
  const threshold = ORDER[minLevel] ?? ORDER.info;
  const write = (level: Level, message: string, fields?: LogFields) => {
    if (ORDER[level] < threshold) return;
    const all = { ...bindings, ...fields };
    const suffix = Object.keys(all).length > 0 ? ` ${JSON.stringify(all)}` : '';
    process.stderr.write(`${new Date().toISOString()} ${level.padEnd(5)} ${message}${suffix}\n`);
  };
  return {
    debug: (message, fields) => write('debug', message, fields),
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
    child: (more) => createConsoleLogger(minLevel, { ...bindings, ...more }),
  };
}
