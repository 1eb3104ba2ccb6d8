import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { recordingLogger } from '../testing/fake-electron.js';
import { installCrashHandler, reportGoneProcess, type ProcessLike } from './crash-handler.js';

describe('installCrashHandler', () => {
  it('logs every uncaught error, shows a bounded number of dialogs, and removes its listeners', () => {
    const proc = new EventEmitter() as EventEmitter & ProcessLike;
    const logger = recordingLogger();
    const dialogs: string[] = [];
    let t = 0;
    const uninstall = installCrashHandler({ process: proc, logger, logPath: 'C:\\logs\\plusphone.log', showError: (title, message) => dialogs.push(`${title}|${message}`), dialogIntervalMs: 1000, now: () => t });
    proc.emit('uncaughtException', new TypeError('x is undefined'));
    proc.emit('unhandledRejection', 'socket hang up');
    t = 1500;
    proc.emit('unhandledRejection', new Error('later'));
    expect(logger.entries.filter((e) => e.level === 'error').map((e) => e.message)).toEqual(['uncaught exception', 'uncaught rejection', 'uncaught rejection']);
    expect(dialogs).toHaveLength(2);
    expect(dialogs[0]).toContain('TypeError: x is undefined');
    expect(dialogs[0]).toContain('C:\\logs\\plusphone.log');
    uninstall();
    expect(proc.listenerCount('uncaughtException')).toBe(0);
    expect(proc.listenerCount('unhandledRejection')).toBe(0);
  });

  it('a dialog that fails is logged, not thrown', () => {
    const proc = new EventEmitter() as EventEmitter & ProcessLike;
    const logger = recordingLogger();
    installCrashHandler({ process: proc, logger, logPath: 'x', showError: () => { throw new Error('no display'); } });
    expect(() => proc.emit('uncaughtException', new Error('boom'))).not.toThrow();
    expect(logger.entries.map((e) => e.message)).toContain('could not show the error dialog');
  });
});

describe('reportGoneProcess', () => {
  it('treats only a clean exit as normal', () => {
    const logger = recordingLogger();
    expect(reportGoneProcess(logger, 'main window renderer', { reason: 'crashed', exitCode: 3 })).toBe(true);
    expect(reportGoneProcess(logger, 'popup renderer', { reason: 'clean-exit' })).toBe(false);
    expect(logger.entries.map((e) => e.level)).toEqual(['error', 'info']);
  });
});
