import { formatJapaneseNumber } from '../../../../src-shared/domain/phone-number.js';
import type { LineSnapshot } from '../../../../src-shared/domain/phone-snapshot.js';
import { lineEndReasonKey, lineStateKey } from '../../../format/line-text.js';
import { useT } from '../../../i18n/i18n-context.js';
import { usePhoneIntents } from '../../../app/phone-context.js';
import { CallTimer } from '../../../components/CallTimer.js';
import { LineControls } from './LineControls.js';

/** One call: who, which state, how long, and what the user can do with it. */
export function LineItem({ line }: { line: LineSnapshot }) {
  const t = useT();
  const intents = usePhoneIntents();
  const live = line.state !== 'ended';
  const talking = line.state === 'connected' || line.state === 'held';
  return (
    <li className={`line line--${line.state}`} data-testid="line" data-state={line.state} data-line-id={line.id}>
      <div className="line__party">
        <span className="line__direction">{t(line.direction === 'incoming' ? 'lines.incoming' : 'lines.outgoing')}</span>
        <span className="line__number" data-testid="line-remote-number">
          {formatJapaneseNumber(line.remoteNumber)}
        </span>
        {line.remoteName && (
          <span className="line__name" data-testid="line-remote-name">
            {line.remoteName}
          </span>
        )}
      </div>
      <div className="line__status">
        <span className="line__state" data-testid="line-state">
          {t(lineStateKey[line.state])}
        </span>
        {talking && line.connectedAt !== null && <CallTimer connectedAt={line.connectedAt} className="line__timer" testId="line-timer" />}
        {line.muted && (
          <span className="line__badge" data-testid="line-muted">
            {t('controls.mutedBadge')}
          </span>
        )}
        {line.callWaiting && line.state === 'ringingIn' && <span className="line__badge">{t('lines.callWaiting')}</span>}
        {line.state === 'ended' && line.endReason && (
          <span className="line__reason">{t(lineEndReasonKey[line.endReason])}</span>
        )}
        {line.direction === 'incoming' && line.calledNumber && (
          <span className="line__called" data-testid="line-called">
            {line.calledLabel ? `${line.calledLabel} ` : ''}
            {formatJapaneseNumber(line.calledNumber)}
          </span>
        )}
        {line.direction === 'outgoing' && line.callerNumber && (
          <span className="line__called" data-testid="line-caller-number">
            {t('lines.callerNumber', { number: formatJapaneseNumber(line.callerNumber) })}
          </span>
        )}
      </div>
      {talking && <LineControls line={line} />}
      {live && !talking && (
        <div className="line__actions">
          {line.state === 'ringingIn' && (
            <>
              <button type="button" className="btn btn--answer" data-testid="line-answer" onClick={() => void intents.answer(line.id)}>
                {t('lines.answer')}
              </button>
              <button type="button" className="btn btn--quiet" data-testid="line-reject" onClick={() => void intents.reject(line.id)}>
                {t('lines.reject')}
              </button>
            </>
          )}
          {line.state !== 'ringingIn' && (
            <button type="button" className="btn btn--hangup" data-testid="line-hangup" onClick={() => void intents.hangup(line.id)}>
              {t('lines.hangup')}
            </button>
          )}
        </div>
      )}
    </li>
  );
}
