/**
 * Who may talk to the browser host. The host drives a logged-in phone, so a web page from
 * elsewhere must not reach it: WebSocket upgrades must come from the host's own origin
 * (no cross-site WebSocket hijacking) and, when bound to loopback, every request must name
 * a loopback host (no DNS rebinding).
 */
export interface RequestGuard {
  isAllowedHost(hostHeader: string | undefined): boolean;
  isAllowedOrigin(originHeader: string | undefined, hostHeader: string | undefined): boolean;
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

export function isLoopbackAddress(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

function hostWithBrackets(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

export function createRequestGuard(listenHost: string, port: number): RequestGuard {
  const loopbackOnly = isLoopbackAddress(listenHost);
  const allowedHosts = new Set(
    [...LOOPBACK_NAMES, hostWithBrackets(listenHost)].map((name) => `${name}:${port}`.toLowerCase()),
  );
  const isAllowedHost = (hostHeader: string | undefined): boolean => {
    if (!hostHeader) return false;
    return loopbackOnly ? allowedHosts.has(hostHeader.toLowerCase()) : true;
  };
  return {
    isAllowedHost,
    isAllowedOrigin(originHeader, hostHeader) {
      if (!originHeader || !hostHeader || !isAllowedHost(hostHeader)) return false;
      return originHeader.toLowerCase() === `http://${hostHeader.toLowerCase()}`;
    },
  };
}
