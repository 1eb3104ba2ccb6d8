import { useEffect, useId, useState, type ChangeEvent } from 'react';
import type { PhonebookImportReport, PhonebookListing } from '../../../../src-shared/contract/requests/phonebook.js';
import { formatJapaneseNumber } from '../../../../src-shared/domain/phone-number.js';
import { usePhoneIntents, usePhoneStore } from '../../../app/phone-context.js';
import { useT } from '../../../i18n/i18n-context.js';
import { userMessage } from '../../../store/phone-intents.js';
import { ContactForm, draftOf, emptyDraft, type ContactDraft } from './ContactForm.js';

type BookTab = 'all' | 'local' | 'web';
const SHOWN = 200;

function base64Of(bytes: ArrayBuffer): string {
  let binary = '';
  const view = new Uint8Array(bytes);
  for (let i = 0; i < view.length; i += 0x8000) binary += String.fromCharCode(...view.subarray(i, i + 0x8000));
  return btoa(binary);
}

function download(fileName: string, base64: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'text/csv' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * 電話帳: the local phonebook and the Web電話帳 (cached, usable offline) searched together by
 * name, reading (kana folded), company and number digits; a number dials; local entries are
 * added, edited and deleted here; CSV import (all rows or none, with a per-row report) and export.
 */
export function PhonebookView({ pendingDraft, onDraftTaken }: { pendingDraft: ContactDraft | null; onDraftTaken: () => void }) {
  const t = useT();
  const intents = usePhoneIntents();
  const store = usePhoneStore();
  const ids = useId();
  const [tab, setTab] = useState<BookTab>('all');
  const [query, setQuery] = useState('');
  const [result, setResult] = useState<{ total: number; entries: PhonebookListing[] }>({ total: 0, entries: [] });
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<ContactDraft | null>(null);
  const [report, setReport] = useState<PhonebookImportReport | null>(null);
  const [revision, setRevision] = useState(0);

  useEffect(() => {
    if (pendingDraft) {
      setEditing(pendingDraft);
      onDraftTaken();
    }
  }, [pendingDraft, onDraftTaken]);

  useEffect(() => {
    let current = true;
    void intents.request('phonebook.search', { query, limit: SHOWN }).then((found) => {
      if (!current) return; // a newer keystroke's answer wins
      if (found.ok) {
        setResult(found.value);
        setError(null);
      } else {
        setError(userMessage(found.error));
      }
    });
    return () => {
      current = false;
    };
  }, [intents, query, revision]);

  const entries = result.entries.filter((entry) => tab === 'all' || entry.book === tab);
  const refresh = () => setRevision((r) => r + 1);

  const dial = (digits: string) => {
    store.getState().setDialDigits(digits);
    void intents.dial();
  };

  const remove = async (entry: PhonebookListing) => {
    if (!window.confirm(t('phonebook.confirmDelete', { name: entry.name }))) return;
    const done = await intents.request('phonebook.delete', { id: entry.id });
    if (!done.ok) setError(userMessage(done.error));
    refresh();
  };

  const importFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.currentTarget.files?.[0];
    event.currentTarget.value = '';
    if (!file) return;
    setReport(null);
    const imported = await intents.request('phonebook.importCsv', { base64: base64Of(await file.arrayBuffer()), mode: 'append' });
    if (!imported.ok) {
      setError(userMessage(imported.error));
      return;
    }
    setReport(imported.value);
    refresh();
  };

  const exportFile = async (encoding: 'utf8' | 'sjis') => {
    const exported = await intents.request('phonebook.exportCsv', { encoding });
    if (exported.ok) download(exported.value.fileName, exported.value.base64);
    else setError(userMessage(exported.error));
  };

  return (
    <section className="panel phonebook" aria-labelledby={`${ids}-heading`} data-testid="phonebook-view">
      <div className="panel__header">
        <h2 className="panel__heading" id={`${ids}-heading`}>
          {t('phonebook.heading')}
        </h2>
        <div className="segmented" role="group" aria-label={t('phonebook.books')}>
          {(['all', 'local', 'web'] as const).map((book) => (
            <button key={book} type="button" className="segmented__item" aria-pressed={tab === book} data-testid={`phonebook-tab-${book}`} onClick={() => setTab(book)}>
              {t(`phonebook.book.${book}`)}
            </button>
          ))}
        </div>
      </div>
      <div className="phonebook__bar">
        <input
          type="search"
          className="field__control phonebook__search"
          aria-label={t('phonebook.search')}
          placeholder={t('phonebook.searchPlaceholder')}
          maxLength={100}
          value={query}
          data-testid="phonebook-search"
          onChange={(event) => setQuery(event.currentTarget.value)}
        />
        <button type="button" className="btn btn--primary" data-testid="phonebook-add" onClick={() => setEditing(emptyDraft())}>
          {t('phonebook.add')}
        </button>
        <label className="btn btn--quiet file-button">
          {t('phonebook.import')}
          <input type="file" accept=".csv,text/csv" className="visually-hidden" data-testid="phonebook-import" onChange={(event) => void importFile(event)} />
        </label>
        <button type="button" className="btn btn--quiet" data-testid="phonebook-export" onClick={() => void exportFile('utf8')}>
          {t('phonebook.exportUtf8')}
        </button>
        <button type="button" className="btn btn--quiet" data-testid="phonebook-export-sjis" onClick={() => void exportFile('sjis')}>
          {t('phonebook.exportSjis')}
        </button>
      </div>
      {error && (
        <p className="form-error" role="alert" data-testid="phonebook-error">
          {error}
        </p>
      )}
      {report && <ImportReport report={report} onDismiss={() => setReport(null)} />}
      <p className="phonebook__count" aria-live="polite" data-testid="phonebook-count">
        {t('phonebook.count', { shown: String(entries.length), total: String(result.total) })}
      </p>
      <ul className="contact-list" data-testid="phonebook-results">
        {entries.map((entry) => (
          <li key={`${entry.book}-${entry.id}`} className="contact" data-testid="phonebook-entry" data-book={entry.book}>
            <div className="contact__who">
              <span className="contact__name" data-testid="phonebook-entry-name">
                {entry.name}
              </span>
              {entry.reading && <span className="contact__reading">{entry.reading}</span>}
              <span className="contact__book">{t(`phonebook.book.${entry.book}`)}</span>
              {(entry.company || entry.department) && <span className="contact__company">{[entry.company, entry.department].filter(Boolean).join(' ')}</span>}
            </div>
            <div className="contact__numbers">
              {entry.numbers.map((n) => (
                <button key={`${n.label}-${n.digits}`} type="button" className="btn btn--quiet btn--small" data-testid="phonebook-dial" aria-label={t('phonebook.dialLabel', { name: entry.name, number: formatJapaneseNumber(n.digits) })} onClick={() => dial(n.digits)}>
                  {n.label && <span className="contact__label">{n.label}</span>} {formatJapaneseNumber(n.digits)}
                </button>
              ))}
            </div>
            {entry.book === 'local' && (
              <div className="contact__actions">
                <button type="button" className="btn btn--quiet btn--small" data-testid="phonebook-edit" onClick={() => setEditing(draftOf(entry))}>
                  {t('phonebook.edit')}
                </button>
                <button type="button" className="btn btn--quiet btn--small" data-testid="phonebook-delete" onClick={() => void remove(entry)}>
                  {t('phonebook.delete')}
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
      {editing && <ContactForm draft={editing} onClose={() => setEditing(null)} onSaved={refresh} />}
    </section>
  );
}

function ImportReport({ report, onDismiss }: { report: PhonebookImportReport; onDismiss: () => void }) {
  const t = useT();
  return (
    <div className={`import-report ${report.imported ? '' : 'import-report--rejected'}`} role="status" data-testid="import-report">
      {report.imported ? (
        <p>{t('phonebook.imported', { added: String(report.added), encoding: report.encoding === 'sjis' ? 'Shift_JIS' : 'UTF-8' })}</p>
      ) : (
        <>
          <p data-testid="import-rejected">{t('phonebook.importRejected', { reason: report.reason })}</p>
          {report.problems.length > 0 && (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('phonebook.report.row')}</th>
                  <th scope="col">{t('phonebook.report.column')}</th>
                  <th scope="col">{t('phonebook.report.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {report.problems.map((problem, index) => (
                  <tr key={index} data-testid="import-problem">
                    <td className="num">{problem.row}</td>
                    <td>{problem.column}</td>
                    <td>{problem.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {report.truncated && <p>{t('phonebook.report.truncated')}</p>}
        </>
      )}
      <button type="button" className="btn btn--quiet btn--small" onClick={onDismiss}>
        {t('common.close')}
      </button>
    </div>
  );
}
