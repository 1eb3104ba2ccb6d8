/**
 * Uncaught errors in the main process — and renderers or helpers that die — are written to the
 * rotating log and shown to the user, never swallowed. The app keeps running when it can (a
 * phone that stays up beats one that vanishes mid-day); the dialog says where the log is.
 */
import type { Logger } from '../../core/logging/logger.js';

export interface ProcessLike {
  on(event: 'uncaughtException', listener: (error: Error) => void): this;
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): this;
  removeListener(event: 'uncaughtException', listener: (error: Error) => void): this;
  removeListener(event: 'unhandledRejection', listener: (reason: unknown) => void): this;
}

export interface CrashHandlerOptions {
  process: ProcessLike;
  logger: Logger;
  /** where the log file is, for the message */
  logPath: string;
  showError(title: string, message: string): void;
  /** at most one dialog per this many ms (a loop of errors must not bury the desktop in dialogs) */
  dialogIntervalMs?: number;
  now?: () => number;
}

export function describeCrash(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}${error.stack ? `\n${error.stack.split('\n').slice(1, 6).join('\n')}` : ''}`;
  return String(error).slice(0, 500);
}

export function installCrashHandler(options: CrashHandlerOptions): () => void {
  const interval = options.dialogIntervalMs ?? 60_000;
  const now = options.now ?? Date.now;
  let lastDialog = -Infinity;
  const report = (kind: string, error: unknown): void => {
    const detail = describeCrash(error);
    options.logger.error(`uncaught ${kind}`, { error: detail });
    if (now() - lastDialog < interval) return;
    lastDialog = now();
    try {
      options.showError(
        'PlusPhone でエラーが発生しました',
        `予期しないエラーが発生しました。通話が切れた場合はもう一度おかけください。\n\n${detail.split('\n')[0]}\n\nログ: ${options.logPath}`,
      );
    } catch (dialogError) {
      options.logger.error('could not show the error dialog', { error: describeCrash(dialogError) });
    }
  };
  const onException = (error: Error): void => report('exception', error);
  const onRejection = (reason: unknown): void => report('rejection', reason);
  options.process.on('uncaughtException', onException);
  options.process.on('unhandledRejection', onRejection);
  return () => {
    options.process.removeListener('uncaughtException', onException);
    options.process.removeListener('unhandledRejection', onRejection);
  };
}

/** A renderer or child process that died: logged, and shown when it was not a clean exit. */
export function reportGoneProcess(logger: Logger, what: string, details: { reason: string; exitCode?: number }): boolean {
  const clean = details.reason === 'clean-exit';
  (clean ? logger.info : logger.error).call(logger, `${what} gone`, { reason: details.reason, exitCode: details.exitCode });
  return !clean;
}
