/**
 * Registers the global shortcuts with the system and reports, per action, whether that worked:
 * an invalid accelerator, one used twice, or one another program already holds (Electron's
 * register returns false) is shown in settings instead of failing silently.
 */
import {
  acceleratorKey,
  GLOBAL_SHORTCUT_ACTIONS,
  isValidGlobalAccelerator,
  type GlobalShortcutAction,
  type GlobalShortcutBindings,
  type ShortcutRegistration,
} from '../../../src-shared/domain/global-shortcuts.js';

export type { ShortcutRegistration, ShortcutRegistrationStatus } from '../../../src-shared/domain/global-shortcuts.js';

export interface GlobalShortcutLike {
  register(accelerator: string, callback: () => void): boolean;
  unregister(accelerator: string): void;
}


export class GlobalShortcuts {
  private registered: string[] = [];
  private report: ShortcutRegistration[] = [];

  constructor(
    private readonly globalShortcut: GlobalShortcutLike,
    private readonly run: (action: GlobalShortcutAction) => void,
  ) {}

  /** Replace every registration with `bindings`; returns (and keeps) the per-action report. */
  apply(bindings: GlobalShortcutBindings): ShortcutRegistration[] {
    this.unregisterAll();
    const seen = new Map<string, GlobalShortcutAction>();
    this.report = GLOBAL_SHORTCUT_ACTIONS.map((action): ShortcutRegistration => {
      const accelerator = bindings[action];
      if (accelerator === null || accelerator.trim() === '') return { action, accelerator: null, status: 'off' };
      if (!isValidGlobalAccelerator(accelerator)) return { action, accelerator, status: 'invalid' };
      const key = acceleratorKey(accelerator);
      if (seen.has(key)) return { action, accelerator, status: 'duplicate' };
      seen.set(key, action);
      let ok: boolean;
      try {
        ok = this.globalShortcut.register(accelerator, () => this.run(action));
      } catch {
        ok = false; // Electron throws for accelerators it cannot parse on this platform
      }
      if (!ok) return { action, accelerator, status: 'unavailable' };
      this.registered.push(accelerator);
      return { action, accelerator, status: 'registered' };
    });
    return this.report;
  }

  get lastReport(): readonly ShortcutRegistration[] {
    return this.report;
  }

  dispose(): void {
    this.unregisterAll();
  }

  private unregisterAll(): void {
    for (const accelerator of this.registered.splice(0)) this.globalShortcut.unregister(accelerator);
  }
}
