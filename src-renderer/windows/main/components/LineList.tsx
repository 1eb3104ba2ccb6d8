import { useT } from '../../../i18n/i18n-context.js';
import { usePhoneView } from '../../../app/phone-context.js';
import { LineItem } from './LineItem.js';

/** The phone's lines, newest last, and the last failed line action. */
export function LineList() {
  const t = useT();
  const lines = usePhoneView((s) => s.snapshot.lines);
  const actionError = usePhoneView((s) => s.lineActionError);
  return (
    <section className="panel lines" aria-labelledby="lines-heading">
      <h2 className="panel__heading" id="lines-heading">
        {t('lines.heading')}
      </h2>
      {lines.length === 0 ? (
        <p className="lines__empty" data-testid="lines-empty">
          {t('lines.empty')}
        </p>
      ) : (
        <ul className="lines__list" aria-live="polite">
          {lines.map((line) => (
            <LineItem key={line.id} line={line} />
          ))}
        </ul>
      )}
      {actionError && (
        <p className="form-error" role="alert" data-testid="line-error">
          {actionError}
        </p>
      )}
    </section>
  );
}
