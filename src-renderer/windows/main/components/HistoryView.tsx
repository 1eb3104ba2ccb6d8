import { useCallback, useEffect, useState } from 'react';
import type { CallHistoryEntry, CallResult, HistoryFilter } from '../../../../src-shared/domain/call-history.js';
import { formatJapaneseNumber } from '../../../../src-shared/domain/phone-number.js';
import { usePhoneIntents, usePhoneView } from '../../../app/phone-context.js';
import { formatCallDuration } from '../../../format/call-duration.js';
import { useT } from '../../../i18n/i18n-context.js';
import type { MessageKey } from '../../../i18n/ja.js';
import { userMessage } from '../../../store/phone-intents.js';

const FILTERS: ReadonlyArray<{ filter: HistoryFilter; key: MessageKey }> = [
  { filter: 'all', key: 'history.filter.all' },
  { filter: 'missed', key: 'history.filter.missed' },
  { filter: 'incoming', key: 'history.filter.incoming' },
  { filter: 'outgoing', key: 'history.filter.outgoing' },
];

const RESULT_KEY: Readonly<Record<CallResult, MessageKey>> = {
  answered: 'history.result.answered',
  missed: 'history.result.missed',
  answeredElsewhere: 'history.result.answeredElsewhere',
  rejected: 'history.result.rejected',
  busy: 'history.result.busy',
  cancelled: 'history.result.cancelled',
  failed: 'history.result.failed',
};

const PAGE = 100;

const when = (epochMs: number): string =>
  new Date(epochMs).toLocaleString('ja-JP', { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });

/**
 * 発着信履歴: every call of this account, newest first, filtered; the charge of outgoing calls;
 * callback, and adding the number to the local phonebook. Opening the view marks missed calls seen.
 */
export function HistoryView({ onAddToPhonebook }: { onAddToPhonebook: (number: string, name: string) => void }) {
  const t = useT();
  const intents = usePhoneIntents();
  const [filter, setFilter] = useState<HistoryFilter>('all');
  const [entries, setEntries] = useState<CallHistoryEntry[]>([]);
  const [error, setError] = useState<string | null>(null);
  // only a call that ends is recorded: reload when a line ends, not on every state change
  const endedLineIds = usePhoneView((s) =>
    s.snapshot.lines
      .filter((line) => line.state === 'ended')
      .map((line) => line.id)
      .join(),
  );
  const missed = usePhoneView((s) => s.snapshot.missedCalls);

  const load = useCallback(async () => {
    const result = await intents.request('history.list', { filter, limit: PAGE });
    if (result.ok) {
      setEntries(result.value);
      setError(null);
    } else {
      setError(userMessage(result.error));
    }
  }, [intents, filter]);

  useEffect(() => {
    void load();
  }, [load, endedLineIds]);

  useEffect(() => {
    if (missed > 0) void intents.request('history.markSeen', {});
  }, [intents, missed]);

  return (
    <section className="panel history" aria-labelledby="history-heading" data-testid="history-view">
      <div className="panel__header">
        <h2 className="panel__heading" id="history-heading">
          {t('history.heading')}
        </h2>
        <div className="segmented" role="group" aria-label={t('history.filterLabel')}>
          {FILTERS.map(({ filter: f, key }) => (
            <button key={f} type="button" className="segmented__item" aria-pressed={filter === f} data-testid={`history-filter-${f}`} onClick={() => setFilter(f)}>
              {t(key)}
            </button>
          ))}
        </div>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {entries.length === 0 ? (
        <p className="lines__empty" data-testid="history-empty">
          {t('history.empty')}
        </p>
      ) : (
        <table className="table history__table" data-testid="history-table">
          <thead>
            <tr>
              <th scope="col">{t('history.col.time')}</th>
              <th scope="col">{t('history.col.party')}</th>
              <th scope="col">{t('history.col.result')}</th>
              <th scope="col">{t('history.col.duration')}</th>
              <th scope="col" className="num">
                {t('history.col.charge')}
              </th>
              <th scope="col">
                <span className="visually-hidden">{t('history.col.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id} className={`history__row history__row--${entry.result}`} data-testid="history-row" data-result={entry.result} data-direction={entry.direction}>
                <td className="num">{when(entry.startedAt)}</td>
                <td>
                  <span className="history__direction">{t(entry.direction === 'incoming' ? 'lines.incoming' : 'lines.outgoing')}</span>{' '}
                  <span className="history__number" data-testid="history-number">
                    {formatJapaneseNumber(entry.remoteNumber)}
                  </span>
                  {entry.remoteName && <span className="history__name"> {entry.remoteName}</span>}
                  {entry.direction === 'incoming' && entry.calledLabel && <span className="history__called"> ({entry.calledLabel})</span>}
                </td>
                <td data-testid="history-result">{t(RESULT_KEY[entry.result])}</td>
                <td className="num">{entry.durationSeconds > 0 ? formatCallDuration(entry.durationSeconds * 1000) : '—'}</td>
                <td className="num" data-testid="history-charge">
                  {entry.charge.priced ? t('history.yen', { yen: String(entry.charge.yen) }) : <span title={entry.charge.reason}>—</span>}
                </td>
                <td className="history__actions">
                  <button type="button" className="btn btn--quiet btn--small" data-testid="history-callback" onClick={() => void intents.lineRequest('history.callback', { entryId: entry.id })}>
                    {t('history.callback')}
                  </button>
                  <button type="button" className="btn btn--quiet btn--small" data-testid="history-add-contact" onClick={() => onAddToPhonebook(entry.remoteNumber, entry.remoteName)}>
                    {t('history.addContact')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
