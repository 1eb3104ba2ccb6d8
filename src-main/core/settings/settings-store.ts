import type Database from 'better-sqlite3';
import {
  SETTINGS_SECTIONS,
  settingsSectionSchemas,
  shortcutConflict,
  type PhoneSettings,
  type SettingsPatch,
  type SettingsSection,
  phoneSettingsSchema,
  settingsPatchSchema,
} from '../../../src-shared/contract/requests/settings.js';
import { ContractFailure } from '../../../src-shared/contract/result.js';
import type { Logger } from '../logging/logger.js';

export type SettingsListener = (settings: PhoneSettings) => void;

/**
 * Typed settings in the local database (migration v3). Reads give a complete PhoneSettings with
 * defaults for anything never saved; a row that no longer validates (hand-edited, written by a
 * build with other rules) is logged and replaced by its defaults on read, without failing the rest.
 * `update` merges a partial patch, validates the result as a whole (shortcut conflicts included)
 * and writes the changed sections in one transaction.
 */
export class SettingsStore {
  private current: PhoneSettings;
  private readonly listeners = new Set<SettingsListener>();
  private readonly selectAll: Database.Statement<[], { section: string; value: string }>;
  private readonly upsert: Database.Statement<[string, string, number]>;
  private readonly writeSections: (sections: ReadonlyArray<[SettingsSection, unknown]>) => void;

  constructor(
    db: Database.Database,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {
    this.selectAll = db.prepare('SELECT section, value FROM settings');
    this.upsert = db.prepare(
      'INSERT INTO settings (section, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (section) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
    );
    this.writeSections = db.transaction((sections: ReadonlyArray<[SettingsSection, unknown]>) => {
      const at = this.now();
      for (const [section, value] of sections) this.upsert.run(section, JSON.stringify(value), at);
    });
    this.current = this.load();
  }

  get(): PhoneSettings {
    return this.current;
  }

  /** Listeners hear every saved change (not the current value). */
  subscribe(listener: SettingsListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Merge `patch` (untrusted: validated here too) into the settings and save what changed.
   * Throws ContractFailure('invalid-argument') with a Japanese message for a bad value or two
   * shortcuts on the same key; nothing is saved then.
   */
  update(patch: SettingsPatch): PhoneSettings {
    const parsedPatch = settingsPatchSchema.safeParse(patch);
    if (!parsedPatch.success) throw invalid(parsedPatch.error.issues);
    const merged: Record<string, unknown> = { ...this.current };
    for (const [section, value] of Object.entries(parsedPatch.data) as Array<[SettingsSection, unknown]>) {
      if (value === undefined) continue;
      const before = this.current[section];
      merged[section] = isPlainObject(before) && isPlainObject(value) ? { ...before, ...withoutUndefined(value) } : value;
    }
    const conflict = shortcutConflict(merged.shortcuts as PhoneSettings['shortcuts']);
    if (conflict) throw new ContractFailure('invalid-argument', conflict);
    const parsed = phoneSettingsSchema.safeParse(merged);
    if (!parsed.success) throw invalid(parsed.error.issues);
    const next = parsed.data;
    const changed = SETTINGS_SECTIONS.filter((section) => JSON.stringify(next[section]) !== JSON.stringify(this.current[section]));
    if (changed.length === 0) return this.current;
    this.writeSections(changed.map((section) => [section, next[section]]));
    this.current = next;
    for (const listener of [...this.listeners]) {
      try {
        listener(next);
      } catch (error) {
        this.logger.error('settings listener failed', { error: String(error) });
      }
    }
    return next;
  }

  dispose(): void {
    this.listeners.clear();
  }

  private load(): PhoneSettings {
    const stored = new Map<string, unknown>();
    for (const row of this.selectAll.all()) {
      try {
        stored.set(row.section, JSON.parse(row.value));
      } catch {
        this.logger.warn('settings: unreadable row ignored', { section: row.section });
      }
    }
    const settings: Record<string, unknown> = {};
    for (const section of SETTINGS_SECTIONS) {
      const schema = settingsSectionSchemas[section];
      const parsed = schema.safeParse(stored.get(section));
      if (parsed.success) {
        settings[section] = parsed.data;
      } else {
        this.logger.warn('settings: invalid section replaced by its defaults', { section });
        settings[section] = schema.parse(undefined);
      }
    }
    return settings as PhoneSettings;
  }
}

function invalid(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): ContractFailure {
  const first = issues[0];
  const where = first && first.path.length > 0 ? `${first.path.map(String).join('.')}: ` : '';
  return new ContractFailure('invalid-argument', `${where}${first?.message ?? '設定の値が正しくありません'}`);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function withoutUndefined(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}
