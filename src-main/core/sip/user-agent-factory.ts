import { UserAgent, type SessionDescriptionHandlerFactory, type UserAgentDelegate } from 'sip.js';
import type { SoftphoneConfig } from '../../../src-shared/provisioning/softphone-config.js';
import type { Logger } from '../logging/logger.js';
import type { SipWebSocketFactory } from './sip-web-socket.js';
import { SipWebSocketTransport, type SipWebSocketTransportOptions } from './sip-websocket-transport.js';

export interface UserAgentFactoryOptions {
  sip: SoftphoneConfig['sip'];
  sessionDescriptionHandlerFactory: SessionDescriptionHandlerFactory;
  createWebSocket: SipWebSocketFactory;
  delegate: UserAgentDelegate;
  logger: Logger;
  userAgentString: string;
}

/**
 * A SIP.js UserAgent (core API only) for one provisioned account: our WebSocket transport,
 * the proxy SDH factory, no built-in reconnection (the endpoint owns that policy) and no
 * graceful-shutdown magic (the endpoint unregisters and hangs up itself, within time limits).
 */
export function createSipUserAgent(options: UserAgentFactoryOptions): UserAgent {
  const uri = UserAgent.makeURI(options.sip.uri);
  if (!uri) throw new Error(`invalid SIP URI: ${options.sip.uri}`);
  const sipLogger = options.logger.child({ component: 'sip.js' });
  const transportOptions: SipWebSocketTransportOptions = {
    server: options.sip.wsUrl,
    createWebSocket: options.createWebSocket,
    logger: options.logger.child({ component: 'sip-transport' }),
  };
  return new UserAgent({
    uri,
    displayName: options.sip.displayName,
    authorizationUsername: options.sip.authorizationUsername,
    authorizationPassword: options.sip.password,
    transportConstructor: SipWebSocketTransport,
    transportOptions,
    sessionDescriptionHandlerFactory: options.sessionDescriptionHandlerFactory,
    delegate: options.delegate,
    userAgentString: options.userAgentString,
    gracefulShutdown: false,
    logBuiltinEnabled: false,
    logLevel: 'warn',
    logConnector: (level, category, _label, content) => {
      const message = `${category}: ${content}`;
      if (level === 'error') sipLogger.error(message);
      else if (level === 'warn') sipLogger.warn(message);
      else sipLogger.debug(message);
    },
  });
}
