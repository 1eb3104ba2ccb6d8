import type { ShortcutRegistration } from '../../src-shared/domain/global-shortcuts.js';
import type { HandlersOf } from '../../src-shared/contract/define.js';
import type { IpcRequests } from '../../src-shared/contract/ipc-contract.js';
import type { PhoneSnapshot } from '../../src-shared/domain/phone-snapshot.js';
import type { MediaHostLink } from '../core/media/media-host-link.js';

/**
 * What the shell needs of the phone core (src-main/core PhoneService). The shell is written
 * against this shape so it can be tested with a stand-in, and main.ts passes the real service.
 */
export interface PhoneCore {
  readonly handlers: HandlersOf<IpcRequests>;
  start(): void;
  dispose(): Promise<void>;
  getSnapshot(): PhoneSnapshot;
  onSnapshot(listener: (snapshot: PhoneSnapshot) => void): () => void;
  /** the system went to sleep / woke up: the core's reconnect logic decides what to do */
  systemEvent?(event: 'suspend' | 'resume'): void;
  /** what the system took of the global shortcuts (shown in settings through the snapshot) */
  setGlobalShortcutReport?(report: readonly ShortcutRegistration[]): void;
  /** the media host window was re-created after its renderer died: renegotiate the calls' media */
  mediaHostRestarted?(): void;
}

export type PhoneCoreFactory = (mediaHost: MediaHostLink) => PhoneCore;
