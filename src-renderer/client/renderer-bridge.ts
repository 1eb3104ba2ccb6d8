import type { Result } from '../../src-shared/contract/result.js';

/**
 * What a window talks to main through. In Electron the preload exposes it as
 * `window.plusphone`; in the browser host a WebSocket bridge gives the same shape. Only
 * contract methods and topics pass; main validates every argument.
 */
export interface RendererBridge {
  invoke(method: string, args: unknown): Promise<Result<unknown>>;
  on(topic: string, listener: (payload: unknown) => void): () => void;
}

/** Handles one media request from main (the hidden media window or the browser-host page). */
export type MediaRequestHandler = (method: string, args: unknown) => Promise<Result<unknown>>;

/** Exposed by the preload in the hidden Electron media window only. */
export interface MediaServeBridge {
  serve(handler: MediaRequestHandler): void;
}

declare global {
  interface Window {
    plusphone?: RendererBridge;
    plusphoneMedia?: MediaServeBridge;
  }
}

/** User-facing texts for failures the transport itself produces (the window's language). */
export interface TransportMessages {
  unavailable: string;
  timeout: string;
}
