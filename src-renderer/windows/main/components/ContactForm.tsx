import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { PhonebookListing } from '../../../../src-shared/contract/requests/phonebook.js';
import { PHONEBOOK_LIMITS } from '../../../../src-shared/phonebook/phonebook-entry.js';
import { usePhoneIntents } from '../../../app/phone-context.js';
import { useT } from '../../../i18n/i18n-context.js';
import { userMessage } from '../../../store/phone-intents.js';

export interface ContactDraft {
  /** set when editing an existing local entry */
  id?: number;
  name: string;
  reading: string;
  company: string;
  department: string;
  notes: string;
  numbers: { label: string; number: string }[];
}

export const emptyDraft = (number = '', name = ''): ContactDraft => ({
  name,
  reading: '',
  company: '',
  department: '',
  notes: '',
  numbers: [{ label: '', number }],
});

export const draftOf = (entry: PhonebookListing): ContactDraft => ({
  id: entry.id,
  name: entry.name,
  reading: entry.reading,
  company: entry.company,
  department: entry.department,
  notes: entry.notes,
  numbers: entry.numbers.map((n) => ({ label: n.label, number: n.digits })),
});

const MAX_NUMBERS = PHONEBOOK_LIMITS.numbers;

/**
 * Add or edit a local phonebook entry, in a modal dialog (keyboard: Esc closes, focus stays
 * inside). Main validates; its message is shown as it comes.
 */
export function ContactForm({ draft, onClose, onSaved }: { draft: ContactDraft; onClose: () => void; onSaved: (entry: PhonebookListing) => void }) {
  const t = useT();
  const intents = usePhoneIntents();
  const ids = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [form, setForm] = useState<ContactDraft>(draft);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  const set = (field: keyof Omit<ContactDraft, 'numbers' | 'id'>) => (event: { currentTarget: { value: string } }) => {
    const value = event.currentTarget.value;
    setForm((current) => ({ ...current, [field]: value }));
  };
  const setNumber = (index: number, field: 'label' | 'number', value: string) =>
    setForm((current) => ({ ...current, numbers: current.numbers.map((n, i) => (i === index ? { ...n, [field]: value } : n)) }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setPending(true);
    const numbers = form.numbers.filter((n) => n.number.trim() !== '');
    const fields = { name: form.name, reading: form.reading, company: form.company, department: form.department, notes: form.notes, numbers };
    const result = form.id === undefined ? await intents.request('phonebook.create', fields) : await intents.request('phonebook.update', { id: form.id, ...fields });
    setPending(false);
    if (!result.ok) {
      setError(userMessage(result.error));
      return;
    }
    onSaved(result.value);
    onClose();
  };

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby={`${ids}-title`} data-testid="contact-form" onClose={onClose}>
      <form className="dialog__form" onSubmit={(event) => void submit(event)}>
        <h2 className="dialog__title" id={`${ids}-title`}>
          {t(form.id === undefined ? 'phonebook.add' : 'phonebook.edit')}
        </h2>
        <div className="dialog__grid">
          <label htmlFor={`${ids}-name`}>{t('phonebook.field.name')}</label>
          <input id={`${ids}-name`} className="field__control" required maxLength={PHONEBOOK_LIMITS.name} value={form.name} onChange={set('name')} data-testid="contact-name" />
          <label htmlFor={`${ids}-reading`}>{t('phonebook.field.reading')}</label>
          <input id={`${ids}-reading`} className="field__control" maxLength={PHONEBOOK_LIMITS.reading} value={form.reading} onChange={set('reading')} data-testid="contact-reading" />
          <label htmlFor={`${ids}-company`}>{t('phonebook.field.company')}</label>
          <input id={`${ids}-company`} className="field__control" maxLength={PHONEBOOK_LIMITS.company} value={form.company} onChange={set('company')} data-testid="contact-company" />
          <label htmlFor={`${ids}-department`}>{t('phonebook.field.department')}</label>
          <input id={`${ids}-department`} className="field__control" maxLength={PHONEBOOK_LIMITS.department} value={form.department} onChange={set('department')} data-testid="contact-department" />
        </div>
        <fieldset className="dialog__numbers">
          <legend>{t('phonebook.field.numbers')}</legend>
          {form.numbers.map((n, index) => (
            <div className="dialog__number" key={index}>
              <input
                className="field__control dialog__label"
                aria-label={t('phonebook.field.label', { n: String(index + 1) })}
                placeholder={t('phonebook.field.labelPlaceholder')}
                maxLength={PHONEBOOK_LIMITS.label}
                value={n.label}
                onChange={(event) => setNumber(index, 'label', event.currentTarget.value)}
              />
              <input
                className="field__control"
                aria-label={t('phonebook.field.number', { n: String(index + 1) })}
                inputMode="tel"
                maxLength={40}
                value={n.number}
                onChange={(event) => setNumber(index, 'number', event.currentTarget.value)}
                data-testid={`contact-number-${index}`}
              />
              {form.numbers.length > 1 && (
                <button
                  type="button"
                  className="btn btn--quiet btn--small"
                  aria-label={t('phonebook.removeNumber', { n: String(index + 1) })}
                  onClick={() => setForm((current) => ({ ...current, numbers: current.numbers.filter((_, i) => i !== index) }))}
                >
                  ×
                </button>
              )}
            </div>
          ))}
          {form.numbers.length < MAX_NUMBERS && (
            <button type="button" className="btn btn--quiet btn--small" onClick={() => setForm((current) => ({ ...current, numbers: [...current.numbers, { label: '', number: '' }] }))}>
              {t('phonebook.addNumber')}
            </button>
          )}
        </fieldset>
        <label htmlFor={`${ids}-notes`}>{t('phonebook.field.notes')}</label>
        <textarea id={`${ids}-notes`} className="field__control" rows={2} maxLength={PHONEBOOK_LIMITS.notes} value={form.notes} onChange={set('notes')} />
        {error && (
          <p className="form-error" role="alert" data-testid="contact-error">
            {error}
          </p>
        )}
        <div className="dialog__actions">
          <button type="button" className="btn btn--quiet" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn--primary" disabled={pending} data-testid="contact-save">
            {t('common.save')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
