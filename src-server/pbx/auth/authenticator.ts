/**
 * Digest authentication of SIP requests against the directory: REGISTER with 401 /
 * WWW-Authenticate, INVITE with 407 / Proxy-Authenticate.
 */
import { Grammar } from 'sip.js';
import {
  createNonceSecret,
  formatChallenge,
  issueNonce,
  parseDigestCredentials,
  verifyDigest,
  type DigestAlgorithm,
  type DigestCredentials,
} from './digest.js';
import { AuthFailureLimiter, DEFAULT_FAILURE_LIMITS, type FailureLimiterOptions } from './failure-limiter.js';
import { NonceReplayGuard } from './nonce-replay-guard.js';
import { type PbxDirectory, type PbxIdentity } from '../directory.js';
import { type PbxLogger } from '../logger.js';
import { type SipRequest } from '../sip/message.js';
import { type HeaderList } from '../sip/headers.js';

export type AuthScheme = 'www' | 'proxy';

/**
 * Challenge order: most preferred first, as RFC 8760 §2.4 asks. SIP.js 0.21 keeps only the LAST
 * WWW-/Proxy-Authenticate header it parses (its parser calls setHeader) and only speaks MD5, so
 * MD5 must come last for SIP.js to answer; clients that take the first one they support get SHA-256.
 */
export const CHALLENGE_ORDER: readonly DigestAlgorithm[] = ['SHA-256', 'MD5'];

export type AuthOutcome =
  | { kind: 'authenticated'; identity: PbxIdentity }
  | { kind: 'challenge'; stale: boolean }
  | { kind: 'forbidden'; reason: string };

const SCHEME_HEADERS: Record<AuthScheme, { credentials: string; challenge: string; status: 401 | 407 }> = {
  www: { credentials: 'authorization', challenge: 'WWW-Authenticate', status: 401 },
  proxy: { credentials: 'proxy-authorization', challenge: 'Proxy-Authenticate', status: 407 },
};

export interface SipAuthenticatorOptions {
  directory: PbxDirectory;
  nonceTtlMs: number;
  logger: PbxLogger;
  /** lockout after repeated failures; DEFAULT_FAILURE_LIMITS unless given (tests shorten it) */
  failureLimits?: Partial<FailureLimiterOptions>;
  now?: () => number;
}

export class SipAuthenticator {
  private readonly secret = createNonceSecret();
  private readonly replayGuard = new NonceReplayGuard(50_000);
  private readonly failures: AuthFailureLimiter;
  private readonly now: () => number;

  constructor(private readonly options: SipAuthenticatorOptions) {
    this.now = options.now ?? Date.now;
    this.failures = new AuthFailureLimiter({ ...DEFAULT_FAILURE_LIMITS, ...options.failureLimits });
  }

  get realm(): string {
    return this.options.directory.sipDomain;
  }

  /** `peer` identifies where the request came from (remote address) for the lockout. */
  authenticate(request: SipRequest, scheme: AuthScheme, peer: string): AuthOutcome {
    const credentials = this.credentialsFor(request, scheme);
    if (!credentials) return { kind: 'challenge', stale: false };
    const nowMs = this.now();
    const failureKey = `${peer}|${credentials.username}`;
    if (this.failures.isLocked(failureKey, nowMs)) return { kind: 'forbidden', reason: 'locked out after repeated failures' };
    const identity = this.options.directory.findIdentityBySipUser(credentials.username);
    const verdict = verifyDigest({
      credentials,
      method: request.method,
      uriMatches: (uri) => uriMatches(uri, request),
      // An unknown user is checked against a throw-away secret so both failures look alike.
      password: identity?.sipPassword ?? this.secret.toString('hex'),
      realm: this.realm,
      secret: this.secret,
      nowMs,
      nonceTtlMs: this.options.nonceTtlMs,
    });
    if (verdict.ok && identity) {
      if (!this.replayGuard.accept(credentials.nonce, credentials.nc ?? '', nowMs, this.options.nonceTtlMs)) {
        // SIP.js re-sends its last Authorization on refresh and un-REGISTER, so this is routine:
        // the password was right, only this nonce is used up.
        this.options.logger.debug('digest nonce count reused, challenging again', { user: credentials.username });
        return { kind: 'challenge', stale: true };
      }
      this.failures.recordSuccess(failureKey);
      return { kind: 'authenticated', identity };
    }
    if (!verdict.ok && verdict.challengeAgain) {
      // stale with a right answer is not a failure; a forged or foreign nonce just gets a new one
      return { kind: 'challenge', stale: verdict.reason === 'stale' && !!identity };
    }
    this.failures.recordFailure(failureKey, nowMs);
    const reason = verdict.ok ? 'unknown user' : verdict.reason;
    this.options.logger.info('digest authentication failed', { user: credentials.username, reason, peer });
    return { kind: 'forbidden', reason: 'authentication failed' };
  }

  /** Status and headers of a fresh challenge, one header per algorithm in CHALLENGE_ORDER. */
  challenge(scheme: AuthScheme, stale: boolean): { status: 401 | 407; headers: HeaderList } {
    const names = SCHEME_HEADERS[scheme];
    const nonce = issueNonce(this.secret, this.realm, this.now());
    const headers = CHALLENGE_ORDER.map(
      (algorithm) => [names.challenge, formatChallenge({ realm: this.realm, nonce, algorithm, stale })] as const,
    );
    return { status: names.status, headers };
  }

  private credentialsFor(request: SipRequest, scheme: AuthScheme): DigestCredentials | undefined {
    for (const value of request.headers(SCHEME_HEADERS[scheme].credentials)) {
      const parsed = parseDigestCredentials(value);
      if (parsed.ok && parsed.credentials.realm === this.realm) return parsed.credentials;
    }
    return undefined;
  }
}

function uriMatches(uri: string, request: SipRequest): boolean {
  if (uri === request.requestUri) return true;
  const parsed = Grammar.URIParse(uri);
  return !!parsed && parsed.toString() === request.uri.toString();
}
