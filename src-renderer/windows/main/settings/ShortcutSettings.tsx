import { useState, type KeyboardEvent } from 'react';
import {
  DEFAULT_SHORTCUTS,
  normalizeShortcut,
  SHORTCUT_ACTIONS,
  type PhoneSettings,
  type ShortcutAction,
} from '../../../../src-shared/contract/requests/settings.js';
import { useT } from '../../../i18n/i18n-context.js';
import type { MessageKey } from '../../../i18n/ja.js';
import { acceleratorOf, conflictingActions } from '../../../keyboard/app-shortcuts.js';

type Bindings = PhoneSettings['shortcuts'];

export const SHORTCUT_LABEL: Readonly<Record<ShortcutAction, MessageKey>> = {
  answer: 'shortcut.answer',
  hangup: 'shortcut.hangup',
  hold: 'shortcut.hold',
  mute: 'shortcut.mute',
  park: 'shortcut.park',
  focusDialer: 'shortcut.focusDialer',
  redial: 'shortcut.redial',
};

const MODIFIER_KEYS = new Set(['Control', 'Shift', 'Alt', 'Meta', 'AltGraph', 'CapsLock', 'Process', 'Unidentified']);

/**
 * The in-app shortcuts: focus a field and press the keys (Tab and Shift+Tab still move on;
 * Backspace or Delete alone clears). Conflicts and unusable keys are shown per row, and the
 * set is saved only without them.
 */
export function ShortcutSettings({ saved, onSave }: { saved: Bindings; onSave: (next: Bindings) => Promise<string | null> }) {
  const t = useT();
  const [draft, setDraft] = useState<Bindings>(saved);
  const [problems, setProblems] = useState<Partial<Record<ShortcutAction, string>>>({});
  const [status, setStatus] = useState<{ kind: 'saved' | 'error'; text: string } | null>(null);
  // every snapshot brings a new settings object: start over only when the saved bindings change
  const savedKey = SHORTCUT_ACTIONS.map((action) => saved[action] ?? '').join('|');
  const [draftBase, setDraftBase] = useState(savedKey);
  if (draftBase !== savedKey) {
    setDraftBase(savedKey);
    setDraft(saved);
  }
  const conflicts = conflictingActions(draft);
  const changed = SHORTCUT_ACTIONS.some((action) => draft[action] !== saved[action]);
  const blocked = conflicts.size > 0 || Object.keys(problems).length > 0;

  const capture = (action: ShortcutAction, event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Tab' && !event.ctrlKey && !event.altKey && !event.metaKey) return;
    event.preventDefault();
    event.stopPropagation();
    if (MODIFIER_KEYS.has(event.key)) return;
    setStatus(null);
    const plain = !event.ctrlKey && !event.altKey && !event.metaKey && !event.shiftKey;
    if (plain && (event.key === 'Backspace' || event.key === 'Delete')) {
      setDraft((current) => ({ ...current, [action]: null }));
      setProblems(({ [action]: _cleared, ...rest }) => rest);
      return;
    }
    const accelerator = acceleratorOf(event.nativeEvent);
    const checked = accelerator ? normalizeShortcut(accelerator) : ({ ok: false, problem: t('settings.shortcutUnusable') } as const);
    if (!checked.ok) {
      setProblems((current) => ({ ...current, [action]: checked.problem }));
      return;
    }
    setProblems(({ [action]: _cleared, ...rest }) => rest);
    setDraft((current) => ({ ...current, [action]: checked.value }));
  };

  const save = async () => {
    const problem = await onSave(draft);
    setStatus(problem ? { kind: 'error', text: problem } : { kind: 'saved', text: t('settings.saved') });
  };

  return (
    <section className="panel settings__section" aria-labelledby="settings-shortcuts-heading" data-testid="settings-shortcuts">
      <h2 className="panel__heading" id="settings-shortcuts-heading">
        {t('settings.shortcuts')}
      </h2>
      <p className="settings__hint" id="settings-shortcuts-hint">
        {t('settings.shortcutsHint')}
      </p>
      <table className="settings__shortcuts">
        <tbody>
          {SHORTCUT_ACTIONS.map((action) => {
            const problem = problems[action] ?? (conflicts.has(action) ? t('settings.shortcutConflict') : undefined);
            return (
              <tr key={action} className={problem ? 'is-invalid' : undefined}>
                <th scope="row">
                  <label htmlFor={`shortcut-${action}`}>{t(SHORTCUT_LABEL[action])}</label>
                </th>
                <td>
                  <input
                    id={`shortcut-${action}`}
                    className="field__control settings__key"
                    readOnly
                    value={draft[action] ?? ''}
                    placeholder={t('settings.shortcutOff')}
                    aria-describedby={problem ? `shortcut-${action}-problem` : 'settings-shortcuts-hint'}
                    aria-invalid={problem ? true : undefined}
                    data-testid={`shortcut-${action}`}
                    onKeyDown={(event) => capture(action, event)}
                  />
                </td>
                <td>
                  {problem && (
                    <span className="form-error" id={`shortcut-${action}-problem`} data-testid={`shortcut-${action}-problem`}>
                      {problem}
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="settings__actions">
        <button
          type="button"
          className="btn btn--quiet"
          data-testid="shortcuts-defaults"
          onClick={() => {
            setDraft({ ...DEFAULT_SHORTCUTS });
            setProblems({});
            setStatus(null);
          }}
        >
          {t('settings.shortcutDefaults')}
        </button>
        <button type="button" className="btn btn--primary" data-testid="shortcuts-save" disabled={!changed || blocked} onClick={() => void save()}>
          {t('settings.save')}
        </button>
        {status && (
          <span className={status.kind === 'error' ? 'form-error' : 'settings__notice'} role={status.kind === 'error' ? 'alert' : 'status'} data-testid="shortcuts-status">
            {status.text}
          </span>
        )}
      </div>
    </section>
  );
}
