import { fetchHostConfig, ipcSocketUrl } from '../client/host-config.js';
import type { TransportMessages } from '../client/renderer-bridge.js';
import { WsBridge } from '../client/ws-bridge.js';
import { createBrowserMediaHost } from '../media-browser/browser-media-host.js';
import { exposeMediaDiagnostics } from '../media-browser/media-diagnostics.js';
import { DEFAULT_SERVER_URL } from './defaults.js';
import type { WindowConnection } from './window-connection.js';

/**
 * The page served by the browser host (src-main/host): the contract over a WebSocket to /ipc,
 * and this page as the media host (its WebRTC, microphone and speakers).
 */
export async function connectBrowserHost(
  win: Window & typeof globalThis,
  audioContainer: HTMLElement,
  messages: TransportMessages,
): Promise<WindowConnection> {
  const media = createBrowserMediaHost(win, audioContainer);
  const hideDiagnostics = exposeMediaDiagnostics(win, media.host);
  try {
    const [config, bridge] = await Promise.all([
      fetchHostConfig(win.fetch.bind(win)),
      WsBridge.connect({ url: ipcSocketUrl(win.location), messages, serveMedia: media.serve }),
    ]);
    return {
      bridge,
      defaultServerUrl: config?.defaultServerUrl ?? DEFAULT_SERVER_URL,
      inBrowserHost: true,
      onClosed: (listener) => bridge.onClose(() => listener()),
      dispose: () => {
        bridge.close();
        hideDiagnostics();
        media.dispose();
      },
    };
  } catch (error) {
    hideDiagnostics();
    media.dispose();
    throw error;
  }
}
