import type { HandlersOf } from '../../../src-shared/contract/define.js';
import type { settingsRequests } from '../../../src-shared/contract/requests/settings.js';
import type { SettingsStore } from './settings-store.js';

export function settingsHandlers(store: SettingsStore): HandlersOf<typeof settingsRequests> {
  return {
    'settings.get': () => store.get(),
    'settings.update': (patch) => store.update(patch),
  };
}
