import WebSocket from 'ws';

/**
 * The WebSocket the SIP transport speaks through (RFC 7118, subprotocol `sip`).
 *
 * Why not the global WebSocket that SIP.js's own transport uses: Node 20 has none, and patching
 * `globalThis.WebSocket` from inside the core would be a hidden process-wide mutation. The core
 * runs only in Node (Electron main on Node 22, the browser host and tests on Node 20), so it
 * brings its own transport (sip-websocket-transport.ts) over this small interface, with `ws` as
 * the default implementation and a factory option for hosts that want another one.
 */
export interface SipWebSocketHandlers {
  onOpen(): void;
  onMessage(text: string): void;
  onClose(code: number, reason: string): void;
  onError(error: Error): void;
}

export interface SipWebSocket {
  send(text: string): void;
  close(code?: number, reason?: string): void;
}

export type SipWebSocketFactory = (url: string, protocol: string, handlers: SipWebSocketHandlers) => SipWebSocket;

/** SIP messages are small; anything near this size is hostile or broken. */
const MAX_SIP_MESSAGE_BYTES = 256 * 1024;

export const createNodeSipWebSocket: SipWebSocketFactory = (url, protocol, handlers) => {
  const socket = new WebSocket(url, protocol, { maxPayload: MAX_SIP_MESSAGE_BYTES, perMessageDeflate: false });
  socket.on('open', () => handlers.onOpen());
  socket.on('message', (data, isBinary) => {
    const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
    // RFC 7118 allows binary frames carrying UTF-8 SIP; treat both alike.
    handlers.onMessage(isBinary ? new TextDecoder().decode(buffer) : buffer.toString('utf8'));
  });
  socket.on('close', (code, reason) => handlers.onClose(code, reason.toString('utf8')));
  socket.on('error', (error) => handlers.onError(error));
  return {
    send: (text) => socket.send(text),
    close: (code, reason) => socket.close(code, reason),
  };
};
