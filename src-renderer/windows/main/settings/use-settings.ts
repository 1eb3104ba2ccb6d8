import { useCallback, useEffect, useState } from 'react';
import type { PhoneSettings, SettingsPatch } from '../../../../src-shared/contract/requests/settings.js';
import { usePhoneIntents, usePhoneView } from '../../../app/phone-context.js';
import { userMessage } from '../../../store/phone-intents.js';

export interface SettingsAccess {
  /** null until the first answer */
  settings: PhoneSettings | null;
  /** saves a patch; the problem (Japanese, from the core's checks) or null when saved */
  save(patch: SettingsPatch): Promise<string | null>;
}

/**
 * The settings as main's snapshot carries them (so a change made elsewhere shows at once),
 * fetched once when an older core does not put them in the snapshot.
 */
export function useSettings(): SettingsAccess {
  const intents = usePhoneIntents();
  const fromSnapshot = usePhoneView((s) => s.snapshot.settings ?? null);
  const [fetched, setFetched] = useState<PhoneSettings | null>(null);
  const [saved, setSaved] = useState<PhoneSettings | null>(null);
  useEffect(() => {
    if (fromSnapshot) return;
    let current = true;
    void intents.request('settings.get', {}).then((result) => {
      if (current && result.ok) setFetched(result.value);
    });
    return () => {
      current = false;
    };
  }, [intents, fromSnapshot]);
  const save = useCallback(
    async (patch: SettingsPatch) => {
      const result = await intents.request('settings.update', patch);
      if (!result.ok) return userMessage(result.error);
      setSaved(result.value);
      return null;
    },
    [intents],
  );
  return { settings: fromSnapshot ?? saved ?? fetched, save };
}
