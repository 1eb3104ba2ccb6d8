/**
 * The registrar (RFC 3261 §10.3, RFC 7118 §5): digest-authenticated REGISTER, one ID may only
 * register itself, bindings live on the WebSocket connection they came on and go with it.
 */
import { BindingTable, type Binding, type DeviceKey } from './binding-table.js';
import { decideExpiry, DEFAULT_EXPIRY_LIMITS, type ExpiryLimits } from './expiry.js';
import { type SipAuthenticator } from '../auth/authenticator.js';
import { type PbxLogger } from '../logger.js';
import { type SipRequest } from '../sip/message.js';
import { formatNameAddr } from '../sip/headers.js';
import { type ServerTransaction } from '../transaction/server-transactions.js';
import { type SipConnection } from '../transport/sip-connection.js';

export interface RegistrarOptions {
  authenticator: SipAuthenticator;
  sipDomain: string;
  logger: PbxLogger;
  expiry?: ExpiryLimits;
  /** contacts one connection may hold (all IDs together) */
  maxContactsPerConnection?: number;
  now?: () => number;
}

interface ContactUpdate {
  device: DeviceKey;
  /** 0 = remove */
  seconds: number;
}

const SWEEP_INTERVAL_MS = 15_000;

export class Registrar {
  private readonly table = new BindingTable();
  private readonly watched = new Map<SipConnection, () => void>();
  private readonly sweepTimer: NodeJS.Timeout;
  private readonly expiry: ExpiryLimits;
  private readonly now: () => number;

  constructor(private readonly options: RegistrarOptions) {
    this.expiry = options.expiry ?? DEFAULT_EXPIRY_LIMITS;
    this.now = options.now ?? Date.now;
    this.sweepTimer = setInterval(() => this.table.sweep(this.now()), SWEEP_INTERVAL_MS);
    this.sweepTimer.unref();
  }

  get registrationCount(): number {
    return this.table.size;
  }

  /** Where an ID can be reached now: one binding per registered device. */
  contactsOf(sipUser: string): Binding[] {
    return this.table.current(sipUser, this.now());
  }

  handleRegister(request: SipRequest, tx: ServerTransaction, connection: SipConnection): void {
    const auth = this.options.authenticator.authenticate(request, 'www', connection.peerAddress);
    if (auth.kind === 'challenge') {
      tx.respond(this.options.authenticator.challenge('www', auth.stale));
      return;
    }
    if (auth.kind === 'forbidden') {
      tx.respond({ status: 403, reason: 'Forbidden' });
      return;
    }
    const identity = auth.identity;
    const aorHost = String(request.to.uri.host ?? '').toLowerCase();
    if (request.to.uri.user !== identity.sipUser || aorHost !== this.options.sipDomain.toLowerCase()) {
      this.options.logger.warn('REGISTER for another ID refused', { user: identity.sipUser, to: String(request.to.uri) });
      tx.respond({ status: 403, reason: 'Forbidden' });
      return;
    }
    const aor = identity.sipUser;

    if (request.contactWildcard) {
      // RFC 3261 §10.3 step 6: "*" only alone and only with Expires: 0
      if (request.message.getHeaders('contact').length > 0 || request.header('expires')?.trim() !== '0') {
        tx.respond({ status: 400, reason: 'Invalid Contact wildcard' });
        return;
      }
      this.table.removeAll(aor);
      this.respondBindings(tx, aor);
      return;
    }

    const updates = this.contactUpdates(request);
    if (updates.kind !== 'ok') {
      if (updates.kind === 'too-brief') {
        tx.respond({ status: 423, headers: [['Min-Expires', String(this.expiry.minSeconds)]] });
      } else {
        tx.respond({ status: 400, reason: updates.reason });
      }
      return;
    }
    for (const update of updates.list) {
      const existing = this.table.findSame(aor, update.device);
      // Same Call-ID must move forward in CSeq, or this is an old request arriving late.
      if (existing && existing.callId === request.callId && existing.cseq >= request.cseq) {
        tx.respond({ status: 500, reason: 'Out of Order REGISTER' });
        return;
      }
    }
    const adding = updates.list.filter((u) => u.seconds > 0 && !this.table.findSame(aor, u.device)).length;
    const limit = this.options.maxContactsPerConnection ?? 32;
    if (adding > 0 && this.table.countOnConnection(connection) + adding > limit) {
      tx.respond({ status: 403, reason: 'Too Many Contacts' });
      return;
    }

    const nowMs = this.now();
    for (const update of updates.list) {
      if (update.seconds === 0) {
        this.table.remove(aor, update.device);
        continue;
      }
      this.table.put({
        ...update.device,
        aor,
        connection,
        callId: request.callId,
        cseq: request.cseq,
        expiresAtMs: nowMs + update.seconds * 1000,
      });
      this.watch(connection);
    }
    if (updates.list.length > 0) {
      this.options.logger.info('registered', { user: aor, contacts: this.table.current(aor, nowMs).length });
    }
    this.respondBindings(tx, aor);
  }

