import { useState, type FormEvent } from 'react';
import type { PhoneSettings, SettingsPatch } from '../../../../src-shared/contract/requests/settings.js';
import { GLOBAL_SHORTCUT_ACTIONS, type GlobalShortcutAction, type ShortcutRegistrationStatus } from '../../../../src-shared/domain/global-shortcuts.js';
import { usePhoneView } from '../../../app/phone-context.js';
import { useT } from '../../../i18n/i18n-context.js';
import type { MessageKey } from '../../../i18n/ja.js';

const LABEL: Readonly<Record<GlobalShortcutAction, MessageKey>> = {
  answer: 'globalShortcut.answer',
  hangup: 'globalShortcut.hangup',
  mute: 'globalShortcut.mute',
  toggleDialer: 'globalShortcut.toggleDialer',
  dialSelection: 'globalShortcut.dialSelection',
};

const STATUS: Readonly<Record<ShortcutRegistrationStatus, MessageKey>> = {
  registered: 'globalShortcut.status.registered',
  off: 'globalShortcut.status.off',
  invalid: 'globalShortcut.status.invalid',
  duplicate: 'globalShortcut.status.duplicate',
  unavailable: 'globalShortcut.status.unavailable',
};

type Bindings = PhoneSettings['globalShortcuts'];

/**
 * The Windows app's system-wide shortcuts (they work while another program has focus), in
 * Electron's spelling (Ctrl+Alt+A). What the system actually took is shown per row — a key that
 * another program holds is reported, not silently lost. In the browser host they do nothing.
 */
export function GlobalShortcutSettings({ saved, save }: { saved: Bindings; save: (patch: SettingsPatch) => Promise<string | null> }) {
  const t = useT();
  const report = usePhoneView((s) => s.snapshot.globalShortcuts);
  const [draft, setDraft] = useState<Record<GlobalShortcutAction, string>>(() => textOf(saved));
  const [status, setStatus] = useState<{ kind: 'saved' | 'error'; text: string } | null>(null);
  // every snapshot brings a new settings object: start over only when the saved bindings change
  const savedKey = GLOBAL_SHORTCUT_ACTIONS.map((action) => saved[action] ?? '').join('|');
  const [draftBase, setDraftBase] = useState(savedKey);
  if (draftBase !== savedKey) {
    setDraftBase(savedKey);
    setDraft(textOf(saved));
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const patch = Object.fromEntries(GLOBAL_SHORTCUT_ACTIONS.map((action) => [action, draft[action].trim() === '' ? null : draft[action].trim()])) as Bindings;
    const problem = await save({ globalShortcuts: patch });
    setStatus(problem ? { kind: 'error', text: problem } : { kind: 'saved', text: t('settings.saved') });
  };

  return (
    <section className="panel settings__section" aria-labelledby="settings-global-heading" data-testid="settings-global-shortcuts">
      <h2 className="panel__heading" id="settings-global-heading">
        {t('globalShortcut.heading')}
      </h2>
      <p className="settings__hint">{t(report ? 'globalShortcut.hint' : 'globalShortcut.hintBrowser')}</p>
      <form onSubmit={(event) => void submit(event)}>
        <table className="table">
          <tbody>
            {GLOBAL_SHORTCUT_ACTIONS.map((action) => {
              const entry = report?.find((r) => r.action === action);
              return (
                <tr key={action} data-testid={`global-shortcut-${action}`}>
                  <th scope="row">
                    <label htmlFor={`global-${action}`}>{t(LABEL[action])}</label>
                  </th>
                  <td>
                    <input
                      id={`global-${action}`}
                      className="field__control"
                      maxLength={64}
                      spellCheck={false}
                      value={draft[action]}
                      placeholder={t('globalShortcut.off')}
                      onChange={(event) => {
                        const value = event.currentTarget.value;
                        setDraft((current) => ({ ...current, [action]: value }));
                      }}
                    />
                  </td>
                  <td data-testid="global-shortcut-status" className={entry && entry.status !== 'registered' && entry.status !== 'off' ? 'settings__problem' : undefined}>
                    {entry ? t(STATUS[entry.status]) : ''}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <div className="settings__actions">
          <button type="submit" className="btn btn--primary">
            {t('common.save')}
          </button>
          {status && (
            <span role={status.kind === 'error' ? 'alert' : 'status'} className={status.kind === 'error' ? 'form-error' : undefined}>
              {status.text}
            </span>
          )}
        </div>
      </form>
    </section>
  );
}

function textOf(bindings: Bindings): Record<GlobalShortcutAction, string> {
  return Object.fromEntries(GLOBAL_SHORTCUT_ACTIONS.map((action) => [action, bindings[action] ?? ''])) as Record<GlobalShortcutAction, string>;
}
