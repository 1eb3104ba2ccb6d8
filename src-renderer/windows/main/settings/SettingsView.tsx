import { useEffect, useState, type FormEvent } from 'react';
import type { PhoneSettings, SettingsPatch } from '../../../../src-shared/contract/requests/settings.js';
import { useT } from '../../../i18n/i18n-context.js';
import { AudioSettings } from './AudioSettings.js';
import { GlobalShortcutSettings } from './GlobalShortcutSettings.js';
import { ShortcutSettings } from './ShortcutSettings.js';
import { useSettings } from './use-settings.js';

/** 設定: audio, shortcuts, link templates, startup and language (kept by the core per PC). */
export function SettingsView() {
  const t = useT();
  const { settings, save } = useSettings();
  if (!settings) {
    return (
      <p className="settings__loading" role="status">
        {t('settings.loading')}
      </p>
    );
  }
  return (
    <div className="settings" data-testid="settings-view">
      <AudioSettings settings={settings} />
      <ShortcutSettings saved={settings.shortcuts} onSave={(shortcuts) => save({ shortcuts })} />
      <GlobalShortcutSettings saved={settings.globalShortcuts} save={save} />
      <LinkSettings settings={settings} save={save} />
      <GeneralSettings settings={settings} save={save} />
    </div>
  );
}

type Save = (patch: SettingsPatch) => Promise<string | null>;

function LinkSettings({ settings, save }: { settings: PhoneSettings; save: Save }) {
  const t = useT();
  const [crm, setCrm] = useState(settings.links.crm ?? '');
  const [search, setSearch] = useState(settings.links.numberSearch ?? '');
  const [status, setStatus] = useState<{ kind: 'saved' | 'error'; text: string } | null>(null);
  useEffect(() => {
    setCrm(settings.links.crm ?? '');
    setSearch(settings.links.numberSearch ?? '');
  }, [settings.links.crm, settings.links.numberSearch]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = await save({ links: { crm: crm.trim() || null, numberSearch: search.trim() || null } });
    setStatus(problem ? { kind: 'error', text: problem } : { kind: 'saved', text: t('settings.saved') });
  };
  return (
    <section className="panel settings__section" aria-labelledby="settings-links-heading" data-testid="settings-links">
      <h2 className="panel__heading" id="settings-links-heading">
        {t('settings.links')}
      </h2>
      <form className="settings__grid" onSubmit={(event) => void submit(event)}>
        <div className="settings__row">
          <label className="field__label" htmlFor="settings-crm">
            {t('settings.crmTemplate')}
          </label>
          <input id="settings-crm" className="field__control settings__url" type="url" value={crm} placeholder="https://crm.example.jp/search?tel={number}" data-testid="settings-crm" onChange={(event) => setCrm(event.currentTarget.value)} />
        </div>
        <div className="settings__row">
          <label className="field__label" htmlFor="settings-search">
            {t('settings.searchTemplate')}
          </label>
          <input id="settings-search" className="field__control settings__url" type="url" value={search} placeholder="https://www.google.com/search?q={number}" data-testid="settings-search" onChange={(event) => setSearch(event.currentTarget.value)} />
        </div>
        <p className="settings__hint">{t('settings.linksHint')}</p>
        <div className="settings__actions">
          <button type="submit" className="btn btn--primary" data-testid="settings-links-save">
            {t('settings.save')}
          </button>
          {status && (
            <span className={status.kind === 'error' ? 'form-error' : 'settings__notice'} role={status.kind === 'error' ? 'alert' : 'status'} data-testid="settings-links-status">
              {status.text}
            </span>
          )}
        </div>
      </form>
    </section>
  );
}

function GeneralSettings({ settings, save }: { settings: PhoneSettings; save: Save }) {
  const t = useT();
  const [problem, setProblem] = useState<string | null>(null);
  const apply = (patch: SettingsPatch) => void save(patch).then(setProblem);
  const checkbox = (id: string, label: string, checked: boolean, patch: (on: boolean) => SettingsPatch) => (
    <label className="settings__check-row" htmlFor={id}>
      <input id={id} type="checkbox" checked={checked} data-testid={id} onChange={(event) => apply(patch(event.currentTarget.checked))} />
      {label}
    </label>
  );
  return (
    <section className="panel settings__section" aria-labelledby="settings-general-heading" data-testid="settings-general">
      <h2 className="panel__heading" id="settings-general-heading">
        {t('settings.general')}
      </h2>
      <div className="settings__grid">
        <div className="settings__row">
          <label className="field__label" htmlFor="settings-language">
            {t('settings.language')}
          </label>
          <select
            id="settings-language"
            className="field__control"
            data-testid="settings-language"
            value={settings.language}
            onChange={(event) => apply({ language: event.currentTarget.value === 'en' ? 'en' : 'ja' })}
          >
            <option value="ja" lang="ja">日本語</option>
            <option value="en" lang="en">English</option>
          </select>
        </div>
        <fieldset className="settings__fieldset">
          <legend className="field__label">{t('settings.startup')}</legend>
          {checkbox('settings-start-at-login', t('settings.startAtLogin'), settings.startup.atLogin, (on) => ({ startup: { atLogin: on } }))}
          {checkbox('settings-start-minimized', t('settings.startMinimized'), settings.startup.minimized, (on) => ({ startup: { minimized: on } }))}
          {checkbox('settings-dnd-default', t('settings.dndDefault'), settings.dndDefault, (on) => ({ dndDefault: on }))}
          {checkbox('settings-auto-answer', t('settings.autoAnswerIntercom'), settings.autoAnswerIntercom, (on) => ({ autoAnswerIntercom: on }))}
        </fieldset>
      </div>
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