  dispose(): void {
    clearInterval(this.sweepTimer);
    for (const unsubscribe of this.watched.values()) unsubscribe();
    this.watched.clear();
    this.table.clear();
  }

  private contactUpdates(
    request: SipRequest,
  ): { kind: 'ok'; list: ContactUpdate[] } | { kind: 'too-brief' } | { kind: 'invalid'; reason: string } {
    const list: ContactUpdate[] = [];
    const count = request.message.getHeaders('contact').length; // SIP.js splits comma-separated contacts
    if (count > 16) return { kind: 'invalid', reason: 'Too many contacts' };
    for (let index = 0; index < count; index++) {
      const contact = request.message.parseHeader('contact', index) as
        | { uri?: { scheme?: string; toString(): string }; getParam(name: string): string | null | undefined }
        | undefined;
      const scheme = contact?.uri?.scheme?.toLowerCase();
      if (!contact?.uri || (scheme !== 'sip' && scheme !== 'sips')) return { kind: 'invalid', reason: 'Bad Contact' };
      const decision = decideExpiry(contact.getParam('expires'), request.header('expires'), this.expiry);
      if (decision.kind === 'invalid') return { kind: 'invalid', reason: 'Bad Expires' };
      if (decision.kind === 'too-brief') return { kind: 'too-brief' };
      const instance = contact.getParam('+sip.instance');
      const regId = contact.getParam('reg-id');
      list.push({
        device: {
          contactUri: contact.uri.toString(),
          instanceId: instance ? instance.replace(/^"|"$/g, '') : undefined,
          regId: regId ?? undefined,
        },
        seconds: decision.kind === 'remove' ? 0 : decision.seconds,
      });
    }
    return { kind: 'ok', list };
  }

  /** 200 OK listing every current binding of the ID with its remaining time (§10.3 step 8). */
  private respondBindings(tx: ServerTransaction, aor: string): void {
    const nowMs = this.now();
    const contacts = this.table.current(aor, nowMs).map((binding): readonly [string, string] => {
      const remaining = Math.max(1, Math.round((binding.expiresAtMs - nowMs) / 1000));
      const instance = binding.instanceId ? `;+sip.instance="${binding.instanceId}"` : '';
      const regId = binding.regId ? `;reg-id=${binding.regId}` : '';
      return ['Contact', formatNameAddr(binding.contactUri, undefined, `${instance}${regId};expires=${remaining}`)];
    });
    tx.respond({ status: 200, headers: [...contacts, ['Date', new Date(nowMs).toUTCString()]] });
  }

  private watch(connection: SipConnection): void {
    if (this.watched.has(connection)) return;
    const unsubscribe = connection.onClose(() => {
      this.watched.delete(connection);
      this.table.removeConnection(connection);
      this.options.logger.debug('bindings of a closed connection removed', { connection: connection.id });
    });
    this.watched.set(connection, unsubscribe);
  }
}
