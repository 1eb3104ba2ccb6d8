import { useState } from 'react';
import type { LineSnapshot } from '../../../../src-shared/domain/phone-snapshot.js';
import { useT } from '../../../i18n/i18n-context.js';
import type { PhoneIntents } from '../../../store/phone-intents.js';
import { userMessage } from '../../../store/phone-intents.js';
import { copyText } from '../../../app/copy-text.js';

type LinkKind = 'crm' | 'search';

/**
 * 番号コピー, 番号検索 and CRM for the caller of a popup. Links are built by main from the
 * provisioned templates (only http/https ever comes back); where main cannot open a browser (the
 * browser host), the page opens the URL itself, without giving it a handle on this window.
 */
export function PopupTools({ line, intents }: { line: LineSnapshot; intents: Pick<PhoneIntents, 'request'> }) {
  const t = useT();
  const [note, setNote] = useState<string | null>(null);
  const copy = async () => {
    setNote((await copyText(line.remoteNumber)) ? t('popup.copied') : t('popup.copyFailed'));
  };
  const open = async (kind: LinkKind) => {
    setNote(null);
    const result = await intents.request('links.open', { kind, lineId: line.id });
    if (!result.ok) {
      setNote(userMessage(result.error));
      return;
    }
    if (!result.value.opened) window.open(result.value.url, '_blank', 'noopener,noreferrer');
  };
  return (
    <div className="popup__tools">
      <button type="button" className="btn btn--quiet btn--small" data-testid="popup-copy" onClick={() => void copy()}>
        {t('popup.copy')}
      </button>
      <button type="button" className="btn btn--quiet btn--small" data-testid="popup-search" onClick={() => void open('search')}>
        {t('popup.search')}
      </button>
      <button type="button" className="btn btn--quiet btn--small" data-testid="popup-crm" onClick={() => void open('crm')}>
        {t('popup.crm')}
      </button>
      {note && (
        <span className="popup__note" role="status" data-testid="popup-note">
          {note}
        </span>
      )}
    </div>
  );
}
