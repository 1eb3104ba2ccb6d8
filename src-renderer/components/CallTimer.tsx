import { formatCallDuration } from '../format/call-duration.js';
import { useT } from '../i18n/i18n-context.js';
import { useNow } from '../hooks/use-now.js';

/** mm:ss since the call was connected, ticking once a second. */
export function CallTimer({ connectedAt, className, testId }: { connectedAt: number; className: string; testId: string }) {
  const t = useT();
  const now = useNow();
  return (
    <span className={className} role="timer" aria-label={t('lines.duration')} data-testid={testId}>
      {formatCallDuration(now - connectedAt)}
    </span>
  );
}
