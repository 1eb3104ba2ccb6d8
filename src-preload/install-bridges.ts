import type { ContextBridgeLike, IpcRendererLike } from './bridge-types.js';
import { createContractBridge } from './contract-bridge.js';
import { createMediaBridge } from './media-bridge.js';
import { windowKindFromArgv, type PreloadWindowKind } from './window-argument.js';

/** The names the preload puts on `window`, per window kind. Nothing else is exposed. */
export const EXPOSED_KEYS: Readonly<Record<PreloadWindowKind, readonly string[]>> = {
  main: ['plusphone'],
  popup: ['plusphone'],
  media: ['plusphoneMedia'],
};

/**
 * Exposes the bridge this window kind may have: UI windows get the IPC contract, the media
 * window gets media serving. A window without a (valid) kind gets nothing.
 */
export function installBridges(deps: {
  contextBridge: ContextBridgeLike;
  ipcRenderer: IpcRendererLike;
  argv: readonly string[];
}): PreloadWindowKind | null {
  const kind = windowKindFromArgv(deps.argv);
  switch (kind) {
    case 'main':
    case 'popup':
      deps.contextBridge.exposeInMainWorld('plusphone', createContractBridge(deps.ipcRenderer));
      break;
    case 'media':
      deps.contextBridge.exposeInMainWorld('plusphoneMedia', createMediaBridge(deps.ipcRenderer));
      break;
    case null:
      console.error('[plusphone] preload: no valid --plusphone-window argument; nothing exposed');
      break;
  }
  return kind;
}
