import type { MediaResult } from '../../src-shared/contract/media-contract.js';
import type { MediaHost } from '../media/media-host.js';

/** Read-only view of the page's media sessions, for e2e tests and support in the browser host. */
export interface MediaDiagnostics {
  stats(): Promise<MediaResult<'media.stats'>>;
}

declare global {
  interface Window {
    __plusphoneMedia?: MediaDiagnostics;
  }
}

/** Exposed in the browser host only (a development and test host); never in Electron windows. */
export function exposeMediaDiagnostics(win: Window, host: MediaHost): () => void {
  win.__plusphoneMedia = { stats: async () => host.handlers['media.stats']({}) };
  return () => {
    delete win.__plusphoneMedia;
  };
}
