import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SHORTCUTS, defaultPhoneSettings, settingsPatchSchema } from '../../../src-shared/contract/requests/settings.js';
import { DEFAULT_GLOBAL_SHORTCUTS } from '../../../src-shared/domain/global-shortcuts.js';
import { ContractFailure } from '../../../src-shared/contract/result.js';
import { createSilentLogger } from '../logging/logger.js';
import { LocalDatabase, localSchemaVersion } from '../storage/local-database.js';
import { SettingsStore } from './settings-store.js';

const dirs: string[] = [];
const opened: LocalDatabase[] = [];
function open(path?: string): { local: LocalDatabase; store: SettingsStore } {
  const local = LocalDatabase.open(path);
  opened.push(local);
  return { local, store: new SettingsStore(local.db, createSilentLogger()) };
}
afterEach(() => {
  for (const local of opened.splice(0)) local.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function failureOf(action: () => unknown): ContractFailure {
  try {
    action();
  } catch (error) {
    if (error instanceof ContractFailure) return error;
    throw error;
  }
  throw new Error('expected a ContractFailure');
}

describe('SettingsStore', () => {
  it('a fresh database gives the documented defaults (migration v3 applied)', () => {
    const { local, store } = open();
    expect(localSchemaVersion(local.db)).toBeGreaterThanOrEqual(3);
    expect(store.get()).toEqual({
      language: 'ja',
      audio: { microphoneId: null, speakerId: null, ringerId: null, ringtone: 'classic' },
      links: { crm: null, numberSearch: null },
      shortcuts: DEFAULT_SHORTCUTS,
      startup: { atLogin: false, minimized: false },
      globalShortcuts: DEFAULT_GLOBAL_SHORTCUTS,
      dndDefault: false,
      autoAnswerIntercom: true,
    });
    expect(store.get()).toEqual(defaultPhoneSettings());
  });

  it('global shortcuts: one changed, one turned off, a malformed one refused with a clear message', () => {
    const { store } = open();
    const updated = store.update({ globalShortcuts: { answer: 'Ctrl+Shift+F9', mute: null } });
    expect(updated.globalShortcuts).toEqual({ ...DEFAULT_GLOBAL_SHORTCUTS, answer: 'Ctrl+Shift+F9', mute: null });
    expect(settingsPatchSchema.safeParse({ globalShortcuts: { hangup: 'H' } }).success).toBe(false);
  });

  it('a partial update merges into its section, survives a reopen and is heard by listeners', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plusphone-settings-'));
    dirs.push(dir);
    const path = join(dir, 'phone.sqlite3');
    const first = open(path);
    const heard: unknown[] = [];
    first.store.subscribe((settings) => heard.push(settings.audio));
    const updated = first.store.update({ audio: { speakerId: 'speaker-2' }, shortcuts: { mute: 'ctrl+alt+m' }, language: 'en' });
    expect(updated.audio).toEqual({ microphoneId: null, speakerId: 'speaker-2', ringerId: null, ringtone: 'classic' });
    expect(updated.shortcuts.mute).toBe('Ctrl+Alt+M');
    expect(updated.shortcuts.answer).toBe(DEFAULT_SHORTCUTS.answer);
    expect(heard).toEqual([updated.audio]);
    first.local.close();

    const second = open(path);
    expect(second.store.get()).toEqual(updated);
  });

  it('two actions on one key are refused with both names, and nothing is saved', () => {
    const { store } = open();
    const failure = failureOf(() => store.update({ shortcuts: { hold: 'Ctrl+Shift+A' } }));
    expect(failure.code).toBe('invalid-argument');
    expect(failure.message).toBe('ショートカットが重複しています: 応答 と 保留（Ctrl+Shift+A）');
    expect(store.get().shortcuts.hold).toBe(DEFAULT_SHORTCUTS.hold);
    // moving one first and then taking its key works; turning one off (null) frees its key
    store.update({ shortcuts: { answer: null } });
    expect(store.update({ shortcuts: { hold: 'Ctrl+Shift+A' } }).shortcuts.hold).toBe('Ctrl+Shift+A');
  });

  it.each([
    [{ shortcuts: { answer: 'A' } }, /Ctrl・Alt/],
    [{ shortcuts: { answer: 'Ctrl+Ctrl+A' } }, /形式/],
    [{ shortcuts: { answer: 'Ctrl+Shift+☃' } }, /使えないキー/],
    [{ shortcuts: { launch: 'Ctrl+L' } }, /launch|Unrecognized|キー/i],
    [{ links: { crm: 'javascript:alert(1)' } }, /http/],
    [{ links: { crm: 'https://{number}.evil.example/' } }, /ホスト名/],
    [{ language: 'fr' }, /language/],
    [{ audio: { ringtone: 'siren' } }, /ringtone/],
    [{ audio: { microphoneId: 'x'.repeat(300) } }, /microphoneId/],
    [{ startup: { atLogin: 'yes' } }, /atLogin/],
  ])('refuses %j with a clear message', (patch, message) => {
    const { store } = open();
    const before = store.get();
    const failure = failureOf(() => store.update(patch as never));
    expect(failure.code).toBe('invalid-argument');
    expect(failure.message).toMatch(message);
    expect(store.get()).toEqual(before);
  });

  it('accepts a function key alone, and a valid template override', () => {
    const { store } = open();
    const next = store.update({ shortcuts: { focusDialer: 'f6' }, links: { crm: '  https://crm.example.jp/?tel={number}  ' } });
    expect(next.shortcuts.focusDialer).toBe('F6');
    expect(next.links.crm).toBe('https://crm.example.jp/?tel={number}');
    expect(store.update({ links: { crm: '' } }).links.crm).toBeNull();
  });

  it('a damaged row costs only its own section its defaults', () => {
    const { local, store } = open();
    store.update({ language: 'en', audio: { ringtone: 'chime' } });
    local.db.prepare("UPDATE settings SET value = json('{\"ringtone\":\"siren\"}') WHERE section = 'audio'").run();
    local.db.prepare("INSERT INTO settings (section, value, updated_at) VALUES ('unknownFromNewerBuild', '1', 0)").run();
    const reread = new SettingsStore(local.db, createSilentLogger());
    expect(reread.get().audio.ringtone).toBe('classic');
    expect(reread.get().language).toBe('en');
  });

  it('a field written by a newer build is dropped, the section keeps its values', () => {
    const { local, store } = open();
    store.update({ audio: { ringtone: 'chime' } });
    local.db.prepare("UPDATE settings SET value = json_set(value, '$.equalizer', 'warm') WHERE section = 'audio'").run();
    const reread = new SettingsStore(local.db, createSilentLogger());
    expect(reread.get().audio).toEqual({ microphoneId: null, speakerId: null, ringerId: null, ringtone: 'chime' });
  });

  it('an update that changes nothing writes nothing and tells nobody', () => {
    const { local, store } = open();
    let heard = 0;
    store.subscribe(() => heard++);
    store.update({ language: 'ja', audio: {} });
    expect(heard).toBe(0);
    expect(local.db.prepare('SELECT count(*) FROM settings').pluck().get()).toBe(0);
  });
});
