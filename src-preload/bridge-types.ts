import type { Result } from '../src-shared/contract/result.js';

/**
 * What the preload puts on `window`. The renderer declares the same shapes for itself
 * (src-renderer/client/renderer-bridge.ts); both sides are typed against the one contract.
 */
export interface ContractBridge {
  /** Call a contract method; always resolves with a Result, never rejects. */
  invoke(method: string, args: unknown): Promise<Result<unknown>>;
  /** Listen to a contract topic; returns the unsubscribe function. */
  on(topic: string, listener: (payload: unknown) => void): () => void;
}

export type MediaRequestHandler = (method: string, args: unknown) => Promise<Result<unknown>>;

export interface MediaServeBridge {
  /** Serve main's media requests with this handler (once per page). */
  serve(handler: MediaRequestHandler): void;
}

/** The part of Electron's ipcRenderer the bridges use (injected so tests run in plain Node). */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export interface ContextBridgeLike {
  exposeInMainWorld(key: string, api: unknown): void;
}
