import type { RendererBridge } from '../client/renderer-bridge.js';
import { DEFAULT_SERVER_URL } from './defaults.js';

/** How a window reaches main, and what it learned while connecting. */
export interface WindowConnection {
  bridge: RendererBridge;
  defaultServerUrl: string;
  /** true in the browser host: the page also hosts media and shows the popup as an overlay */
  inBrowserHost: boolean;
  /** called when the connection to main is lost for good */
  onClosed(listener: () => void): () => void;
  dispose(): void;
}

/** An Electron window: the preload's bridge; main outlives the window. */
export function electronConnection(bridge: RendererBridge): WindowConnection {
  return {
    bridge,
    defaultServerUrl: DEFAULT_SERVER_URL,
    inBrowserHost: false,
    onClosed: () => () => {},
    dispose: () => {},
  };
}
