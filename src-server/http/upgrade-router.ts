import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { pathOf } from './request-handler.js';

export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

/**
 * Sends each HTTP upgrade to the handler registered for its exact path; any other path gets a
 * 404 and its socket is closed, so no stray WebSocket lingers.
 */
export function routeUpgrades(handlers: Readonly<Record<string, UpgradeHandler>>): UpgradeHandler {
  return (req, socket, head) => {
    const path = pathOf(req.url);
    const handler = path !== undefined && Object.hasOwn(handlers, path) ? handlers[path] : undefined;
    if (handler) {
      handler(req, socket, head);
      return;
    }
    socket.on('error', () => socket.destroy());
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n', () => socket.destroy());
  };
}
