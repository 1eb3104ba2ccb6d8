import { createBrowserMediaHost } from '../media-browser/browser-media-host.js';

/**
 * The hidden Electron media window: it owns the peer connections, the microphone and the
 * speakers, so UI windows can reload without cutting audio. Main sends media requests
 * through the preload's `plusphoneMedia.serve`.
 */
function start(): void {
  const serveBridge = window.plusphoneMedia;
  if (!serveBridge) {
    console.error('[plusphone] media window started without its preload bridge');
    return;
  }
  const audio = document.getElementById('media-audio');
  if (!audio) throw new Error('#media-audio is missing from media.html');
  const media = createBrowserMediaHost(window, audio);
  serveBridge.serve(media.serve);
  window.addEventListener('pagehide', () => media.dispose(), { once: true });
}

start();
