/**
 * The server's logging seam. Every service takes a Logger so tests can capture or silence
 * output; fields are redacted before they are written (see redact.ts), so passwords, tokens
 * and digest secrets never reach a log even when a caller passes them by mistake.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export { createSilentLogger, type LogFields, type Logger } from '../../src-shared/logging/logger.js';

export const LOG_LEVEL_ORDER: Readonly<Record<LogLevel, number>> = { debug: 10, info: 20, warn: 30, error: 40 };

