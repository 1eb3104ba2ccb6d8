import WebSocket from 'ws';
import type { SipWebSocketFactory } from '../../src-main/core/sip/sip-web-socket.js';

/** A port nothing listens on (discard): a connection attempt fails at once, like an unreachable network. */
const DEAD_URL = 'ws://127.0.0.1:9/sip';

/**
 * A softphone core's SIP WebSocket with a handle to cut it the way a network failure would: no
 * close handshake, the server only learns it from the TCP connection ending. After `sever()` the
 * network stays down: sockets the core opens to reconnect fail, so the PBX never sees it again.
 */
export function severableWebSocket(): { factory: SipWebSocketFactory; sever(): void } {
  const sockets: WebSocket[] = [];
  let down = false;
  const factory: SipWebSocketFactory = (url, protocol, handlers) => {
    const socket = new WebSocket(down ? DEAD_URL : url, protocol);
    sockets.push(socket);
    socket.on('open', () => handlers.onOpen());
    socket.on('message', (data) => handlers.onMessage(String(data)));
    socket.on('close', (code, reason) => handlers.onClose(code, String(reason)));
    socket.on('error', (error) => handlers.onError(error));
    return { send: (text) => socket.send(text), close: (code, reason) => socket.close(code, reason) };
  };
  const sever = (): void => {
    down = true;
    for (const socket of sockets.splice(0)) socket.terminate();
  };
  return { factory, sever };
}
