import type { HandlersOf } from '../../src-shared/contract/define.js';
import type { IpcRequests } from '../../src-shared/contract/ipc-contract.js';
import type { PhoneSnapshot } from '../../src-shared/domain/phone-snapshot.js';
import type { MediaHostLink } from '../core/media/media-host-link.js';

/** What the browser host needs of a phone core (PhoneService has this shape). */
export interface HostedPhone {
  readonly handlers: HandlersOf<IpcRequests>;
  start(): void;
  dispose(): Promise<void>;
  getSnapshot(): PhoneSnapshot;
  onSnapshot(listener: (snapshot: PhoneSnapshot) => void): () => void;
}

/** One phone per page connection; its media host is that page. */
export type HostedPhoneFactory = (mediaHost: MediaHostLink) => HostedPhone;
